/// Shortening for cards and factsheets: whole sentences when they fit,
/// else whole words and an ellipsis. Reads only as far as the limit.
public enum TextSummary {
    public static func shorten(_ text: String, limit: Int) -> String {
        asciiShorten(text, limit: limit) ?? characterShorten(text, limit: limit)
    }

    /// `shorten` on bytes for text whose first `limit` characters or so
    /// are ASCII (most summaries): the same result without grapheme
    /// breaking per character. Nil when a non-ASCII byte is met first.
    static func asciiShorten(_ text: String, limit: Int) -> String? {
        var head: [UInt8] = []
        head.reserveCapacity(min(limit + 1, text.utf8.count))
        var space = false, truncated = false
        for byte in text.utf8 {
            if byte >= 128 { return nil }
            if byte == 32 || (byte >= 9 && byte <= 13) {
                space = !head.isEmpty
                continue
            }
            if space {
                if head.count == limit { truncated = true; break }
                head.append(32); space = false
            }
            if head.count == limit { truncated = true; break }
            head.append(byte)
        }
        guard truncated else { return String(decoding: head, as: UTF8.self) }
        var best: Int?
        for i in head.indices where head[i] == 46 || head[i] == 33 || head[i] == 63 {
            if (i + 1 == head.count || head[i + 1] == 32) && i + 1 >= limit / 3 { best = i + 1 }
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
