import VIOSCore

/// `sitemap.xml` and `feed.xml` (Atom): the only places with absolute
/// URLs, built from `base-url`. Dates come from content, never the disk.
extension PageRenderer {
    func sitemap() -> (String, [String: Any]) {
        var schoolDates: [String: CalendarDate] = [:]
        for school in model.schools {
            let dates = [school.plan, school.incidentProtocol].compactMap { $0.flatMap { model.contentDate($0) } }
            if let newest = dates.max() {
                schoolDates[SitePaths.schoolURL(school.slug) + "index.html"] = newest
                schoolDates[SitePaths.factsheetURL(school.slug)] = newest
            }
        }
        let urls: [[String: Any]] = pagePaths.filter { $0.hasSuffix(".html") && $0 != "404.html" }.map { path in
            var entry: [String: Any] = ["loc": PageFrame.absoluteURL(model.config, path)]
            if let i = documentByPage[path], let date = model.contentDate(i) {
                entry["lastmod"] = date.description
            } else if let date = schoolDates[path] {
                entry["lastmod"] = date.description
            }
            return entry
        }
        return ("sitemap", ["urls": urls])
    }

    func feed() -> (String, [String: Any]) {
        let entries = recent(limit: 50)
        let newest = entries.first.flatMap { model.contentDate($0) } ?? model.today
        let home = PageFrame.absoluteURL(model.config, "index.html")
        var site: [String: Any] = ["title": model.config.title]
        if let v = model.config.description, !v.isEmpty { site["description"] = v }
        site["author"] = model.config.organisation.flatMap { $0.isEmpty ? nil : $0 } ?? model.config.title
        return ("feed", [
            "site": site,
            "home": home,
            "self": PageFrame.absoluteURL(model.config, "feed.xml"),
            "updated": Format.timestamp(newest),
            "entries": entries.map { i -> [String: Any] in
                let url = PageFrame.absoluteURL(model.config, model.pageFile(i))
                var e: [String: Any] = ["title": model.title(i), "url": url, "id": url,
                                        "kind": model.documents[i].kind?.label ?? "",
                                        "updated": Format.timestamp(model.contentDate(i) ?? newest)]
                if !model.summaries[i].isEmpty { e["summary"] = model.summaries[i] }
                return e
            },
        ])
    }
}
