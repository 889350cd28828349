import VIOSCore

/// One published document as the search index sees it. The site builder
/// makes one per page it writes; `SearchIndex.files(for:)` turns them into
/// the static index under `zoeken/index/`.
public struct SearchEntry: Sendable, Hashable {
    /// Site-root relative URL of the page, e.g. `gemeenten/arnhem/`.
    public var url: String
    public var title: String
    /// Dutch label of the document kind, e.g. `Veiligheidsplan`; the search
    /// page's kind filter lists these.
    public var kind: String
    /// Display name of the gemeente, when the document belongs to one.
    public var gemeente: String?
    /// One or two sentences shown under the result (shortened in the index).
    public var summary: String
    /// The full plain text of the document (searched, never shipped whole).
    public var text: String
    /// The hash of `text`, when the caller has it (`DigestedText`).
    var textDigest: ContentHash?

    public init(url: String, title: String, kind: String, gemeente: String? = nil,
                summary: String, text: String) {
        self.url = url; self.title = title; self.kind = kind; self.gemeente = gemeente
        self.summary = summary; self.text = text
    }
}
