import ArgumentParser
import Foundation
import VIOSChecks
import VIOSCore
import VIOSSource

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Controleer alle documenten en toon wat er mis is; schrijft niets."
    )

    @OptionGroup var options: CommonOptions

    func run() throws {
        let today = try options.resolvedToday()
        let site: ValidatedSite
        do {
            site = try Validator.run(root: options.rootPath, today: today)
        } catch {
            Terminal.fail(error.dutchDescription)
        }
        let reporter = Reporter(options: options)
        reporter.report(documents: site.documents.count, diagnostics: site.diagnostics)
        Terminal.finish(reporter.fails(site.diagnostics) ? 1 : 0)
    }
}

extension ContentInventory.Failure {
    var dutchDescription: String {
        switch self {
        case .noContentFolder(let path): return "geen map Content/ gevonden (\(path)); geef de map van de site met --root"
        case .unreadable(let path): return "kan \(path) niet lezen"
        }
    }
}
