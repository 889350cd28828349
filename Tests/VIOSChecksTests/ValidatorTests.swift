import Foundation
import Testing
import VIOSCore
import VIOSSource
@testable import VIOSChecks

/// A small site on disk, removed again when the test ends.
final class SiteOnDisk {
    let root: String

    init(_ files: [String: String]) throws {
        root = NSTemporaryDirectory() + "vios-checks-" + UUID().uuidString
        for (path, text) in files { try write(path, text) }
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func write(_ path: String, _ text: String) throws {
        try write(path, bytes: Array(text.utf8))
    }

    func write(_ path: String, bytes: [UInt8]) throws {
        let url = URL(fileURLWithPath: root + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    func validate(today: CalendarDate = today) throws -> ValidatedSite {
        try Validator.run(root: root, today: today)
    }

    /// The samples as a site, with a site.yml and the image they show.
    static func samples(replacing changed: [Sample] = [], extra: [String: String] = [:]) throws -> SiteOnDisk {
        var files: [String: String] = [
            "Content/site.yml": "titel: Kennisbank\nbase-url: https://kennisbank.example.nl/\n",
            "Content/img/plein.jpg": "jpg",
            "Content/bijlagen/convenant.pdf": "pdf",
        ]
        for sample in Samples.all { files[sample.path] = sample.text }
        for sample in changed { files[sample.path] = sample.text }
        for (path, text) in extra { files[path] = text }
        return try SiteOnDisk(files)
    }
}

extension ValidatedSite {
    /// `file:line:column code severity` of every diagnostic.
    var briefs: [String] { diagnostics.map { "\($0.location.file) \($0.brief)" } }
}

@Suite struct ValidatorTests {
    @Test func samplesOnDiskAreClean() throws {
        let site = try SiteOnDisk.samples()
        let result = try site.validate()
        #expect(result.briefs == [])
        #expect(result.documents.count == 6)
    }

    @Test func missingContentFolderIsAFailure() {
        #expect(throws: ContentInventory.Failure.self) {
            try Validator.run(root: NSTemporaryDirectory() + "vios-none-" + UUID().uuidString, today: today)
        }
    }

    // MARK: VIOS105 symlink leaving the site

    @Test func symlinkOutOfTheSiteIs105AndIsNotRead() throws {
        let site = try SiteOnDisk.samples()
        let outside = try SiteOnDisk(["geheim.md": "---\ntype: gemeente\n---\nBSN 123456782\n"])
        try FileManager.default.createSymbolicLink(atPath: site.root + "/Content/gemeenten/geheim.md",
                                                   withDestinationPath: outside.root + "/geheim.md")
        let result = try site.validate()
        #expect(result.briefs == ["Content/gemeenten/geheim.md VIOS105 error 1:1"])
        #expect(result.diagnostics[0].message == "'Content/gemeenten/geheim.md' is een symbolische link naar een bestand buiten de site; die wordt niet gelezen")
        #expect(result.documents.count == 6)
    }

    @Test func symlinkedFolderOutOfTheSiteIs105() throws {
        let site = try SiteOnDisk.samples()
        let outside = try SiteOnDisk(["x.md": "x"])
        try FileManager.default.createSymbolicLink(atPath: site.root + "/Content/handreikingen/extern",
                                                   withDestinationPath: outside.root)
        #expect(try site.validate().briefs == ["Content/handreikingen/extern VIOS105 error 1:1"])
    }

    @Test func symlinkInsideTheSiteIsNot105() throws {
        let site = try SiteOnDisk.samples(extra: ["Bronnen/delft.md": Samples.gemeente.text.replacing("Arnhem", with: "Delft")])
        try FileManager.default.createSymbolicLink(atPath: site.root + "/Content/gemeenten/delft.md",
                                                   withDestinationPath: site.root + "/Bronnen/delft.md")
        let result = try site.validate()
        #expect(result.briefs == [])
        #expect(result.documents.map(\.path).contains("Content/gemeenten/delft.md"))
    }

    // MARK: VIOS403 on disk

    @Test func sameSlugInASubfolderIs403() throws {
        let site = try SiteOnDisk.samples(extra: ["Content/gemeenten/archief/arnhem.md": Samples.gemeente.text])
        let result = try site.validate()
        #expect(result.briefs == ["Content/gemeenten/arnhem.md VIOS403 error 1:1"])
        #expect(result.diagnostics[0].message == "slug 'arnhem' komt twee keer voor in Content/gemeenten (ook in Content/gemeenten/archief/arnhem.md)")
    }

    @Test func malformedFileNameIs202() throws {
        let site = try SiteOnDisk.samples(extra: ["Content/gemeenten/Den Haag.md": Samples.gemeente.text])
        let result = try site.validate()
        #expect(result.briefs == ["Content/gemeenten/Den Haag.md VIOS202 error 1:1"])
        #expect(result.diagnostics[0].message.hasSuffix("hernoem naar 'den-haag'"))
    }

    // MARK: site.yml

    @Test func siteConfigProblemsUseTheDocumentCodes() throws {
        let site = try SiteOnDisk.samples(extra: ["Content/site.yml": "titel: Kennisbank\nbase-url: kennisbank.example.nl\ntaaal: nl\n"])
        let result = try site.validate()
        #expect(result.briefs == ["Content/site.yml VIOS202 error 2:11", "Content/site.yml VIOS204 warning 3:1"])
        #expect(result.diagnostics[1].message == "onbekend veld 'taaal'; bedoelt u 'taal'?")
    }

    @Test func siteConfigMissingFieldAndBadYAML() throws {
        let missing = try SiteOnDisk.samples(extra: ["Content/site.yml": "titel: Kennisbank\n"])
        #expect(try missing.validate().briefs == ["Content/site.yml VIOS201 error 1:1"])
        let broken = try SiteOnDisk.samples(extra: ["Content/site.yml": "titel: Kennisbank\nbase-url: 'https://x.nl/\n"])
        #expect(try broken.validate().briefs == ["Content/site.yml VIOS102 error 2:11"])
    }

    // MARK: Custom structures

    @Test func customStructureFileIsSelectedByStructuur() throws {
        let plan = Samples.plan.replacing("structuur: sass", with: "structuur: arnhems-model")
        let site = try SiteOnDisk.samples(replacing: [plan], extra: [
            "Content/structuren/arnhems-model.yml": """
                titel: Arnhems model
                secties:
                  - titel: Doel, visie en kernwaarden
                  - titel: Rol van de schoolveiligheidscoördinator
                    aliassen: [Coördinator]
                  - titel: Toezicht
                  - titel: Bijlagen
                    verplicht: false

                """,
        ])
        let result = try site.validate()
        // The plan's sass sections in between are unknown here; the
        // coordinator section is missing after the first one.
        let path = plan.path
        #expect(result.briefs == [
            "\(path) VIOS301 error \(plan.pos("## Doel, visie"))",
            "\(path) VIOS305 warning \(plan.pos("## Sociale veiligheid en medewerkers"))",
            "\(path) VIOS305 warning \(plan.pos("## Sociale veiligheid en leerlingen"))",
            "\(path) VIOS305 warning \(plan.pos("## Sociale veiligheid en zorgstructuur"))",
            "\(path) VIOS305 warning \(plan.pos("## Monitoring"))",
        ])
        #expect(result.diagnostics[0].message == "sectie 'Rol van de schoolveiligheidscoördinator' ontbreekt (structuur arnhems-model)")
        #expect(result.context.planStructures["arnhems-model"]?.sections.count == 4)
    }

    @Test func brokenStructureFileIsReportedInIt() throws {
        let site = try SiteOnDisk.samples(extra: [
            "Content/structuren/eigen.yml": "titel: Eigen\nsecties:\n  - titel: A\n    verplict: false\n",
        ])
        let result = try site.validate()
        #expect(result.briefs == ["Content/structuren/eigen.yml VIOS204 warning 4:5"])
        #expect(result.diagnostics[0].message == "onbekend veld 'verplict'; bedoelt u 'verplicht'?")
    }

    // MARK: BOM and CRLF on disk

    @Test func bomAndCRLFFilesReportTheSameLinesAsLF() throws {
        let plan = Samples.plan.replacing("brin: 12AB00", with: "brin: 12AB0")
            .appending("\nBel 06-12345678 of zie [x](#nergens).\n\n<div>\n")
        let lf = try SiteOnDisk.samples(replacing: [plan])
        let expected = try lf.validate().briefs
        #expect(expected.count == 4)
        let crlf = try SiteOnDisk.samples()
        try crlf.write(plan.path, bytes: [0xEF, 0xBB, 0xBF] + Array(plan.text.replacingOccurrences(of: "\n", with: "\r\n").utf8))
        #expect(try crlf.validate().briefs == expected)
    }
}

private extension String {
    func replacing(_ a: String, with b: String) -> String { replacingOccurrences(of: a, with: b) }
}
