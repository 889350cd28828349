import Foundation
import Testing
@testable import VIOSSite

/// The demo kennisbank of the repository, built once, checked page by page
/// on the parsed HTML.
@Suite struct DemoSiteTests {
    @Test func everyPageKindExists() throws {
        let files = Set(SiteFixture.snapshot(DemoBuild.output).keys)
        let expected = [
            "index.html", "404.html", "toegankelijkheid/index.html", "zoeken/index.html",
            "gemeenten/index.html", "gemeenten/arnhem/index.html", "gemeenten/den-haag/index.html",
            "modellen/index.html", "modellen/amsterdams/index.html", "modellen/arnhems/index.html",
            "modellen/delfts/index.html", "modellen/rotterdams/index.html",
            "themas/index.html", "themas/vapes/index.html", "evaluaties/index.html",
            "scholen/index.html", "scholen/het-baken/index.html", "scholen/het-baken/veiligheidsplan/index.html",
            "scholen/het-baken/incidentprotocol/index.html", "factsheets/het-baken.html",
            "factsheets/de-linde.html", "factsheets/vakschool-de-kade.html",
            "handreikingen/index.html", "handreikingen/handel-in-vapes/index.html",
            "convenanten/index.html", "convenanten/vios-arnhem/index.html",
            "elementen/index.html", "elementen/kernteam/index.html",
            "sitemap.xml", "feed.xml", "data/documenten.json", "assets/vios.css", "assets/search.js",
            "zoeken/index/manifest.js",
        ]
        for path in expected { #expect(files.contains(path), "missing \(path)") }
        // One page per document of the demo content.
        let demo = try FileManager.default.subpathsOfDirectory(atPath: SiteFixture.packageRoot + "/Content")
            .filter { $0.hasSuffix(".md") }
        for path in demo {
            let parts = path.dropLast(3).split(separator: "/")
            let page = parts.joined(separator: "/") + "/index.html"
            #expect(files.contains(page), "no page for Content/\(path)")
        }
    }

    @Test func pagesAreWellFormedAndAccessibleInShape() throws {
        for path in DemoBuild.htmlFiles {
            let page = try DemoBuild.page(path)
            #expect(page.problems.isEmpty, "\(path): \(page.problems)")
            #expect(page.source.hasPrefix("<!DOCTYPE html>"), "\(path)")
            #expect(page.first("html")?["lang"] == "nl", "\(path)")
            #expect(page.all("meta").contains { $0["charset"] == "utf-8" }, "\(path)")
            #expect(page.all("meta").contains { $0["name"] == "viewport" }, "\(path)")
            #expect(page.first("title")?.text.isEmpty == false, "\(path)")
            #expect(page.all("h1").count == 1, "\(path): \(page.all("h1").count) h1")
            // Skip link first, to the main landmark.
            let firstLink = page.elements.first { ["a", "button", "input", "select"].contains($0.name) }
            #expect(firstLink?["href"] == "#vios_inhoud" && firstLink?.text == "Naar de inhoud", "\(path)")
            #expect(page.all("main").count == 1 && page.first("main")?["id"] == "vios_inhoud", "\(path)")
            #expect(page.all("header").contains { $0.hasClass("kop") }, "\(path)")
            #expect(page.all("footer").count == 1, "\(path)")
            for nav in page.all("nav") { #expect(nav["aria-label"] != nil, "\(path): nav without label") }
            // Unique ids, and every aria-labelledby points at one.
            let ids = page.elements.compactMap { $0["id"] }
            #expect(Set(ids).count == ids.count, "\(path): duplicate ids \(ids)")
            for element in page.elements {
                if let ref = element["aria-labelledby"] { #expect(ids.contains(ref), "\(path): aria-labelledby \(ref)") }
                if element.name == "img" { #expect(element["alt"] != nil, "\(path): img without alt") }
                if element.name == "input" || element.name == "select", element["type"] != "submit" {
                    let id = element["id"] ?? ""
                    #expect(page.all("label").contains { $0["for"] == id }, "\(path): field \(id) without label")
                }
            }
            // Tables vios writes: headers with scope, in a labelled scroll region.
            for table in page.all("table") where !table.ancestors.contains(where: { $0.hasClass("tekst") }) {
                for th in table.all("th") { #expect(th["scope"] == "col" || th["scope"] == "row", "\(path): th without scope") }
                let region = table.parent
                #expect(region?.hasClass("tabel-scroll") == true && region?["tabindex"] == "0", "\(path)")
                #expect(region?["aria-label"] != nil || region?["aria-labelledby"] != nil, "\(path)")
            }
            // Breadcrumbs: an ordered list in a labelled nav.
            if let crumbs = page.all("nav").first(where: { $0["aria-label"] == "Kruimelpad" }) {
                #expect(crumbs.first("ol") != nil, "\(path)")
                #expect(crumbs.all("span").last?["aria-current"] == "page", "\(path)")
            }
        }
    }

    @Test func allRelativeLinksResolve() throws {
        let files = SiteFixture.snapshot(DemoBuild.output)
        var idsByPage: [String: Set<String>] = [:]
        for path in files.keys where path.hasSuffix(".html") {
            idsByPage[path] = Set(try DemoBuild.page(path).elements.compactMap { $0["id"] })
        }
        var checked = 0
        for path in files.keys.sorted() where path.hasSuffix(".html") && path != "404.html" {
            let page = try DemoBuild.page(path)
            for element in page.elements {
                for attribute in ["href", "src", "action"] {
                    guard let url = element[attribute], !url.isEmpty else { continue }
                    if url.contains(":") { continue }  // https:, mailto:, tel:
                    var target = url
                    var fragment: String?
                    if let hash = target.firstIndex(of: "#") {
                        fragment = String(target[target.index(after: hash)...])
                        target = String(target[..<hash])
                    }
                    if let query = target.firstIndex(of: "?") { target = String(target[..<query]) }
                    let resolved = target.isEmpty ? path : Self.resolve(target, from: path)
                    #expect(files[resolved] != nil, "\(path): \(attribute)=\(url) → \(resolved) missing")
                    if let fragment, !fragment.isEmpty, let ids = idsByPage[resolved] {
                        #expect(ids.contains(fragment), "\(path): #\(fragment) not in \(resolved)")
                    }
                    checked += 1
                }
            }
        }
        #expect(checked > 1000)
    }

    static func resolve(_ url: String, from page: String) -> String {
        var parts = page.split(separator: "/").dropLast().map(String.init)
        for component in url.split(separator: "/", omittingEmptySubsequences: false) {
            switch component {
            case ".", "": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(String(component))
            }
        }
        var path = parts.joined(separator: "/")
        if url.hasSuffix("/") || url.isEmpty { path += (path.isEmpty ? "" : "/") + "index.html" }
        return path.removingPercentEncoding ?? path
    }

    @Test func gemeentenOverviewComparesTheSevenElements() throws {
        let page = try DemoBuild.page("gemeenten/index.html")
        let tables = page.all("table")
        #expect(tables.count == 2)
        let matrix = try #require(tables.first)
        let head = matrix.first("thead")!.all("th").map(\.text)
        #expect(head.count == 8)
        #expect(head.first == "Gemeente")
        #expect(head.contains("Kernteam") && head.contains("Convenant") && head.contains("Operationeel team"))
        let rows = matrix.first("tbody")!.rows
        #expect(rows.count == 12)
        let arnhem = try #require(rows.first { $0.first == "VIOS-Arnhem" })
        // Plan, kernteam, signalering, coördinator, overkoepelend, OTSV, convenant.
        #expect(arnhem[1...7].map { $0.hasSuffix("ja") } == [true, true, true, true, false, false, true])
        let amsterdam = try #require(rows.first { $0.first == "VIOS-Amsterdam" })
        #expect(amsterdam[6].hasSuffix("ja"), "Amsterdam has the Operationeel Team")
        // Table 2.2: phase, start and reach.
        let reach = tables[1].first("tbody")!.rows
        let arnhemReach = try #require(reach.first { $0.first == "VIOS-Arnhem" })
        #expect(arnhemReach[1] == "Arnhems model")
        #expect(arnhemReach[2] == "Uitvoering")
        #expect(arnhemReach[3] == "maart 2021")
        #expect(arnhemReach[4...6] == ["2", "13", "1"])
    }

    @Test func gemeentePageIsTitledVIOSAndListsSchoolsAndConvenanten() throws {
        let page = try DemoBuild.page("gemeenten/arnhem/index.html")
        #expect(page.first("h1")?.text == "VIOS-Arnhem")
        #expect(page.first("title")?.text.hasPrefix("VIOS-Arnhem") == true)
        let hrefs = page.all("a").compactMap { $0["href"] }
        #expect(hrefs.contains("../../scholen/het-baken/index.html"))
        #expect(hrefs.contains("../../convenanten/vios-arnhem/index.html"))
        #expect(hrefs.contains("../../modellen/arnhems/index.html"))
        #expect(hrefs.contains("../../elementen/kernteam/index.html"))
        let crumbs = try #require(page.all("nav").first { $0["aria-label"] == "Kruimelpad" })
        #expect(crumbs.all("li").map(\.text) == ["Home", "Gemeenten", "VIOS-Arnhem"])
    }

    @Test func modelPagesListTheirGemeenten() throws {
        let arnhems = try DemoBuild.page("modellen/arnhems/index.html")
        #expect(arnhems.first("h1")?.text == "Arnhems model")
        let titles = arnhems.all("h3").map(\.text)
        #expect(titles.contains("VIOS-Arnhem"))
        #expect(!titles.contains("VIOS-Amsterdam"))
        let amsterdams = try DemoBuild.page("modellen/amsterdams/index.html")
        #expect(amsterdams.all("h3").map(\.text).contains("VIOS-Amsterdam"))
    }

    @Test func schoolPageBringsPlanAndProtocolTogether() throws {
        let page = try DemoBuild.page("scholen/het-baken/index.html")
        #expect(page.first("h1")?.text == "Het Baken")
        let hrefs = page.all("a").compactMap { $0["href"] }
        #expect(hrefs.contains("../../scholen/het-baken/veiligheidsplan/index.html"))
        #expect(hrefs.contains("../../scholen/het-baken/incidentprotocol/index.html"))
        #expect(hrefs.contains("../../factsheets/het-baken.html"))
        #expect(hrefs.contains("../../gemeenten/arnhem/index.html"))
        let ladder = try #require(page.all("table").first { $0.hasClass("escalatie") })
        #expect(ladder.first("tbody")!.rows.count == 5)
    }

    @Test func documentPageShowsBodyAndFrontmatter() throws {
        let plan = try DemoBuild.page("scholen/het-baken/veiligheidsplan/index.html")
        #expect(plan.first("h1")?.text == "Veiligheidsplan Het Baken")
        // Body headings keep the ids the link checker uses.
        #expect(plan.element(id: "doel-visie-en-kernwaarden")?.name == "h2")
        // Relative Markdown links became site links.
        let hrefs = plan.all("a").compactMap { $0["href"] }
        #expect(hrefs.contains("../../../gemeenten/arnhem/index.html"))
        #expect(hrefs.contains("../../../scholen/het-baken/incidentprotocol/index.html"))
        #expect(hrefs.contains("../../../convenanten/vios-arnhem/index.html"))
        #expect(!hrefs.contains { $0.hasSuffix(".md") })
        let contacts = try #require(plan.all("table").first { $0.ancestors.contains { $0["aria-labelledby"] == "vios_contacten" } })
        #expect(contacts.rows.contains { $0.first == "Anti-pestcoördinator" && $0[1] == "Mark Jansen" })
        let dates = plan.all("time").map { $0["datetime"] ?? "" }
        #expect(dates.contains("2025-10-01") && dates.contains("2027-06-30"))
        let handreiking = try DemoBuild.page("handreikingen/handel-in-vapes/index.html")
        #expect(handreiking.first("h1")?.text == "Handel in vapes op en rond school")
        #expect(handreiking.all("a").contains { $0["href"] == "../../themas/vapes/index.html" })
    }

    @Test func themaPagesListEveryDocumentOnTheme() throws {
        let page = try DemoBuild.page("themas/vapes/index.html")
        let linked = Set(page.all("h3").compactMap { $0.first("a")?["href"] })
        #expect(linked.contains("../../handreikingen/handel-in-vapes/index.html"))
        let index = try DemoBuild.page("themas/index.html")
        #expect(index.all("a").contains { $0["href"] == "../themas/vapes/index.html" })
    }

    @Test func evaluationOverviewGroupsDueDocumentsByGemeente() throws {
        let page = try DemoBuild.page("evaluaties/index.html")
        #expect(page.first("h1")?.text == "Evaluaties")
        // Every listed row is overdue or due within three months of today.
        for row in page.all("tbody").flatMap(\.rows) {
            #expect(row.last == "Evaluatie verlopen" || row.last == "Evaluatie binnenkort", "\(row)")
        }
    }

    @Test func feedSitemapAndOpenData() throws {
        let sitemap = HTMLDocument(try DemoBuild.text("sitemap.xml"))
        let locs = sitemap.all("loc").map(\.text)
        #expect(locs.contains("https://kennisbank.example.nl/"))
        #expect(locs.contains("https://kennisbank.example.nl/gemeenten/arnhem/"))
        #expect(locs.contains("https://kennisbank.example.nl/factsheets/het-baken.html"))
        #expect(!locs.contains { $0.contains("404") })
        #expect(locs.allSatisfy { $0.hasPrefix("https://kennisbank.example.nl/") })

        let feed = HTMLDocument(try DemoBuild.text("feed.xml"))
        let entries = feed.all("entry")
        #expect(!entries.isEmpty)
        let updated = entries.compactMap { $0.first("updated")?.text }
        #expect(updated == updated.sorted(by: >), "newest first")
        #expect(feed.root.children.first { $0.name == "feed" }?.children.first { $0.name == "updated" }?.text == updated.first)
        #expect(entries.allSatisfy { $0.first("id")?.text.hasPrefix("https://") == true })

        let json = try #require(try JSONSerialization.jsonObject(with: Data(DemoBuild.text("data/documenten.json").utf8)) as? [String: Any])
        let documents = try #require(json["documenten"] as? [[String: Any]])
        #expect(documents.count == 30)
        let arnhem = try #require(documents.first { $0["pad"] as? String == "Content/gemeenten/arnhem.md" })
        #expect(arnhem["url"] as? String == "https://kennisbank.example.nl/gemeenten/arnhem/")
        let frontmatter = try #require(arnhem["frontmatter"] as? [String: Any])
        #expect(frontmatter["naam"] as? String == "Arnhem")
        #expect((frontmatter["bereik"] as? [String: Any])?["vo"] as? Int == 13)
    }

    @Test func searchPageHasFormResultsAndScript() throws {
        let page = try DemoBuild.page("zoeken/index.html")
        let form = try #require(page.all("form").first { $0["role"] == "search" })
        #expect(form.all("input").contains { $0["name"] == "q" && $0["type"] == "search" })
        #expect(page.element(id: "zoek-soort")?.name == "select")
        let results = try #require(page.element(id: "zoekresultaten"))
        #expect(results["aria-live"] == "polite")
        #expect(page.all("script").compactMap { $0["src"] } == ["../assets/search.js"])
        // Other pages: the header search form, no script.
        let home = try DemoBuild.page("index.html")
        let header = try #require(home.all("form").first { $0["role"] == "search" })
        #expect(header["action"] == "zoeken/index.html")
        #expect(home.all("script").isEmpty)
    }

    @Test func accessibilityStatementAnd404() throws {
        let statement = try DemoBuild.page("toegankelijkheid/index.html")
        #expect(statement.root.text.contains("Web Content Accessibility Guidelines (WCAG) 2.1, niveau A en AA"))
        let notFound = try DemoBuild.page("404.html")
        #expect(notFound.first("h1")?.text == "Pagina niet gevonden")
        // Served at any URL: links start at the site's base path.
        #expect(notFound.all("link").contains { $0["href"] == "/assets/vios.css" })
    }
}
