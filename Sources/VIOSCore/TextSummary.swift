/// Shortening for cards and factsheets: whole sentences when they fit,
/// else whole words and an ellipsis. Reads only as far as the limit.
public enum TextSummary {
    public static func shorten(_ text: String, limit: Int) -> String {
        byteShorten(text, limit: limit) ?? characterShorten(text, limit: limit)
    }

    /// `shorten` on bytes for text whose first `limit` characters or so
    /// are ASCII or Latin-1 letters (é, ë, ö: two bytes, one character;
    /// most Dutch summaries): the same result without grapheme breaking per
    /// character. Nil when any other byte is met first (a combining mark,
    /// a non-breaking space, anything beyond Latin-1), which the Character
    /// path then handles.
    static func byteShorten(_ text: String, limit: Int) -> String? {
        var text = text
        // Over the contiguous bytes: the UTF-8 view's iterator cost several
        // nanoseconds a byte.
        return text.withUTF8 { byteShorten($0, limit: limit) }
    }

    private static func byteShorten(_ utf8: UnsafeBufferPointer<UInt8>, limit: Int) -> String? {
        var head: [UInt8] = []
        head.reserveCapacity(min(2 * limit + 2, utf8.count))
        var characters = 0
        var space = false, truncated = false
        var offset = 0
        @inline(__always) func read() -> UInt8? {
            guard offset < utf8.count else { return nil }
            defer { offset += 1 }
            return utf8[offset]
        }
        var pending = read()
        while let byte = pending {
            pending = read()
            var second: UInt8?
            if byte >= 128 {
                // U+00C0…U+00FF: letters (and × ÷), never space or a sentence end.
                guard byte == 0xC3, let next = pending, next & 0xC0 == 0x80 else { return nil }
                second = next
                pending = read()
                // A combining mark after it would join it into one character.
                if let following = pending, following == 0xCC || following == 0xCD { return nil }
            } else if byte == 32 || (byte >= 9 && byte <= 13) {
                space = !head.isEmpty
                continue
            }
            if let following = pending, second == nil, following == 0xCC || following == 0xCD { return nil }
            if space {
                if characters == limit { truncated = true; break }
                head.append(32); characters += 1; space = false
            }
            if characters == limit { truncated = true; break }
            head.append(byte)
            if let second { head.append(second) }
            characters += 1
        }
        guard truncated else { return String(decoding: head, as: UTF8.self) }
        var best: Int?
        var position = 0
        for i in head.indices where head[i] & 0xC0 != 0x80 {
            position += 1
            if head[i] == 46 || head[i] == 33 || head[i] == 63, i + 1 == head.count || head[i + 1] == 32, position >= limit / 3 {
                best = i + 1
            }
        }
        if let best { return String(decoding: head[..<best], as: UTF8.self) }
        var cut = head[...]
        if let space = cut.lastIndex(of: 32) { cut = cut[..<space] }
        while let last = cut.last, last == 44 || last == 59 || last == 58 { cut = cut.dropLast() }
        return String(decoding: cut, as: UTF8.self) + "…"
    }

    static func characterShorten(_ text: String, limit: Int) -> String {
        // Collapse whitespace while copying at most `limit + 1` characters.
        var head = ""
        var count = 0
        var space = false
        var truncated = false
        for ch in text {
            if ch.isWhitespace {
                space = !head.isEmpty
                continue
            }
            if space {
                if count == limit { truncated = true; break }
                head.append(" "); count += 1; space = false
            }
            if count == limit { truncated = true; break }
            head.append(ch); count += 1
        }
        guard truncated else { return head }
        // Last sentence end within the limit, if it keeps at least a third.
        var best: String.Index?
        var index = head.startIndex
        var position = 0
        while index < head.endIndex {
            let ch = head[index]
            let next = head.index(after: index)
            position += 1
            if ch == "." || ch == "!" || ch == "?", next == head.endIndex || head[next] == " ", position >= limit / 3 { best = next }
            index = next
        }
        if let best { return String(head[..<best]) }
        var cut = Substring(head)
        if let space = cut.lastIndex(of: " ") { cut = cut[..<space] }
        while let last = cut.last, last == "," || last == ";" || last == ":" { cut = cut.dropLast() }
        return cut + "…"
    }
}
