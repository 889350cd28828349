import Foundation
import VIOSCore

/// The page of one published document: its body (safe HTML from cmark)
/// with what its frontmatter says, one template per kind.
extension PageRenderer {
    func documentPage(_ i: Int, path: String) -> (String, [String: Any]) {
        let d = model.documents[i]
        let kind = d.kind ?? .handreiking
        var frame = PageFrame(path: path, title: model.title(i), description: model.summaries[i].nonEmpty)
        let themas = themaLinks(d)
        var values: [String: Any] = [
            "title": model.title(i),
            "kindLabel": kind.label,
            // Safe HTML from cmark-gfm (safe mode + tagfilter): the one value
            // templates insert with triple braces.
            "body": PageBody(html: d.htmlText),
            "themas": themas,
            "hasThemas": !themas.isEmpty,
            "draft": d.isDraft,
        ]
        values["summary"] = orFalse(d.text("samenvatting"))
        let today = model.today

        switch kind {
        case .veiligheidsplan:
            let school = model.schoolBySlug[d.slug]
            frame.section = "scholen"
            frame.breadcrumbs = [homeCrumb, ("Scholen", "scholen/index.html")]
            if let school { frame.breadcrumbs.append((model.schools[school].name, SitePaths.schoolURL(d.slug) + "index.html")) }
            frame.breadcrumbs.append(("Veiligheidsplan", nil))
            values["plan"] = planValues(i, school: school)
        case .incidentprotocol:
            let school = model.schoolBySlug[d.slug]
            frame.section = "scholen"
            frame.breadcrumbs = [homeCrumb, ("Scholen", "scholen/index.html")]
            if let school { frame.breadcrumbs.append((model.schools[school].name, SitePaths.schoolURL(d.slug) + "index.html")) }
            frame.breadcrumbs.append(("Incidentprotocol", nil))
            var p: [String: Any] = ["escalatie": escalation(d), "vios_id": d.path]
            p["school"] = orFalse(school.map { schoolLink($0) })
            p["planLink"] = orFalse(school.flatMap { model.schools[$0].plan }.map { model.pageFile($0) })
            p["vastgesteld"] = orFalse(Format.date(d.frontmatter?["vastgesteld"]?.date))
            let next = d.frontmatter?["volgende-evaluatie"]?.date
            p["volgendeEvaluatie"] = orFalse(Format.date(next))
            p["status"] = orFalse(Format.status(next, today: today))
            values["protocol"] = p
        case .convenant:
            frame.section = "handreikingen"
            frame.breadcrumbs = [homeCrumb, ("Convenanten", "convenanten/index.html"), (model.title(i), nil)]
            var c: [String: Any] = [:]
            c["gemeente"] = orFalse(gemeenteLink(d.text("gemeente")))
            c["ondertekend"] = orFalse(Format.date(d.frontmatter?["ondertekend"]?.date))
            c["geldigTot"] = orFalse(Format.date(d.frontmatter?["geldig-tot"]?.date))
            c["verlopen"] = d.frontmatter?["geldig-tot"]?.date.map { $0 < today } ?? false
            let next = d.frontmatter?["volgende-evaluatie"]?.date
            c["volgendeEvaluatie"] = orFalse(Format.date(next))
            c["status"] = orFalse(Format.status(next, today: today))
            c["partners"] = (d.frontmatter?["partners"]?.items ?? []).map { node -> [String: Any] in
                ["naam": node["naam"]?.string ?? "", "soort": Labels.partner(node["soort"]?.string ?? "overig")]
            }
            c["scholen"] = (model.schoolsByConvenant[d.slug] ?? []).map { schoolLink($0) }
            c["hasScholen"] = !(model.schoolsByConvenant[d.slug] ?? []).isEmpty
            values["convenant"] = c
        case .handreiking:
            frame.section = "handreikingen"
            frame.breadcrumbs = [homeCrumb, ("Handreikingen", "handreikingen/index.html"), (model.title(i), nil)]
            var h: [String: Any] = [:]
            h["bijgewerkt"] = orFalse(Format.date(d.frontmatter?["bijgewerkt"]?.date))
            let groups = d.list("doelgroep").map { Labels.doelgroepen[$0] ?? Labels.readable($0) }
            h["doelgroepen"] = orFalse(groups.joined(separator: ", ").nonEmpty)
            values["handreiking"] = h
        case .gemeente:
            frame.section = "gemeenten"
            frame.breadcrumbs = [homeCrumb, ("Gemeenten", "gemeenten/index.html"), (model.title(i), nil)]
            values["gemeente"] = gemeenteValues(i)
        case .element:
            frame.section = "elementen"
            frame.breadcrumbs = [homeCrumb, ("Elementen", "elementen/index.html"), (model.title(i), nil)]
            let element = d.text("element") ?? ""
            values["element"] = [
                "label": Labels.element(element),
                "gemeenten": (model.gemeentenByElement[element] ?? []).map { link($0) },
                "hasGemeenten": !(model.gemeentenByElement[element] ?? []).isEmpty,
            ] as [String: Any]
        }
        values["kind"] = kind.rawValue
        return page(kind.rawValue, frame, values)
    }

    /// A plan's values, shared by the plan's page and its school's page
    /// and factsheet (`title` and `link` are the plan's own, for the latter).
    func planValues(_ i: Int, school: Int?) -> [String: Any] {
        planMemo.values(.init(index: i, other: school ?? -1), uses: school == nil ? 1 : 2) { makePlanValues(i, school: school) }
    }

    private func makePlanValues(_ i: Int, school: Int?) -> [String: Any] {
        let d = model.documents[i]
        var p: [String: Any] = ["title": model.title(i), "link": model.pageFile(i)]
        p["school"] = orFalse(school.map { schoolLink($0) })
        p["factsheetLink"] = orFalse(school.map { SitePaths.factsheetURL(model.schools[$0].slug) })
        p["protocol"] = orFalse(school.flatMap { model.schools[$0].incidentProtocol }.map { link($0) })
        p["gemeente"] = orFalse(gemeenteLink(d.text("gemeente")))
        p["onderwijs"] = orFalse(d.text("onderwijs").map { Labels.onderwijs[$0] ?? $0 })
        p["brin"] = orFalse(d.text("brin"))
        p["structuur"] = orFalse(structureTitle(d.text("structuur")))
        p["vastgesteld"] = orFalse(Format.date(d.frontmatter?["vastgesteld"]?.date))
        let next = d.frontmatter?["volgende-evaluatie"]?.date
        p["volgendeEvaluatie"] = orFalse(Format.date(next))
        p["status"] = orFalse(Format.status(next, today: model.today))
        p["convenant"] = orFalse(d.text("convenant").flatMap { model.convenantBySlug[$0] }.map { link($0) })
        p["monitoring"] = false
        if let m = d.frontmatter?["monitoring"], m.pairs != nil {
            let instrument = m["instrument"]?.string.flatMap(\.nonEmpty)
            let date = Format.date(m["laatste-meting"]?.date)
            if instrument != nil || date != nil {
                p["monitoring"] = ["instrument": orFalse(instrument), "laatsteMeting": orFalse(date)] as [String: Any]
            }
        }
        p["contacten"] = contacts(d)
        // Names the document for shared blocks (see `SharedBlocks`).
        p["vios_id"] = d.path
        p["kernteam"] = partnerList(d, "kernteam")
        p["kernteamText"] = orFalse(d.list("kernteam").map(Labels.partner).joined(separator: ", ").nonEmpty)
        return p
    }

    func structureTitle(_ slug: String?) -> String? {
        guard let slug else { return nil }
        return Labels.structuren[slug] ?? model.planStructures[slug]?.title ?? Labels.readable(slug)
    }

    func gemeenteValues(_ i: Int) -> [String: Any] {
        let d = model.documents[i]
        var g: [String: Any] = ["naam": d.text("naam") ?? model.title(i)]
        g["titel"] = orFalse(d.text("titel").flatMap { $0 == model.title(i) ? nil : $0 })
        g["cbsCode"] = orFalse(d.text("cbs-code"))
        g["model"] = orFalse(d.text("model").map { m in
            item(Labels.model(m), Labels.modellen.contains(where: { $0.slug == m }) ? "modellen/\(m)/index.html" : nil)
        })
        g["fase"] = orFalse(d.text("fase").map { Labels.fasen[$0] ?? Labels.readable($0) })
        g["gestart"] = orFalse(d.text("gestart").map(Self.yearOrMonth))
        g["bereik"] = orFalse(reach(d))
        g["elementen"] = d.list("elementen").map { e -> [String: Any] in
            item(Labels.element(e), model.elementDocument[e].map { model.pageFile($0) })
        }
        let slug = d.collection == .gemeenten ? d.slug : ""
        g["scholen"] = (model.schoolsByGemeente[slug] ?? []).map { s -> [String: Any] in
            var school = schoolLink(s)
            let o = model.schools[s].plan.flatMap { model.documents[$0].text("onderwijs") }
            school["onderwijs"] = orFalse(o.map { Labels.onderwijs[$0] ?? $0 })
            return school
        }
        g["convenanten"] = (model.convenantenByGemeente[slug] ?? []).map { link($0) }
        g["aantalScholen"] = Format.count(model.schoolsByGemeente[slug]?.count ?? 0, "school", "scholen")
        for key in ["elementen", "scholen", "convenanten"] { g["has" + key.capitalized] = !((g[key] as? [Any])?.isEmpty ?? true) }
        return g
    }

    /// Reach (report table 2.2): schools per sector and a note.
    func reach(_ d: Document) -> [String: Any]? {
        guard let node = d.frontmatter?["bereik"], node.pairs != nil else { return nil }
        var rows: [[String: Any]] = []
        for key in ["po", "vo", "mbo", "so"] {
            if let n = node[key]?.int { rows.append(["sector": key, "label": Labels.onderwijs[key] ?? key, "aantal": n]) }
        }
        let note = node["toelichting"]?.string.flatMap(\.nonEmpty)
        if rows.isEmpty && note == nil { return nil }
        return ["rows": rows, "hasRows": !rows.isEmpty, "toelichting": orFalse(note)]
    }

    /// `2021-03` → `maart 2021`, `2018` → `2018`.
    static func yearOrMonth(_ text: String) -> String {
        let parts = text.split(separator: "-")
        guard parts.count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return text }
        let names = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                     "september", "oktober", "november", "december"]
        return "\(names[month - 1]) \(parts[0])"
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
