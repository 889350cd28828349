#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Adjusts a body's safe HTML (from cmark-gfm, safe mode + tagfilter) for
/// its page. Only tags cmark itself wrote are touched: in safe mode raw
/// HTML is omitted and text is escaped, so `<h1` and `<table>` occur only
/// as cmark's own tags. Works on bytes: Foundation's string search is far
/// too slow for 15,000 bodies.
enum BodyHTML {
    private static let h1Open = Array("<h1".utf8), h1Close = Array("</h1>".utf8)
    private static let tableOpen = Array("<table>".utf8), tableClose = Array("</table>".utf8)

    static func forPage(_ html: String) -> String {
        var html = html
        // Most bodies have neither: they are returned as they are, uncopied.
        guard html.withUTF8({ contains($0, h1Open) || contains($0, tableOpen) }) else { return html }
        return html.withUTF8 { bytes -> String in
            // One h1 per page (the page title): a `#` heading in a body
            // becomes h2. Wide tables scroll inside a focusable, labelled
            // region so a 320 px screen never scrolls sideways (WCAG 1.4.10).
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 512)
            var number = 0
            var i = 0
            let base = bytes.baseAddress!
            while i < bytes.count {
                // Copy up to the next "<" in one go.
                guard let hit = memchr(base + i, 60, bytes.count - i) else {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i...]))
                    break
                }
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<at]))
                i = at
                if matches(bytes, at: i, h1Open), i + 3 < bytes.count, bytes[i + 3] == 32 || bytes[i + 3] == 62 {
                    out += Array("<h2".utf8); i += 3; continue
                }
                if matches(bytes, at: i, h1Close) { out += Array("</h2>".utf8); i += 5; continue }
                if matches(bytes, at: i, tableOpen) {
                    number += 1
                    out += Array("<div class=\"tabel-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Tabel \(number)\"><table>".utf8)
                    i += tableOpen.count
                    continue
                }
                if matches(bytes, at: i, tableClose) { out += Array("</table></div>".utf8); i += tableClose.count; continue }
                out.append(60)
                i += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, _ needle: [UInt8]) -> Bool {
        guard i + needle.count <= bytes.count else { return false }
        for k in 0..<needle.count where bytes[i + k] != needle[k] { return false }
        return true
    }

    /// Whether `needle` (starting with `<`) occurs: memchr from `<` to `<`.
    private static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var i = 0
        while i + needle.count <= bytes.count {
            guard let hit = memchr(base + i, Int32(needle[0]), bytes.count - i) else { return false }
            i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if matches(bytes, at: i, needle) { return true }
            i += 1
        }
        return false
    }
}
