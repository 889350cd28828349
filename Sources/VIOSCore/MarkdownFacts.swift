/// What the checks and renderers need to know about a Markdown body, with
/// positions already mapped to lines of the file.
public struct MarkdownFacts: Sendable, Hashable {
    public struct Heading: Sendable, Hashable {
        public var level: Int
        public var text: String
        public var anchor: String
        public var line: Int
        public var column: Int
        /// True when any block follows this heading before the next heading of
        /// the same or a higher level (used for "section has no content").
        public var hasContent: Bool
        public init(level: Int, text: String, anchor: String, line: Int, column: Int, hasContent: Bool) {
            self.level = level; self.text = text; self.anchor = anchor
            self.line = line; self.column = column; self.hasContent = hasContent
        }
    }

    public struct Reference: Sendable, Hashable {
        public var url: String
        /// Link text or image alt text.
        public var text: String
        public var line: Int
        public var column: Int
        public init(url: String, text: String, line: Int, column: Int) {
            self.url = url; self.text = text; self.line = line; self.column = column
        }
    }

    public struct RawHTML: Sendable, Hashable {
        public var html: String
        public var line: Int
        public var column: Int
        public init(html: String, line: Int, column: Int) {
            self.html = html; self.line = line; self.column = column
        }
    }

    public var headings: [Heading] = []
    public var links: [Reference] = []
    public var images: [Reference] = []
    public var rawHTML: [RawHTML] = []
    /// First paragraph's plain text shortened to `summaryLimit` characters
    /// (cards, factsheets, page descriptions; shortened once when parsed,
    /// not in every build), and the full plain text (search index).
    public var firstParagraph: String = ""
    public static let summaryLimit = 300
    public var plainText: String {
        get { plainTextDigested.text }
        set { plainTextDigested = DigestedText(newValue) }
    }
    /// The same, with its hash.
    public var plainTextDigested = DigestedText("")

    public init() {}
}
