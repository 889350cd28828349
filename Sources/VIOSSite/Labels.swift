import Foundation
import VIOSCore

/// Dutch words for the slugs and enum values of the content contract
/// (spec 2–3), as data. Pages show these; unknown values fall back to a
/// readable form of the slug.
enum Labels {
    /// The elements of the approach (report ch. 2, table 2.1) and related ones.
    static let elementen: [String: String] = [
        "schoolveiligheidsplan": "Schoolveiligheidsplan",
        "kernteam": "Kernteam(overleg)",
        "signaleringsoverleg": "Signaleringsoverleg",
        "coordinator": "Coördinator",
        "schoolveiligheidsoverleg": "Overkoepelend schoolveiligheidsoverleg",
        "operationeel-team": "Operationeel Team Schoolveiligheid",
        "convenant": "Convenant",
        "jongerenwerk-op-school": "Jongerenwerk op school",
        "straatcoaches": "Straatcoaches",
        "trainingen": "Trainingen",
        "maatwerk": "Maatwerk",
        "handelingsprotocol": "Handelingsprotocol",
        "audit": "Audit",
        "app": "App",
    ]

    /// Short column heads for the comparison matrix.
    static let elementenKort: [String: String] = [
        "schoolveiligheidsplan": "Plan",
        "kernteam": "Kernteam",
        "signaleringsoverleg": "Signalerings\u{AD}overleg",
        "coordinator": "Coördinator",
        "schoolveiligheidsoverleg": "Overkoepelend overleg",
        "operationeel-team": "Operationeel team",
        "convenant": "Convenant",
    ]

    static let onderwijs: [String: String] = [
        "po": "Primair onderwijs", "vo": "Voortgezet onderwijs", "mbo": "Middelbaar beroepsonderwijs",
        "so": "Speciaal onderwijs", "vso": "Voortgezet speciaal onderwijs",
    ]

    static let fasen: [String: String] = [
        "plan": "Planfase", "ontwikkel": "Ontwikkelfase", "uitvoering": "Uitvoering",
    ]

    static let rollen: [String: String] = [
        "anti-pestcoordinator": "Anti-pestcoördinator",
        "aanspreekpunt-pesten": "Aanspreekpunt pesten",
        "veiligheidscoordinator": "Veiligheidscoördinator",
        "schoolveiligheidscoordinator": "Schoolveiligheidscoördinator",
        "vertrouwenspersoon": "Vertrouwenspersoon",
        "zorgcoordinator": "Zorgcoördinator",
        "ondersteuningscoordinator": "Ondersteuningscoördinator",
        "directeur": "Directeur",
        "schoolleiding": "Schoolleiding",
    ]

    static let partners: [String: String] = [
        "politie": "Politie", "jongerenwerk": "Jongerenwerk", "leerplicht": "Leerplicht", "halt": "Halt",
        "gemeente": "Gemeente", "sociaal-wijkteam": "Sociaal wijkteam", "jeugdreclassering": "Jeugdreclassering",
        "straatcoaches": "Straatcoaches", "om": "Openbaar Ministerie", "ggd": "GGD",
        "zorg-en-veiligheidshuis": "Zorg- en Veiligheidshuis", "schoolbestuur": "Schoolbestuur",
        "school": "School", "welzijn": "Welzijn", "overig": "Overig",
    ]

    static let doelgroepen: [String: String] = [
        "docenten": "Docenten", "mentoren": "Mentoren", "schoolleiding": "Schoolleiding",
        "ondersteuningsteam": "Ondersteuningsteam", "ouders": "Ouders", "partners": "Partners",
    ]

    static let structuren: [String: String] = [
        "digitaal-veiligheidsplan": "Digitaal Veiligheidsplan (Stichting School & Veiligheid)",
        "sass": "Handleiding Sociaal veiligheidsplan (SASS)",
    ]

    /// The four models of the report (ch. 2); `eigen` has no page.
    struct Model: Sendable {
        var slug: String
        var title: String
        var summary: String
    }

    static let modellen: [Model] = [
        Model(slug: "amsterdams", title: "Amsterdams model",
              summary: "Een coördinator vanuit Jeugd en Veiligheid, een Operationeel Team Schoolveiligheid (OTSV) en een overkoepelend schoolveiligheidsoverleg."),
        Model(slug: "arnhems", title: "Arnhems model",
              summary: "Per school een kernteam en een signaleringsoverleg, een externe schoolveiligheidscoördinator, een veiligheidsplan per school en jongerenwerk op school."),
        Model(slug: "delfts", title: "Delfts model",
              summary: "Overleg op drie niveaus (operationeel, tactisch en strategisch), met een convenant en een handelingsprotocol."),
        Model(slug: "rotterdams", title: "Rotterdams model",
              summary: "Audits, een netwerk van convenanten, wijkoverleg en veiligheidsplannen."),
    ]

    static func element(_ slug: String) -> String { elementen[slug] ?? readable(slug) }
    static func rol(_ slug: String) -> String { rollen[slug] ?? readable(slug) }
    static func partner(_ slug: String) -> String { partners[slug] ?? readable(slug) }
    static func thema(_ slug: String) -> String { readable(slug) }
    static func model(_ slug: String) -> String {
        if slug == "eigen" { return "Eigen aanpak" }
        return modellen.first { $0.slug == slug }?.title ?? readable(slug)
    }

    /// `sociale-media` → `Sociale media`, `…coordinator` → `…coördinator`.
    static func readable(_ slug: String) -> String {
        let words = slug.split(separator: "-", omittingEmptySubsequences: false).map { word in
            word.hasSuffix("coordinator") ? word.dropLast(11) + "coördinator" : String(word)
        }
        let text = words.joined(separator: " ")
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
