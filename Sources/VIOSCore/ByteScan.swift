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
}
