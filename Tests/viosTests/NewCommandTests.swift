import Foundation
import Testing

/// `vios new` per kind: the file lands at the spec's place, and `vios check`
/// then lists exactly the placeholders, each at its own line.
@Suite(.serialized)
struct NewCommandTests {
    static func makeSite(_ extra: [String: String] = [:]) throws -> FixtureSite {
        var files = ["Content/site.yml": FixtureSite.siteYML, "Content/gemeenten/arnhem.md": FixtureSite.gemeente]
        for (path, text) in extra { files[path] = text }
        return try FixtureSite(files)
    }

    /// `code line` for every diagnostic of `file`, sorted as printed.
    static func check(_ site: FixtureSite, file: String) throws -> [String] {
        let result = try ProcessRunner.run(["check", "--root", site.root.path, "--today", "2026-01-15", "--format", "json"])
        let object = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        return diagnostics.filter { $0["file"] as? String == file }.map { "\($0["code"]!) \($0["line"]!)" }
    }

    /// The 1-based line of the first line of `text` that starts with `prefix`
    /// (after indentation), searching from line `after`.
    static func line(_ text: String, _ prefix: String, after: Int = 0) -> Int {
        let lines = text.components(separatedBy: "\n")
        for index in after..<lines.count where lines[index].drop(while: { $0 == " " }).hasPrefix(prefix) {
            return index + 1
        }
        Issue.record("no line starting with '\(prefix)'")
        return -1
    }

    static func new(_ arguments: [String], in site: FixtureSite, environment: [String: String] = [:]) throws -> ProcessRunner.Output {
        try ProcessRunner.run(["new"] + arguments + ["--root", site.root.path], environment: environment)
    }

    func read(_ site: FixtureSite, _ path: String) throws -> String {
        try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)
    }

    static let sass = ["Doel, visie en kernwaarden", "Sociale veiligheid en medewerkers", "Sociale veiligheid en leerlingen",
                       "Sociale veiligheid en zorgstructuur school", "Monitoring", "Toezicht"]

    @Test func veiligheidsplanWithoutOptionsListsEveryPlaceholder() throws {
        let site = try Self.makeSite()
        defer { site.remove() }
        let result = try Self.new(["veiligheidsplan", "de-linde", "--today", "2026-01-15"], in: site)
        let path = "Content/scholen/de-linde/veiligheidsplan.md"
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == path + "\n")
        let text = try read(site, path)
        #expect(text.contains("structuur: sass\n"))
        #expect(text.contains("vastgesteld: 2026-01-15\n"))
        #expect(text.contains("volgende-evaluatie: 2027-01-15\n"))
        #expect(text.contains("<!-- VUL IN: Hoe is het toezicht in en om de school geregeld (pauzes, pleinen, looproutes)? -->"))
        let firstNaam = Self.line(text, "naam:")
        var expected = ["school:", "brin:", "gemeente:", "onderwijs:"].map { "VIOS201 \(Self.line(text, $0))" }
        expected += ["VIOS201 \(firstNaam)", "VIOS201 \(Self.line(text, "naam:", after: firstNaam))"]
        expected += Self.sass.map { "VIOS303 \(Self.line(text, "## " + $0))" }
        #expect(try Self.check(site, file: path) == expected)
    }

    @Test func veiligheidsplanWithOptionsFillsThemIn() throws {
        let site = try Self.makeSite()
        defer { site.remove() }
        let result = try Self.new(["veiligheidsplan", "de-linde", "--school", "De \"Linde\": Noord", "--brin", "12AB",
                                   "--gemeente", "arnhem", "--onderwijs", "po", "--structuur", "digitaal-veiligheidsplan",
                                   "--titel", "Veiligheidsplan De Linde"], in: site, environment: ["VIOS_TODAY": "2025-08-31"])
        #expect(result.status == 0, "\(result.stderr)")
        let path = "Content/scholen/de-linde/veiligheidsplan.md"
        let text = try read(site, path)
        #expect(text.contains("school: \"De \\\"Linde\\\": Noord\"\n"))
        #expect(text.contains("gemeente: arnhem\n"))
        #expect(text.contains("structuur: digitaal-veiligheidsplan\n"))
        #expect(text.contains("vastgesteld: 2025-08-31\nvolgende-evaluatie: 2026-08-31\n"))
        let firstNaam = Self.line(text, "naam:")
        // A po-school without a measurement: the monitoring is left to fill in too.
        var expected = ["VIOS603 \(Self.line(text, "onderwijs:"))"]
        expected += ["VIOS201 \(firstNaam)", "VIOS201 \(Self.line(text, "naam:", after: firstNaam))"]
        expected += ["Visie, kernwaarden en afspraken", "Inzicht in veiligheidsbeleving", "Scheppen van voorwaarden",
                     "Positief pedagogisch handelen", "Preventieve activiteiten en programma's",
                     "Tijdig signaleren en effectief handelen"].map { "VIOS303 \(Self.line(text, "## " + $0))" }
        #expect(try Self.check(site, file: path) == expected)
    }

    @Test func filledInPlanChecksClean() throws {
        let site = try Self.makeSite()
        defer { site.remove() }
        _ = try Self.new(["veiligheidsplan", "het-baken", "--today", "2026-01-15", "--school", "Het Baken", "--brin", "12AB",
                          "--gemeente", "arnhem", "--onderwijs", "mbo"], in: site)
        let path = "Content/scholen/het-baken/veiligheidsplan.md"
        var text = try read(site, path)
        text = text.replacingOccurrences(of: "naam:  # VUL IN: naam", with: "naam: A. Jansen")
        for section in Self.sass { text = text.replacingOccurrences(of: "## \(section)\n", with: "## \(section)\n\nTekst.\n") }
        try Data(text.utf8).write(to: site.root.appendingPathComponent(path))
        #expect(try Self.check(site, file: path) == [])
    }

    @Test func incidentprotocolBelongsToItsSchoolFolder() throws {
        let site = try Self.makeSite()
        defer { site.remove() }
        let result = try Self.new(["incidentprotocol", "de-linde", "--today", "2026-01-15"], in: site)
        let path = "Content/scholen/de-linde/incidentprotocol.md"
        #expect(result.stdout == path + "\n")
        let text = try read(site, path)
        #expect(text.contains("school: de-linde\n"))
        #expect(text.contains("  - situatie: Acuut gevaar\n    actie: Bel 112\n"))
        var expected = ["- situatie:  #", "actie:  #", "wie:  #"].map { "VIOS201 \(Self.line(text, $0))" }
        expected += ["Doel en reikwijdte", "Melden", "Direct handelen", "Informeren", "Registreren", "Nazorg", "Evaluatie"]
            .map { "VIOS303 \(Self.line(text, "## " + $0))" }
        #expect(try Self.check(site, file: path) == expected)
    }

    @Test func convenant() throws {
        let site = try Self.makeSite()
        defer { site.remove() }
        let result = try Self.new(["convenant", "vios-arnhem", "--gemeente", "arnhem", "--today", "2026-01-15"], in: site)
        let path = "Content/convenanten/vios-arnhem.md"
        #expect(result.stdout == path + "\n")
        let text = try read(site, path)
        #expect(text.contains("ondertekend: 2026-01-15\n"))
        let firstNaam = Self.line(text, "- naam:")
        var expected = ["VIOS201 \(Self.line(text, "titel:"))", "VIOS201 \(firstNaam)",
                        "VIOS201 \(Self.line(text, "- naam:", after: firstNaam))"]
        expected += ["Doelstelling en visie", "Rollen en verantwoordelijkheden", "Samenwerkingsafspraken",
                     "Informatie-uitwisseling", "Evaluatie"].map { "VIOS303 \(Self.line(text, "## " + $0))" }
        #expect(try Self.check(site, file: path) == expected)
    }

    @Test func handreikingWithThemas() throws {
        let site = try Self.makeSite()
        defer { site.remove() }
        let result = try Self.new(["handreiking", "vapes-op-school", "--titel", "Vapes op school", "--thema", "vapes",
                                   "--thema", "sociale-media", "--today", "2026-01-15"], in: site)
        let path = "Content/handreikingen/vapes-op-school.md"
        #expect(result.stdout == path + "\n")
        let text = try read(site, path)
        #expect(text.contains("titel: \"Vapes op school\"\nthemas: [vapes, sociale-media]\nbijgewerkt: 2026-01-15\n"))
        // The optional section is offered in the introduction, not as an empty heading.
        #expect(text.contains("  Bronnen: Waar staat meer informatie?\n"))
        #expect(!text.contains("## Bronnen"))
        let expected = ["Casus", "Signalen", "Handelingsperspectief", "Partners"].map { "VIOS303 \(Self.line(text, "## " + $0))" }
        #expect(try Self.check(site, file: path) == expected)
    }

    @Test func gemeente() throws {
        let site = try Self.makeSite()
        defer { site.remove() }
        let result = try Self.new(["gemeente", "zwolle", "--today", "2026-01-15"], in: site)
        let path = "Content/gemeenten/zwolle.md"
        #expect(result.stdout == path + "\n")
        let text = try read(site, path)
        let expected = ["titel:", "naam:", "elementen:", "fase:"].map { "VIOS201 \(Self.line(text, $0))" }
        #expect(try Self.check(site, file: path) == expected)
        let named = try Self.new(["gemeente", "delft", "--naam", "Delft", "--titel", "Delftse aanpak"], in: site)
        #expect(named.status == 0)
        #expect(try read(site, "Content/gemeenten/delft.md").contains("titel: \"Delftse aanpak\"\nnaam: \"Delft\"\n"))
    }

    @Test func elementTakesItsValueFromTheSlug() throws {
        let site = try Self.makeSite()
        defer { site.remove() }
        let result = try Self.new(["element", "kernteam", "--today", "2026-01-15"], in: site)
        let path = "Content/elementen/kernteam.md"
        #expect(result.stdout == path + "\n")
        let text = try read(site, path)
        #expect(text.contains("element: kernteam\n"))
        var expected = ["VIOS201 \(Self.line(text, "titel:"))"]
        expected += ["Inhoud", "Actoren", "Opbrengsten", "Aandachtspunten"].map { "VIOS303 \(Self.line(text, "## " + $0))" }
        #expect(try Self.check(site, file: path) == expected)
        // A slug that is not an element leaves the field to fill in.
        _ = try Self.new(["element", "wijkaanpak"], in: site)
        #expect(try read(site, "Content/elementen/wijkaanpak.md").contains("element:  # VUL IN: kies uit: schoolveiligheidsplan"))
    }

    @Test func customStructureFromTheSite() throws {
        let structure = """
        titel: Eigen plan
        secties:
          - titel: Visie
            toelichting: Waar staan wij voor?
          - titel: Afspraken
          - titel: Bijlagen bij het plan
            verplicht: false
            toelichting: Wat verder nog handig is.
        """
        let site = try Self.makeSite(["Content/structuren/eigen.yml": structure])
        defer { site.remove() }
        let result = try Self.new(["veiligheidsplan", "de-es", "--structuur", "eigen"], in: site)
        #expect(result.status == 0, "\(result.stderr)")
        let text = try read(site, "Content/scholen/de-es/veiligheidsplan.md")
        #expect(text.contains("structuur: eigen\n"))
        #expect(text.contains("## Visie\n\n<!-- VUL IN: Waar staan wij voor? -->\n"))
        #expect(text.contains("## Afspraken\n\n<!-- VUL IN: schrijf hier de tekst van deze sectie -->\n"))
        #expect(text.contains("  Bijlagen bij het plan: Wat verder nog handig is.\n"))
        let codes = try Self.check(site, file: "Content/scholen/de-es/veiligheidsplan.md")
        #expect(codes.filter { $0.hasPrefix("VIOS303") } == ["VIOS303 \(Self.line(text, "## Visie"))",
                                                              "VIOS303 \(Self.line(text, "## Afspraken"))"])
        let unknown = try Self.new(["veiligheidsplan", "de-wilg", "--structuur", "sas"], in: site)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("onbekende structuur 'sas'"))
        #expect(unknown.stderr.contains("bedoelt u 'sass'?"))
        #expect(unknown.stderr.contains("eigen"))
    }

    @Test func refusesToOverwrite() throws {
        let site = try Self.makeSite()
        defer { site.remove() }
        let first = try Self.new(["gemeente", "arnhem"], in: site)
        #expect(first.status == 1)
        #expect(first.stderr.contains("Content/gemeenten/arnhem.md bestaat al"))
        #expect(try read(site, "Content/gemeenten/arnhem.md") == FixtureSite.gemeente)
        _ = try Self.new(["veiligheidsplan", "de-linde"], in: site)
        let plan = site.root.appendingPathComponent("Content/scholen/de-linde/veiligheidsplan.md")
        try Data("eigen tekst".utf8).write(to: plan)
        let again = try Self.new(["veiligheidsplan", "de-linde"], in: site)
        #expect(again.status == 1)
        #expect(try String(contentsOf: plan, encoding: .utf8) == "eigen tekst")
    }

    @Test func rejectsMalformedSlugsUnknownTypesAndMisplacedOptions() throws {
        let site = try Self.makeSite()
        defer { site.remove() }
        let slug = try Self.new(["veiligheidsplan", "De Linde"], in: site)
        #expect(slug.status == 2)
        #expect(slug.stderr.contains("'De Linde' is geen geldige slug"))
        #expect(slug.stderr.contains("'de-linde'"))
        for bad in ["de_linde", "../etc", "de/linde", "Ede", "caf\u{E9}"] {
            #expect(try Self.new(["gemeente", bad], in: site).status == 2, "\(bad)")
        }
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("Content/scholen").path))
        let type = try Self.new(["veiligheidsplam", "de-linde"], in: site)
        #expect(type.status == 2)
        #expect(type.stderr.contains("onbekend documenttype 'veiligheidsplam'"))
        #expect(type.stderr.contains("veiligheidsplan, incidentprotocol, convenant, handreiking, gemeente, element"))
        #expect(type.stderr.contains("bedoelt u 'veiligheidsplan'?"))
        let option = try Self.new(["gemeente", "ede", "--brin", "12AB"], in: site)
        #expect(option.status == 2)
        #expect(option.stderr.contains("--brin hoort niet bij een gemeente"))
        let value = try Self.new(["veiligheidsplan", "de-linde", "--onderwijs", "v0"], in: site)
        #expect(value.status == 2)
        #expect(value.stderr.contains("bedoelt u 'vo'?"))
        let noSite = try ProcessRunner.run(["new", "gemeente", "ede", "--root", "/nonexistent/vios-site"])
        #expect(noSite.status == 2)
        #expect(noSite.stderr.contains("Content/"))
    }
}
