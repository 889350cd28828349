import Foundation

/// Folding used wherever a person's spelling must match ours: section
/// headings, search terms, anchors. `Coördinator` = `coordinator`.
public enum TextFolding {
    /// Lowercase, without diacritics, typographic quotes made plain.
    public static func fold(_ text: String) -> String {
        // Most text is ASCII: fold it without Foundation's Unicode machinery.
        if text.utf8.allSatisfy({ $0 < 128 }) {
            return String(decoding: text.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
        }
        var folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive],
                                  locale: Locale(identifier: "nl_NL"))
        folded = folded.replacingOccurrences(of: "\u{2019}", with: "'")
            .replacingOccurrences(of: "\u{2018}", with: "'")
            .replacingOccurrences(of: "\u{201C}", with: "\"")
            .replacingOccurrences(of: "\u{201D}", with: "\"")
        return folded.lowercased()
    }

    /// The key a heading is matched on (spec 4): folded, a leading number
    /// (`1.`, `1)`, `1 -`) dropped, punctuation and whitespace collapsed.
    public static func headingKey(_ heading: String) -> String {
        let folded = fold(heading)
        return asciiHeadingKey(folded) ?? characterHeadingKey(folded)
    }

    static func characterHeadingKey(_ folded: String) -> String {
        var scalars = Substring(folded).drop(while: { $0 == " " || $0 == "\t" })
        // Leading numbering such as "1.", "2)", "3 -", "1.2".
        if let first = scalars.first, first.isNumber {
            var rest = scalars.drop(while: { $0.isNumber || $0 == "." })
            let trimmed = rest.drop(while: { $0 == " " })
            if let marker = trimmed.first, marker == ")" || marker == "-" || marker == ":" || marker == "\u{2013}" {
                rest = trimmed.dropFirst()
            }
            if rest.count < scalars.count, rest.first.map({ !$0.isLetter }) ?? true {
                scalars = rest
            }
        }
        var words: [String] = []
        var current = ""
        for ch in scalars {
            if ch.isLetter || ch.isNumber {
                current.append(ch)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.joined(separator: " ")
    }

    /// `headingKey` for folded ASCII text, on bytes (the usual case; the
    /// Character path costs a Unicode property lookup per letter).
    static func asciiHeadingKey(_ folded: String) -> String? {
        let b = Array(folded.utf8)
        guard b.allSatisfy({ $0 < 128 }) else { return nil }
        func isLetter(_ c: UInt8) -> Bool { (c >= 97 && c <= 122) || (c >= 65 && c <= 90) }
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        let n = b.count
        var i = 0
        while i < n && (b[i] == 32 || b[i] == 9) { i += 1 }
        if i < n && isDigit(b[i]) {
            var rest = i
            while rest < n && (isDigit(b[rest]) || b[rest] == 46) { rest += 1 }
            var marker = rest
            while marker < n && b[marker] == 32 { marker += 1 }
            if marker < n && (b[marker] == 41 || b[marker] == 45 || b[marker] == 58) { rest = marker + 1 }
            if rest == n || !isLetter(b[rest]) { i = rest }
        }
        var out: [UInt8] = []
        out.reserveCapacity(n - i)
        var inWord = false
        while i < n {
            let c = b[i]
            if isLetter(c) || isDigit(c) {
                if !inWord && !out.isEmpty { out.append(32) }
                out.append(c)
                inWord = true
            } else {
                inWord = false
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A URL-safe anchor or slug: folded, `a-z0-9` and single dashes.
    public static func slugify(_ text: String) -> String {
        let folded = fold(text)
        // ASCII (the usual case) on bytes: `Character.isLetter` is a Unicode
        // property lookup per letter, a tenth of all heading work.
        if folded.utf8.allSatisfy({ $0 < 128 }) {
            var out: [UInt8] = []
            out.reserveCapacity(folded.utf8.count)
            var dash = false
            for c in folded.utf8 {
                if (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) {
                    if dash && !out.isEmpty { out.append(45) }
                    out.append(c)
                    dash = false
                } else {
                    dash = true
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        var out = ""
        var dash = false
        for ch in folded {
            if ch.isASCII && (ch.isLetter || ch.isNumber) {
                if dash && !out.isEmpty { out.append("-") }
                out.append(ch)
                dash = false
            } else {
                dash = true
            }
        }
        return out
    }

    /// Slugs in `Content/` are lowercase ASCII `a-z0-9-`.
    public static func isValidSlug(_ slug: String) -> Bool {
        !slug.isEmpty && slug.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }
}
