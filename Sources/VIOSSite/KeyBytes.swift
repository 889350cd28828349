import VIOSCore

/// Bytes to hash for the build cache's keys (`PageKeys`,
/// `ContextFingerprint`, `SiteFiles.searchKey`): every value
/// length-prefixed or tagged, so no two different sequences of values give
/// the same bytes.
struct KeyBytes {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    /// A type tag, so values of different kinds never read alike.
    mutating func tag(_ byte: UInt8) { bytes.append(byte) }

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            add(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func add(_ texts: [String]) {
        add(UInt64(texts.count))
        for text in texts { add(text) }
    }

    mutating func add(_ hash: ContentHash) {
        add(hash.a)
        add(hash.b)
    }

    mutating func add(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func add(_ node: YAMLNode?) {
        guard let node else { tag(0); return }
        switch node.value {
        case .scalar(let text, let plain):
            tag(plain ? 1 : 2)
            add(text)
        case .sequence(let items):
            tag(3)
            add(UInt64(items.count))
            for item in items { add(item) }
        case .mapping(let pairs):
            tag(4)
            add(UInt64(pairs.count))
            for pair in pairs { add(pair.key); add(pair.value) }
        }
    }

    var hash: ContentHash { bytes.withUnsafeBytes { ContentHash($0) } }
}
