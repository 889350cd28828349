#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of a text with its line starts, for finding inline nodes in
/// the source. cmark reports byte columns; people (and Yams) count
/// characters. Everything here works on UTF-8 bytes so that searching and
/// column conversion stay linear on hostile input (a 10 MB line with
/// 100,000 links), and converts to a character column only when a
/// position is reported.
struct SourceLines {
    /// A 1-based line and 1-based byte column.
    struct Position: Equatable {
        var line: Int
        var byte: Int
    }

    /// Remembers the last converted position, so converting positions
    /// that move forward along one line costs the distance moved, not the
    /// distance from the line start.
    struct ColumnCache {
        var line = 0
        var byte = 1
        var column = 1
    }

    let bytes: [UInt8]
    /// Byte offset of the first byte of each line.
    let lineStarts: [Int]

    init(_ text: String) {
        // Split on the newline byte: a newline is never part of a grapheme
        // here (CRLF was normalised on reading).
        let bytes = Array(text.utf8)
        var starts = [0]
        for index in bytes.indices where bytes[index] == 10 { starts.append(index + 1) }
        self.bytes = bytes
        self.lineStarts = starts
    }

    var count: Int { lineStarts.count }

    /// Byte range of a 1-based line, without its newline.
    func range(ofLine line: Int) -> Range<Int>? {
        guard line >= 1, line <= lineStarts.count else { return nil }
        let start = lineStarts[line - 1]
        let end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        return start..<end
    }

    /// Absolute byte offset of a position, clamped into its line.
    func offset(_ position: Position) -> Int? {
        guard let range = range(ofLine: position.line) else { return nil }
        return min(range.lowerBound + max(0, position.byte - 1), range.upperBound)
    }

    /// The position of an absolute byte offset.
    func position(ofOffset offset: Int) -> Position {
        // Binary search for the last line start <= offset.
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return Position(line: low + 1, byte: offset - lineStarts[low] + 1)
    }

    func byte(at offset: Int) -> UInt8? { offset >= 0 && offset < bytes.count ? bytes[offset] : nil }

    /// 1-based character column for a 1-based byte column on `line`.
    func characterColumn(line: Int, byteColumn: Int) -> Int {
        var cache = ColumnCache()
        return characterColumn(line: line, byteColumn: byteColumn, cache: &cache)
    }

    func characterColumn(line: Int, byteColumn: Int, cache: inout ColumnCache) -> Int {
        guard let range = range(ofLine: line), byteColumn > 1 else { return max(1, byteColumn) }
        let target = min(byteColumn - 1, range.count)  // bytes before the position
        var fromByte = 0, column = 1
        if cache.line == line, cache.byte - 1 <= target {
            fromByte = cache.byte - 1
            column = cache.column
        }
        let start = range.lowerBound + fromByte, end = range.lowerBound + target
        if end > start {
            column += String(decoding: bytes[start..<end], as: UTF8.self).count
        }
        cache = ColumnCache(line: line, byte: target + 1, column: column)
        return column
    }

    /// Finds `needle` at or after `from`, ending no later than the end of
    /// line `throughLine` and no further than `window` bytes ahead: a
    /// search that fails costs at most the window, whatever the input.
    func locate(_ needle: String, from: Position, throughLine: Int, window: Int = SourceLines.searchWindow) -> Position? {
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty, from.line >= 1, let start = offset(from) else { return nil }
        let lastLine = min(throughLine, lineStarts.count)
        guard lastLine >= from.line, let lastRange = range(ofLine: lastLine) else { return nil }
        let end = min(lastRange.upperBound, start + window)
        guard let hit = Self.find(pattern, in: bytes, from: start, to: end) else { return nil }
        return position(ofOffset: hit)
    }

    /// How far ahead an inline node is looked for. Inline nodes of one
    /// block come in order and close to each other; 64 KB is far more than
    /// any real paragraph between two links.
    static let searchWindow = 65_536

    /// Offset of the first occurrence of `pattern` in `bytes[from..<to]`.
    static func find(_ pattern: [UInt8], in bytes: [UInt8], from: Int, to: Int) -> Int? {
        guard from >= 0, to <= bytes.count, to - from >= pattern.count else { return nil }
        // memchr for the first byte, memcmp for the rest (memmem is a GNU
        // extension Glibc's module does not export).
        return bytes.withUnsafeBufferPointer { haystack -> Int? in
            pattern.withUnsafeBufferPointer { needle -> Int? in
                guard let base = haystack.baseAddress, let needleBase = needle.baseAddress else { return nil }
                let first = Int32(needle[0])
                let lastStart = to - needle.count
                var position = from
                while position <= lastStart {
                    guard let raw = memchr(base + position, first, lastStart - position + 1) else { return nil }
                    let hit = base.distance(to: raw.assumingMemoryBound(to: UInt8.self))
                    if needle.count == 1 || memcmp(base + hit + 1, needleBase + 1, needle.count - 1) == 0 { return hit }
                    position = hit + 1
                }
                return nil
            }
        }
    }
}
