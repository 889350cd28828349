import Foundation
import Testing
import VIOSCore
@testable import VIOSSource

/// Listing `Content/` never leaves the site, never follows a loop, never
/// opens a pipe, and names every odd file name (issue 7, item 2).
@Suite struct InventoryRobustnessTests {
    /// A site folder with files; symlinks and pipes are added by the test.
    final class Folder {
        let root: String
        init(_ files: [String: String]) throws {
            root = NSTemporaryDirectory() + "vios-inventory-" + UUID().uuidString
            for (path, text) in files {
                let url = URL(fileURLWithPath: root + "/" + path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
        }
        deinit { try? FileManager.default.removeItem(atPath: root) }
        func link(_ path: String, to target: String) throws {
            try FileManager.default.createSymbolicLink(atPath: root + "/" + path, withDestinationPath: target)
        }
        func scan() throws -> ContentInventory { try ContentInventory.scan(root: root) }
    }

    static let document = "---\ntype: gemeente\n---\n"

    func briefs(_ inventory: ContentInventory) -> [String] {
        inventory.diagnostics.map { "\($0.location.file) \($0.code.rawValue) \($0.location.line):\($0.location.column)" }
    }

    @Test func symlinkLoopIsReportedAndNotFollowed() throws {
        // Was: a link to a folder above it made the walk recurse until the
        // stack overflowed (the absolute path stayed short, so no ENAMETOOLONG).
        let folder = try Folder(["Content/gemeenten/arnhem.md": Self.document])
        try folder.link("Content/gemeenten/lus", to: "..")
        try folder.link("Content/terug", to: folder.root)
        let inventory = try folder.scan()
        #expect(briefs(inventory) == ["Content/gemeenten/lus VIOS101 1:1", "Content/terug VIOS101 1:1"])
        #expect(inventory.diagnostics[0].message == "'Content/gemeenten/lus' is een symbolische link naar een map erboven (een lus); die wordt niet gevolgd")
        #expect(inventory.documents.map(\.path) == ["Content/gemeenten/arnhem.md"])
    }

    @Test func namedPipeIsReportedAndNeverOpened() throws {
        // Was: a FIFO was listed as a file; reading it blocked forever.
        let folder = try Folder(["Content/gemeenten/arnhem.md": Self.document])
        #expect(mkfifo(folder.root + "/Content/gemeenten/pijp.md", 0o600) == 0)
        let clock = ContinuousClock()
        var inventory: ContentInventory?
        let elapsed = try clock.measure { inventory = try folder.scan() }
        #expect(elapsed < .seconds(1))
        #expect(inventory.map(briefs) == ["Content/gemeenten/pijp.md VIOS101 1:1"])
        #expect(inventory?.diagnostics.first?.message == "'Content/gemeenten/pijp.md' is geen gewoon bestand (named pipe, socket of apparaat); vios leest het niet")
        #expect(inventory?.documents.count == 1)
    }

    @Test func contentFolderLinkedOutsideTheSiteIsRefused() throws {
        // Was: Content itself was never checked: a link to /etc (or to a
        // home folder) listed and published whatever was there.
        let outside = try Folder(["gemeenten/geheim.md": Self.document])
        let folder = try Folder(["Templates/home.mustache": "x"])
        try folder.link("Content", to: outside.root)
        let inventory = try folder.scan()
        #expect(briefs(inventory) == ["Content VIOS105 1:1"])
        #expect(inventory.documents.isEmpty)
    }

    @Test func linkToAFileOutsideIsNotListedEvenThroughALinkedFolderInside() throws {
        let outside = try Folder(["geheim.md": Self.document, "foto.jpg": "jpg"])
        let folder = try Folder(["Content/gemeenten/arnhem.md": Self.document, "gedeeld/readme.txt": "x"])
        try folder.link("gedeeld/geheim.md", to: outside.root + "/geheim.md")
        try folder.link("Content/gedeeld", to: "../gedeeld")
        try folder.link("Content/img", to: outside.root)
        let inventory = try folder.scan()
        #expect(briefs(inventory) == ["Content/gedeeld/geheim.md VIOS105 1:1", "Content/img VIOS105 1:1"])
        #expect(inventory.assets == ["Content/gedeeld/readme.txt"])
    }

    @Test func danglingLinkIsNamed() throws {
        let folder = try Folder(["Content/gemeenten/arnhem.md": Self.document])
        try folder.link("Content/gemeenten/weg.md", to: "bestaat-niet.md")
        #expect(briefs(try folder.scan()) == ["Content/gemeenten/weg.md VIOS404 1:1"])
    }

    @Test(arguments: [
        ("Content/gemeenten/Den Haag.md", "bestandsnaam 'Den Haag'", "den-haag"),
        ("Content/gemeenten/Zoë.md", "bestandsnaam 'Zoë'", "zoe"),
        ("Content/gemeenten/ARNHEM.md", "bestandsnaam 'ARNHEM'", "arnhem"),
        ("Content/handreikingen/vapes op school (concept).md", "bestandsnaam 'vapes op school (concept)'", "vapes-op-school-concept"),
        ("Content/scholen/De Linde/veiligheidsplan.md", "mapnaam 'De Linde'", "de-linde"),
        ("Content/scholen/école-ü/incidentprotocol.md", "mapnaam 'école-ü'", "ecole-u"),
    ])
    func oddFileNamesGetASlugDiagnosticWithARename(path: String, named: String, rename: String) throws {
        let folder = try Folder([path: Self.document])
        let inventory = try folder.scan()
        #expect(briefs(inventory) == ["\(path) VIOS202 1:1"])
        #expect(inventory.diagnostics.first?.message
                == "\(named) is geen geldige slug: gebruik alleen kleine letters a-z, cijfers en '-'; hernoem naar '\(rename)'")
        #expect(inventory.documents.isEmpty)
    }

    @Test func rootedListingOfTemplatesSkipsLinksOutOfTheSite() throws {
        // What `Templates/` readers should use (see RootedListing).
        let outside = try Folder(["passwd": "root:x:0:0"])
        let folder = try Folder(["Templates/home.mustache": "x", "Templates/assets/site.css": "x"])
        try folder.link("Templates/assets/lek.css", to: outside.root + "/passwd")
        try folder.link("Templates/partials", to: outside.root)
        let listing = RootedListing.list("Templates", root: folder.root)
        #expect(listing.files == ["Templates/assets/site.css", "Templates/home.mustache"])
        #expect(listing.diagnostics.map { "\($0.location.file) \($0.code.rawValue)" }
                == ["Templates/assets/lek.css VIOS105", "Templates/partials VIOS105"])
    }
}
