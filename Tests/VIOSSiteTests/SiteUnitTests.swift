import Foundation
import Synchronization
import Testing
@testable import VIOSCore
@testable import VIOSSite

/// Pure pieces of the site stage.
@Suite struct SiteUnitTests {
    @Test func linksBecomeRelativeSiteLinks() {
        let plan = "Content/scholen/het-baken/veiligheidsplan.md"
        #expect(LinkRewriter.rewrite(documentPath: plan, url: "../../gemeenten/arnhem.md")
                == "../../../gemeenten/arnhem/index.html")
        #expect(LinkRewriter.rewrite(documentPath: plan, url: "incidentprotocol.md#melden")
                == "../../../scholen/het-baken/incidentprotocol/index.html#melden")
        #expect(LinkRewriter.rewrite(documentPath: "Content/gemeenten/arnhem.md", url: "../elementen/kernteam.md")
                == "../../elementen/kernteam/index.html")
        #expect(LinkRewriter.rewrite(documentPath: "Content/gemeenten/arnhem.md", url: "img/kaart.png")
                == "../../gemeenten/img/kaart.png")
        // Not ours: anchors in the same page, external and unsafe links.
        #expect(LinkRewriter.rewrite(documentPath: plan, url: "#monitoring") == nil)
        #expect(LinkRewriter.rewrite(documentPath: plan, url: "https://example.org/a.md") == nil)
        #expect(LinkRewriter.rewrite(documentPath: plan, url: "javascript:alert(1)") == nil)
        // Drafts have no page.
        #expect(LinkRewriter.rewrite(documentPath: "Content/gemeenten/arnhem.md", url: "../handreikingen/x.md",
                                     unpublished: ["Content/handreikingen/x.md"]) == "../../handreikingen/index.html")
    }

    @Test func everyTemplateEscapesBytesNotGraphemes() throws {
        // swift-mustache's escaping compares Characters: `"` + U+0301 is one
        // Character, was left as it was, and ended an attribute in a browser.
        let site = try SiteFixture()
        defer { site.cleanUp() }
        try site.write("Templates/partials/probe.mustache", "<p title=\"{{value}}\">{{value}}</p>\n")
        try site.write("Templates/404.mustache", "{{> partials/probe}}\n<i>{{value}}</i>\n")
        let templates = try TemplateSet.load(root: site.root)
        let value = "a\"\u{301} onmouseover='x' <b>&"
        let escaped = "a&quot;\u{301} onmouseover=&#39;x&#39; &lt;b&gt;&amp;"
        #expect(templates.render("404", ["value": value]) == "<p title=\"\(escaped)\">\(escaped)</p>\n<i>\(escaped)</i>\n")
        #expect(HTMLEscaping.escape("geen tekens") == "geen tekens")
    }

    @Test func progressLinesCountEachStageFromZero() {
        let lines = Mutex<[String]>([])
        // Started a second ago: past the quarter second before the first line.
        let progress = Progress({ line in lines.withLock { $0.append(line) } }, since: .now - .seconds(1))
        for _ in 0..<32 { progress.step("documenten controleren", total: 32) }
        progress.reset()
        Thread.sleep(forTimeInterval: 0.3)
        for _ in 0..<16 { progress.step("pagina's schrijven", total: 16) }
        #expect(lines.withLock { $0 } == ["documenten controleren 16/32", "pagina's schrijven 16/16"])
    }

    @Test func treeListingFindsEveryEntryFoldersFirst() throws {
        let root = NSTemporaryDirectory() + "vios-tree-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        for path in ["a.html", "b/c.html", "b/d/e.html", "f/g/h/i.txt", "f/leeg/"] {
            let full = root + "/" + path
            if path.hasSuffix("/") {
                try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
            } else {
                try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                FileManager.default.createFile(atPath: full, contents: Data("x".utf8))
            }
        }
        try FileManager.default.createSymbolicLink(atPath: root + "/b/link", withDestinationPath: "/")
        let entries = TreeListing.entries(root)
        #expect(Set(entries.map { "\($0.path)\($0.isFolder ? "/" : "")" })
                == ["a.html", "b/", "b/c.html", "b/d/", "b/d/e.html", "b/link", "f/", "f/g/", "f/g/h/", "f/g/h/i.txt", "f/leeg/"])
        let order = entries.map(\.path)
        for entry in entries where entry.path.contains("/") {
            let parent = (entry.path as NSString).deletingLastPathComponent
            #expect(order.firstIndex(of: parent)! < order.firstIndex(of: entry.path)!, "\(entry.path)")
        }
    }

    /// A body in a page context is fingerprinted by its parse-time digest:
    /// another body is another page, the same body the same page, and it
    /// renders as the page shows it.
    @Test func pageBodiesAreFingerprintedByTheirDigest() {
        func fingerprint(_ html: String?) -> ContentHash? {
            ContextFingerprint.of(template: "handreiking", context: ["title": "T", "body": PageBody(html: html.map(DigestedText.init))],
                                  seed: ContentHash(a: 1, b: 2))
        }
        #expect(fingerprint("<p>a</p>") != nil)
        #expect(fingerprint("<p>a</p>") == fingerprint("<p>a</p>"))
        #expect(fingerprint("<p>a</p>") != fingerprint("<p>b</p>"))
        #expect(fingerprint(nil) != fingerprint(""))
        let html = "<h1>Kop</h1><table><tr><td>1</td></tr></table>"
        #expect(PageBody(html: DigestedText(html)).renderText == html)
        #expect(PageBody(html: nil).renderText == "")
    }

    /// Every ancestor folder of every path, the root left out; names with
    /// more than ASCII in them split at their slashes only.
    @Test func foldersOfPaths() {
        let paths = ["index.html", "a/b/c.html", "a/b/d.html", "a/e.html", "ë/é́/f.html", "g/"]
        #expect(TreeListing.folders(of: paths) == ["a", "a/b", "ë", "ë/é́", "g"])
        #expect(TreeListing.folders(of: ["x.html"]).isEmpty)
    }

    @Test func pageFolders() {
        #expect(LinkRewriter.pageDirectory(forContentPath: "Content/scholen/de-linde/incidentprotocol.md")
                == "scholen/de-linde/incidentprotocol/")
        #expect(LinkRewriter.pageDirectory(forContentPath: "Content/handreikingen/vapes.md") == "handreikingen/vapes/")
        #expect(PageFrame.root(for: "index.html") == "")
        #expect(PageFrame.root(for: "gemeenten/arnhem/index.html") == "../../")
        #expect(PageFrame.root(for: "factsheets/x.html") == "../")
        #expect(PageFrame.absoluteURL(SiteConfig(baseURL: "https://a.nl/sub/"), "gemeenten/index.html") == "https://a.nl/sub/gemeenten/")
        #expect(PageFrame.absoluteURL(SiteConfig(baseURL: "https://a.nl/"), "index.html") == "https://a.nl/")
    }

    /// The trail is there as links plus the current title (the theme's
    /// partial), and whole with `current` flags (for themes of before).
    @Test func breadcrumbsInBothShapes() throws {
        let model = SiteModel(documents: [], config: SiteConfig(title: "KB", baseURL: "https://a.nl/"),
                              today: try #require(CalendarDate(iso: "2026-01-15")), drafts: false, planStructures: [:])
        var frame = PageFrame(path: "scholen/x/index.html", title: "X")
        frame.breadcrumbs = [("Home", "index.html"), ("Scholen", "scholen/index.html"), ("X", nil)]
        let context = frame.context(model, [:])
        let links = try #require(context["crumbLinks"] as? [[String: Any]])
        #expect(links.map { $0["title"] as? String } == ["Home", "Scholen"])
        #expect(links.map { $0["link"] as? String } == ["index.html", "scholen/index.html"])
        #expect(context["crumbCurrent"] as? String == "X")
        let all = try #require(context["breadcrumbs"] as? [[String: Any]])
        #expect(all.map { $0["current"] as? Bool } == [false, false, true])
        #expect((context["page"] as? [String: Any])?["fullTitle"] as? String == "X | KB")
        #expect(PageFrame(path: "index.html", title: "Home").context(model, [:])["hasBreadcrumbs"] as? Bool == false)
    }

    @Test func sectionSummariesTakeTheFirstParagraph() {
        let html = """
        <p>Intro.</p>
        <h2 id="een">Een</h2>
        <p>Eerste alinea met <strong>nadruk</strong> &amp; een &lt;teken&gt;.</p>
        <p>Tweede.</p>
        <h2 id="twee">Twee</h2>
        <ul>
        <li>Punt een.</li>
        <li><p>Punt twee</p></li>
        </ul>
        <h2 id="drie">Drie</h2>
        <table><tr><td>x</td></tr></table>
        """
        let s = SectionSummaries.summaries(html: html, anchors: ["een", "twee", "drie"])
        #expect(s["een"] == "Eerste alinea met nadruk & een <teken>.")
        #expect(s["twee"] == "Punt een. Punt twee.")
        #expect(s["drie"] == "")
    }

    @Test func shorteningKeepsWholeSentencesOrWords() {
        #expect(TextSummary.shorten("Kort.", limit: 10) == "Kort.")
        // The byte path gives what the Character path gives, for ASCII and
        // Latin-1 letters; anything else (a combining mark, a non-breaking
        // space, €) is left to the Character path.
        var rng = SystemRandomNumberGenerator()
        let plain = ["a", "b", " ", "c", ".", "!", "?", ",", ";", ":", "\t", "\r\n", "\n", "X", "é", "ë", "ö", "ß", "É", "×"]
        let other = ["e\u{301}", "\u{A0}", "€", "\u{85}", "ö\u{308}"]
        for round in 0..<6_000 {
            let pool = round % 3 == 0 ? plain + other : plain
            let text = (0..<Int.random(in: 0...60, using: &rng)).map { _ in pool.randomElement(using: &rng)! }.joined()
            let limit = Int.random(in: 1...30, using: &rng)
            let fast = TextSummary.byteShorten(text, limit: limit)
            if let fast {
                #expect(fast == TextSummary.characterShorten(text, limit: limit), "\(text.debugDescription) \(limit)")
            } else {
                #expect(round % 3 == 0, "byte path refused \(text.debugDescription)")
            }
        }
        #expect(TextSummary.byteShorten("coördinator", limit: 40) == "coördinator")
        #expect(TextSummary.byteShorten("coo\u{308}rdinator", limit: 40) == nil)
        #expect(TextSummary.shorten("Eerste zin is hier. Tweede zin is veel langer dan de grens.", limit: 30) == "Eerste zin is hier.")
        #expect(TextSummary.shorten("een twee drie vier vijf zes zeven acht", limit: 20) == "een twee drie vier…")
    }

    @Test func phoneLinksOnlyForNumbers() {
        #expect(Format.telHref("026-1234560") == "tel:0261234560")
        #expect(Format.telHref("+31 26 123 4560") == "tel:+31261234560")
        #expect(Format.telHref("112") == "tel:112")
        #expect(Format.telHref("Leerplicht gemeente Arnhem") == nil)
        #expect(Format.telHref("12") == nil)
    }

    @Test func reviewStatus() {
        let today = CalendarDate(iso: "2026-01-15")!
        #expect(Format.reviewStatus(CalendarDate(iso: "2026-01-14")!, today: today) == .overdue)
        #expect(Format.reviewStatus(CalendarDate(iso: "2026-04-15")!, today: today) == .due)
        #expect(Format.reviewStatus(CalendarDate(iso: "2026-04-16")!, today: today) == .ok)
    }

    @Test func partialReferencesHavePositions() {
        let refs = TemplateSet.partialReferences(in: "a\n  {{> partials/x}}{{! {{> nee}} }}{{<ouder}}{{>*dyn}}")
        #expect(refs == [.init(name: "partials/x", line: 2, column: 3), .init(name: "ouder", line: 2, column: 35)])
    }

    @Test func openDataJSONIsStable() {
        let node = YAMLNode(.mapping([
            .init(key: YAMLNode(.scalar("z", plain: true), line: 1, column: 1), value: YAMLNode(.scalar("0261234560", plain: true), line: 1, column: 1)),
            .init(key: YAMLNode(.scalar("a", plain: true), line: 1, column: 1), value: YAMLNode(.scalar("13", plain: true), line: 1, column: 1)),
            .init(key: YAMLNode(.scalar("b", plain: true), line: 1, column: 1), value: YAMLNode(.scalar("true", plain: false), line: 1, column: 1)),
            .init(key: YAMLNode(.scalar("c", plain: true), line: 1, column: 1), value: YAMLNode(.scalar("regel\n\"x\"", plain: false), line: 1, column: 1)),
        ]), line: 1, column: 1)
        #expect(OpenData.value(node) == "{\"a\": 13, \"b\": \"true\", \"c\": \"regel\\n\\\"x\\\"\", \"z\": \"0261234560\"}")
    }

    @Test func openDataStringsReadBackExactly() throws {
        let texts = ["", "gewoon", "é ü ñ — “citaat”", "\"\\/", "regel\nregel\r\t", "\u{0}\u{1}\u{1F}\u{7F}",
                     "scheiding\u{2028}alinea\u{2029}", "emoji 🏫👩‍🏫", "\u{2027}\u{202A}", "eind\u{E2}"]
        for text in texts {
            let literal = OpenData.string(text)
            // U+2028/U+2029 are escaped: they end a line in older JavaScript.
            #expect(!literal.contains("\u{2028}") && !literal.contains("\u{2029}"))
            #expect(!literal.unicodeScalars.contains { $0.value < 0x20 })
            let parsed = try JSONSerialization.jsonObject(with: Data(("[" + literal + "]").utf8)) as? [String]
            #expect(parsed == [text], "\(literal)")
        }
    }
}
