import Testing
import VIOSCore

/// `isDraft` is kept beside the frontmatter, not computed from it: it must
/// follow every change of the frontmatter.
@Suite struct DocumentDraftTests {
    static func frontmatter(concept: String) -> YAMLNode {
        let key = YAMLNode(.scalar("concept", plain: true), line: 2, column: 1)
        let value = YAMLNode(.scalar(concept, plain: true), line: 2, column: 10)
        return YAMLNode(.mapping([YAMLNode.Pair(key: key, value: value)]), line: 2, column: 1)
    }

    @Test func followsTheFrontmatter() {
        var document = Document(path: "Content/handreikingen/vapes.md", collection: .handreikingen, slug: "vapes",
                                frontmatter: Self.frontmatter(concept: "true"))
        #expect(document.isDraft)
        document.frontmatter = Self.frontmatter(concept: "false")
        #expect(!document.isDraft)
        document.frontmatter = Self.frontmatter(concept: "true")
        #expect(document.isDraft)
        document.frontmatter = nil
        #expect(!document.isDraft)
        #expect(!Document(path: "Content/handreikingen/x.md", collection: .handreikingen, slug: "x").isDraft)
    }
}
