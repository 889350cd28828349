/// The YAML of a document as written, for pointing at a finding inside a
/// value: quoted, escaped and multi-line values are found in the source
/// by their text. Works on bytes with forward-moving column conversion,
/// so many findings on one long line stay linear.
struct FrontmatterSource {
    private let text: Substring
    private let firstLine: Int
    private var lines: [ArraySlice<UInt8>]?
    private var bytes: [UInt8] = []
    /// Last converted (line, byte, character column), for conversions that
    /// move forward along a line.
    private var cache = (line: -1, byte: 0, column: 1)
    /// Lookups that failed, per value: past a few, stop searching.
    private var failures = 0

    init(text: Substring, firstLine: Int) {
        self.text = text
        self.firstLine = firstLine
    }

    private mutating func lineBytes(_ index: Int) -> ArraySlice<UInt8>? {
        if lines == nil {
            bytes = Array(text.utf8)
            var out: [ArraySlice<UInt8>] = []
            var start = 0
            for (offset, byte) in bytes.enumerated() where byte == 10 {
                out.append(bytes[start..<offset])
                start = offset + 1
            }
            out.append(bytes[start..<bytes.count])
            lines = out
        }
        guard let lines, index >= 0, index < lines.count else { return nil }
        return lines[index]
    }

    /// Byte offset (from the line start) of a 1-based character column.
    mutating func start(line: Int, column: Int) -> (line: Int, byte: Int)? {
        failures = 0
        guard let bytes = lineBytes(line - firstLine) else { return nil }
        var offset = 0, characters = 1
        var iterator = String(decoding: bytes, as: UTF8.self).makeIterator()
        while characters < column, let character = iterator.next() {
            offset += character.utf8.count
            characters += 1
        }
        return (line, min(offset, bytes.count))
    }

    /// Characters on a 1-based file line, or nil when it is not in the YAML.
    mutating func length(ofLine line: Int) -> Int? {
        guard let bytes = lineBytes(line - firstLine) else { return nil }
        return String(decoding: bytes, as: UTF8.self).count
    }

    /// Where `needle` occurs at or after `from`, within the value's lines:
    /// the start line and the lines indented deeper than it (block scalars,
    /// folded plain and quoted values).
    mutating func locate(_ needle: String, from: (line: Int, byte: Int)) -> (line: Int, column: Int, byte: Int)? {
        let pattern = Array(needle.utf8)
        guard failures < 8, !pattern.isEmpty, let first = lineBytes(from.line - firstLine) else { return nil }
        let indent = Self.indentation(first)
        var index = from.line - firstLine
        while let line = lineBytes(index) {
            if index > from.line - firstLine {
                let blank = line.allSatisfy { $0 == 32 || $0 == 9 }
                if !blank && Self.indentation(line) <= indent { break }
            }
            let start = index == from.line - firstLine ? from.byte : 0
            if let hit = Self.find(pattern, in: line, from: start) {
                let lineNumber = index + firstLine
                return (lineNumber, column(line: lineNumber, bytes: line, byte: hit), hit)
            }
            index += 1
        }
        failures += 1
        return nil
    }

    private mutating func column(line: Int, bytes: ArraySlice<UInt8>, byte: Int) -> Int {
        var from = 0, column = 1
        if cache.line == line, cache.byte <= byte { (from, column) = (cache.byte, cache.column) }
        let base = bytes.startIndex
        if byte > from { column += String(decoding: bytes[(base + from)..<(base + byte)], as: UTF8.self).count }
        cache = (line, byte, column)
        return column
    }

    /// Leading spaces, counting a list item's `- ` as indentation.
    static func indentation(_ line: ArraySlice<UInt8>) -> Int {
        var count = 0
        var index = line.startIndex
        while index < line.endIndex {
            let byte = line[index]
            let next = line.index(after: index)
            guard byte == 32 || (byte == 45 && next < line.endIndex && line[next] == 32) else { break }
            count += 1
            index = next
        }
        return count
    }

    /// Offset (from the line start) of `pattern` in `line` at or after `from`.
    static func find(_ pattern: [UInt8], in line: ArraySlice<UInt8>, from: Int) -> Int? {
        let base = line.startIndex
        guard from >= 0, line.count - from >= pattern.count else { return nil }
        var position = base + from
        let last = line.endIndex - pattern.count
        while position <= last {
            guard let hit = line[position...last].firstIndex(of: pattern[0]) else { return nil }
            if line[hit..<(hit + pattern.count)].elementsEqual(pattern) { return hit - base }
            position = hit + 1
        }
        return nil
    }
}
