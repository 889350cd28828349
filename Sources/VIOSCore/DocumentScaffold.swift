import Foundation

/// `vios new`: the text of a new document, from the field table
/// (`FieldSchema`) and a section structure. Pure: the command resolves the
/// options, today's date and the structure; this only writes text.
///
/// Everything left to fill in is marked so that `vios check` reports it at
/// its own line:
/// - a required field without a value is written as `naam:  # VUL IN: …`:
///   YAML reads that as null, which is VIOS201 at the key;
/// - a required section is its heading followed only by a hint in an HTML
///   comment, `<!-- VUL IN: … -->`. Comments are never published, raise no
///   raw-HTML warning and do not count as content, so the section is still
///   empty: VIOS303 at the heading until the author writes text under it.
public enum DocumentScaffold {
    /// Values given on the command line; nil means "leave a placeholder".
    public struct Values: Sendable, Equatable {
        public var titel: String?
        public var school: String?
        public var brin: String?
        public var gemeente: String?
        public var onderwijs: String?
        public var structuur: String?
        public var naam: String?
        public var element: String?
        public var themas: [String]

        public init(titel: String? = nil, school: String? = nil, brin: String? = nil, gemeente: String? = nil,
                    onderwijs: String? = nil, structuur: String? = nil, naam: String? = nil,
                    element: String? = nil, themas: [String] = []) {
            self.titel = titel; self.school = school; self.brin = brin; self.gemeente = gemeente
            self.onderwijs = onderwijs; self.structuur = structuur; self.naam = naam
            self.element = element; self.themas = themas
        }
    }

    /// The plan structure used when `--structuur` is not given.
    public static let defaultPlanStructure = "sass"

    /// The marker every placeholder carries, in YAML comments and hint lines.
    public static let marker = "VUL IN"

    /// Where a new document of `kind` lives (spec 1), relative to the root.
    public static func path(for kind: DocumentKind, slug: String) -> String {
        switch kind {
        case .veiligheidsplan, .incidentprotocol: return "Content/scholen/\(slug)/\(kind.rawValue).md"
        default: return "Content/\(kind.collection.rawValue)/\(slug).md"
        }
    }

    /// The whole file. `structure` gives the body's sections: the chosen
    /// plan structure for a veiligheidsplan, the kind's fixed one otherwise.
    public static func text(kind: DocumentKind, slug: String, values: Values, today: CalendarDate,
                            structure: SectionStructure?) -> String {
        var lines = ["---"]
        lines += frontmatter(kind: kind, slug: slug, values: values, today: today)
        lines.append("---")
        lines += body(structure: structure)
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Frontmatter

    static func frontmatter(kind: DocumentKind, slug: String, values: Values, today: CalendarDate) -> [String] {
        var out = ["type: \(kind.rawValue)"]
        let fields = FieldSchema.fields(for: kind)
        if let titel = fields.first(where: { $0.name == "titel" }), titel.required || values.titel != nil {
            out += scalar(titel, values.titel, hint: "titel van de pagina")
        }
        let common = Set(["type", "titel", "samenvatting", "concept"] + (kind == .handreiking ? [] : ["themas"]))
        for field in fields where field.required && !common.contains(field.name) {
            out += lines(for: field, kind: kind, slug: slug, values: values, today: today)
        }
        let optional = optionalExamples(kind: kind, values: values, today: today)
        if !optional.isEmpty {
            out.append("# Niet verplicht; haal het # weg om te gebruiken:")
            out += optional.map { "# " + $0 }
        }
        return out
    }

    private static func lines(for field: Field, kind: DocumentKind, slug: String, values: Values,
                              today: CalendarDate) -> [String] {
        switch (kind, field.name) {
        case (.veiligheidsplan, "school"): return scalar(field, values.school, hint: "naam van de school")
        case (.veiligheidsplan, "brin"):
            return scalar(field, values.brin, hint: "BRIN-code: 2 cijfers en 2 hoofdletters, bijv. 12AB of 12AB00")
        case (_, "gemeente"):
            return scalar(field, values.gemeente, hint: "slug van de gemeente (bestandsnaam in Content/gemeenten/)")
        case (_, "onderwijs"): return scalar(field, values.onderwijs, hint: nil)
        case (_, "structuur"): return scalar(field, values.structuur ?? defaultPlanStructure, hint: nil)
        case (.incidentprotocol, "school"):
            // The protocol sits in the school's own folder.
            return scalar(field, slug, hint: nil)
        case (_, "vastgesteld"), (_, "ondertekend"), (_, "bijgewerkt"):
            return ["\(field.name): \(today)"]
        case (_, "volgende-evaluatie"):
            return ["\(field.name): \(today.adding(months: 12))"]
        case (_, "contacten"):
            // Wet veiligheid op school, art. 4c: every school names an
            // anti-pestcoördinator and an aanspreekpunt pesten.
            var out = ["contacten:"]
            for role in FieldSchema.requiredRoles {
                out += ["  - rol: \(role)", "    naam:  # \(marker): naam", "    # email: naam@school.nl"]
            }
            return out
        case (.incidentprotocol, "escalatie"):
            return ["escalatie:",
                    "  - situatie: Acuut gevaar",
                    "    actie: Bel 112",
                    "    wie: Iedere medewerker",
                    "    contact: \"112\"",
                    "  - situatie:  # \(marker): de volgende situatie, bijv. een melding van een incident",
                    "    actie:  # \(marker): wat er dan gebeurt",
                    "    wie:  # \(marker): wie dat doet"]
        case (.convenant, "partners"):
            return ["partners:  # ten minste twee; soort: " + FieldSchema.partnerSoorten.joined(separator: ", "),
                    "  - naam:  # \(marker): naam van de partner",
                    "    soort: gemeente",
                    "  - naam:  # \(marker): naam van de partner",
                    "    soort: school"]
        case (.handreiking, "themas"):
            if !values.themas.isEmpty { return ["themas: [\(values.themas.joined(separator: ", "))]"] }
            return ["themas:  # \(marker): een of meer thema's, bijv. [vapes, sociale-media]"]
        case (.gemeente, "naam"): return scalar(field, values.naam, hint: "naam van de gemeente, bijv. Arnhem")
        case (.gemeente, "elementen"):
            return ["elementen:  # \(marker): lijst, bijv. [kernteam, convenant]; kies uit: "
                    + FieldSchema.elementen.joined(separator: ", ")]
        case (.element, "element"):
            let known = FieldSchema.elementen.contains(slug) ? slug : nil
            return scalar(field, values.element ?? known, hint: nil)
        default:
            return scalar(field, nil, hint: nil)
        }
    }

    /// `name: value`, or `name:  # VUL IN: hint` (null: VIOS201 at the key).
    private static func scalar(_ field: Field, _ value: String?, hint: String?) -> [String] {
        if let value, !value.isEmpty { return ["\(field.name): \(yamlScalar(value, field.type))"] }
        return ["\(field.name):  # \(marker): \(hint ?? typeHint(field.type))"]
    }

    private static func typeHint(_ type: FieldType) -> String {
        switch type {
        case .oneOf(let allowed): return "kies uit: " + allowed.joined(separator: ", ")
        case .date: return "datum JJJJ-MM-DD"
        case .list: return "een lijst"
        case .structure: return "structuur, bijv. \(defaultPlanStructure)"
        default: return "waarde"
        }
    }

    /// Free text is always double-quoted (a school called `Ja` or `De Linde: Noord`
    /// stays a string); slugs, enums and dates are written plain.
    static func yamlScalar(_ value: String, _ type: FieldType) -> String {
        switch type {
        case .string, .brin:
            var escaped = ""
            for ch in value.unicodeScalars {
                switch ch {
                case "\\": escaped += "\\\\"
                case "\"": escaped += "\\\""
                case "\n": escaped += "\\n"
                case "\t": escaped += "\\t"
                default: escaped.unicodeScalars.append(ch)
                }
            }
            return "\"\(escaped)\""
        default:
            return value
        }
    }

    /// Commented-out examples of the optional fields worth knowing about.
    private static func optionalExamples(kind: DocumentKind, values: Values, today: CalendarDate) -> [String] {
        var out = ["samenvatting: \"Eén of twee zinnen voor kaarten, factsheets en zoekresultaten.\""]
        switch kind {
        case .veiligheidsplan:
            out += ["themas: [pesten, sociale-media]",
                    "kernteam: [politie, jongerenwerk, leerplicht]",
                    "convenant: slug-van-het-convenant",
                    "monitoring:",
                    "  instrument: Monitor sociale veiligheid",
                    "  laatste-meting: \(today)"]
        case .incidentprotocol:
            out += ["themas: [messen, vuurwerk]"]
        case .convenant:
            out += ["themas: [vapes, ronselen]", "geldig-tot: \(today.adding(months: 48))",
                    "volgende-evaluatie: \(today.adding(months: 12))"]
        case .handreiking:
            out += ["doelgroep: [" + FieldSchema.doelgroepen.joined(separator: ", ") + "]"]
        case .gemeente:
            out += ["cbs-code: GM0000", "model: eigen  # of: " + FieldSchema.modellen.filter { $0 != "eigen" }.joined(separator: ", "),
                    "gestart: \(today.year)",
                    "bereik: {po: 0, vo: 0, mbo: 0, so: 0}"]
        case .element:
            out += ["themas: [pesten]"]
        }
        return out
    }

    // MARK: Body

    static func body(structure: SectionStructure?) -> [String] {
        guard let structure else { return ["", "Tekst.", ""] }
        let required = structure.sections.filter(\.required)
        let optional = structure.sections.filter { !$0.required }
        var intro = ["<!--",
                     "Schrijf onder elke kop de tekst van die sectie. De regels '\(marker): …' zijn alleen",
                     "toelichting en worden niet gepubliceerd; haal ze weg als de sectie klaar is.",
                     "`vios check` toont welke velden en secties nog leeg zijn, met hun regelnummer."]
        if !optional.isEmpty || !structure.extra.isEmpty {
            intro.append("Niet verplicht; voeg zo nodig toe (als ## kop):")
            for section in optional {
                intro.append("  \(section.title)" + (section.hint.map { ": \(commentSafe($0))" } ?? ""))
            }
            if !structure.extra.isEmpty { intro.append("  na de verplichte secties: " + structure.extra.joined(separator: ", ")) }
        }
        intro.append("-->")
        var out = [""] + intro
        for section in required {
            let hint = section.hint ?? "schrijf hier de tekst van deze sectie"
            out += ["", "## \(section.title)", "", "<!-- \(marker): \(commentSafe(hint)) -->"]
        }
        out.append("")
        return out
    }

    /// Text inside an HTML comment must not close it early.
    private static func commentSafe(_ text: String) -> String {
        text.replacingOccurrences(of: "-->", with: "→").replacingOccurrences(of: "\n", with: " ")
    }
}
