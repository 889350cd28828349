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
    /// Anchor of each H2 → its summary as plain text (not HTML).
    static func summaries(html: String, anchors: [String], limit: Int = 140) -> [String: String] {
        var result: [String: String] = [:]
        let bytes = Array(html.utf8)
        // Positions of every `<h2` tag, in order.
        var starts: [(anchor: String?, start: Int, bodyStart: Int)] = []
        var i = 0
        let open = Array("<h2".utf8)
        while let found = find(open, in: bytes, from: i) {
            let close = find([62], in: bytes, from: found) ?? bytes.count  // ">"
            var anchor: String?
            if let id = find(Array("id=\"".utf8), in: bytes, from: found), id < close {
                let end = find([34], in: bytes, from: id + 4) ?? close
                anchor = String(decoding: bytes[(id + 4)..<min(end, close)], as: UTF8.self)
            }
            starts.append((anchor, found, min(close + 1, bytes.count)))
            i = close
        }
        let wanted = Set(anchors)
        for (n, entry) in starts.enumerated() {
            guard let anchor = entry.anchor, wanted.contains(anchor) else { continue }
            let end = n + 1 < starts.count ? starts[n + 1].start : bytes.count
            let section = Array(bytes[entry.bodyStart..<end])
            result[anchor] = TextSummary.shorten(firstBlockText(section), limit: limit)
        }
        return result
    }

    /// Text of the first paragraph, or of the first list's items joined.
    static func firstBlockText(_ section: [UInt8]) -> String {
        let p = find(Array("<p>".utf8), in: section, from: 0)
        let li = find(Array("<li".utf8), in: section, from: 0)
        if let p, li == nil || p < li! {
            let end = find(Array("</p>".utf8), in: section, from: p) ?? section.count
            return HTMLText.plain(section[(p + 3)..<end])
        }
        guard let li else { return "" }
        let listEnd = [find(Array("</ul>".utf8), in: section, from: li), find(Array("</ol>".utf8), in: section, from: li)]
            .compactMap { $0 }.min() ?? section.count
        var items: [String] = []
        var cursor = li
        while cursor < listEnd, let start = find(Array("<li".utf8), in: section, from: cursor), start < listEnd {
            let next = find(Array("</li>".utf8), in: section, from: start) ?? listEnd
            var text = HTMLText.plain(section[start..<min(next, listEnd)])
            while let last = text.last, last == "." || last == ";" || last == "," || last == " " { text.removeLast() }
            if !text.isEmpty { items.append(text) }
            cursor = next + 1
            if items.joined(separator: ". ").count > 400 { break }
        }
        return items.isEmpty ? "" : items.joined(separator: ". ") + "."
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, start >= 0, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                let base = hay.baseAddress!
                var i = start
                let last = hay.count - pin.count
                while i <= last {
                    guard let hit = memchr(base + i, Int32(pin[0]), last - i + 1) else { return nil }
                    let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + at, pin.baseAddress!, pin.count) == 0 { return at }
                    i = at + 1
                }
                return nil
            }
        }
    }
}

/// Plain text from a fragment of cmark's HTML: tags dropped, the entities
/// cmark writes decoded, whitespace collapsed. The result is text, so the
/// templates escape it again like every other string.
enum HTMLText {
    static func plain(_ fragment: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(fragment.count)
        var inTag = false
        var space = false
        var entity: [UInt8]? = nil
        func emit(_ byte: UInt8) {
            if byte == 32 || byte == 10 || byte == 9 || byte == 13 {
                space = true
                return
            }
            if space && !out.isEmpty { out.append(32) }
            space = false
            out.append(byte)
        }
        for byte in fragment {
            if inTag {
                if byte == 62 { inTag = false }
                continue
            }
            if var e = entity {
                if byte == 59 {  // ";"
                    for b in decodeEntity(e) { emit(b) }
                    entity = nil
                } else if e.count > 10 {
                    emit(38); for b in e { emit(b) }; emit(byte)
                    entity = nil
                } else {
                    e.append(byte)
                    entity = e
                }
                continue
            }
            switch byte {
            case 60: inTag = true  // "<"
            case 38: entity = []  // "&"
            default: emit(byte)
            }
        }
        if let e = entity { emit(38); for b in e { emit(b) } }
        return String(decoding: out, as: UTF8.self)
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
