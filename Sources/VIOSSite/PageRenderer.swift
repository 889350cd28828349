import VIOSCore

/// Renders one `PageJob` to text with the theme's templates. Contexts are
/// built here, per page, from the precomputed `SiteModel` indexes.
struct PageRenderer: Sendable {
    let model: SiteModel
    let templates: TemplateSet

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
        var card: [String: Any] = ["title": model.title(i), "link": model.pageFile(i),
                                   "kind": model.documents[i].kind?.label ?? "Document"]
        if summary, !model.summaries[i].isEmpty { card["summary"] = model.summaries[i] }
        if let g = model.gemeenteSlug(of: i), model.documents[i].kind != .gemeente, let name = model.gemeenteName(g) {
            card["gemeente"] = name
        }
        if model.documents[i].isDraft { card["draft"] = true }
        return card
    }

    func link(_ i: Int) -> [String: Any] { ["title": model.title(i), "link": model.pageFile(i)] }

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
            var c: [String: Any] = ["rol": Labels.rol(rol), "naam": node["naam"]?.string ?? ""]
            if let e = node["email"]?.string, !e.isEmpty { c["email"] = e }
            if let t = node["telefoon"]?.string, !t.isEmpty {
                c["telefoon"] = t
                if let href = Format.telHref(t) { c["telefoonHref"] = href }
            }
            return c
        }
    }

    func escalation(_ d: Document) -> [[String: Any]] {
        (d.frontmatter?["escalatie"]?.items ?? []).enumerated().map { n, node in
            var step: [String: Any] = ["stap": n + 1, "situatie": node["situatie"]?.string ?? "",
                                       "actie": node["actie"]?.string ?? "", "wie": node["wie"]?.string ?? ""]
            if let contact = node["contact"]?.string, !contact.isEmpty {
                step["contact"] = contact
                if let href = Format.telHref(contact) { step["contactHref"] = href }
            }
            return step
        }
    }

    func partnerList(_ d: Document, _ key: String) -> [[String: Any]] {
        d.list(key).map { ["title": Labels.partner($0)] }
    }

    /// Wraps values with the frame and a flag per template, and returns
    /// both for `render`.
    func page(_ template: String, _ frame: PageFrame, _ values: [String: Any]) -> (String, [String: Any]) {
        (template, frame.context(model, values))
    }

    var homeCrumb: (title: String, link: String?) { ("Home", "index.html") }
}
