import VIOSCore

/// What must never reach the site: raw HTML (omitted by the renderer, so
/// the author is told) and links with script-bearing schemes.
enum SafetyCheck {
    static func run(_ document: Document) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for html in document.body.rawHTML {
            var snippet = String(html.html.prefix(while: { $0 != "\n" }).prefix(60))
            if html.html.count > snippet.count { snippet += "…" }
            out.append(Diagnostic(.vios701, at: document.location(line: html.line, column: html.column), snippet))
        }
        for (reference, isImage) in document.body.links.map({ ($0, false) }) + document.body.images.map({ ($0, true) }) {
            if case .unsafe(let scheme) = SitePaths.classify(reference.url, from: document.path, isImage: isImage) {
                out.append(Diagnostic(.vios702, at: document.location(line: reference.line, column: reference.column), Hints.clip(scheme) + ":"))
            }
        }
        return out
    }
}
