/// One content file after parsing: where it is, what it is, its
/// frontmatter and the facts of its body.
public struct Document: Sendable, Equatable {
    /// Relative to the site root, `/`-separated: `Content/gemeenten/arnhem.md`.
    public var path: String
    public var collection: Collection?
    public var slug: String
    /// The `type` value as written (nil when missing or not a string).
    public var type: String?
    public var kind: DocumentKind?
    /// The frontmatter mapping; nil when the file has none or it is broken
    /// (a VIOS1xx diagnostic then says why).
    public var frontmatter: YAMLNode? {
        didSet { isDraft = Self.isDraft(frontmatter) }
    }
    /// A hash of the frontmatter as written, set by the parser with
    /// `frontmatter`: page keys compare it instead of walking the tree.
    public var frontmatterDigest: ContentHash?
    public var bodyFirstLine: Int
    public var body: MarkdownFacts
    /// Safe HTML of the body, when rendered for the site.
    public var html: String? {
        get { htmlText?.text }
        set { htmlText = newValue.map(DigestedText.init) }
    }
    /// The same, with its hash.
    public var htmlText: DigestedText?

    public init(path: String, collection: Collection?, slug: String, type: String? = nil,
                kind: DocumentKind? = nil, frontmatter: YAMLNode? = nil, bodyFirstLine: Int = 1,
                body: MarkdownFacts = MarkdownFacts(), html: String? = nil) {
        self.path = path; self.collection = collection; self.slug = slug; self.type = type
        self.kind = kind; self.frontmatter = frontmatter; self.bodyFirstLine = bodyFirstLine
        isDraft = Self.isDraft(frontmatter)
        self.body = body; self.htmlText = html.map(DigestedText.init)
    }

    /// Drafts are validated but not published. Kept, not computed: the
    /// site's indexes ask it of all 15,000 documents on one core, and each
    /// answer was a search of the frontmatter's keys.
    public private(set) var isDraft = false

    /// `concept: true` in `frontmatter`.
    public static func isDraft(_ frontmatter: YAMLNode?) -> Bool { frontmatter?["concept"]?.bool == true }

    /// The folder part of `path` (`Content/scholen/de-linde`).
    public var directory: String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    public func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: path, line: line, column: column)
    }

    public func location(of node: YAMLNode) -> SourceLocation {
        SourceLocation(file: path, line: node.line, column: node.column)
    }

    public var start: SourceLocation { SourceLocation(file: path, line: 1, column: 1) }
}
