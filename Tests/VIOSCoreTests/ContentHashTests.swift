import Testing
@testable import VIOSCore

/// The cache keys every build rests on: equal bytes, equal hash; the
/// small differences real edits make, different hashes.
struct ContentHashTests {
    func hash(_ bytes: [UInt8]) -> ContentHash { bytes.withUnsafeBytes { ContentHash($0) } }

    @Test func smallChangesChangeTheHash() {
        var rng = SystemRandomNumberGenerator()
        let base = (0..<200).map { _ in UInt8.random(in: 0...255, using: &rng) }
        var seen: Set<ContentHash> = [hash(base)]
        // Every single-bit flip, in the stripes and in the tail.
        for i in base.indices {
            for bit in 0..<8 {
                var changed = base
                changed[i] ^= 1 << bit
                #expect(seen.insert(hash(changed)).inserted, "flip at \(i) bit \(bit)")
            }
        }
        // Every length of zeros (a truncated file of zeros is still another file).
        for n in 0...130 { #expect(seen.insert(hash([UInt8](repeating: 0, count: n))).inserted, "\(n) zeros") }
        // Two 8-byte words swapped within a 32-byte stripe, and two stripes swapped.
        var swapped = base
        swapped.replaceSubrange(0..<8, with: base[8..<16]); swapped.replaceSubrange(8..<16, with: base[0..<8])
        #expect(seen.insert(hash(swapped)).inserted)
        var stripes = base
        stripes.replaceSubrange(0..<32, with: base[32..<64]); stripes.replaceSubrange(32..<64, with: base[0..<32])
        #expect(seen.insert(hash(stripes)).inserted)
        #expect(hash(base) == hash(Array(base)))
    }
}
