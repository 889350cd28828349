/// A fast 128-bit non-cryptographic hash of file bytes (two independent
/// multiply–rotate lanes over 8-byte words, plus the length).
public struct ContentHash: Hashable, Sendable {
    public var a: UInt64
    public var b: UInt64

    public init(a: UInt64, b: UInt64) { self.a = a; self.b = b }

    public init(_ bytes: UnsafeRawBufferPointer) {
        var h1: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var h2: UInt64 = 0xC2B2_AE3D_27D4_EB4F &+ UInt64(bytes.count)
        let count = bytes.count
        var i = 0
        if let base = bytes.baseAddress {
            while i + 8 <= count {
                let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                h1 = ((h1 ^ w) &* 0xFF51_AFD7_ED55_8CCD)
                h1 = (h1 << 31) | (h1 >> 33)
                h2 = ((h2 &+ w) &* 0x9FB2_1C65_1E98_DF25)
                h2 = (h2 << 27) | (h2 >> 37)
                i += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < count {
                tail |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << shift
                shift += 8; i += 1
            }
            h1 = (h1 ^ tail) &* 0xFF51_AFD7_ED55_8CCD
            h2 = (h2 &+ tail) &* 0x9FB2_1C65_1E98_DF25
        }
        a = Self.finish(h1 ^ (h2 >> 29))
        b = Self.finish(h2 ^ (h1 >> 31))
    }

    private static func finish(_ x: UInt64) -> UInt64 {
        var x = x
        x ^= x >> 33; x = x &* 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33; x = x &* 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x
    }

    public var hex: String {
        func pad(_ v: UInt64) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }
        return pad(a) + pad(b)
    }

    public init?(hex: Substring) {
        guard hex.utf8.count == 32, let a = UInt64(hex.prefix(16), radix: 16),
              let b = UInt64(hex.suffix(16), radix: 16) else { return nil }
        self.a = a; self.b = b
    }
}
