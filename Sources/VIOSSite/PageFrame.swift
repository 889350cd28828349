import VIOSCore

/// What every HTML page shares: the relative `root` prefix, site settings,
/// the main navigation, breadcrumbs and the page's title and canonical
/// URL. Contexts are plain dictionaries (swift-mustache looks keys up by
/// hashing, far cheaper than reflection) and are built on the rendering
/// thread; only the values every page shares (`Shared`) are made once.
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

    /// The values every page of a build shares, made once: built again for
    /// each of 30,000 pages, they were a fifth of making the contexts.
    final class Shared: @unchecked Sendable {
        // @unchecked: immutable after init; the dictionaries hold strings,
        // booleans and dictionaries of those, read from any thread.
        let site: [String: Any]
        /// The navigation, by `section`, for pages that are none of its links.
        let navigation: [String: [[String: Any]]]

        init(_ config: SiteConfig) {
            // Every key is present (absent values are false): a missing key
            // would make Mustache look in the enclosing context instead.
            var contact: [String: Any] = [:]
            for key in ["email", "telefoon", "adres", "url"] { contact[key] = orFalse(config.contact[key].flatMap(\.nonEmpty)) }
            contact["telefoonHref"] = orFalse(config.contact["telefoon"].flatMap(Format.telHref))
            site = [
                "title": config.title,
                "description": orFalse(config.description.flatMap(\.nonEmpty)),
                "organisation": orFalse(config.organisation.flatMap(\.nonEmpty)),
                "contact": config.contact.values.contains { !$0.isEmpty } ? contact as Any : false as Any,
            ]
            var navigation: [String: [[String: Any]]] = [:]
            for section in [""] + PageFrame.navigation.map(\.key) {
                navigation[section] = PageFrame.navigation(path: "", section: section)
            }
            self.navigation = navigation
        }
    }

    static func navigation(path: String, section: String?) -> [[String: Any]] {
        navigation.map { item in
            ["title": item.title, "link": item.link, "current": item.link == path, "active": item.key == section]
        }
    }

    func context(_ model: SiteModel, _ values: [String: Any], shared: Shared? = nil) -> [String: Any] {
        let root = absoluteRoot ? model.config.basePath : Self.root(for: path)
        let config = model.config
        let shared = shared ?? Shared(config)
        let site = shared.site
        let isHome = path == "index.html"
        let page: [String: Any] = [
            "title": title, "isHome": isHome,
            // The `<title>`: one lookup for what took four.
            "fullTitle": isHome ? config.title : title + " | " + config.title,
            "description": orFalse(description.flatMap(\.nonEmpty)),
            "canonical": orFalse(canonical ? Self.absoluteURL(config, path) : nil),
        ]
        let isNavigationLink = Self.navigation.contains { $0.link == path }
        let made = isNavigationLink ? nil : shared.navigation[section ?? ""]
        let nav = made ?? Self.navigation(path: path, section: section)
        // The trail as links, and the current page's title apart: no
        // `current` test per crumb (half the lookups of the trail). The
        // whole trail with `current` flags stays, for themes that use it.
        let crumbLinks: [[String: Any]] = breadcrumbs.dropLast().map { ["title": $0.title, "link": orFalse($0.link)] }
        let crumbs: [[String: Any]] = breadcrumbs.enumerated().map { index, crumb in
            ["title": crumb.title, "current": index == breadcrumbs.count - 1, "link": orFalse(crumb.link)]
        }
        // Sized once for the frame's values and the page's: grown step by
        // step, it was rehashed twice per page.
        var context = [String: Any](minimumCapacity: 10 + values.count)
        context["root"] = root
        context["site"] = site
        context["page"] = page
        context["nav"] = nav
        context["breadcrumbs"] = crumbs
        context["crumbLinks"] = crumbLinks
        context["crumbCurrent"] = orFalse(breadcrumbs.last?.title)
        context["hasBreadcrumbs"] = !breadcrumbs.isEmpty
        context["isSearchPage"] = false
        for (key, value) in values { context[key] = value }
        // What the layout-only values (root, site, nav, isSearchPage) depend
        // on, so their partials are rendered once per distinct value.
        let currentNav = isNavigationLink ? path : ""
        let isSearchPage = context["isSearchPage"] as? Bool ?? false
        context[LayoutPartials.keyName] = root + "\u{1}" + (section ?? "") + "\u{1}" + currentNav + (isSearchPage ? "\u{1}true" : "\u{1}false")
        return context
    }

    /// `../../` for `gemeenten/arnhem/index.html`, `` for `index.html`.
    static func root(for path: String) -> String {
        // Folders are the slashes between non-empty names: counted on bytes.
        var depth = 0, sawName = false
        for byte in path.utf8 {
            if byte == 47 { if sawName { depth += 1; sawName = false } } else { sawName = true }
        }
        if !sawName { depth -= 1 }
        return depth <= 0 ? "" : String(repeating: "../", count: depth)
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
