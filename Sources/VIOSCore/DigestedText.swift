/// Text with the hash of its UTF-8 bytes, taken once when the text is set:
/// the build cache keys pages and the search index on document bodies
/// (350 MB of HTML and text nationally) in every rebuild.
public struct DigestedText: Sendable, Hashable {
    public let text: String
    public let digest: ContentHash

    public init(_ text: String) {
        var text = text
        digest = text.withUTF8 { ContentHash(UnsafeRawBufferPointer($0)) }
        self.text = text
    }

    /// For a store that keeps the digest with the text and has verified
    /// the bytes it read (`DocumentStore`).
    public init(text: String, digest: ContentHash) {
        self.text = text
        self.digest = digest
    }
}
