import VIOSCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Short summaries per H2 section of a rendered body, for the factsheet:
/// the first paragraph (or the first list items) after each `<h2 id=…>`.
/// Works on cmark's safe output, whose shape is fixed: tags are only the
/// ones cmark writes and text is entity-escaped.
enum SectionSummaries {
    private typealias Bytes = UnsafeBufferPointer<UInt8>

    /// Anchor of each H2 → its summary as plain text (not HTML). Reads the
    /// HTML's bytes in place: a plan's body copied whole, then once more
    /// per section, was half of this for 7,000 factsheets.
    static func summaries(html: String, anchors: [String], limit: Int = 140) -> [String: String] {
        var html = html
        return html.withUTF8 { summaries(bytes: $0, anchors: anchors, limit: limit) }
    }

    private static func summaries(bytes: Bytes, anchors: [String], limit: Int) -> [String: String] {
        var result: [String: String] = [:]
        // Positions of every `<h2` tag, in order.
        var starts: [(anchor: String?, start: Int, bodyStart: Int)] = []
        var i = 0
        while let found = find("<h2", in: bytes, from: i) {
            let close = find(">", in: bytes, from: found) ?? bytes.count
            var anchor: String?
            if let id = find("id=\"", in: bytes, from: found), id < close {
                let end = find("\"", in: bytes, from: id + 4) ?? close
                anchor = String(decoding: UnsafeBufferPointer(rebasing: bytes[(id + 4)..<min(end, close)]), as: UTF8.self)
            }
            starts.append((anchor, found, min(close + 1, bytes.count)))
            i = close
        }
        let wanted = Set(anchors)
        for (n, entry) in starts.enumerated() {
            guard let anchor = entry.anchor, wanted.contains(anchor) else { continue }
            let end = n + 1 < starts.count ? starts[n + 1].start : bytes.count
            let section = UnsafeBufferPointer(rebasing: bytes[entry.bodyStart..<end])
            result[anchor] = TextSummary.shorten(firstBlockText(section), limit: limit)
        }
        return result
    }

    /// Text of the first paragraph, or of the first list's items joined.
    private static func firstBlockText(_ section: Bytes) -> String {
        let p = find("<p>", in: section, from: 0)
        let li = find("<li", in: section, from: 0)
        if let p, li == nil || p < li! {
            let end = find("</p>", in: section, from: p) ?? section.count
            return HTMLText.plain(UnsafeBufferPointer(rebasing: section[(p + 3)..<max(p + 3, end)]))
        }
        guard let li else { return "" }
        let listEnd = [find("</ul>", in: section, from: li), find("</ol>", in: section, from: li)]
            .compactMap { $0 }.min() ?? section.count
        var items: [String] = []
        var cursor = li
        while cursor < listEnd, let start = find("<li", in: section, from: cursor), start < listEnd {
            let next = find("</li>", in: section, from: start) ?? listEnd
            var text = HTMLText.plain(UnsafeBufferPointer(rebasing: section[start..<min(next, listEnd)]))
            while let last = text.last, last == "." || last == ";" || last == "," || last == " " { text.removeLast() }
            if !text.isEmpty { items.append(text) }
            cursor = next + 1
            if items.joined(separator: ". ").count > 400 { break }
        }
        return items.isEmpty ? "" : items.joined(separator: ". ") + "."
    }

    /// First `needle` (ASCII) at or after `start`: memchr, then memcmp.
    private static func find(_ needle: StaticString, in hay: Bytes, from start: Int) -> Int? {
        let count = needle.utf8CodeUnitCount
        guard let base = hay.baseAddress, count > 0, start >= 0, hay.count >= count, start <= hay.count - count else { return nil }
        let pin = needle.utf8Start
        let first = Int32(pin.pointee)
        var i = start
        let last = hay.count - count
        while i <= last {
            guard let hit = memchr(base + i, first, last - i + 1) else { return nil }
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + at, pin, count) == 0 { return at }
            i = at + 1
        }
        return nil
    }
}

/// Plain text from a fragment of cmark's HTML: tags dropped, the entities
/// cmark writes decoded, whitespace collapsed. The result is text, so the
/// templates escape it again like every other string.
enum HTMLText {
    static func plain(_ fragment: UnsafeBufferPointer<UInt8>) -> String {
        // Decoded entities and collapsed spaces never make the text longer
        // than its HTML: one output buffer of that size, no growth checks.
        String(unsafeUninitializedCapacity: fragment.count) { out in
            var o = 0
            var inTag = false
            var space = false
            var entityStart = -1  // index after the "&" of an open entity
            @inline(__always) func emit(_ byte: UInt8) {
                if byte == 32 || byte == 10 || byte == 9 || byte == 13 {
                    space = true
                    return
                }
                if space && o > 0 { out[o] = 32; o += 1 }
                space = false
                out[o] = byte
                o += 1
            }
            for i in fragment.indices {
                let byte = fragment[i]
                if inTag {
                    if byte == 62 { inTag = false }
                    continue
                }
                if entityStart >= 0 {
                    if byte == 59 {  // ";"
                        for b in decodeEntity(Array(fragment[entityStart..<i])) { emit(b) }
                        entityStart = -1
                    } else if i - entityStart > 10 {
                        emit(38); for k in entityStart...i { emit(fragment[k]) }
                        entityStart = -1
                    }
                    continue
                }
                switch byte {
                case 60: inTag = true  // "<"
                case 38: entityStart = i + 1  // "&"
                default: emit(byte)
                }
            }
            if entityStart >= 0 { emit(38); for k in entityStart..<fragment.count { emit(fragment[k]) } }
            return o
        }
    }

    static func decodeEntity(_ name: [UInt8]) -> [UInt8] {
        switch String(decoding: name, as: UTF8.self) {
        case "amp": return [38]
        case "lt": return [60]
        case "gt": return [62]
        case "quot": return [34]
        case "apos", "#39": return [39]
        case let s where s.hasPrefix("#x") || s.hasPrefix("#X"):
            if let v = UInt32(s.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(v) { return Array(String(scalar).utf8) }
        case let s where s.hasPrefix("#"):
            if let v = UInt32(s.dropFirst()), let scalar = Unicode.Scalar(v) { return Array(String(scalar).utf8) }
        default: break
        }
        return [38] + name + [59]
    }
}
