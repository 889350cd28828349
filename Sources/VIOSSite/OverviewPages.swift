import VIOSCore

/// Pages over many documents: home, the gemeenten comparison, models,
/// themes, the review overview and the lists per kind.
extension PageRenderer {
    func homePage(path: String) -> (String, [String: Any]) {
        var frame = PageFrame(path: path, title: model.config.title, description: model.config.description)
        frame.section = nil
        let counts: [[String: Any]] = [
            ["label": "Gemeenten", "aantal": model.gemeenten.count, "link": "gemeenten/index.html"],
            ["label": "Scholen", "aantal": model.schools.count, "link": "scholen/index.html"],
            ["label": "Handreikingen", "aantal": model.handreikingen.count, "link": "handreikingen/index.html"],
            ["label": "Convenanten", "aantal": model.convenanten.count, "link": "convenanten/index.html"],
        ]
        return page("home", frame, [
            "recent": recent(limit: 8).map { i -> [String: Any] in
                var c = card(i)
                c["datum"] = orFalse(Format.date(model.contentDate(i)))
                return c
            },
            "counts": counts,
            "modellen": Labels.modellen.map { ["title": $0.title, "link": "modellen/\($0.slug)/index.html", "summary": $0.summary] },
            "themas": model.themas.prefix(12).map { ["title": Labels.thema($0.slug), "link": "themas/\($0.slug)/index.html"] },
            "hasThemas": !model.themas.isEmpty,
        ])
    }

    /// Documents with a content date, newest first (ties: path).
    func recent(limit: Int) -> [Int] {
        let dated = model.documents.indices.compactMap { i in model.contentDate(i).map { (i, $0) } }
        return dated.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : model.documents[$0.0].path < model.documents[$1.0].path }
            .prefix(limit).map(\.0)
    }

    /// Report tables 2.1 (elements per gemeente) and 2.2 (phase, start, reach).
    func gemeentenPage(path: String) -> (String, [String: Any]) {
        var frame = PageFrame(path: path, title: "Gemeenten",
                              description: "De aanpak van veiligheid in en om school per gemeente, naast elkaar.")
        frame.section = "gemeenten"
        frame.breadcrumbs = [homeCrumb, ("Gemeenten", nil)]
        let columns = FieldSchema.coreElementen.map { ["title": Labels.elementenKort[$0] ?? Labels.element($0),
                                                       "full": Labels.element($0)] }
        let rows: [[String: Any]] = model.gemeenten.map { i in
            let d = model.documents[i]
            let has = Set(d.list("elementen"))
            var row = link(i)
            row["cells"] = FieldSchema.coreElementen.map { e -> [String: Any] in
                ["present": has.contains(e), "element": Labels.element(e)]
            }
            row["model"] = orFalse(d.text("model").map(Labels.model))
            row["fase"] = orFalse(d.text("fase").map { Labels.fasen[$0] ?? Labels.readable($0) })
            row["gestart"] = orFalse(d.text("gestart").map(Self.yearOrMonth))
            let reach = d.frontmatter?["bereik"]
            for key in ["po", "vo", "mbo", "so"] { row[key] = orFalse(reach?[key]?.int) }
            row["toelichting"] = orFalse(reach?["toelichting"]?.string.flatMap(\.nonEmpty))
            return row
        }
        return page("gemeenten", frame, ["columns": columns, "rows": rows, "aantal": rows.count])
    }

    func modellenPage(path: String) -> (String, [String: Any]) {
        var frame = PageFrame(path: path, title: "Modellen",
                              description: "De vier hoofdmodellen van de aanpak uit het onderzoek, met de gemeenten die ermee werken.")
        frame.section = "gemeenten"
        frame.breadcrumbs = [homeCrumb, ("Gemeenten", "gemeenten/index.html"), ("Modellen", nil)]
        let items = Labels.modellen.map { m -> [String: Any] in
            ["title": m.title, "slug": m.slug, "link": "modellen/\(m.slug)/index.html", "summary": m.summary,
             "gemeenten": (model.gemeentenByModel[m.slug] ?? []).map { link($0) }]
        }
        let eigen = (model.gemeentenByModel["eigen"] ?? []).map { link($0) }
        return page("modellen", frame, ["modellen": items, "eigen": eigen])
    }

    func modelPage(_ n: Int, path: String) -> (String, [String: Any]) {
        let m = Labels.modellen[n]
        var frame = PageFrame(path: path, title: m.title, description: m.summary)
        frame.section = "gemeenten"
        frame.breadcrumbs = [homeCrumb, ("Gemeenten", "gemeenten/index.html"), ("Modellen", "modellen/index.html"), (m.title, nil)]
        let gemeenten = (model.gemeentenByModel[m.slug] ?? []).map { card($0) }
        return page("model", frame, ["model": ["title": m.title, "summary": m.summary] as [String: Any],
                                      "gemeenten": gemeenten])
    }

    func themasPage(path: String) -> (String, [String: Any]) {
        var frame = PageFrame(path: path, title: "Thema's",
                              description: "Alle documenten in de kennisbank per thema, zoals vapes, messen en sociale media.")
        frame.section = "themas"
        frame.breadcrumbs = [homeCrumb, ("Thema's", nil)]
        let items = model.themas.map { t -> [String: Any] in
            ["title": Labels.thema(t.slug), "link": "themas/\(t.slug)/index.html",
             "aantal": Format.count(t.documents.count, "document", "documenten")]
        }
        return page("themas", frame, ["themas": items])
    }

    func themaPage(_ n: Int, path: String) -> (String, [String: Any]) {
        let t = model.themas[n]
        let title = "Thema: " + Labels.thema(t.slug)
        var frame = PageFrame(path: path, title: title,
                              description: "Alle documenten in de kennisbank over \(Labels.thema(t.slug).lowercased()).")
        frame.section = "themas"
        frame.breadcrumbs = [homeCrumb, ("Thema's", "themas/index.html"), (Labels.thema(t.slug), nil)]
        return page("thema", frame, ["thema": ["title": title, "label": Labels.thema(t.slug)] as [String: Any],
                                      "groups": groups(t.documents)])
    }

    /// Documents grouped by kind in a fixed order; school documents without
    /// summaries to keep long lists light.
    func groups(_ indices: [Int]) -> [[String: Any]] {
        let order: [DocumentKind] = [.handreiking, .gemeente, .convenant, .element, .veiligheidsplan, .incidentprotocol]
        var byKind: [DocumentKind: [Int]] = [:]
        for i in indices { if let k = model.documents[i].kind { byKind[k, default: []].append(i) } }
        return order.compactMap { kind in
            guard let list = byKind[kind], !list.isEmpty else { return nil }
            let school = kind == .veiligheidsplan || kind == .incidentprotocol
            return ["title": kind.pluralLabel, "aantal": list.count, "id": "soort-" + kind.rawValue,
                    "items": list.map { card($0, summary: !school) }]
        }
    }

    /// Plans, protocols and convenanten whose `volgende-evaluatie` has passed
    /// or falls within three months of today, by gemeente (report 3.6.5:
    /// plans must be kept alive with a PDCA cycle).
    func evaluatiesPage(path: String) -> (String, [String: Any]) {
        var frame = PageFrame(path: path, title: "Evaluaties",
                              description: "Welke veiligheidsplannen, incidentprotocollen en convenanten toe zijn aan hun evaluatie.")
        frame.section = "evaluaties"
        frame.breadcrumbs = [homeCrumb, ("Evaluaties", nil)]
        var byGemeente: [String: [(Int, CalendarDate, Format.ReviewStatus)]] = [:]
        var overdue = 0, due = 0, total = 0
        for (i, d) in model.documents.enumerated() {
            guard d.kind == .veiligheidsplan || d.kind == .incidentprotocol || d.kind == .convenant,
                  let next = d.frontmatter?["volgende-evaluatie"]?.date else { continue }
            total += 1
            let status = Format.reviewStatus(next, today: model.today)
            if status == .ok { continue }
            if status == .overdue { overdue += 1 } else { due += 1 }
            byGemeente[model.gemeenteSlug(of: i) ?? "", default: []].append((i, next, status))
        }
        let keys = byGemeente.keys.sorted { a, b in
            let ta = model.gemeenteName(a).map(TextFolding.fold) ?? "\u{FFFF}" + a
            let tb = model.gemeenteName(b).map(TextFolding.fold) ?? "\u{FFFF}" + b
            return ta == tb ? a < b : ta < tb
        }
        let groups: [[String: Any]] = keys.map { key in
            let rows = byGemeente[key]!.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : model.documents[$0.0].path < model.documents[$1.0].path }
            var g: [String: Any] = ["title": model.gemeenteName(key) ?? "Zonder gemeente", "id": "gemeente-" + (key.isEmpty ? "onbekend" : key)]
            g["link"] = orFalse(model.gemeenteBySlug[key].map { model.pageFile($0) })
            g["rows"] = rows.map { (i, date, status) -> [String: Any] in
                var row = link(i)
                let d = model.documents[i]
                row["school"] = orFalse(d.collection == .scholen ? model.schoolBySlug[d.slug].map { model.schools[$0].name } : nil)
                row["kind"] = model.documents[i].kind?.label ?? ""
                row["datum"] = orFalse(Format.date(date))
                row["status"] = ["label": status.label, "code": status.rawValue] as [String: Any]
                return row
            }
            g["aantal"] = rows.count
            return g
        }
        return page("evaluaties", frame, [
            "groups": groups, "today": Format.date(model.today)!,
            "overdue": overdue, "due": due, "total": total, "none": groups.isEmpty,
            "horizon": Format.date(model.today.adding(months: 3))!,
        ])
    }

    func scholenPage(path: String) -> (String, [String: Any]) {
        var frame = PageFrame(path: path, title: "Scholen",
                              description: "Alle scholen in de kennisbank met hun veiligheidsplan en incidentprotocol, per gemeente.")
        frame.section = "scholen"
        frame.breadcrumbs = [homeCrumb, ("Scholen", nil)]
        var groups: [[String: Any]] = []
        var placed = Set<Int>()
        for g in model.gemeenten {
            let slug = model.documents[g].slug
            guard model.documents[g].collection == .gemeenten, let schools = model.schoolsByGemeente[slug], !schools.isEmpty else { continue }
            placed.formUnion(schools)
            groups.append(["title": model.title(g), "link": model.pageFile(g), "id": "gemeente-" + slug,
                           "schools": schools.map { schoolLink($0) }])
        }
        let rest = model.schools.indices.filter { !placed.contains($0) }
        if !rest.isEmpty {
            groups.append(["title": "Overige scholen", "link": false, "id": "overige-scholen", "schools": rest.map { schoolLink($0) }])
        }
        return page("scholen", frame, ["groups": groups, "aantal": Format.count(model.schools.count, "school", "scholen")])
    }

    func listingPage(_ kind: DocumentKind, path: String) -> (String, [String: Any]) {
        let indices: [Int]
        let description: String
        var section = kind.collection.rawValue
        switch kind {
        case .handreiking:
            indices = model.handreikingen
            description = "Handreikingen rond een concrete casus, met een handelingsperspectief: wat te doen en wie wat doet."
        case .convenant:
            indices = model.convenanten
            description = "Convenanten en samenwerkingsovereenkomsten tussen scholen, gemeenten en partners."
            section = "handreikingen"
        case .element:
            indices = model.elementen
            description = "De elementen van de integrale aanpak, zoals het kernteam, het signaleringsoverleg en het convenant."
        default:
            indices = model.documents.indices.filter { model.documents[$0].kind == kind }
            description = kind.pluralLabel
        }
        var frame = PageFrame(path: path, title: kind.pluralLabel, description: description)
        frame.section = section
        frame.breadcrumbs = [homeCrumb, (kind.pluralLabel, nil)]
        var values: [String: Any] = ["items": indices.map { card($0) }, "intro": description, "none": indices.isEmpty,
                                     "heading": Format.count(indices.count, kind.label.lowercased(), kind.pluralLabel.lowercased())]
        switch kind {
        case .handreiking: values["seeAlso"] = item("Convenanten", "convenanten/index.html")
        case .convenant: values["seeAlso"] = item("Handreikingen", "handreikingen/index.html")
        case .element: values["seeAlso"] = item("De gemeenten naast elkaar", "gemeenten/index.html")
        default: values["seeAlso"] = false
        }
        return page("lijst", frame, values)
    }
}
