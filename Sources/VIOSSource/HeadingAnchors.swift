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
}
