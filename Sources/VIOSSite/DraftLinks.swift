import VIOSCore
import VIOSSource

/// Drafts get no page, so a published body that links to one would point
/// nowhere. Such bodies (rare) are rendered again with those links sent to
/// the overview of the draft's collection.
enum DraftLinks {
    static func rerender(_ documents: [Document], unpublished: Set<String>, root: String) -> [Document] {
        guard !unpublished.isEmpty else { return documents }
        var out = documents
        for (index, document) in documents.enumerated() where !unpublished.contains(document.path) {
            let targets = (document.body.links + document.body.images).compactMap { link -> String? in
                guard case .local(let target) = SitePaths.classify(link.url, from: document.path) else { return nil }
                return target.path
            }
            guard targets.contains(where: unpublished.contains),
                  case .success(let bytes) = DocumentReader.readBytes(root + "/" + document.path) else { continue }
            let options = MarkdownParser.RenderOptions { path, url in
                LinkRewriter.rewrite(documentPath: path, url: url, unpublished: unpublished)
            }
            let parsed = DocumentParser.parse(path: document.path, bytes: bytes, collection: document.collection,
                                              slug: document.slug, render: options)
            if let html = parsed.document.html { out[index].html = html }
        }
        return out
    }
}
