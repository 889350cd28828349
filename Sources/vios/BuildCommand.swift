import ArgumentParser
import Foundation
import VIOSCore
import VIOSSite

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Controleer en bouw de website en de factsheets in Output/."
    )

    @OptionGroup var options: CommonOptions

    @Option(name: .long, help: "Map voor de website (relatief aan --root).")
    var output: String = "Output"

    @Flag(name: .long, help: "Neem ook concepten (concept: true) op.")
    var drafts = false

    @Flag(name: .long, help: ArgumentHelp(
        "Maak van elke factsheet ook een PDF (factsheets/<school>.pdf), met Chromium zonder venster.",
        discussion: "Zoekt chromium, chromium-browser of google-chrome op het PATH (of VIOS_CHROMIUM). "
            + "Alleen factsheets die veranderd zijn worden opnieuw geprint (.vios-cache/pdf/)."))
    var pdf = false

    @Flag(name: .long, help: ArgumentHelp(
        "Bouw alles opnieuw, zonder de bouwcache (.vios-cache/).",
        discussion: "Standaard worden bestanden die niet veranderd zijn uit de vorige Output/ overgenomen."))
    var noCache = false

    func run() throws {
        let today = try options.resolvedToday()
        if pdf && FactsheetPDF.browser() == nil { Terminal.fail(FactsheetPDF.missingBrowserMessage) }
        let progress = ProgressLine(enabled: !options.quiet && options.format == .text && Terminal.stderrIsTerminal)
        var buildOptions = BuildOptions(root: options.rootPath, output: output, today: today, drafts: drafts,
                                        strict: options.strict, progress: { progress.show($0) })
        buildOptions.pdf = pdf
        buildOptions.cache = !noCache
        let reporter = Reporter(options: options)
        // The process exits right after the build (`Terminal.finish`).
        ProcessTeardown.skipAtExit()
        do {
            let result = try SiteBuilder.build(buildOptions)
            progress.clear()
            reporter.report(documents: result.documentsChecked, diagnostics: result.site.diagnostics)
            if !options.quiet && options.format == .text && result.upToDate {
                Terminal.err("Site is al bij: niets veranderd sinds de vorige build (\(result.filesWritten) bestanden in "
                             + "\(result.outputPath))\n")
            } else if !options.quiet && options.format == .text {
                Terminal.err("Site gebouwd: \(result.filesWritten) bestanden in \(result.outputPath)"
                             + BuildCommand.renderedNote(result.pagesRendered, of: result.pages) + "\n")
            }
            Terminal.finish(0)
        } catch .content(let site) {
            progress.clear()
            reporter.report(documents: site.documents.count, diagnostics: site.diagnostics)
            if !options.quiet && options.format == .text {
                Terminal.err("Niet gebouwd: los eerst de fouten op. Output/ is niet veranderd.\n")
            }
            Terminal.finish(1)
        } catch .templates(let diagnostics) {
            progress.clear()
            reporter.report(documents: 0, diagnostics: diagnostics)
            throw ExitCode(2)
        } catch .failure(let message) {
            progress.clear()
            Terminal.fail(message)
        }
    }
}

/// One self-overwriting progress line on a terminal's stderr.
final class ProgressLine: @unchecked Sendable {
    // @unchecked: the lock below guards `last`; callbacks come from worker threads.
    private let enabled: Bool
    private let lock = NSLock()
    private var shown = false

    init(enabled: Bool) { self.enabled = enabled }

    func show(_ text: String) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        Terminal.err("\r\u{1B}[K" + text)
        shown = true
    }

    func clear() {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        if shown { Terminal.err("\r\u{1B}[K") }
        shown = false
    }
}

extension BuildCommand {
    /// ` (12 van 3.479 pagina's opnieuw gemaakt)` after an incremental
    /// build, so a user sees what a change cost; nothing after a full one.
    static func renderedNote(_ rendered: Int, of pages: Int) -> String {
        guard rendered < pages else { return "" }
        return " (\(rendered) van \(pages) pagina's opnieuw gemaakt)"
    }
}
