#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte searches over a string's UTF-8 storage. `String.utf8.contains`
/// walks the view one byte at a time through the generic collection
/// machinery; on 192 MB of Markdown that was a tenth of `vios check`.
public enum ByteScan {
    /// Whether `text` holds `byte` (memchr over the contiguous storage).
    public static func contains(_ text: some StringProtocol, _ byte: UInt8) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { buffer in
            guard let base = buffer.baseAddress else { return false }
            return memchr(base, Int32(byte), buffer.count) != nil
        } ?? text.utf8.contains(byte)
    }

    /// Whether any byte of `text` satisfies `test`, over the contiguous
    /// storage when there is one.
    @inlinable
    public static func contains(_ text: some StringProtocol, where test: (UInt8) -> Bool) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { buffer in buffer.contains(where: test) }
            ?? text.utf8.contains(where: test)
    }

    /// Whether `line` may hold personal data: every privacy finding needs
    /// an `@` (e-mail) or at least nine digits (BSN 9, phone 10, IBAN 12).
    /// The checks run their character-level scan only where this holds, and
    /// the Markdown reader keeps a block's published text only then.
    public static func mayHoldPersonalData(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = line.baseAddress else { return false }
        var digits = 0
        var i = 0
        // Eight bytes at a time (every body byte passes here): a digit is
        // 0x30...0x39 with the high bit clear; `@` is a zero byte of w ^ 0x40….
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        while i + 8 <= line.count {
            let w = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            let at = w ^ (0x40 &* ones)
            if (at &- ones) & ~at & highs != 0 { return true }
            let low = w & ~highs
            let digitMask = (low &+ 0x50 &* ones) & ~(low &+ 0x46 &* ones) & ~w & highs
            digits += digitMask.nonzeroBitCount
            if digits >= 9 { return true }
            i += 8
        }
        while i < line.count {
            let byte = base[i]
            if byte == 64 { return true }
            if byte >= 48 && byte <= 57 {
                digits += 1
                if digits >= 9 { return true }
            }
            i += 1
        }
        return false
    }
}
