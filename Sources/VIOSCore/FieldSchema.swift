/// The frontmatter fields of spec sections 1–3 as data: one table the
/// schema check walks and `vios new` fills in.
public indirect enum FieldType: Sendable, Hashable {
    case string
    case bool
    case integer
    case date
    /// `YYYY` or `YYYY-MM`.
    case yearOrMonth
    case url
    case email
    case phone
    /// 2 digits + 2 uppercase letters (+ 2 digits).
    case brin
    /// `GM` + 4 digits.
    case cbsCode
    case slug
    case oneOf([String])
    /// A slug that must name a document of a collection.
    case reference(Collection)
    /// The plan's section structure: built-in or custom slug.
    case structure
    case list(FieldType, minimum: Int)
    case map([Field])
}

public struct Field: Sendable, Hashable {
    public var name: String
    public var type: FieldType
    public var required: Bool
    /// Placeholder for `vios new`.
    public var example: String?

    public init(_ name: String, _ type: FieldType, required: Bool = false, example: String? = nil) {
        self.name = name; self.type = type; self.required = required; self.example = example
    }
}

public enum FieldSchema {
    public static let onderwijs = ["po", "vo", "mbo", "so", "vso"]
    public static let elementen = ["schoolveiligheidsplan", "kernteam", "signaleringsoverleg", "coordinator",
                                   "schoolveiligheidsoverleg", "operationeel-team", "convenant",
                                   "jongerenwerk-op-school", "straatcoaches", "trainingen", "maatwerk",
                                   "handelingsprotocol", "audit", "app"]
    /// The seven elements of the approach (report ch. 2, table 2.1).
    public static let coreElementen = Array(elementen.prefix(7))
    public static let modellen = ["amsterdams", "arnhems", "delfts", "rotterdams", "eigen"]
    public static let fasen = ["plan", "ontwikkel", "uitvoering"]
    public static let partnerSoorten = ["school", "schoolbestuur", "gemeente", "politie", "om", "halt", "ggd",
                                        "jongerenwerk", "welzijn", "zorg-en-veiligheidshuis", "leerplicht", "overig"]
    public static let doelgroepen = ["docenten", "mentoren", "schoolleiding", "ondersteuningsteam", "ouders", "partners"]
    /// Wet veiligheid op school (art. 4c WPO, WVO, WEC): every school names
    /// an anti-pestcoördinator and an aanspreekpunt pesten.
    public static let requiredRoles = ["anti-pestcoordinator", "aanspreekpunt-pesten"]

    static let common: [Field] = [
        Field("type", .oneOf(DocumentKind.allCases.map(\.rawValue)), required: true),
        Field("titel", .string),
        Field("samenvatting", .string),
        Field("themas", .list(.slug, minimum: 0)),
        Field("concept", .bool),
    ]

    static let contact = FieldType.map([
        Field("rol", .string, required: true), Field("naam", .string, required: true),
        Field("email", .email), Field("telefoon", .phone),
    ])

    /// All fields of a kind, common ones first.
    public static func fields(for kind: DocumentKind) -> [Field] {
        var fields = common
        func require(_ name: String) {
            if let i = fields.firstIndex(where: { $0.name == name }) { fields[i].required = true }
        }
        switch kind {
        case .veiligheidsplan:
            fields += [
                Field("school", .string, required: true, example: "Naam van de school"),
                Field("brin", .brin, required: true, example: "00AA"),
                Field("gemeente", .reference(.gemeenten), required: true, example: "gemeente-slug"),
                Field("onderwijs", .oneOf(onderwijs), required: true, example: "po"),
                Field("structuur", .structure, required: true, example: "sass"),
                Field("vastgesteld", .date, required: true),
                Field("volgende-evaluatie", .date, required: true),
                Field("contacten", .list(contact, minimum: 1), required: true),
                Field("kernteam", .list(.slug, minimum: 0)),
                Field("convenant", .reference(.convenanten)),
                Field("monitoring", .map([Field("instrument", .string), Field("laatste-meting", .date)])),
            ]
        case .incidentprotocol:
            fields += [
                Field("school", .reference(.scholen), required: true),
                Field("vastgesteld", .date, required: true),
                Field("volgende-evaluatie", .date, required: true),
                Field("escalatie", .list(.map([
                    Field("situatie", .string, required: true), Field("actie", .string, required: true),
                    Field("wie", .string, required: true), Field("contact", .string),
                ]), minimum: 1), required: true),
            ]
        case .convenant:
            require("titel")
            fields += [
                Field("gemeente", .reference(.gemeenten), required: true),
                Field("ondertekend", .date, required: true),
                Field("geldig-tot", .date),
                Field("volgende-evaluatie", .date),
                Field("partners", .list(.map([
                    Field("naam", .string, required: true), Field("soort", .oneOf(partnerSoorten), required: true),
                ]), minimum: 2), required: true),
            ]
        case .handreiking:
            require("titel")
            fields.removeAll { $0.name == "themas" }
            fields += [
                Field("themas", .list(.slug, minimum: 1), required: true),
                Field("doelgroep", .list(.oneOf(doelgroepen), minimum: 0)),
                Field("bijgewerkt", .date, required: true),
            ]
        case .gemeente:
            require("titel")
            fields += [
                Field("naam", .string, required: true),
                Field("cbs-code", .cbsCode),
                Field("model", .oneOf(modellen)),
                Field("elementen", .list(.oneOf(elementen), minimum: 1), required: true),
                Field("fase", .oneOf(fasen), required: true),
                Field("gestart", .yearOrMonth),
                Field("bereik", .map([
                    Field("po", .integer), Field("vo", .integer), Field("mbo", .integer), Field("so", .integer),
                    Field("toelichting", .string),
                ])),
            ]
        case .element:
            require("titel")
            fields += [Field("element", .oneOf(elementen), required: true)]
        }
        return fields
    }

    /// `Content/site.yml` (spec 1).
    public static let siteConfig: [Field] = [
        Field("titel", .string, required: true),
        Field("base-url", .url, required: true),
        Field("taal", .string),
        Field("organisatie", .string),
        Field("beschrijving", .string),
        Field("contact", .map([Field("email", .email), Field("telefoon", .phone), Field("adres", .string), Field("url", .url)])),
    ]
}
