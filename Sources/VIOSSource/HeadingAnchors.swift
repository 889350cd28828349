import Foundation
import VIOSCore

/// Stable heading ids. The checker resolves `#anchor` links with the same
/// function the renderer uses to write `id` attributes.
public enum HeadingAnchors {
    /// Anchors for headings in document order; repeats get `-2`, `-3`, ….
    /// Every anchor is unique, also when a heading's own text ends in a
    /// number (`Aanpak`, `Aanpak`, `Aanpak 2` → `aanpak`, `aanpak-2`,
    /// `aanpak-2-2`).
    public static func anchors(for texts: [String]) -> [String] {
        var used = Set<String>()
        var counts: [String: Int] = [:]
        return texts.map { text in
            var base = TextFolding.slugify(text)
            if base.isEmpty { base = "sectie" }
            var count = (counts[base] ?? 0) + 1
            var anchor = count == 1 ? base : "\(base)-\(count)"
            while used.contains(anchor) {
                count += 1
                anchor = "\(base)-\(count)"
            }
            counts[base] = count
            used.insert(anchor)
            return anchor
        }
    }

    /// Adds `id="…"` to the n-th `<hN>` tag of cmark's output. In safe mode
    /// every such tag comes from a Markdown heading (raw HTML is omitted and
    /// code is escaped), so order alone pairs tags and headings.
    static func insert(_ anchors: [String], into html: String) -> String {
        guard !anchors.isEmpty else { return html }
        var out = ""
        out.reserveCapacity(html.utf8.count + anchors.count * 24)
        var rest = html[...]
        var next = 0
        while next < anchors.count, let range = rest.range(of: "<h") {
            let after = rest[range.upperBound...]
            guard let digit = after.first, ("1"..."6").contains(digit),
                  after.dropFirst().first == ">" else {
                out += rest[..<range.upperBound]
                rest = after
                continue
            }
            out += rest[..<range.upperBound]
            out.append(digit)
            out += " id=\"\(anchors[next])\">"
            next += 1
            rest = after.dropFirst(2)
        }
        out += rest
        return out
    }
}
