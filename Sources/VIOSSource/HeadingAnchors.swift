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
        var html = html
        return html.withUTF8 { insert(anchors, into: UnsafeRawBufferPointer($0)) }
    }

    /// The same over cmark's NUL-terminated output, without copying it into
    /// a `String` first.
    static func insert(_ anchors: [String], intoCString raw: UnsafePointer<CChar>) -> String {
        insert(anchors, into: UnsafeRawBufferPointer(start: raw, count: strlen(raw)))
    }

    /// A byte scan for `<h1>`…`<h6>`: everything else is copied in bulk.
    private static func insert(_ anchors: [String], into bytes: UnsafeRawBufferPointer) -> String {
        let count = bytes.count
        guard !anchors.isEmpty, count > 0, let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        var extra = 0
        for anchor in anchors { extra += anchor.utf8.count + 6 }
        return String(unsafeUninitializedCapacity: count + extra) { out in
            var o = 0, copied = 0, i = 0, next = 0
            func copy(upTo end: Int) {
                let n = end - copied
                if n > 0 { (out.baseAddress! + o).update(from: base + copied, count: n); o += n }
                copied = end
            }
            // `<hN>` needs four bytes.
            while next < anchors.count, i + 3 < count {
                guard let found = memchr(base + i, 0x3C, count - i - 3) else { break }
                let at = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
                if base[at + 1] == 0x68, base[at + 2] >= 0x31, base[at + 2] <= 0x36, base[at + 3] == 0x3E {
                    copy(upTo: at + 3)                      // "<hN"
                    for byte in " id=\"".utf8 { out[o] = byte; o += 1 }
                    var anchor = anchors[next]
                    anchor.withUTF8 { a in
                        (out.baseAddress! + o).update(from: a.baseAddress!, count: a.count); o += a.count
                    }
                    out[o] = 0x22; o += 1                    // closing quote; ">" follows from the source
                    next += 1
                    i = at + 4
                } else {
                    i = at + 1
                }
            }
            copy(upTo: count)
            return o
        }
    }
}
