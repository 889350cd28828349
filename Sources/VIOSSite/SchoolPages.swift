import VIOSCore

/// A school's page (plan and incident protocol together) and its
/// printable A4 factsheet (report, Bijlage B: short, visual, for parents).
extension PageRenderer {
    /// A school's values, shared by its page and its factsheet.
    func schoolValues(_ s: Int) -> [String: Any] {
        schoolMemo.values(.init(index: s, other: 0), uses: model.schools[s].plan == nil ? 1 : 2) { makeSchoolValues(s) }
    }

    private func makeSchoolValues(_ s: Int) -> [String: Any] {
        let school = model.schools[s]
        var v: [String: Any] = ["name": school.name, "slug": school.slug, "plan": false, "protocol": false,
                                "summary": false, "sections": false, "planURL": false,
                                "pdfLink": orFalse(model.factsheetPDFs && school.plan != nil ? FactsheetPDF.url(school.slug) : nil)]
        if let plan = school.plan {
            let d = model.documents[plan]
            v["plan"] = planValues(plan, school: s)
            v["summary"] = orFalse(d.text("samenvatting"))
        }
        if let incident = school.incidentProtocol {
            let d = model.documents[incident]
            var p: [String: Any] = ["title": model.title(incident), "link": model.pageFile(incident),
                                    "escalatie": escalation(d), "vios_id": d.path]
            p["vastgesteld"] = orFalse(Format.date(d.frontmatter?["vastgesteld"]?.date))
            let next = d.frontmatter?["volgende-evaluatie"]?.date
            p["volgendeEvaluatie"] = orFalse(Format.date(next))
            p["status"] = orFalse(Format.status(next, today: model.today))
            v["protocol"] = p
        }
        return v
    }

    func schoolPage(_ s: Int, path: String) -> (String, [String: Any]) {
        let school = model.schools[s]
        var frame = PageFrame(path: path, title: school.name)
        frame.section = "scholen"
        frame.description = school.plan.flatMap { model.summaries[$0].nonEmpty }
        frame.breadcrumbs = [homeCrumb, ("Scholen", "scholen/index.html"), (school.name, nil)]
        return page("school", frame, ["school": schoolValues(s)])
    }

    func factsheetPage(_ s: Int, path: String) -> (String, [String: Any]) {
        let school = model.schools[s]
        var frame = PageFrame(path: path, title: "Factsheet " + school.name)
        frame.section = "scholen"
        frame.description = "Veiligheid op \(school.name) in het kort: wie u kunt bellen, wat de school doet en wat er gebeurt bij een incident."
        frame.breadcrumbs = [homeCrumb, ("Scholen", "scholen/index.html"),
                             (school.name, SitePaths.schoolURL(school.slug) + "index.html"), ("Factsheet", nil)]
        var values = schoolValues(s)
        if let plan = school.plan {
            let d = model.documents[plan]
            values["sections"] = planSections(d)
            values["planURL"] = PageFrame.absoluteURL(model.config, model.pageFile(plan))
        }
        return page("factsheet", frame, ["school": values])
    }

    /// The plan's structure sections in structure order, each with the
    /// first paragraph (or first list items) of the matching H2.
    func planSections(_ d: Document) -> [[String: Any]] {
        let h2 = d.body.headings.filter { $0.level == 2 }
        let texts = SectionSummaries.summaries(html: d.html ?? "", anchors: h2.map(\.anchor))
        guard let slug = d.text("structuur"), let structure = model.planStructures[slug] else {
            return h2.enumerated().map { n, h in
                ["number": n + 1, "title": h.text, "summary": orFalse(texts[h.anchor]?.nonEmpty)]
            }
        }
        // Each heading is folded and matched once (folding is not cheap).
        var headingFor: [Int: MarkdownFacts.Heading] = [:]
        for heading in h2 {
            if let n = structure.sectionIndex(forHeading: heading.text), headingFor[n] == nil { headingFor[n] = heading }
        }
        var out: [[String: Any]] = []
        for (n, section) in structure.sections.enumerated() {
            guard let heading = headingFor[n] else { continue }
            out.append(["number": n + 1, "title": section.title, "summary": orFalse(texts[heading.anchor]?.nonEmpty)])
        }
        return out
    }
}
