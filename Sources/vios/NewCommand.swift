import ArgumentParser
import Foundation
import VIOSCore
import VIOSSource

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Maak een nieuw document met alle verplichte velden en secties.",
        discussion: """
        Schrijft het document op zijn plaats in Content/ (bijv. Content/scholen/<slug>/veiligheidsplan.md). \
        Wat u niet met een optie meegeeft, staat er als '# VUL IN: …'; elke verplichte sectie heeft een \
        toelichting. Daarna toont `vios check` precies wat nog moet worden ingevuld, met regelnummer.

        Overschrijft nooit een bestaand bestand (exitcode 1). Een ongeldige slug, soort of optie: exitcode 2.
        """
    )

    @OptionGroup var options: CommonOptions

    @Argument(help: "Soort document: veiligheidsplan, incidentprotocol, convenant, handreiking, gemeente of element.")
    var type: String

    @Argument(help: "Slug (kleine letters, cijfers en '-'); voor een school de naam van de map.")
    var slug: String

    @Option(name: .long, help: "Titel van de pagina.")
    var titel: String?

    @Option(name: .long, help: "Naam van de school (veiligheidsplan).")
    var school: String?

    @Option(name: .long, help: "BRIN-code van de school (veiligheidsplan), bijv. 12AB.")
    var brin: String?

    @Option(name: .long, help: "Slug van de gemeente (veiligheidsplan, convenant).")
    var gemeente: String?

    @Option(name: .long, help: "Onderwijssoort (veiligheidsplan): po, vo, mbo, so of vso.")
    var onderwijs: String?

    @Option(name: .long, help: "Structuur van het plan (veiligheidsplan): digitaal-veiligheidsplan, sass of een eigen structuur; standaard sass.")
    var structuur: String?

    @Option(name: .long, help: "Naam van de gemeente (gemeente), bijv. Arnhem.")
    var naam: String?

    @Option(name: .long, help: "Element van de aanpak (element); standaard de slug als die een element is.")
    var element: String?

    @Option(name: .long, help: "Thema (handreiking); herhaal voor meer thema's.")
    var thema: [String] = []

    /// Which options belong to which kind: an option for another kind is
    /// a mistake worth saying, not a value to drop silently.
    static let optionsPerKind: [String: [DocumentKind]] = [
        "school": [.veiligheidsplan], "brin": [.veiligheidsplan], "onderwijs": [.veiligheidsplan],
        "structuur": [.veiligheidsplan], "gemeente": [.veiligheidsplan, .convenant], "naam": [.gemeente],
        "element": [.element], "thema": [.handreiking],
    ]

    func run() throws {
        let allowed = DocumentKind.allCases.map(\.rawValue)
        guard let kind = DocumentKind(rawValue: type) else {
            Terminal.fail("onbekend documenttype '\(type)'; toegestaan: \(allowed.joined(separator: ", "))"
                          + Suggestion.didYouMean(type, in: allowed, maxDistance: 3))
        }
        guard TextFolding.isValidSlug(slug) else {
            let fixed = TextFolding.slugify(slug)
            Terminal.fail("'\(slug)' is geen geldige slug: gebruik kleine letters a-z, cijfers en '-'"
                          + (fixed.isEmpty || fixed == slug ? "" : "; bijvoorbeeld '\(fixed)'"))
        }
        let given: [String: Bool] = [
            "school": school != nil, "brin": brin != nil, "onderwijs": onderwijs != nil, "structuur": structuur != nil,
            "gemeente": gemeente != nil, "naam": naam != nil, "element": element != nil, "thema": !thema.isEmpty,
        ]
        for (name, isGiven) in given.sorted(by: { $0.key < $1.key }) where isGiven {
            let kinds = Self.optionsPerKind[name] ?? []
            if !kinds.contains(kind) {
                Terminal.fail("--\(name) hoort niet bij een \(kind.rawValue); wel bij: "
                              + kinds.map(\.rawValue).joined(separator: ", "))
            }
        }
        let root = options.rootPath
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root + "/Content", isDirectory: &isDirectory), isDirectory.boolValue else {
            Terminal.fail("geen map Content/ gevonden (\(root)/Content); geef de map van de site met --root")
        }
        try checkValue(onderwijs, "onderwijs", in: FieldSchema.onderwijs)
        try checkValue(element, "element", in: FieldSchema.elementen)
        for (name, value) in [("gemeente", gemeente)] + thema.map({ ("thema", $0) }) {
            if let value, !TextFolding.isValidSlug(value) {
                Terminal.fail("--\(name) '\(value)' is geen geldige slug (kleine letters a-z, cijfers, '-')")
            }
        }

        let structure = try structure(for: kind, root: root)
        let today = try options.resolvedToday()
        let values = DocumentScaffold.Values(titel: titel, school: school, brin: brin, gemeente: gemeente,
                                             onderwijs: onderwijs, structuur: kind == .veiligheidsplan ? structure?.slug : nil,
                                             naam: naam, element: element, themas: thema)
        let relative = DocumentScaffold.path(for: kind, slug: slug)
        let url = URL(fileURLWithPath: root).appendingPathComponent(relative)
        if FileManager.default.fileExists(atPath: url.path) {
            Terminal.err("vios: fout: \(relative) bestaat al; vios new overschrijft niets. Kies een andere slug of bewerk het bestaande bestand.\n")
            throw ExitCode(1)
        }
        let text = DocumentScaffold.text(kind: kind, slug: slug, values: values, today: today, structure: structure)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            // `withoutOverwriting`: a file that appeared meanwhile is kept.
            try Data(text.utf8).write(to: url, options: .withoutOverwriting)
        } catch {
            Terminal.fail("kan \(relative) niet schrijven: \(error.localizedDescription)")
        }
        Terminal.out(relative + "\n")
        if !options.quiet {
            if let gemeente, !FileManager.default.fileExists(atPath: root + "/Content/gemeenten/\(gemeente).md") {
                Terminal.err("let op: Content/gemeenten/\(gemeente).md bestaat nog niet (vios new gemeente \(gemeente))\n")
            }
            Terminal.err("Vul de regels met '\(DocumentScaffold.marker)' in; `vios check` toont wat nog ontbreekt.\n")
        }
    }

    private func checkValue(_ value: String?, _ name: String, in allowed: [String]) throws {
        guard let value, !allowed.contains(value) else { return }
        Terminal.fail("ongeldige waarde '\(value)' voor --\(name); toegestaan: \(allowed.joined(separator: ", "))"
                      + Suggestion.didYouMean(value, in: allowed, maxDistance: 3))
    }

    /// The sections of the new document: the chosen plan structure (built-in
    /// or `Content/structuren/<slug>.yml`), or the kind's fixed one.
    private func structure(for kind: DocumentKind, root: String) throws -> SectionStructure? {
        guard kind == .veiligheidsplan else { return StructureReader.builtIn.kinds[kind] }
        let chosen = structuur ?? DocumentScaffold.defaultPlanStructure
        if let builtIn = StructureReader.builtIn.plans[chosen] { return builtIn }
        let relative = "Content/structuren/\(chosen).yml"
        guard TextFolding.isValidSlug(chosen),
              let data = FileManager.default.contents(atPath: root + "/" + relative) else {
            var known = Array(StructureReader.builtIn.plans.keys)
            let custom = (try? FileManager.default.contentsOfDirectory(atPath: root + "/Content/structuren")) ?? []
            known += custom.filter { $0.hasSuffix(".yml") }.map { String($0.dropLast(4)) }
            known.sort()
            Terminal.fail("onbekende structuur '\(chosen)'; toegestaan: \(known.joined(separator: ", "))"
                          + Suggestion.didYouMean(chosen, in: known, maxDistance: 3))
        }
        let (structure, diagnostics) = StructureReader.read(path: relative, slug: chosen, bytes: [UInt8](data))
        guard let structure, diagnostics.errorCount == 0 else {
            Reporter(options: options).report(documents: 0, diagnostics: diagnostics)
            Terminal.fail("structuur \(relative) is niet bruikbaar; verbeter die eerst")
        }
        return structure
    }
}
