/// Where things live on the site, as pure functions of content paths. The
/// checker and the renderer share these, so a link that checks is a link
/// that works.
public enum SitePaths {
    /// Page URL of a document, relative to the site root, ending in `/`.
    public static func pageURL(path: String, collection: Collection?, kind: DocumentKind?, slug: String) -> String {
        switch collection {
        case .scholen:
            // The file name without `.md`; no split of the whole path (done for every document).
            let name = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path[path.utf8.index(after: $0)...] } ?? path[...]
            let file = name.isEmpty ? "document" : String(name.dropLast(3))
            return "scholen/\(slug)/\(file)/"
        case .some(let collection):
            return "\(collection.rawValue)/\(slug)/"
        case nil:
            return "pagina/\(slug)/"
        }
    }

    public static func pageURL(_ document: Document) -> String {
        pageURL(path: document.path, collection: document.collection, kind: document.kind, slug: document.slug)
    }

    public static func schoolURL(_ slug: String) -> String { "scholen/\(slug)/" }
    public static func factsheetURL(_ slug: String) -> String { "factsheets/\(slug).html" }

    /// Output location of a non-Markdown file from `Content/`.
    public static func assetURL(_ contentPath: String) -> String {
        contentPath.hasPrefix("Content/") ? String(contentPath.dropFirst(8)) : contentPath
    }

    /// A link target as written in a body, split into its parts.
    public struct LinkTarget: Equatable, Sendable {
        /// Content path it resolves to (`Content/gemeenten/arnhem.md`), or
        /// nil for a link to an anchor in the same document.
        public var path: String?
        public var anchor: String?
    }

    public enum LinkKind: Equatable, Sendable {
        /// http(s), mailto, tel and other absolute URLs: not ours to check.
        case external
        /// `javascript:`, `vbscript:`, `data:` (other than images), `file:`.
        case unsafe(scheme: String)
        case local(LinkTarget)
        /// A relative path that climbs out of `Content/` or is absolute.
        case outside
    }

    /// Classifies `url` as written in the document at `documentPath`.
    public static func classify(_ url: String, from documentPath: String, isImage: Bool = false) -> LinkKind {
        let trimmed = url.trimmingSpaces()
        if let scheme = scheme(of: trimmed) {
            let lower = scheme.lowercased()
            switch lower {
            case "javascript", "vbscript", "file": return .unsafe(scheme: lower)
            case "data":
                let rest = trimmed.dropFirst(5).lowercased()
                let safeImage = ["image/png", "image/gif", "image/jpeg", "image/webp"].contains { rest.hasPrefix($0) }
                return isImage && safeImage ? .external : .unsafe(scheme: lower)
            default: return .external
            }
        }
        if trimmed.hasPrefix("//") { return .external }
        var rest = Substring(trimmed)
        var anchor: String?
        if let hash = rest.firstIndex(of: "#") {
            anchor = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let query = rest.firstIndex(of: "?") { rest = rest[..<query] }
        if rest.isEmpty { return .local(LinkTarget(path: nil, anchor: anchor)) }
        let decoded = percentDecoded(String(rest))
        if decoded.hasPrefix("/") { return .outside }
        var parts = documentPath.split(separator: "/").dropLast().map(String.init)
        for component in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                guard parts.count > 1 else { return .outside }  // never above Content/
                parts.removeLast()
            default: parts.append(String(component))
            }
        }
        guard parts.first == "Content", parts.count > 1 else { return .outside }
        return .local(LinkTarget(path: parts.joined(separator: "/"), anchor: anchor))
    }

    /// `../../gemeenten/arnhem/` from page `from` to `to` (both site-root relative).
    public static func relative(from page: String, to target: String) -> String {
        let depth = page.split(separator: "/", omittingEmptySubsequences: true).count - (page.hasSuffix("/") ? 0 : 1)
        let up = String(repeating: "../", count: max(0, depth))
        let result = up + target
        return result.isEmpty ? "./" : result
    }

    static func scheme(of url: String) -> String? {
        var scheme = ""
        for ch in url {
            if ch == ":" { return scheme.isEmpty ? nil : scheme }
            guard ch.isASCII, ch.isLetter || (!scheme.isEmpty && (ch.isNumber || ch == "+" || ch == "-" || ch == ".")) else {
                return nil
            }
            scheme.append(ch)
        }
        return nil
    }

    static func percentDecoded(_ text: String) -> String {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.first {
            if byte == 37, utf8.count >= 3,
               let value = UInt8(String(decoding: utf8.dropFirst().prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(3)
            } else {
                bytes.append(byte)
                utf8 = utf8.dropFirst()
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
