/// Text with the hash of its UTF-8 bytes, taken once when the text is set:
/// the build cache keys pages and the search index on document bodies
/// (350 MB of HTML and text nationally) in every rebuild.
///
/// Text read back from the document store stays bytes until something
/// reads it: a rebuild after one edit renders a handful of pages and
/// re-indexes one search batch, so decoding (and validating) every body of
/// a national site was a quarter of that rebuild for text nobody read.
public struct DigestedText: Sendable, Hashable {
    private enum Storage: Sendable {
        case text(String)
        case utf8(SharedBytes, Range<Int>)
    }

    private let storage: Storage
    public let digest: ContentHash

    public init(_ text: String) {
        var text = text
        digest = text.withUTF8 { ContentHash(UnsafeRawBufferPointer($0)) }
        storage = .text(text)
    }

    /// UTF-8 bytes, kept as they are: a text only ever read as bytes (the
    /// plain text the search index tokenises) is never made a String.
    public init(utf8 bytes: [UInt8]) {
        digest = bytes.withUnsafeBytes { ContentHash($0) }
        storage = .utf8(SharedBytes(bytes), 0..<bytes.count)
    }

    /// UTF-8 bytes `range` of `bytes`, whose hash is `digest` (a store
    /// checks `isIntact` when its file may have changed), decoded on every read of `text`: texts read
    /// back are read once or twice. Bytes that are not UTF-8 are repaired,
    /// never made into a broken String.
    public init(utf8 bytes: SharedBytes, range: Range<Int>, digest: ContentHash) {
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count)
        storage = .utf8(bytes, range)
        self.digest = digest
    }

    public var text: String {
        switch storage {
        case .text(let text):
            return text
        case .utf8(let shared, let range):
            return shared.withUnsafeBytes { String(decoding: UnsafeRawBufferPointer(rebasing: $0[range]), as: UTF8.self) }
        }
    }

    /// The text's UTF-8 bytes, without decoding stored bytes (not
    /// validated: a reader must tolerate bytes that are not UTF-8).
    public func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        switch storage {
        case .text(var text):
            return try text.withUTF8(body)
        case .utf8(let shared, let range):
            return try shared.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[range]).assumingMemoryBound(to: UInt8.self)) }
        }
    }

    /// Whether the bytes still hash to `digest` (a text read back from a
    /// file that may have changed since it was written).
    public var isIntact: Bool {
        switch storage {
        case .text: return true
        case .utf8(let shared, let range):
            return shared.withUnsafeBytes { ContentHash(UnsafeRawBufferPointer(rebasing: $0[range])) } == digest
        }
    }

    /// Length in UTF-8 bytes, without decoding.
    private var utf8Count: Int {
        switch storage {
        case .text(let text): return text.utf8.count
        case .utf8(_, let range): return range.count
        }
    }

    public static func == (a: DigestedText, b: DigestedText) -> Bool {
        a.digest == b.digest && a.utf8Count == b.utf8Count && a.text == b.text
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(digest)
    }
}

/// Immutable bytes that several values point into: a document store's
/// pack, mapped into memory, and the texts read from it, or one record.
public final class SharedBytes: @unchecked Sendable {
    // @unchecked: the bytes never change after init; the pointer is only read.
    private let array: [UInt8]
    private let mapping: UnsafeRawBufferPointer?
    private let unmap: (@Sendable (UnsafeRawBufferPointer) -> Void)?

    public init(_ bytes: [UInt8]) {
        array = bytes
        mapping = nil
        unmap = nil
    }

    /// Memory the caller mapped read-only; `unmap` runs when the last
    /// value pointing into it is gone. The file must only ever grow while
    /// mapped (a truncated mapping faults on access).
    public init(mapping: UnsafeRawBufferPointer, unmap: @escaping @Sendable (UnsafeRawBufferPointer) -> Void) {
        array = []
        self.mapping = mapping
        self.unmap = unmap
    }

    deinit {
        if let mapping, let unmap { unmap(mapping) }
    }

    public var count: Int { mapping?.count ?? array.count }

    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        if let mapping { return try body(mapping) }
        return try array.withUnsafeBytes(body)
    }
}
