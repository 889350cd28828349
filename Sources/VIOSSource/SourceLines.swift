import Foundation

/// Lines of a text with byte→character column conversion. cmark reports
/// byte columns; people (and Yams) count characters.
struct SourceLines {
    let lines: [Substring]

    init(_ text: String) {
        // Split on the newline byte: Character-level splitting is several
        // times slower and a newline is never part of a grapheme here
        // (CRLF was normalised on reading).
        var lines: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        while let newline = utf8[start...].firstIndex(of: 10) {
            lines.append(text[start..<newline])
            start = utf8.index(after: newline)
        }
        lines.append(text[start...])
        self.lines = lines
    }

    func line(_ index: Int) -> Substring? {
        index >= 1 && index <= lines.count ? lines[index - 1] : nil
    }

    /// 1-based character column for a 1-based byte column on `line`.
    func characterColumn(line: Int, byteColumn: Int) -> Int {
        guard let text = self.line(line), byteColumn > 1 else { return max(1, byteColumn) }
        let utf8 = text.utf8
        let end = utf8.index(utf8.startIndex, offsetBy: min(byteColumn - 1, utf8.count))
        return text[text.startIndex..<end].count + 1
    }

    /// Finds `needle` at or after (line, byte column) within `lineCount`
    /// lines; returns 1-based line and character column.
    func locate(_ needle: String, fromLine: Int, throughLine: Int, startColumn: Int = 1) -> (Int, Int)? {
        guard !needle.isEmpty, fromLine >= 1 else { return nil }
        var lineNumber = fromLine
        while lineNumber <= min(throughLine, lines.count) {
            let text = lines[lineNumber - 1]
            var searchStart = text.startIndex
            if lineNumber == fromLine, startColumn > 1 {
                searchStart = text.index(text.startIndex, offsetBy: min(startColumn - 1, text.count))
            }
            if let range = text[searchStart...].range(of: needle) {
                return (lineNumber, text.distance(from: text.startIndex, to: range.lowerBound) + 1)
            }
            lineNumber += 1
        }
        return nil
    }
}
