/// A fast 128-bit non-cryptographic hash of file bytes: four independent
/// multiply–rotate lanes over 32-byte stripes (as xxHash64 does; one lane
/// waits on its multiply, four keep the core busy), then two lanes over the
/// remaining words, plus the length. Every build hashes its sources, the
/// document store's records and its output, a gigabyte nationally.
public struct ContentHash: Hashable, Sendable {
    public var a: UInt64
    public var b: UInt64

    public init(a: UInt64, b: UInt64) { self.a = a; self.b = b }

    public init(_ bytes: UnsafeRawBufferPointer) {
        let count = bytes.count
        let prime1: UInt64 = 0x9E37_79B1_85EB_CA87, prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
        var h1: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(count)
        var h2: UInt64 = 0xC2B2_AE3D_27D4_EB4F &+ UInt64(count)
        var i = 0
        if let base = bytes.baseAddress {
            if count >= 32 {
                var v1 = h1, v2 = h2
                var v3: UInt64 = 0x1656_67B1_9E37_79F9, v4: UInt64 = 0x27D4_EB2F_1656_67C5
                @inline(__always) func round(_ v: UInt64, _ w: UInt64) -> UInt64 {
                    let x = v &+ w &* prime2
                    return ((x << 31) | (x >> 33)) &* prime1
                }
                while i + 32 <= count {
                    v1 = round(v1, base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                    v2 = round(v2, base.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
                    v3 = round(v3, base.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
                    v4 = round(v4, base.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
                    i += 32
                }
                h1 = v1 ^ ((v3 << 17) | (v3 >> 47))
                h2 = v2 ^ ((v4 << 41) | (v4 >> 23))
            }
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
