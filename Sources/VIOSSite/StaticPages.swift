import VIOSCore

/// Pages whose text lives in the templates: the accessibility statement,
/// search and 404.
extension PageRenderer {
    func accessibilityPage(path: String) -> (String, [String: Any]) {
        var frame = PageFrame(path: path, title: "Toegankelijkheid",
                              description: "Toegankelijkheidsverklaring van de kennisbank: WCAG 2.1 niveau AA.")
        frame.breadcrumbs = [homeCrumb, ("Toegankelijkheid", nil)]
        return page("toegankelijkheid", frame, ["today": Format.date(model.today)!])
    }

    func searchPage(path: String) -> (String, [String: Any]) {
        var frame = PageFrame(path: path, title: "Zoeken",
                              description: "Zoek in alle documenten van de kennisbank.")
        frame.breadcrumbs = [homeCrumb, ("Zoeken", nil)]
        let kinds = DocumentKind.allCases.map { ["label": $0.label, "value": $0.label] }
        return page("zoeken", frame, ["isSearchPage": true, "kinds": kinds])
    }

    func notFoundPage(path: String) -> (String, [String: Any]) {
        var frame = PageFrame(path: path, title: "Pagina niet gevonden")
        frame.canonical = false
        frame.absoluteRoot = true
        return page("404", frame, [:])
    }
}
