import Foundation
import VIOSCore

/// Renders one `PageJob` to text with the theme's templates. Contexts are
/// built here, per page, from the precomputed `SiteModel` indexes.
struct PageRenderer: Sendable {
    let model: SiteModel
    let templates: TemplateSet
    /// Every output page, for the sitemap.
    let pagePaths: [String]
    /// Output page → document index.
    let documentByPage: [String: Int]
    let frameShared: PageFrame.Shared
    /// A plan's values (its page, its school's page and factsheet) and a
    /// school's (its page and factsheet), made once for all of them.
    let planMemo = ValuesMemo()
    let schoolMemo = ValuesMemo()

    init(model: SiteModel, templates: TemplateSet, jobs: [PageJob]) {
        self.model = model
        self.templates = templates
        pagePaths = jobs.map(\.path)
        var byPage: [String: Int] = [:]
        for job in jobs { if case .document(let i) = job.kind { byPage[job.path] = i } }
        documentByPage = byPage
        frameShared = PageFrame.Shared(model.config)
    }

    func render(_ job: PageJob) -> String {
        let (template, context) = self.context(for: job)
        return templates.render(template, context)
    }

    func context(for job: PageJob) -> (String, [String: Any]) {
        switch job.kind {
        case .document(let i): return documentPage(i, path: job.path)
        case .school(let i): return schoolPage(i, path: job.path)
        case .factsheet(let i): return factsheetPage(i, path: job.path)
        case .home: return homePage(path: job.path)
        case .gemeenten: return gemeentenPage(path: job.path)
        case .modellen: return modellenPage(path: job.path)
        case .model(let i): return modelPage(i, path: job.path)
        case .themas: return themasPage(path: job.path)
        case .thema(let i): return themaPage(i, path: job.path)
        case .evaluaties: return evaluatiesPage(path: job.path)
        case .scholen: return scholenPage(path: job.path)
        case .listing(let kind): return listingPage(kind, path: job.path)
        case .accessibility: return accessibilityPage(path: job.path)
        case .search: return searchPage(path: job.path)
        case .notFound: return notFoundPage(path: job.path)
        case .sitemap: return sitemap()
        case .feed: return feed()
        }
    }

    // MARK: shared pieces

    /// A link to a document: `{title, link, kind, summary?, meta?}`.
    func card(_ i: Int, summary: Bool = true) -> [String: Any] {
        let d = model.documents[i]
        let gemeente = d.kind == .gemeente ? nil : model.gemeenteSlug(of: i).flatMap { model.gemeenteName($0) }
        return ["title": model.title(i), "link": model.pageFile(i), "kind": d.kind?.label ?? "Document",
                "summary": orFalse(summary ? model.summaries[i].nonEmpty : nil),
                "gemeente": orFalse(gemeente), "draft": d.isDraft, "datum": false]
    }

    func link(_ i: Int) -> [String: Any] { ["title": model.title(i), "link": model.pageFile(i)] }

    /// A labelled item that may link somewhere (`link` false when not).
    func item(_ title: String, _ link: String?) -> [String: Any] { ["title": title, "link": orFalse(link)] }

    func gemeenteLink(_ slug: String?) -> [String: Any]? {
        guard let slug, let i = model.gemeenteBySlug[slug] else { return nil }
        return link(i)
    }

    func schoolLink(_ s: Int) -> [String: Any] {
        let school = model.schools[s]
        return ["title": school.name, "link": SitePaths.schoolURL(school.slug) + "index.html"]
    }

    func themaLinks(_ d: Document) -> [[String: Any]] {
        Array(Set(d.list("themas"))).sorted().filter(TextFolding.isValidSlug).map {
            ["title": Labels.thema($0), "link": "themas/\($0)/index.html"]
        }
    }

    func contacts(_ d: Document) -> [[String: Any]] {
        (d.frontmatter?["contacten"]?.items ?? []).compactMap { node -> [String: Any]? in
            guard let rol = node["rol"]?.string else { return nil }
            let email = node["email"]?.string.flatMap(\.nonEmpty)
            let phone = node["telefoon"]?.string.flatMap(\.nonEmpty)
            return ["rol": Labels.rol(rol), "naam": node["naam"]?.string ?? "", "email": orFalse(email),
                    "telefoon": orFalse(phone), "telefoonHref": orFalse(phone.flatMap(Format.telHref))]
        }
    }

    func escalation(_ d: Document) -> [[String: Any]] {
        (d.frontmatter?["escalatie"]?.items ?? []).enumerated().map { n, node in
            let contact = node["contact"]?.string.flatMap(\.nonEmpty)
            return ["stap": n + 1, "situatie": node["situatie"]?.string ?? "", "actie": node["actie"]?.string ?? "",
                    "wie": node["wie"]?.string ?? "", "contact": orFalse(contact),
                    "contactHref": orFalse(contact.flatMap(Format.telHref))]
        }
    }

    func partnerList(_ d: Document, _ key: String) -> [[String: Any]] {
        d.list(key).map { ["title": Labels.partner($0)] }
    }

    /// Wraps values with the frame and a flag per template, and returns
    /// both for `render`.
    func page(_ template: String, _ frame: PageFrame, _ values: [String: Any]) -> (String, [String: Any]) {
        (template, frame.context(model, values, shared: frameShared))
    }

    var homeCrumb: (title: String, link: String?) { ("Home", "index.html") }
}

/// Values a page context shares with other pages, made by whichever page
/// needs them first and dropped after their last expected use (a build
/// that renders only some of those pages keeps them to its end). Two
/// threads may both make the same values: they are pure functions of the
/// model, so either copy is the same.
final class ValuesMemo: @unchecked Sendable {
    // @unchecked: `entries` is only touched under `lock`; the values are
    // never mutated once stored (a page that changes its copy copies it).
    // A lock, not a `Mutex` like `RenderedTexts`: the values are not
    // Sendable, and a `Mutex` lets nothing non-Sendable out of it.
    private let lock = NSLock()
    private var entries: [Key: (values: [String: Any], uses: Int)] = [:]

    struct Key: Hashable {
        var index: Int
        var other: Int
    }

    /// The values for `key`, made by `make` unless stored; `uses` is how
    /// many pages ask for them in a full build.
    func values(_ key: Key, uses: Int, make: () -> [String: Any]) -> [String: Any] {
        lock.lock()
        if let entry = entries[key] {
            if entry.uses <= 1 { entries[key] = nil } else { entries[key]!.uses = entry.uses - 1 }
            lock.unlock()
            return entry.values
        }
        lock.unlock()
        let values = make()
        guard uses > 1 else { return values }
        lock.lock()
        if entries[key] == nil { entries[key] = (values, uses - 1) }
        lock.unlock()
        return values
    }
}
