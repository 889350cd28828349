#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One source file's lines, found on demand for the caret display under a
/// diagnostic. Findings sit mostly in the frontmatter, so only the bytes up
/// to the line asked for are scanned: splitting every file with a finding
/// into lines was an eighth of a national build.
public struct LazyLines: Sendable {
    private let bytes: [UInt8]
    /// Offsets where lines 1, 2, … start, as far as scanned.
    private var starts: [Int] = [0]
    private var scannedToEnd = false

    public init(_ bytes: [UInt8]) {
        // A byte-order mark is not part of line 1's text.
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { starts = [3] }
    }

    /// Line `number` (1-based) without its `\n` or `\r\n`, invalid UTF-8
    /// repaired; nil past the end.
    public mutating func line(_ number: Int) -> String? {
        guard number >= 1 else { return nil }
        while starts.count < number + 1 && !scannedToEnd { scanNextLine() }
        guard number <= starts.count - (scannedToEnd ? 0 : 1) else { return nil }
        let start = starts[number - 1]
        var end = number < starts.count ? starts[number] - 1 : bytes.count
        if end > start && bytes[end - 1] == 0x0D { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    private mutating func scanNextLine() {
        let from = starts[starts.count - 1]
        let newline: Int? = bytes.withUnsafeBufferPointer { buffer in
            guard from < buffer.count, let base = buffer.baseAddress,
                  let hit = memchr(base + from, 0x0A, buffer.count - from) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
        if let newline { starts.append(newline + 1) } else { scannedToEnd = true }
    }
}
