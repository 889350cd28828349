import VIOSCore

/// H2 sections against the document's structure (spec 4): missing,
/// empty, repeated, out of order, unknown.
enum StructureCheck {
    static func structure(for document: Document, context: CheckContext) -> SectionStructure? {
        switch document.kind {
        case .veiligheidsplan:
            return document.frontmatter?["structuur"]?.string.flatMap { context.planStructures[$0] }
        case .gemeente, nil:
            return nil  // gemeente sections are not enforced (spec 3.5)
        case .some(let kind):
            return context.kindStructures[kind]
        }
    }

    static func run(_ document: Document, context: CheckContext) -> [Diagnostic] {
        guard let structure = structure(for: document, context: context) else { return [] }
        let name = structure.slug
        var out: [Diagnostic] = []
        var found: [Int: MarkdownFacts.Heading] = [:]
        var highest: (index: Int, heading: MarkdownFacts.Heading)?
        let sectionKeys = structure.titleKeys
        let sectionByKey = structure.sectionByKey
        let extraKeys = structure.extraKeys
        var hinted = 0
        for heading in document.body.headings where heading.level == 2 {
            let at = document.location(line: heading.line, column: heading.column)
            let key = TextFolding.headingKey(heading.text)
            guard let index = sectionByKey[key] else {
                if extraKeys.contains(key) { continue }
                let limit = max(2, key.count / 4)
                var hint = ""
                hinted += 1
                if hinted <= Hints.perDocument, let near = Hints.nearest(key, in: sectionKeys, maxDistance: limit),
                   let i = sectionKeys.firstIndex(of: near) {
                    hint = "; bedoelt u '\(structure.sections[i].title)'?"
                }
                out.append(Diagnostic(.vios305, at: at, Hints.clip(heading.text), name, hint))
                continue
            }
            let section = structure.sections[index]
            if let first = found[index] {
                out.append(Diagnostic(.vios304, at: at, section.title, String(first.line)))
                continue
            }
            found[index] = heading
            if let highest, highest.index > index {
                out.append(Diagnostic(.vios302, at: at, section.title, name, structure.sections[highest.index].title))
            } else {
                highest = (index, heading)
            }
            if section.required && !heading.hasContent {
                out.append(Diagnostic(.vios303, at: at, section.title))
            }
        }
        for (index, section) in structure.sections.enumerated() where section.required && found[index] == nil {
            out.append(Diagnostic(.vios301, at: missingLocation(index, found: found, document: document), section.title, name))
        }
        return out
    }

    /// Where a missing section belongs: at the heading of the nearest
    /// earlier section that is present (it should follow that one), else
    /// the nearest later one, else the end of the frontmatter.
    private static func missingLocation(_ index: Int, found: [Int: MarkdownFacts.Heading], document: Document) -> SourceLocation {
        if let before = found.keys.filter({ $0 < index }).max(), let h = found[before] {
            return document.location(line: h.line, column: h.column)
        }
        if let after = found.keys.filter({ $0 > index }).min(), let h = found[after] {
            return document.location(line: h.line, column: h.column)
        }
        return document.location(line: max(1, document.bodyFirstLine - 1), column: 1)
    }
}
