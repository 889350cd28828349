import VIOSCore

/// Links and images in the body that point inside the kennisbank must
/// resolve (VIOS402, VIOS404). Frontmatter references are schema checks.
enum ReferenceCheck {
    static func run(_ document: Document, context: CheckContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        if document.kind == .incidentprotocol, let node = document.frontmatter?["school"], let school = node.string,
           document.collection == .scholen, school != document.slug, context.slugs[.scholen]?.contains(school) == true {
            out.append(Diagnostic(.vios401, at: document.location(of: node), "school", school,
                                  " in deze map; een incidentprotocol hoort bij de school van zijn map ('\(document.slug)')"))
        }
        let ownAnchors = Set(document.body.headings.map(\.anchor))
        lazy var sortedAnchors = ownAnchors.sorted()
        var hints = Hints.perDocument
        func hint(_ anchor: String) -> String {
            hints -= 1
            return hints >= 0 ? Hints.didYouMean(anchor, in: sortedAnchors, maxDistance: 3) : ""
        }
        for link in document.body.links {
            let at = document.location(line: link.line, column: link.column)
            switch SitePaths.classify(link.url, from: document.path) {
            case .outside:
                out.append(Diagnostic(.vios402, at: at, Hints.clip(link.url), "een plek buiten de kennisbank (Content/)"))
            case .local(let target):
                guard let path = target.path else {
                    if let anchor = target.anchor, !anchor.isEmpty, !ownAnchors.contains(anchor) {
                        out.append(Diagnostic(.vios402, at: at, Hints.clip(link.url), "een onbekend anker in dit document"
                                              + hint(anchor)))
                    }
                    continue
                }
                if path.hasSuffix(".md") {
                    if !context.documentPaths.contains(path) {
                        out.append(Diagnostic(.vios402, at: at, Hints.clip(link.url), "een document dat niet bestaat (\(path))"))
                    } else if path == document.path, let anchor = target.anchor, !anchor.isEmpty, !ownAnchors.contains(anchor) {
                        out.append(Diagnostic(.vios402, at: at, Hints.clip(link.url), "een onbekend anker in dit document"))
                    }
                } else if !context.assets.contains(path) && !context.documentPaths.contains(path) {
                    out.append(Diagnostic(.vios404, at: at, link.url))
                }
            case .external, .unsafe:
                continue
            }
        }
        for image in document.body.images {
            let at = document.location(line: image.line, column: image.column)
            switch SitePaths.classify(image.url, from: document.path, isImage: true) {
            case .outside:
                out.append(Diagnostic(.vios404, at: at, Hints.clip(image.url)))
            case .local(let target):
                if let path = target.path, !context.assets.contains(path) {
                    out.append(Diagnostic(.vios404, at: at, Hints.clip(image.url)))
                }
            case .external, .unsafe:
                continue
            }
        }
        return out
    }
}
