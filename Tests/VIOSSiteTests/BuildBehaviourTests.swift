import Foundation
import Testing
import VIOSCore
@testable import VIOSSite

/// Writing: determinism, the atomic swap, drafts, safety, templates.
@Suite struct BuildBehaviourTests {
    @Test func secondBuildIsByteIdentical() throws {
        let site = try SiteFixture()
        defer { site.cleanUp() }
        try site.build(output: "A")
        try site.build(output: "B")
        let a = SiteFixture.snapshot(site.root + "/A"), b = SiteFixture.snapshot(site.root + "/B")
        #expect(a.count > 70)
        #expect(a.keys.sorted() == b.keys.sorted())
        for (path, bytes) in a { #expect(b[path] == bytes, "\(path) differs") }
        // Rebuilding in place gives the same bytes too.
        try site.build(output: "A")
        #expect(SiteFixture.snapshot(site.root + "/A") == a)
    }

    @Test func failingBuildLeavesOutputExactlyAsItWas() throws {
        let site = try SiteFixture()
        defer { site.cleanUp() }
        try site.build()
        let before = SiteFixture.snapshot(site.root + "/Output")
        try site.write("Content/handreikingen/kapot.md", SiteFixture.handreiking(titel: "Kapot", extraFields: "bijgewerkt: 2025-13-45\n"))
        do {
            try site.build()
            Issue.record("build with a content error succeeded")
        } catch .content(let validated) {
            #expect(validated.hasErrors)
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(SiteFixture.snapshot(site.root + "/Output") == before)
        // No temporary folders are left beside it.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root).filter { $0.hasPrefix(".Output") }
        #expect(leftovers.isEmpty)
    }

    @Test func templateErrorLeavesOutputUntouchedAndNamesThePosition() throws {
        let site = try SiteFixture()
        defer { site.cleanUp() }
        try site.build()
        let before = SiteFixture.snapshot(site.root + "/Output")
        try site.write("Templates/home.mustache", "{{> partials/head}}\n<main>\n  {{> partials/hoofd}}\n{{#x}}\n</main>\n")
        try site.write("Templates/thema.mustache", "<p>{{#open}}</p>\n")
        do {
            try site.build()
            Issue.record("build with template errors succeeded")
        } catch .templates(let diagnostics) {
            #expect(diagnostics.allSatisfy { $0.code == .vios801 })
            let positions = diagnostics.map { "\($0.location.file):\($0.location.line):\($0.location.column)" }
            #expect(positions.contains("Templates/home.mustache:3:3"), "\(positions)")
            #expect(diagnostics.contains { $0.location.file == "Templates/thema.mustache" }, "\(positions)")
            #expect(diagnostics.contains { $0.message.contains("partials/hoofd") && $0.message.contains("partials/head") })
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(SiteFixture.snapshot(site.root + "/Output") == before)
    }

    @Test func missingTemplateIsReported() throws {
        let site = try SiteFixture()
        defer { site.cleanUp() }
        try site.remove("Templates/factsheet.mustache")
        #expect {
            try site.build()
        } throws: { error in
            guard case BuildError.templates(let diagnostics) = error else { return false }
            return diagnostics.contains { $0.location.file == "Templates/factsheet.mustache" }
        }
        #expect(!FileManager.default.fileExists(atPath: site.root + "/Output"))
    }

    @Test func staleFilesVanish() throws {
        let site = try SiteFixture()
        defer { site.cleanUp() }
        try site.build()
        #expect(FileManager.default.fileExists(atPath: site.root + "/Output/handreikingen/handel-in-vapes/index.html"))
        try site.write("Output/oud/bestand.html", "oud")
        try site.remove("Content/handreikingen/handel-in-vapes.md")
        try site.build()
        #expect(!FileManager.default.fileExists(atPath: site.root + "/Output/oud/bestand.html"))
        #expect(!FileManager.default.fileExists(atPath: site.root + "/Output/handreikingen/handel-in-vapes/index.html"))
    }

    @Test func draftsAreExcludedUnlessAsked() throws {
        let site = try SiteFixture()
        defer { site.cleanUp() }
        try site.write("Content/handreikingen/geheim-concept.md",
                       SiteFixture.handreiking(titel: "Nog niet klaar", extraFields: "concept: true\n"))
        try site.write("Content/handreikingen/wijst-naar-concept.md",
                       SiteFixture.handreiking(titel: "Wijst naar concept", body: "Zie [het concept](geheim-concept.md#casus).\n"))
        try site.build()
        let out = site.root + "/Output"
        #expect(!FileManager.default.fileExists(atPath: out + "/handreikingen/geheim-concept/index.html"))
        for (path, bytes) in SiteFixture.snapshot(out) where !path.hasPrefix("assets/") {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!text.contains("geheim-concept") && !text.contains("Nog niet klaar"), "\(path) mentions the draft")
        }
        // A link to the draft goes to the overview of its kind instead.
        let linking = try site.page("handreikingen/wijst-naar-concept/index.html")
        let bodyLinks = linking.all("div").first { $0.hasClass("tekst") }!.all("a").compactMap { $0["href"] }
        #expect(bodyLinks == ["../../handreikingen/index.html"])

        try site.build(drafts: true)
        let draft = try site.page("handreikingen/geheim-concept/index.html")
        #expect(draft.first("h1")?.text == "Nog niet klaar")
        #expect(draft.root.text.contains("concept"))
        let linked = try site.page("handreikingen/wijst-naar-concept/index.html")
        #expect(linked.all("div").first { $0.hasClass("tekst") }!.all("a").compactMap { $0["href"] }
                == ["../../handreikingen/geheim-concept/index.html#casus"])
    }

    @Test func rawHTMLAndUnsafeContentNeverReachOutput() throws {
        let site = try SiteFixture()
        defer { site.cleanUp() }
        let body = """
        <script>alert('body')</script>

        <iframe src="https://example.org/x"></iframe>

        Tekst met <img src="x.png" onerror="alert(1)"> en <a href="javascript:alert(2)" onclick="x()">klik</a>.

        <div onmouseover="alert(3)">blok</div>

        """
        try site.write("Content/handreikingen/met-html.md", SiteFixture.handreiking(
            titel: "Met <script>alert('titel')</script> en \\\"quotes\\\"",
            samenvatting: "<iframe src=x></iframe><b onmouseover=alert(4)>vet</b>", body: body))
        let result = try site.build()
        #expect(result.site.diagnostics.contains { $0.code == .vios701 })
        let files = SiteFixture.snapshot(site.root + "/Output")
        let page = try site.page("handreikingen/met-html/index.html")
        #expect(page.first("h1")?.text == "Met <script>alert('titel')</script> en \"quotes\"")
        for (path, bytes) in files where path.hasSuffix(".html") || path.hasSuffix(".xml") {
            let text = String(decoding: bytes, as: UTF8.self).lowercased()
            let scripts = text.components(separatedBy: "<script").count - 1
            #expect(scripts == (path == "zoeken/index.html" ? 1 : 0), "\(path): \(scripts) script tags")
            for needle in ["<iframe", "javascript:", "<b onmouseover", "<img src=\"x.png\""] {
                #expect(!text.contains(needle), "\(path) contains \(needle)")
            }
            // On the parsed page: no event handler attributes, no iframes, no
            // script but the search page's own.
            let parsed = HTMLDocument(String(decoding: bytes, as: UTF8.self))
            for element in parsed.elements {
                #expect(!element.attributes.keys.contains { $0.hasPrefix("on") }, "\(path): <\(element.name)> with handler")
                #expect(element.name != "iframe" && element.name != "object" && element.name != "embed", "\(path)")
                for attribute in ["href", "src", "action"] {
                    #expect(element[attribute]?.lowercased().hasPrefix("javascript:") != true, "\(path)")
                }
            }
            #expect(parsed.all("script").allSatisfy { $0["src"] == "../assets/search.js" }, "\(path)")
            // Frontmatter markup is shown as text.
            if path == "handreikingen/met-html/index.html" {
                #expect(parsed.root.text.contains("<iframe src=x></iframe><b onmouseover=alert(4)>vet</b>"))
            }
        }
        // Every file, the search index included, is free of the body's raw HTML.
        for (path, bytes) in files where !path.hasPrefix("assets/") && path != "data/documenten.json" {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!text.contains("alert(1)") && !text.contains("alert(2)") && !text.contains("alert(3)"), "\(path)")
            #expect(!text.contains("alert('body')"), "\(path)")
        }
    }

    @Test func unsafeLinkFailsTheBuildAndWritesNothing() throws {
        let site = try SiteFixture()
        defer { site.cleanUp() }
        try site.write("Content/handreikingen/onveilig.md",
                       SiteFixture.handreiking(titel: "Onveilig", body: "[klik](javascript:alert(1))\n"))
        #expect {
            try site.build()
        } throws: { error in
            guard case BuildError.content(let validated) = error else { return false }
            return validated.diagnostics.contains { $0.code == .vios702 }
        }
        #expect(!FileManager.default.fileExists(atPath: site.root + "/Output"))
    }

    @Test func strictFailsOnWarnings() throws {
        let site = try SiteFixture()
        defer { site.cleanUp() }
        try site.write("Content/handreikingen/met-html.md", SiteFixture.handreiking(titel: "Met HTML", body: "<b>vet</b>\n"))
        try site.build()
        #expect(throws: BuildError.self) { try site.build(output: "Strikt", strict: true) }
        #expect(!FileManager.default.fileExists(atPath: site.root + "/Strikt"))
    }

    @Test func imagesFromContentAreCopiedAndLinked() throws {
        let site = try SiteFixture()
        defer { site.cleanUp() }
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]
        try FileManager.default.createDirectory(atPath: site.root + "/Content/handreikingen/beeld", withIntermediateDirectories: true)
        try Data(png).write(to: URL(fileURLWithPath: site.root + "/Content/handreikingen/beeld/plein schets.png"))
        try site.write("Content/handreikingen/met-beeld.md", SiteFixture.handreiking(
            titel: "Met beeld", body: "![Schets van het schoolplein](beeld/plein%20schets.png)\n"))
        try site.build()
        let copied = FileManager.default.contents(atPath: site.root + "/Output/handreikingen/beeld/plein schets.png")
        #expect(copied == Data(png))
        let page = try site.page("handreikingen/met-beeld/index.html")
        let image = try #require(page.all("img").first)
        #expect(image["src"] == "../../handreikingen/beeld/plein%20schets.png")
        #expect(image["alt"] == "Schets van het schoolplein")
    }

    @Test func baseURLWithSubPathKeepsLinksRelative() throws {
        let site = try SiteFixture()
        defer { site.cleanUp() }
        var yml = try site.read("Content/site.yml")
        yml = yml.replacingOccurrences(of: "base-url: https://kennisbank.example.nl/", with: "base-url: https://www.example.nl/veilig/kennisbank")
        try site.write("Content/site.yml", yml)
        try site.build()
        let sitemap = HTMLDocument(try site.read("Output/sitemap.xml"))
        #expect(sitemap.all("loc").allSatisfy { $0.text.hasPrefix("https://www.example.nl/veilig/kennisbank/") })
        let page = try site.page("gemeenten/arnhem/index.html")
        #expect(page.all("link").contains { $0["rel"] == "canonical" && $0["href"] == "https://www.example.nl/veilig/kennisbank/gemeenten/arnhem/" })
        #expect(page.all("a").compactMap { $0["href"] }.allSatisfy { !$0.hasPrefix("/") })
        let notFound = try site.page("404.html")
        #expect(notFound.all("link").contains { $0["href"] == "/veilig/kennisbank/assets/vios.css" })
    }

    @Test func outputMayNotReplaceTheSite() throws {
        let site = try SiteFixture()
        defer { site.cleanUp() }
        for output in [".", "Content", "Templates", "Content/x", ".."] {
            #expect(throws: BuildError.self, "\(output)") { try site.build(output: output) }
        }
        #expect(FileManager.default.fileExists(atPath: site.root + "/Content/site.yml"))
    }
}
