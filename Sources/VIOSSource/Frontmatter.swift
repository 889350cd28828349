/// Splits a document into its YAML frontmatter and Markdown body. The
/// block sits between two lines that hold exactly `---` (spec 1).
public struct Frontmatter: Sendable, Equatable {
    /// The YAML text, without the fences.
    public var yaml: Substring
    /// File line of the first YAML line (the line after the opening fence).
    public var yamlFirstLine: Int
    public var body: Substring
    /// File line the body starts on (the line after the closing fence).
    public var bodyFirstLine: Int

    public enum Failure: Error, Equatable {
        case missingOpening
        /// Opened at line 1, never closed.
        case unclosed
    }

    public static func split(_ text: String) -> Result<Frontmatter, Failure> {
        let utf8 = text.utf8
        // The first line must be exactly `---` (trailing spaces tolerated:
        // invisible in an editor).
        guard let firstEnd = lineEnd(utf8, from: utf8.startIndex),
              isFence(text[text.startIndex..<firstEnd.content]) else {
            return .failure(.missingOpening)
        }
        var lineNumber = 2
        var lineStart = firstEnd.next
        let yamlStart = lineStart
        while lineStart < utf8.endIndex {
            guard let end = lineEnd(utf8, from: lineStart) else { break }
            if isFence(text[lineStart..<end.content]) {
                return .success(Frontmatter(yaml: text[yamlStart..<lineStart], yamlFirstLine: 2,
                                            body: text[end.next...], bodyFirstLine: lineNumber + 1))
            }
            lineStart = end.next
            lineNumber += 1
        }
        return .failure(.unclosed)
    }

    private static func isFence(_ line: Substring) -> Bool {
        var trimmed = line
        while let last = trimmed.last, last == " " || last == "\t" { trimmed = trimmed.dropLast() }
        return trimmed == "---"
    }

    /// End of the line starting at `from`: where its content ends and where
    /// the next line starts.
    private static func lineEnd(_ utf8: String.UTF8View, from: String.Index) -> (content: String.Index, next: String.Index)? {
        guard from < utf8.endIndex else { return nil }
        if let newline = utf8[from...].firstIndex(of: 10) {
            return (newline, utf8.index(after: newline))
        }
        return (utf8.endIndex, utf8.endIndex)
    }
}
