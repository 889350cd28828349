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
