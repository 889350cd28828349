import Foundation
import Testing
import VIOSCore
@testable import VIOSSource

/// `vios serve` keeps parsed documents between builds: an unchanged file
/// comes from the cache, a changed one is parsed again, a removed one is
/// forgotten, and the results equal a read without cache.
@Suite struct ParseCacheTests {
    static func gemeente(_ naam: String) -> String { "---\ntype: gemeente\nnaam: \(naam)\n---\n\n## Aanpak\n\nTekst over \(naam).\n" }

    func read(_ folder: InventoryRobustnessTests.Folder, _ cache: ParseCache?) throws -> [String: String] {
        let results = DocumentReader.read(try folder.scan(), cache: cache) { parsed in
            (parsed.document.path, (parsed.document.frontmatter?["naam"]?.string ?? "-") + " " + parsed.bodyText)
        }
        return Dictionary(uniqueKeysWithValues: results)
    }

    @Test func unchangedFilesComeFromTheCacheAndChangesAreSeen() throws {
        let folder = try InventoryRobustnessTests.Folder(["Content/gemeenten/arnhem.md": Self.gemeente("Arnhem"),
                                                          "Content/gemeenten/ede.md": Self.gemeente("Ede")])
        let cache = ParseCache()
        let first = try read(folder, cache)
        #expect(cache.count == 2)
        // Hits only for the same bytes and the same render choice.
        let bytes = Array(Self.gemeente("Ede").utf8)
        #expect(cache.lookup("Content/gemeenten/ede.md", bytes: bytes, rendered: false)?.document.slug == "ede")
        #expect(cache.lookup("Content/gemeenten/ede.md", bytes: bytes, rendered: true) == nil)
        #expect(cache.lookup("Content/gemeenten/ede.md", bytes: bytes + [10], rendered: false) == nil)
        #expect(try read(folder, cache) == first)
        #expect(try read(folder, nil) == first)

        // Same length, other bytes: parsed again.
        try Data(Self.gemeente("Edo").utf8).write(to: URL(fileURLWithPath: folder.root + "/Content/gemeenten/ede.md"))
        let edited = try read(folder, cache)
        #expect(edited["Content/gemeenten/ede.md"]?.hasPrefix("Edo ") == true)
        #expect(edited == (try read(folder, nil)))

        try FileManager.default.removeItem(atPath: folder.root + "/Content/gemeenten/arnhem.md")
        #expect(try read(folder, cache).keys.sorted() == ["Content/gemeenten/ede.md"])
        #expect(cache.count == 1)
    }
}
