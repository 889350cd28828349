#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A compact binary encoding for vios's own cache files: unsigned LEB128
/// integers and length-prefixed UTF-8. The reader checks every bound and
/// answers nil instead of trapping, so a damaged cache file is a cache miss.
public struct ByteWriter {
    public var bytes: [UInt8] { storage }
    @usableFromInline var storage: [UInt8] = []

    public init(capacity: Int = 1024) { storage.reserveCapacity(capacity) }

    @inlinable public mutating func int(_ value: Int) { uint(UInt64(bitPattern: Int64(value))) }

    // Inlined for the one-byte case: postings of the search batches are
    // millions of small numbers, and a call each was a sixth of saving them.
    @inlinable public mutating func uint(_ value: UInt64) {
        if value < 0x80 {
            storage.append(UInt8(truncatingIfNeeded: value))
        } else {
            uintSlow(value)
        }
    }

    @usableFromInline mutating func uintSlow(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            storage.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        storage.append(UInt8(value))
    }

    @inlinable public mutating func bool(_ value: Bool) { storage.append(value ? 1 : 0) }

    @inlinable public mutating func byte(_ value: UInt8) { storage.append(value) }

    public mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            uint(UInt64(utf8.count))
            storage.append(contentsOf: utf8)
        }
    }

    public mutating func optionalString(_ text: String?) {
        bool(text != nil)
        if let text { string(text) }
    }

    public mutating func hash(_ hash: ContentHash) {
        withUnsafeBytes(of: hash.a.littleEndian) { storage.append(contentsOf: $0) }
        withUnsafeBytes(of: hash.b.littleEndian) { storage.append(contentsOf: $0) }
    }

    public mutating func raw(_ other: [UInt8]) { storage.append(contentsOf: other) }
}

public struct ByteReader {
    private let base: UnsafeRawBufferPointer
    public private(set) var offset: Int

    /// Reads `base`, which must outlive the reader.
    public init(_ base: UnsafeRawBufferPointer, offset: Int = 0) {
        self.base = base
        self.offset = offset
    }

    public var isAtEnd: Bool { offset >= base.count }

    public mutating func uint() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < base.count, shift < 64 {
            let byte = base[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }

    public mutating func int() -> Int? { uint().map { Int(Int64(bitPattern: $0)) } }

    /// A count of things that follow, each at least one byte long: more
    /// than the bytes left is damage, not a reason to allocate.
    public mutating func count() -> Int? {
        guard let value = uint(), value <= UInt64(base.count - offset) else { return nil }
        return Int(value)
    }

    public mutating func byte() -> UInt8? {
        guard offset < base.count else { return nil }
        defer { offset += 1 }
        return base[offset]
    }

    public mutating func bool() -> Bool? {
        switch byte() {
        case 0: return false
        case 1: return true
        default: return nil
        }
    }

    public mutating func string() -> String? {
        guard let count = count() else { return nil }
        let slice = UnsafeRawBufferPointer(rebasing: base[offset..<offset + count])
        offset += count
        // Validated like any input: a damaged file must not make a broken String.
        // `String(validating:as:)` ran unspecialised here (generic metadata
        // on every call, a quarter of reading a national store); decoding
        // repairs instead, so bytes that do not come back unchanged were
        // not UTF-8.
        let text = String(decoding: slice, as: UTF8.self)
        var copy = text
        let same = copy.withUTF8 { $0.count == slice.count && (slice.isEmpty || memcmp($0.baseAddress!, slice.baseAddress!, slice.count) == 0) }
        return same ? text : nil
    }

    /// Where a string's bytes lie, unread: for texts decoded only when used
    /// (`DigestedText(utf8:range:digest:)`).
    public mutating func stringRange() -> Range<Int>? {
        guard let count = count() else { return nil }
        defer { offset += count }
        return offset..<offset + count
    }

    public mutating func optionalString() -> String?? {
        guard let present = bool() else { return nil }
        guard present else { return .some(nil) }
        guard let text = string() else { return nil }
        return .some(text)
    }

    public mutating func hash() -> ContentHash? {
        guard offset + 16 <= base.count else { return nil }
        let a = base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        let b = base.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)
        offset += 16
        return ContentHash(a: UInt64(littleEndian: a), b: UInt64(littleEndian: b))
    }
}
