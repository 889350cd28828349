import Foundation
import VIOSCore

/// The published site as indexes over the validated documents, computed
/// once so every page is a lookup, never a scan of all documents.
struct SiteModel: Sendable {
    struct School: Sendable {
        var slug: String
        var name: String
        var plan: Int?
        var incidentProtocol: Int?
        /// Gemeente slug from the plan.
        var gemeente: String?
    }

    let config: SiteConfig
    let today: CalendarDate
    let planStructures: [String: SectionStructure]
    /// Published documents (drafts only with `drafts`), in path order.
    let documents: [Document]
    /// Per document: display title, page folder, summary.
    let titles: [String]
    let pageDirectories: [String]
    let summaries: [String]
    let indexByPath: [String: Int]

    let gemeenten: [Int]
    let gemeenteBySlug: [String: Int]
    let schools: [School]
    let schoolBySlug: [String: Int]
    let schoolsByGemeente: [String: [Int]]
    let convenanten: [Int]
    let convenantenByGemeente: [String: [Int]]
    let convenantBySlug: [String: Int]
    /// Schools whose plan names a convenant, by convenant slug.
    let schoolsByConvenant: [String: [Int]]
    let handreikingen: [Int]
    let elementen: [Int]
    let elementDocument: [String: Int]
    /// Thema slug → documents, both sorted.
    let themas: [(slug: String, documents: [Int])]
    let gemeentenByElement: [String: [Int]]
    let gemeentenByModel: [String: [Int]]
    /// Content paths of documents that exist but get no page.
    let unpublishedPaths: Set<String>
    /// Factsheets are also printed to PDF (`build --pdf`): pages link to them.
    var factsheetPDFs = false

    init(documents all: [Document], config: SiteConfig, today: CalendarDate, drafts: Bool,
         planStructures: [String: SectionStructure]) {
        self.config = config
        self.today = today
        self.planStructures = planStructures
        func published(_ d: Document) -> Bool { d.kind != nil && (drafts || !d.isDraft) }
        func byPath(_ a: Document, _ b: Document) -> Bool { a.path < b.path }
        // Usually every document is published and already in path order: then no copy
        // (and the test reads each in place: iterating would copy all 15,000).
        let inOrder = all.indices.allSatisfy { i in
            all[i].kind != nil && (drafts || !all[i].isDraft) && (i == 0 || all[i - 1].path < all[i].path)
        }
        let documents = inOrder ? all : all.filter(published).sorted(by: byPath)
        self.documents = documents
        unpublishedPaths = documents.count == all.count ? [] : Set(all.map(\.path)).subtracting(documents.map(\.path))
        var indexByPath: [String: Int] = [:]
        indexByPath.reserveCapacity(documents.count)
        for i in documents.indices { indexByPath[documents[i].path] = i }
        self.indexByPath = indexByPath
        // Per-document values on every core (a one-plan rebuild waits for this stage).
        let facts = Facts.of(documents)
        pageDirectories = Array(documents.indices).parallelMap { i in
            SitePaths.pageURL(path: documents[i].path, collection: documents[i].collection, kind: documents[i].kind,
                              slug: documents[i].slug)
        }

        // Schools: a folder under scholen/ with a published plan or protocol.
        var schoolDocs: [String: (plan: Int?, protocol: Int?)] = [:]
        // Indexed loops borrow each document; `for d in documents` would copy
        // every field of 15,000 of them (a national rebuild felt it).
        for i in documents.indices where documents[i].collection == .scholen {
            if documents[i].kind == .veiligheidsplan { schoolDocs[documents[i].slug, default: (nil, nil)].plan = i }
            if documents[i].kind == .incidentprotocol { schoolDocs[documents[i].slug, default: (nil, nil)].protocol = i }
        }
        var schools: [School] = []
        for slug in schoolDocs.keys.sorted() {
            let entry = schoolDocs[slug]!
            let name = entry.plan.flatMap { facts[$0].school } ?? Labels.readable(slug)
            schools.append(School(slug: slug, name: name, plan: entry.plan, incidentProtocol: entry.protocol,
                                  gemeente: entry.plan.flatMap { facts[$0].gemeente }))
        }
        self.schools = schools
        var schoolBySlug: [String: Int] = [:]
        for (i, s) in schools.enumerated() { schoolBySlug[s.slug] = i }
        self.schoolBySlug = schoolBySlug

        let schoolNames = schoolBySlug.mapValues { schools[$0].name }
        let titles = Array(documents.indices).parallelMap { i -> String in
            let slug = documents[i].slug, fact = facts[i]
            switch documents[i].kind {
            case .gemeente:
                return "VIOS-" + (fact.naam ?? fact.titel ?? Labels.readable(slug))
            case .veiligheidsplan:
                return fact.titel ?? "Veiligheidsplan " + (fact.school ?? Labels.readable(slug))
            case .incidentprotocol:
                let school = schoolNames[slug] ?? Labels.readable(slug)
                return fact.titel ?? "Incidentprotocol " + school
            default:
                return fact.titel ?? fact.naam ?? Labels.readable(slug)
            }
        }
        self.titles = titles
        summaries = Array(documents.indices).parallelMap { i in facts[i].samenvatting ?? documents[i].body.firstParagraph }

        let titleKeys = titles.parallelMap(TextFolding.fold)
        func sortedByTitle(_ indices: [Int]) -> [Int] {
            indices.sorted { titleKeys[$0] == titleKeys[$1] ? documents[$0].path < documents[$1].path
                                                           : titleKeys[$0] < titleKeys[$1] }
        }
        func indices(_ kind: DocumentKind) -> [Int] { documents.indices.filter { documents[$0].kind == kind } }

        gemeenten = sortedByTitle(indices(.gemeente))
        var gemeenteBySlug: [String: Int] = [:]
        for i in gemeenten where documents[i].collection == .gemeenten { gemeenteBySlug[documents[i].slug] = i }
        self.gemeenteBySlug = gemeenteBySlug

        var schoolsByGemeente: [String: [Int]] = [:]
        for (i, s) in schools.enumerated() { if let g = s.gemeente { schoolsByGemeente[g, default: []].append(i) } }
        let schoolKeys = schools.map(\.name).parallelMap(TextFolding.fold)
        self.schoolsByGemeente = schoolsByGemeente.mapValues { list in
            list.sorted { schoolKeys[$0] == schoolKeys[$1] ? schools[$0].slug < schools[$1].slug
                                                           : schoolKeys[$0] < schoolKeys[$1] }
        }

        convenanten = sortedByTitle(indices(.convenant))
        var convenantenByGemeente: [String: [Int]] = [:]
        for i in convenanten { if let g = facts[i].gemeente { convenantenByGemeente[g, default: []].append(i) } }
        self.convenantenByGemeente = convenantenByGemeente
        var convenantBySlug: [String: Int] = [:]
        for i in convenanten where documents[i].collection == .convenanten { convenantBySlug[documents[i].slug] = i }
        self.convenantBySlug = convenantBySlug
        var schoolsByConvenant: [String: [Int]] = [:]
        for (s, school) in schools.enumerated() {
            if let plan = school.plan, let c = facts[plan].convenant { schoolsByConvenant[c, default: []].append(s) }
        }
        self.schoolsByConvenant = schoolsByConvenant
        handreikingen = sortedByTitle(indices(.handreiking))
        elementen = sortedByTitle(indices(.element))
        var elementDocument: [String: Int] = [:]
        for i in elementen { if let e = facts[i].element, elementDocument[e] == nil { elementDocument[e] = i } }
        self.elementDocument = elementDocument

        var byThema: [String: [Int]] = [:]
        for i in documents.indices {
            for thema in Set(facts[i].themas) where TextFolding.isValidSlug(thema) { byThema[thema, default: []].append(i) }
        }
        themas = byThema.keys.sorted().map { ($0, sortedByTitle(byThema[$0]!)) }

        var byElement: [String: [Int]] = [:]
        var byModel: [String: [Int]] = [:]
        for i in gemeenten {
            for e in Set(facts[i].elementen) { byElement[e, default: []].append(i) }
            if let m = facts[i].model { byModel[m, default: []].append(i) }
        }
        gemeentenByElement = byElement
        gemeentenByModel = byModel
    }

    func title(_ i: Int) -> String { titles[i] }
    /// Site-root relative link to a document's page file.
    func pageFile(_ i: Int) -> String { pageDirectories[i] + "index.html" }

    func gemeenteName(_ slug: String?) -> String? {
        guard let slug, let i = gemeenteBySlug[slug] else { return nil }
        return titles[i]
    }

    /// The gemeente a document belongs to (plans, protocols via their
    /// school, convenanten, gemeente pages themselves).
    func gemeenteSlug(of i: Int) -> String? {
        // In place, not `let d = documents[i]`: a copy retains every part of the document.
        switch documents[i].kind {
        case .gemeente: return documents[i].collection == .gemeenten ? documents[i].slug : nil
        case .veiligheidsplan, .convenant: return Document.text(in: documents[i].frontmatter, "gemeente")
        case .incidentprotocol: return schoolBySlug[documents[i].slug].flatMap { schools[$0].gemeente }
        default: return nil
        }
    }

    /// The date a document last changed, from its content (never the file
    /// system): vastgesteld, bijgewerkt or ondertekend.
    func contentDate(_ i: Int) -> CalendarDate? {
        // The frontmatter alone: copying the whole document costs a retain per field.
        guard let frontmatter = documents[i].frontmatter else { return nil }
        return frontmatter["bijgewerkt"]?.date ?? frontmatter["vastgesteld"]?.date ?? frontmatter["ondertekend"]?.date
    }
}

extension Document {
    /// A non-empty string field of the frontmatter.
    func text(_ key: String) -> String? { Self.text(in: frontmatter, key) }

    static func text(in frontmatter: YAMLNode?, _ key: String) -> String? {
        guard let node = frontmatter?[key], !node.isNull, let value = node.string else { return nil }
        // Usually it starts and ends in a visible ASCII character: nothing to trim.
        if let first = value.utf8.first, let last = value.utf8.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F {
            return value
        }
        guard let first = value.first, let last = value.last else { return nil }
        if !first.isWhitespace && !last.isWhitespace { return value }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The string items of a list field (a lone string counts as one item).
    func list(_ key: String) -> [String] { Self.list(in: frontmatter, key) }

    static func list(in frontmatter: YAMLNode?, _ key: String) -> [String] {
        guard let node = frontmatter?[key] else { return [] }
        if let items = node.items { return items.compactMap { $0.isNull ? nil : $0.string } }
        if let s = node.string, !node.isNull { return [s] }
        return []
    }
}

/// The frontmatter fields the site indexes read, per document.
private struct Facts: Sendable {
    var school, gemeente, titel, naam, samenvatting, convenant, element, model: String?
    var themas, elementen: [String]

    /// Read in place: a call on `documents[i]` copied the whole document
    /// first (15,000 of them nationally, several calls each).
    init(_ document: UnsafePointer<Document>) {
        let frontmatter = document.pointee.frontmatter
        func text(_ key: String) -> String? { Document.text(in: frontmatter, key) }
        school = text("school"); gemeente = text("gemeente"); titel = text("titel"); naam = text("naam")
        samenvatting = text("samenvatting"); convenant = text("convenant"); element = text("element"); model = text("model")
        themas = Document.list(in: frontmatter, "themas")
        elementen = Document.list(in: frontmatter, "elementen")
    }

    static func of(_ documents: [Document]) -> [Facts] {
        documents.withUnsafeBufferPointer { buffer in
            nonisolated(unsafe) let base = buffer.baseAddress
            return Array(buffer.indices).parallelMap { Facts(base! + $0) }
        }
    }
}
