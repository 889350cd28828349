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

    /// A URL-safe anchor or slug: folded, `a-z0-9` and single dashes.
    public static func slugify(_ text: String) -> String {
        var out = ""
        var dash = false
        for ch in fold(text) {
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
