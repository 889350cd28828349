import Testing
@testable import VIOSCore

/// The binary coding of vios's cache files: what is written reads back
/// exactly, and bytes that are not what was written read as nil.
struct ByteCodingTests {
    @Test func valuesReadBackExactly() {
        let numbers: [UInt64] = [0, 1, 0x7F, 0x80, 0x3FFF, 0x4000, UInt64(UInt32.max), UInt64.max]
        let texts = ["", "a", "veiligheidsplan", String(repeating: "é", count: 40), "🚸 school", "tab\there\n"]
        var w = ByteWriter()
        for n in numbers { w.uint(n) }
        w.int(-5)
        for t in texts { w.string(t) }
        w.optionalString(nil)
        w.bool(true)
        w.hash(ContentHash(a: 3, b: 4))
        w.bytes.withUnsafeBytes { all in
            var r = ByteReader(all)
            for n in numbers { #expect(r.uint() == n) }
            #expect(r.int() == -5)
            for t in texts { #expect(r.string() == t) }
            #expect(r.optionalString() == .some(nil))
            #expect(r.bool() == true)
            #expect(r.hash() == ContentHash(a: 3, b: 4))
            #expect(r.isAtEnd)
        }
    }

    /// A string whose bytes are not UTF-8 is refused, never repaired into
    /// another text (a repaired one can even have the same length).
    @Test func stringsThatAreNotUTF8ReadAsNil() {
        let damaged: [[UInt8]] = [[0xFF], [0x61, 0xC3], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0x80, 0x61, 0x62],
                                  [0xF4, 0x90, 0x80, 0x80], [0x61, 0x62, 0x63, 0xC0, 0xAF]]
        for bytes in damaged {
            var w = ByteWriter()
            w.uint(UInt64(bytes.count))
            w.raw(bytes)
            w.bytes.withUnsafeBytes { all in
                var r = ByteReader(all)
                #expect(r.string() == nil, "\(bytes)")
            }
        }
        // A length past the end is refused too.
        var w = ByteWriter()
        w.uint(10)
        w.raw(Array("kort".utf8))
        w.bytes.withUnsafeBytes { all in
            var r = ByteReader(all)
            #expect(r.string() == nil)
        }
    }
}
