import VIOSCore

/// One file to render: where it goes and what it shows. Jobs are values so
/// the list can be made first (in order) and rendered on all cores.
struct PageJob: Sendable {
    enum Kind: Sendable {
        case document(Int)
        case school(Int)
        case factsheet(Int)
        case home, gemeenten, modellen, model(Int), themas, thema(Int), evaluaties, scholen
        case listing(DocumentKind)
        case accessibility, search, notFound, sitemap, feed
    }

    var path: String
    var kind: Kind

    /// A page over the whole site, not one document or school: few, and
    /// each far costlier to render than one document's page.
    var isSiteWide: Bool {
        switch kind {
        case .document, .school, .factsheet, .model, .thema: return false
        default: return true
        }
    }

    /// `indices` in path order, but each school's factsheet right after
    /// its school's page: the two share their values (`ValuesMemo`),
    /// which then live for a moment instead of from the first factsheet
    /// (`factsheets/` sorts before `scholen/`) to the last school page,
    /// 50 MB nationally. What is rendered does not depend on the order.
    static func renderingOrder(_ indices: [Int], of jobs: [PageJob]) -> [Int] {
        var factsheetOf: [Int: Int] = [:]
        for index in indices { if case .factsheet(let school) = jobs[index].kind { factsheetOf[school] = index } }
        var order: [Int] = []
        order.reserveCapacity(indices.count)
        for index in indices {
            switch jobs[index].kind {
            case .factsheet: continue
            case .school(let school):
                order.append(index)
                if let factsheet = factsheetOf.removeValue(forKey: school) { order.append(factsheet) }
            default: order.append(index)
            }
        }
        // A factsheet without its school's page (not made today) still comes.
        return order + factsheetOf.values.sorted()
    }

    /// One of the pages each document or school has (nationally 21,500 of
    /// 21,900): when its key changes, what it shows has mostly changed too.
    var isPerDocument: Bool {
        switch kind {
        case .document, .school, .factsheet: return true
        default: return false
        }
    }
}

enum PagePlan {
    /// Every page of the site, sorted by output path.
    static func jobs(_ model: SiteModel) -> [PageJob] {
        var jobs: [PageJob] = [
            PageJob(path: "index.html", kind: .home),
            PageJob(path: "404.html", kind: .notFound),
            PageJob(path: "toegankelijkheid/index.html", kind: .accessibility),
            PageJob(path: "zoeken/index.html", kind: .search),
            PageJob(path: "gemeenten/index.html", kind: .gemeenten),
            PageJob(path: "modellen/index.html", kind: .modellen),
            PageJob(path: "themas/index.html", kind: .themas),
            PageJob(path: "evaluaties/index.html", kind: .evaluaties),
            PageJob(path: "scholen/index.html", kind: .scholen),
            PageJob(path: "handreikingen/index.html", kind: .listing(.handreiking)),
            PageJob(path: "convenanten/index.html", kind: .listing(.convenant)),
            PageJob(path: "elementen/index.html", kind: .listing(.element)),
            PageJob(path: "sitemap.xml", kind: .sitemap),
            PageJob(path: "feed.xml", kind: .feed),
        ]
        for i in model.documents.indices { jobs.append(PageJob(path: model.pageFile(i), kind: .document(i))) }
        for (i, school) in model.schools.enumerated() {
            jobs.append(PageJob(path: SitePaths.schoolURL(school.slug) + "index.html", kind: .school(i)))
            if school.plan != nil { jobs.append(PageJob(path: SitePaths.factsheetURL(school.slug), kind: .factsheet(i))) }
        }
        for (i, m) in Labels.modellen.enumerated() { jobs.append(PageJob(path: "modellen/\(m.slug)/index.html", kind: .model(i))) }
        for (i, t) in model.themas.enumerated() { jobs.append(PageJob(path: "themas/\(t.slug)/index.html", kind: .thema(i))) }
        // Paths never collide by construction (documents live one level
        // below their collection, schools' documents below the school); if
        // one ever did, the earlier claim in this list wins, deterministically.
        var seen = Set<String>()
        return jobs.filter { seen.insert($0.path).inserted }.sorted { $0.path < $1.path }
    }
}
