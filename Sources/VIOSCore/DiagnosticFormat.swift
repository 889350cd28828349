import Foundation

/// The three output formats of cli.md, as pure functions of diagnostics.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    case text, json, github

    public struct Summary: Sendable {
        public var documents: Int
        public var diagnostics: [Diagnostic]
        public init(documents: Int, diagnostics: [Diagnostic]) {
            self.documents = documents
            self.diagnostics = diagnostics.sortedForOutput()
        }
    }

    /// Compiler-style blocks with the offending line and a caret, then a
    /// summary line. `sourceLine(file, line)` gives the line's text.
    public static func text(_ summary: Summary, color: Bool, summaryLine withSummary: Bool = true,
                            sourceLine: (String, Int) -> String?) -> String {
        var out = ""
        let red = color ? "\u{1B}[1;31m" : "", yellow = color ? "\u{1B}[1;33m" : ""
        let bold = color ? "\u{1B}[1m" : "", blue = color ? "\u{1B}[34m" : "", reset = color ? "\u{1B}[0m" : ""
        for d in summary.diagnostics {
            let tint = d.severity == .error ? red : yellow
            out += "\(bold)\(d.location.file):\(d.location.line):\(d.location.column):\(reset) "
            out += "\(tint)\(d.severity.dutch) \(d.code.rawValue):\(reset) \(bold)\(d.message)\(reset)\n"
            if let line = sourceLine(d.location.file, d.location.line) {
                let number = String(d.location.line)
                let gutter = String(repeating: " ", count: max(3, number.count + 1) - number.count)
                let shown = line.replacingOccurrences(of: "\t", with: " ")
                out += "\(blue)\(gutter)\(number) |\(reset) \(shown)\n"
                let pad = String(repeating: " ", count: max(0, d.location.column - 1))
                out += "\(blue)\(String(repeating: " ", count: gutter.count + number.count)) |\(reset) \(pad)\(tint)^\(reset)\n"
            }
            if let suggestion = d.suggestion { out += "   = \(suggestion)\n" }
        }
        if withSummary { out += summaryLine(summary) + "\n" }
        return out
    }

    public static func summaryLine(_ summary: Summary) -> String {
        let e = summary.diagnostics.errorCount, w = summary.diagnostics.warningCount
        let docs = summary.documents == 1 ? "1 document" : "\(summary.documents) documenten"
        return "\(docs) gecontroleerd: \(e) \(e == 1 ? "fout" : "fouten"), \(w) \(w == 1 ? "waarschuwing" : "waarschuwingen")"
    }

    struct JSONReport: Encodable {
        var version = 1
        var documents: Int
        var errors: Int
        var warnings: Int
        var diagnostics: [JSONDiagnostic]
    }

    struct JSONDiagnostic: Encodable {
        var code: String
        var severity: String
        var file: String
        var line: Int
        var column: Int
        var message: String
        var suggestion: String?
    }

    /// Exactly one JSON object.
    public static func json(_ summary: Summary) -> String {
        let report = JSONReport(
            documents: summary.documents, errors: summary.diagnostics.errorCount,
            warnings: summary.diagnostics.warningCount,
            diagnostics: summary.diagnostics.map {
                JSONDiagnostic(code: $0.code.rawValue, severity: $0.severity.rawValue, file: $0.location.file,
                               line: $0.location.line, column: $0.location.column, message: $0.message,
                               suggestion: $0.suggestion)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// GitHub Actions workflow commands. GitHub shows only the first ten
    /// annotations of a step, so the full list follows as plain log lines.
    public static func github(_ summary: Summary) -> String {
        var out = ""
        for d in summary.diagnostics {
            let command = d.severity == .error ? "error" : "warning"
            out += "::\(command) file=\(property(d.location.file)),line=\(d.location.line),col=\(d.location.column),title=\(d.code.rawValue)::\(data(d.message))\n"
        }
        if summary.diagnostics.count > 10 {
            out += "::group::Alle \(summary.diagnostics.count) meldingen\n"
            for d in summary.diagnostics {
                out += "\(d.location.file):\(d.location.line):\(d.location.column): \(d.severity.dutch) \(d.code.rawValue): \(d.message)\n"
            }
            out += "::endgroup::\n"
        }
        out += summaryLine(summary) + "\n"
        return out
    }

    /// Escaping of workflow command data and properties (actions/toolkit).
    static func data(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func property(_ s: String) -> String {
        data(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
