import Foundation
import VIOSCore

/// Prints diagnostics in the chosen format and decides the exit code.
/// The only place that writes diagnostics to the terminal.
struct Reporter {
    let options: CommonOptions

    func report(documents: Int, diagnostics: [Diagnostic]) {
        let summary = DiagnosticFormat.Summary(documents: documents, diagnostics: diagnostics)
        switch options.format {
        case .json:
            Terminal.out(DiagnosticFormat.json(summary))
        case .github:
            Terminal.out(DiagnosticFormat.github(summary))
        case .text:
            let lines = SourceLineCache(root: options.rootPath)
            // --quiet keeps only the findings.
            Terminal.out(DiagnosticFormat.text(summary, color: Terminal.colorOnStdout, summaryLine: !options.quiet) {
                lines.line(file: $0, number: $1)
            })
        }
    }

    /// 1 when content fails: errors, or warnings under --strict.
    func fails(_ diagnostics: [Diagnostic]) -> Bool {
        diagnostics.errorCount > 0 || (options.strict && diagnostics.warningCount > 0)
    }
}

/// Reads a source line on demand for the caret display; only files with
/// findings are read, once each.
final class SourceLineCache {
    private let root: String
    private var files: [String: LazyLines] = [:]
    private var unreadable: Set<String> = []

    init(root: String) { self.root = root }

    func line(file: String, number: Int) -> String? {
        if files[file] == nil {
            guard !unreadable.contains(file), let data = FileManager.default.contents(atPath: root + "/" + file) else {
                unreadable.insert(file)
                return nil
            }
            files[file] = LazyLines([UInt8](data))
        }
        return files[file]?.line(number)
    }
}

enum Terminal {
    static var colorOnStdout: Bool {
        isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Ends the process once everything is reported, without freeing the
    /// checked site first: nationally 15,000 documents, a tenth of a
    /// second of deallocation that nobody waits for (output is unbuffered).
    static func finish(_ code: Int32) -> Never {
        exit(code)
    }

    /// A usage-level failure: message on stderr, exit 2.
    static func fail(_ message: String) -> Never {
        err("vios: fout: \(message)\n")
        exit(2)
    }
}
