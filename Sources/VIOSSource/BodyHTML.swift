#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A body's HTML as its page shows it, made from cmark-gfm's safe output in
/// one pass (it was two, each validating and copying 200 MB nationally):
/// - each heading gets its `id` (`HeadingAnchors`);
/// - one h1 per page (the page title): a `#` heading in a body becomes h2;
/// - wide tables scroll inside a focusable, labelled region, so a 320 px
///   screen never scrolls sideways (WCAG 1.4.10).
/// Only tags cmark itself wrote are touched: in safe mode raw HTML is
/// omitted and text is escaped, so `<h1` and `<table>` occur only as
/// cmark's own tags.
public enum BodyHTML {
    private static let tableOpen = Array("<table>".utf8), tableClose = Array("</table>".utf8)
    private static let h1Close = Array("</h1>".utf8)
    private static let scrollOpen = Array("<div class=\"tabel-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Tabel ".utf8)
    private static let idOpen = Array(" id=\"".utf8), divClose = Array("</div>".utf8)

    /// `anchors` holds, per `<hN>` tag of `html` in order, the id to give
    /// it, or nil for none (a heading inside a list or quote: only
    /// top-level headings have anchors, see `FactCollector`).
    public static func page(_ html: String, anchors: [String?] = []) -> String {
        var html = html
        return html.withUTF8 { page(UnsafeRawBufferPointer($0), anchors: anchors) }
    }

    /// The same over cmark's NUL-terminated output, without copying it into
    /// a `String` first.
    static func page(cString raw: UnsafePointer<CChar>, anchors: [String?]) -> String {
        page(UnsafeRawBufferPointer(start: raw, count: strlen(raw)), anchors: anchors)
    }

    static func page(_ bytes: UnsafeRawBufferPointer, anchors: [String?]) -> String {
        let count = bytes.count
        guard count > 0, let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return "" }
        var extra = 0
        for case let anchor? in anchors { extra += anchor.utf8.count + 6 }
        // Each table's region: the opening div (with up to 20 digits and
        // `">`) and the closing one; counted apart, so the buffer holds
        // whatever the output is.
        let (opens, closes) = tableTags(base, count)
        extra += opens * (scrollOpen.count + 22) + closes * 6
        return String(unsafeUninitializedCapacity: count + extra) { out in
            var o = 0, copied = 0, i = 0, next = 0, tables = 0
            @inline(__always) func copy(upTo end: Int) {
                let n = end - copied
                if n > 0 { (out.baseAddress! + o).update(from: base + copied, count: n); o += n }
                copied = end
            }
            @inline(__always) func write(_ bytes: [UInt8]) {
                for byte in bytes { out[o] = byte; o += 1 }
            }
            while i < count {
                guard let found = memchr(base + i, 0x3C, count - i) else { break }  // "<"
                let at = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
                i = at + 1
                guard at + 3 < count else { break }
                let b1 = base[at + 1], b2 = base[at + 2], b3 = base[at + 3]
                if b1 == 0x68, b2 >= 0x31, b2 <= 0x36, b3 == 0x3E || (b2 == 0x31 && b3 == 0x20) {  // <hN> or "<h1 "
                    copy(upTo: at + 2)
                    out[o] = b2 == 0x31 ? 0x32 : b2; o += 1
                    copied = at + 3
                    if b3 == 0x3E, next < anchors.count {
                        if let anchor = anchors[next] {
                            write(idOpen)
                            var anchor = anchor
                            anchor.withUTF8 { a in
                                (out.baseAddress! + o).update(from: a.baseAddress!, count: a.count); o += a.count
                            }
                            out[o] = 0x22; o += 1  // closing quote; ">" follows from the source
                        }
                        next += 1
                    }
                    i = at + 3
                } else if matches(h1Close, base, count, at) {
                    copy(upTo: at + 3)
                    out[o] = 0x32; o += 1  // "</h2"
                    copied = at + 4
                    i = at + 4
                } else if matches(tableOpen, base, count, at) {
                    copy(upTo: at)
                    tables += 1
                    write(scrollOpen)
                    write(Array(String(tables).utf8))
                    write([0x22, 0x3E])  // `">`
                    i = at + tableOpen.count
                } else if matches(tableClose, base, count, at) {
                    copy(upTo: at + tableClose.count)
                    write(divClose)
                    i = at + tableClose.count
                }
            }
            copy(upTo: count)
            return o
        }
    }

    @inline(__always)
    private static func matches(_ needle: [UInt8], _ base: UnsafePointer<UInt8>, _ count: Int, _ at: Int) -> Bool {
        guard at + needle.count <= count else { return false }
        return needle.withUnsafeBufferPointer { memcmp(base + at, $0.baseAddress!, needle.count) == 0 }
    }

    /// How many `<table>` and `</table>` tags `base` holds.
    private static func tableTags(_ base: UnsafePointer<UInt8>, _ count: Int) -> (opens: Int, closes: Int) {
        var opens = 0, closes = 0
        var i = 0
        while i < count, let hit = memchr(base + i, 0x3C, count - i) {
            let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
            if matches(tableOpen, base, count, at) { opens += 1 } else if matches(tableClose, base, count, at) { closes += 1 }
            i = at + 1
        }
        return (opens, closes)
    }
}
