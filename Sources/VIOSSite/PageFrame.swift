import VIOSCore

/// What every HTML page shares: the relative `root` prefix, site settings,
/// the main navigation, breadcrumbs and the page's title and canonical
/// URL. Contexts are plain dictionaries (swift-mustache looks keys up by
/// hashing, far cheaper than reflection) and are built on the rendering
/// thread, since `Any` does not cross threads.
struct PageFrame {
    /// Output file, site-root relative (`gemeenten/arnhem/index.html`).
    var path: String
    var title: String
    var description: String?
    /// Titles and site-root relative file links, home first; the last is
    /// the current page.
    var breadcrumbs: [(title: String, link: String?)] = []
    /// Main navigation section this page belongs to.
    var section: String?
    var canonical = true
    /// 404 pages are served at any URL: their links start at the base path.
    var absoluteRoot = false

    static let navigation: [(key: String, title: String, link: String)] = [
        ("gemeenten", "Gemeenten", "gemeenten/index.html"),
        ("scholen", "Scholen", "scholen/index.html"),
        ("handreikingen", "Handreikingen", "handreikingen/index.html"),
        ("themas", "Thema's", "themas/index.html"),
        ("elementen", "Elementen", "elementen/index.html"),
        ("evaluaties", "Evaluaties", "evaluaties/index.html"),
    ]

    func context(_ model: SiteModel, _ values: [String: Any]) -> [String: Any] {
        let root = absoluteRoot ? model.config.basePath : Self.root(for: path)
        var site: [String: Any] = ["title": model.config.title]
        if let v = model.config.description, !v.isEmpty { site["description"] = v }
        if let v = model.config.organisation, !v.isEmpty { site["organisation"] = v }
        var contact: [String: Any] = [:]
        for key in ["email", "telefoon", "adres", "url"] { if let v = model.config.contact[key], !v.isEmpty { contact[key] = v } }
        if let phone = contact["telefoon"] as? String { contact["telefoonHref"] = Format.telHref(phone) as Any }
        if !contact.isEmpty { site["contact"] = contact }

        var page: [String: Any] = ["title": title, "isHome": path == "index.html"]
        if let description, !description.isEmpty { page["description"] = description }
        if canonical { page["canonical"] = Self.absoluteURL(model.config, path) }
        let nav: [[String: Any]] = Self.navigation.map { item in
            ["title": item.title, "link": item.link, "current": item.link == path, "active": item.key == section]
        }
        let crumbs: [[String: Any]] = breadcrumbs.enumerated().map { index, crumb in
            var c: [String: Any] = ["title": crumb.title, "current": index == breadcrumbs.count - 1]
            if let link = crumb.link { c["link"] = link }
            return c
        }
        var context: [String: Any] = [
            "root": root, "site": site, "page": page, "nav": nav,
            "breadcrumbs": crumbs, "hasBreadcrumbs": !crumbs.isEmpty, "isSearchPage": false,
        ]
        for (key, value) in values { context[key] = value }
        return context
    }

    /// `../../` for `gemeenten/arnhem/index.html`, `` for `index.html`.
    static func root(for path: String) -> String {
        let depth = path.split(separator: "/", omittingEmptySubsequences: true).count - 1
        return String(repeating: "../", count: max(0, depth))
    }

    /// Absolute URL of an output file: folder URL for `…/index.html`.
    static func absoluteURL(_ config: SiteConfig, _ path: String) -> String {
        var p = path
        if p == "index.html" { p = "" } else if p.hasSuffix("/index.html") { p = String(p.dropLast("index.html".count)) }
        return config.baseURL + URLEncoding.path(p)
    }
}

/// Breadcrumb helpers.
extension PageFrame {
    static let home = (title: "Home", link: Optional("index.html"))
}
