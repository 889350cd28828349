import Testing
import VIOSCore
import VIOSSource
@testable import VIOSChecks

/// The day every check in these tests runs on.
let today = CalendarDate(iso: "2026-03-01")!

/// One document as its author wrote it. Every sample starts valid (see
/// `ValidSamplesTests`); a test changes one thing and asserts what that
/// change, and only that change, reports.
struct Sample {
    var path: String
    var collection: Collection
    var slug: String
    var text: String

    // MARK: Mutations (each must match exactly once, so a test cannot
    // silently change nothing)

    func replacing(_ old: String, with new: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Sample {
        let parts = text.components(separatedBy: old)
        if parts.count != 2 {
            Issue.record("'\(old)' occurs \(parts.count - 1) times in \(path)", sourceLocation: sourceLocation)
        }
        var copy = self
        copy.text = parts.joined(separator: new)
        return copy
    }

    /// Drops the line that holds `needle` (exactly one).
    func removingLine(_ needle: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Sample {
        var lines = text.components(separatedBy: "\n")
        let hits = lines.indices.filter { lines[$0].contains(needle) }
        if hits.count != 1 {
            Issue.record("'\(needle)' is on \(hits.count) lines of \(path)", sourceLocation: sourceLocation)
            return self
        }
        lines.remove(at: hits[0])
        var copy = self
        copy.text = lines.joined(separator: "\n")
        return copy
    }

    /// Inserts `newText` (one or more lines) after the line that holds `needle`.
    func inserting(_ newText: String, after needle: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Sample {
        var lines = text.components(separatedBy: "\n")
        let hits = lines.indices.filter { lines[$0].contains(needle) }
        if hits.count != 1 {
            Issue.record("'\(needle)' is on \(hits.count) lines of \(path)", sourceLocation: sourceLocation)
            return self
        }
        lines.insert(contentsOf: newText.components(separatedBy: "\n"), at: hits[0] + 1)
        var copy = self
        copy.text = lines.joined(separator: "\n")
        return copy
    }

    func appending(_ body: String) -> Sample {
        var copy = self
        copy.text += body
        return copy
    }

    func at(path: String, collection: Collection, slug: String) -> Sample {
        var copy = self
        copy.path = path; copy.collection = collection; copy.slug = slug
        return copy
    }

    // MARK: Running the real code

    var bytes: [UInt8] { Array(text.utf8) }

    func parse(bytes: [UInt8]? = nil) -> DocumentParser.Parsed {
        DocumentParser.parse(path: path, bytes: bytes ?? self.bytes, collection: collection, slug: slug)
    }

    /// Reading diagnostics plus the per-document checks, as the validator
    /// runs them.
    func diagnostics(today: CalendarDate = today, context: CheckContext? = nil, bytes: [UInt8]? = nil) -> [Diagnostic] {
        let parsed = parse(bytes: bytes)
        let context = context ?? Samples.context(today: today)
        return (parsed.diagnostics + DocumentChecks.run(parsed, context: context)).sortedForOutput()
    }

    /// `code severity line:column` of every diagnostic, in output order.
    func briefs(today: CalendarDate = today, context: CheckContext? = nil) -> [String] {
        diagnostics(today: today, context: context).map(\.brief)
    }

    // MARK: The oracle for positions

    /// "line:column" (1-based, columns in characters) of the `occurrence`-th
    /// match of `needle` in the text, found by plain string search.
    func pos(_ needle: String, occurrence: Int = 1, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
        var seen = 0
        for (index, line) in text.components(separatedBy: "\n").enumerated() {
            var searchFrom = line.startIndex
            while let range = line[searchFrom...].range(of: needle) {
                seen += 1
                if seen == occurrence {
                    return "\(index + 1):\(line.distance(from: line.startIndex, to: range.lowerBound) + 1)"
                }
                searchFrom = range.upperBound
            }
        }
        Issue.record("'\(needle)' (occurrence \(occurrence)) not in \(path)", sourceLocation: sourceLocation)
        return "?"
    }
}

extension Sample {
    /// Position of the last match of `needle` (text appended to the body).
    func lastPos(_ needle: String) -> String {
        let count = text.components(separatedBy: "\n").reduce(0) { $0 + $1.components(separatedBy: needle).count - 1 }
        return pos(needle, occurrence: max(1, count))
    }
}

extension Diagnostic {
    /// Compact, exact form for assertions: `VIOS205 error 5:7`.
    var brief: String { "\(code.rawValue) \(severity.rawValue) \(location.line):\(location.column)" }
}

extension Array where Element == Diagnostic {
    func briefs(_ code: DiagnosticCode) -> [String] { filter { $0.code == code }.map(\.brief) }
    func with(_ code: DiagnosticCode) -> [Diagnostic] { filter { $0.code == code } }
}

/// A valid document of each kind, and the site they live in.
enum Samples {
    static let plan = Sample(path: "Content/scholen/de-linde/veiligheidsplan.md", collection: .scholen, slug: "de-linde", text: """
        ---
        type: veiligheidsplan
        school: Basisschool De Linde
        brin: 12AB00
        gemeente: arnhem
        onderwijs: po
        structuur: sass
        vastgesteld: 2025-09-01
        volgende-evaluatie: 2026-09-01
        convenant: vios-arnhem
        kernteam: [politie, jongerenwerk]
        samenvatting: Hoe De Linde werkt aan een veilige school.
        contacten:
          - rol: anti-pestcoordinator
            naam: Anna Jansen
            email: a.jansen@delinde.example.nl
            telefoon: "026-1234567"
          - rol: aanspreekpunt-pesten
            naam: Anna Jansen
        monitoring:
          instrument: Monitor sociale veiligheid
          laatste-meting: 2025-10-15
        ---

        De Linde is een basisschool in Arnhem. Zie ook het [incidentprotocol](incidentprotocol.md).

        ## Doel, visie en kernwaarden

        Iedereen voelt zich veilig op De Linde.

        ## Sociale veiligheid en medewerkers

        Medewerkers volgen elk jaar een training.

        ## Sociale veiligheid en leerlingen

        Leerlingen maken samen klassenafspraken.

        ## Sociale veiligheid en zorgstructuur school

        Het ondersteuningsteam bespreekt zorgen over veiligheid.

        ## Monitoring

        Elk najaar vullen leerlingen de monitor in.

        ## Toezicht

        Op het plein lopen in elke pauze twee pleinwachten.

        """)

    static let protocol_ = Sample(path: "Content/scholen/de-linde/incidentprotocol.md", collection: .scholen, slug: "de-linde", text: """
        ---
        type: incidentprotocol
        school: de-linde
        vastgesteld: 2025-09-01
        volgende-evaluatie: 2026-09-01
        escalatie:
          - situatie: Acuut gevaar
            actie: Bel 112
            wie: Iedere medewerker
            contact: "112"
          - situatie: Bedreiging zonder spoed
            actie: Melden bij de wijkagent
            wie: Veiligheidscoördinator
            contact: 0900-8844
        ---

        Dit protocol hoort bij het [veiligheidsplan](veiligheidsplan.md#monitoring).

        ## Doel en reikwijdte

        Voor elk incident in en om de school.

        ## Melden

        Meld elk incident dezelfde dag.

        ## Direct handelen

        Maak de situatie veilig.

        ## Informeren

        De mentor belt de ouders.

        ## Registreren

        Elk incident komt in het leerlingvolgsysteem.

        ## Nazorg

        Het slachtoffer krijgt binnen een week een gesprek.

        ## Evaluatie

        Het protocol wordt elk jaar besproken.

        """)

    static let convenant = Sample(path: "Content/convenanten/vios-arnhem.md", collection: .convenanten, slug: "vios-arnhem", text: """
        ---
        type: convenant
        titel: Convenant VIOS-Arnhem
        gemeente: arnhem
        ondertekend: 2024-01-15
        geldig-tot: 2027-12-31
        volgende-evaluatie: 2026-06-30
        partners:
          - naam: Gemeente Arnhem
            soort: gemeente
          - naam: Politie Oost-Nederland
            soort: politie
        ---

        ## Doelstelling en visie

        Samen zorgen voor een veilige school en schoolomgeving.

        ## Rollen en verantwoordelijkheden

        De gemeente heeft de regie.

        ## Samenwerkingsafspraken

        Het kernteam komt elke maand bij elkaar.

        ## Informatie-uitwisseling

        Partners delen alleen wat nodig is, volgens de AVG.

        ## Evaluatie

        Elk jaar in juni.

        """)

    static let handreiking = Sample(path: "Content/handreikingen/vapes-op-school.md", collection: .handreikingen, slug: "vapes-op-school", text: """
        ---
        type: handreiking
        titel: Handel in vapes op school
        samenvatting: Een leerling verkoopt vapes in de pauze.
        themas: [vapes]
        doelgroep: [docenten, mentoren]
        bijgewerkt: 2025-06-01
        ---

        ## Casus

        Een leerling van 14 jaar verkoopt vapes aan klasgenoten.

        ## Signalen

        Leerlingen hebben opvallend veel geld of nieuwe spullen.

        ## Handelingsperspectief

        De mentor gaat in gesprek met de leerling en informeert de ouders.

        ## Partners

        Politie en jongerenwerk via het [kernteam](../elementen/kernteam.md).

        """)

    static let gemeente = Sample(path: "Content/gemeenten/arnhem.md", collection: .gemeenten, slug: "arnhem", text: """
        ---
        type: gemeente
        titel: VIOS-Arnhem
        naam: Arnhem
        cbs-code: GM0202
        model: arnhems
        elementen: [schoolveiligheidsplan, kernteam, signaleringsoverleg]
        fase: uitvoering
        gestart: 2015-09
        bereik:
          po: 10
          vo: 12
          toelichting: Scholen met een kernteam.
        ---

        ## Aanpak

        Elke school heeft een kernteam.

        ## Opbrengsten

        Korte lijnen tussen school en partners.

        """)

    static let element = Sample(path: "Content/elementen/kernteam.md", collection: .elementen, slug: "kernteam", text: """
        ---
        type: element
        titel: Kernteam
        element: kernteam
        ---

        ## Inhoud

        Een kernteam bespreekt trends en signalen rond één school.

        ## Actoren

        School, politie, jongerenwerk en leerplicht.

        ## Opbrengsten

        Signalen komen sneller bij de juiste partner.

        ## Aandachtspunten

        Maak afspraken over informatie-uitwisseling.

        """)

    static let all: [Sample] = [plan, protocol_, convenant, handreiking, gemeente, element]

    /// The site the samples live in, listed by hand.
    static let inventory = ContentInventory(
        root: "/site",
        documents: all.map { ContentInventory.Entry(path: $0.path, collection: $0.collection, slug: $0.slug) },
        siteConfig: "Content/site.yml",
        assets: ["Content/img/plein.jpg", "Content/bijlagen/convenant.pdf"])

    static func context(today: CalendarDate = today,
                        planStructures: [String: SectionStructure] = StructureReader.builtIn.plans) -> CheckContext {
        CheckContext(today: today, planStructures: planStructures, inventory: inventory)
    }
}
