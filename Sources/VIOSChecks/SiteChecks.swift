import VIOSCore

/// Rules that need every document: duplicate slugs and anchors in other
/// documents.
public enum SiteChecks {
    public static func run(_ documents: [Document], context: CheckContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        // Indexed loops borrow each document; `for document in documents`
        // copies every field of 15,000 of them.
        // Two documents with one slug in a collection (for scholen: two of
        // the same kind in one school folder).
        var firstByKey: [String: Int] = [:]
        for i in documents.indices {
            guard let collection = documents[i].collection else { continue }
            let key = collection == .scholen
                ? "scholen/\(documents[i].slug)/\(documents[i].kind?.rawValue ?? documents[i].path)"
                : "\(collection.rawValue)/\(documents[i].slug)"
            if let first = firstByKey[key] {
                out.append(Diagnostic(.vios403, at: documents[i].start, documents[i].slug, "Content/\(collection.rawValue)",
                                      documents[first].path))
            } else {
                firstByKey[key] = i
            }
        }
        // Anchors only of documents that links with an anchor point to,
        // each document's links on any core: a national site has 15,000
        // documents, and a rebuild waits for this on one core otherwise.
        var indexByPath: [String: Int] = [:]
        indexByPath.reserveCapacity(documents.count)
        for i in documents.indices { indexByPath[documents[i].path] = i }
        let targets = indexByPath
        let unknownAnchors = Array(documents.indices).parallelMap { i -> [Diagnostic] in
            var found: [Diagnostic] = []
            var hints = Hints.perDocument
            for link in documents[i].body.links {
                guard case .local(let target) = SitePaths.classify(link.url, from: documents[i].path),
                      let path = target.path, path != documents[i].path, path.hasSuffix(".md"),
                      let anchor = target.anchor, !anchor.isEmpty, let other = targets[path] else { continue }
                let anchors = Set(documents[other].body.headings.map(\.anchor))
                guard !anchors.contains(anchor) else { continue }
                hints -= 1
                let hint = hints >= 0 ? Hints.didYouMean(anchor, in: anchors.sorted(), maxDistance: 3) : ""
                found.append(Diagnostic(.vios402, at: documents[i].location(line: link.line, column: link.column), Hints.clip(link.url),
                                        "een onbekend anker in \(path)" + hint))
            }
            return found
        }
        for found in unknownAnchors { out += found }
        return out
    }
}
