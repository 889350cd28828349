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
    /// The full plain text of the document (searched, never shipped whole),
    /// with its hash; read only for the search batches that are rebuilt.
    var body: DigestedText
    public var text: String {
        get { body.text }
        set { body = DigestedText(newValue) }
    }

    public init(url: String, title: String, kind: String, gemeente: String? = nil,
                summary: String, text: String) {
        self.init(url: url, title: title, kind: kind, gemeente: gemeente, summary: summary, body: DigestedText(text))
    }

    init(url: String, title: String, kind: String, gemeente: String?, summary: String, body: DigestedText) {
        self.url = url; self.title = title; self.kind = kind; self.gemeente = gemeente
        self.summary = summary; self.body = body
    }
}
