import Foundation
import Testing
@testable import VIOSSite

/// The printable A4 factsheet per school (issue 3, item 3).
@Suite struct FactsheetTests {
    @Test func factsheetHoldsTheEscalationLadder() throws {
        let page = try DemoBuild.page("factsheets/het-baken.html")
        #expect(page.first("h1")?.text == "Het Baken")
        let ladder = try #require(page.all("table").first { $0.hasClass("escalatie") })
        let head = ladder.first("thead")!.rows.first!
        #expect(head == ["Stap", "Situatie", "Wat doen we?", "Wie?", "Contact"])
        let rows = ladder.first("tbody")!.rows
        #expect(rows.count == 5)
        #expect(rows[0] == ["1", "Acuut gevaar voor leerlingen of medewerkers", "Bel 112 en breng mensen in veiligheid",
                            "Iedere medewerker", "112"])
        #expect(rows[3][4] == "0800-2000")
        #expect(rows[4][4] == "Leerplicht gemeente Arnhem")
        // Phone numbers are callable links; other contacts are plain text.
        let links = ladder.all("a").compactMap { $0["href"] }
        #expect(links == ["tel:112", "tel:09008844", "tel:08002000"])
    }

    @Test func factsheetHoldsContactsPartnersDatesAndSections() throws {
        let page = try DemoBuild.page("factsheets/het-baken.html")
        let contacts = try #require(page.all("table").first { !$0.hasClass("escalatie") })
        let rows = contacts.first("tbody")!.rows
        #expect(rows.contains { $0 == ["Anti-pestcoördinator", "Mark Jansen", "m.jansen@hetbaken.example.nl", "026-1234562"] })
        #expect(rows.contains { $0.first == "Aanspreekpunt pesten" && $0[1] == "Fatima El Amrani" })
        #expect(rows.contains { $0 == ["Vertrouwenspersoon", "Els Bakker", "e.bakker@hetbaken.example.nl", "—"] })
        let text = page.root.text
        #expect(text.contains("VIOS-Arnhem"))
        #expect(text.contains("In het kernteam: Politie, Jongerenwerk, Leerplicht, Halt, Gemeente, Straatcoaches."))
        #expect(page.all("time").map(\.text) == ["1 oktober 2025", "30 juni 2027"])
        // The six SASS sections, each with a short summary.
        let sections = try #require(page.all("ol").first { $0.hasClass("secties") })
        #expect(sections.all("h3").map(\.text) == [
            "Doel, visie en kernwaarden", "Sociale veiligheid en medewerkers", "Sociale veiligheid en leerlingen",
            "Sociale veiligheid en zorgstructuur school", "Monitoring", "Toezicht",
        ])
        for item in sections.all("li") {
            let summary = item.first("p")?.text ?? ""
            #expect(!summary.isEmpty && summary.count <= 240, "\(summary)")
        }
        #expect(sections.all("li").first?.first("p")?.text.hasPrefix("Doel. Iedereen op Het Baken voelt zich veilig") == true)
        // Link to the full plan.
        #expect(page.all("a").contains { $0["href"] == "../scholen/het-baken/veiligheidsplan/index.html" })
    }

    @Test func digitaalVeiligheidsplanFactsheetUsesItsStructure() throws {
        let page = try DemoBuild.page("factsheets/de-linde.html")
        let sections = try #require(page.all("ol").first { $0.hasClass("secties") })
        #expect(sections.all("h3").count == 6)
        #expect(sections.all("h3").first?.text == "Visie, kernwaarden en afspraken")
    }

    @Test func printStylesKeepItOnA4() throws {
        let css = try DemoBuild.text("assets/vios.css")
        #expect(css.contains("@page { size: A4; margin: 15mm; }"))
        #expect(css.contains("break-inside: avoid"))
        let printRules = try #require(css.range(of: "@media print")).upperBound
        let print = css[printRules...]
        for hidden in [".kop", ".hoofdmenu", ".kruimelpad", ".voet"] { #expect(print.contains(hidden)) }
    }
}
