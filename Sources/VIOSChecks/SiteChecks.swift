import VIOSCore

/// Rules that need every document: duplicate slugs and anchors in other
/// documents.
public enum SiteChecks {
    public static func run(_ documents: [Document], context: CheckContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        // Two documents with one slug in a collection (for scholen: two of
        // the same kind in one school folder).
        var firstByKey: [String: Document] = [:]
        for document in documents {
            guard let collection = document.collection else { continue }
            let key = collection == .scholen
                ? "scholen/\(document.slug)/\(document.kind?.rawValue ?? document.path)"
                : "\(collection.rawValue)/\(document.slug)"
            if let first = firstByKey[key] {
                out.append(Diagnostic(.vios403, at: document.start, document.slug, "Content/\(collection.rawValue)", first.path))
            } else {
                firstByKey[key] = document
            }
        }
        var anchorsByPath: [String: Set<String>] = [:]
        for document in documents { anchorsByPath[document.path] = Set(document.body.headings.map(\.anchor)) }
        var sortedAnchors: [String: [String]] = [:]
        for document in documents {
            var hints = Hints.perDocument
            for link in document.body.links {
                guard case .local(let target) = SitePaths.classify(link.url, from: document.path),
                      let path = target.path, path != document.path, path.hasSuffix(".md"),
                      let anchor = target.anchor, !anchor.isEmpty,
                      let anchors = anchorsByPath[path], !anchors.contains(anchor) else { continue }
                if sortedAnchors[path] == nil { sortedAnchors[path] = anchors.sorted() }
                hints -= 1
                let hint = hints >= 0 ? Hints.didYouMean(anchor, in: sortedAnchors[path]!, maxDistance: 3) : ""
                out.append(Diagnostic(.vios402, at: document.location(line: link.line, column: link.column), Hints.clip(link.url),
                                      "een onbekend anker in \(path)" + hint))
            }
        }
        return out
    }
}
