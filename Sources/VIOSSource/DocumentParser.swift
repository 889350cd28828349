import VIOSCore

/// One file's bytes → a `Document` and the diagnostics of reading it
/// (VIOS101–104). Pure: the caller reads the file.
public enum DocumentParser {
    public struct Parsed: Sendable {
        public var document: Document
        /// The body as written, for checks that scan published text.
        public var bodyText: Substring
        public var diagnostics: [Diagnostic]
        /// The frontmatter as written (between the fences; its first line is
        /// file line 2), for checks that point into multi-line values.
        public var frontmatterText: Substring = ""
        /// The body's published text per block (see `MarkdownParser.TextRun`).
        public var textRuns: [MarkdownParser.TextRun] = []
        /// True when the body is past a `MarkdownLimits` limit and was not
        /// parsed: its facts are empty, so section checks do not apply.
        public var bodyRefused = false
    }

    public static func parse(path: String, bytes: [UInt8], collection: Collection?, slug: String,
                             render: MarkdownParser.RenderOptions? = nil) -> Parsed {
        var document = Document(path: path, collection: collection, slug: slug)
        func fail(_ diagnostic: Diagnostic) -> Parsed {
            Parsed(document: document, bodyText: "", diagnostics: [diagnostic])
        }
        let text: String
        switch TextDecoding.decode(bytes) {
        case .success(let decoded): text = decoded
        case .failure(.invalidUTF8(let line, let column, let offset)):
            return fail(Diagnostic(.vios103, at: document.location(line: line, column: column), String(offset)))
        }
        let split: Frontmatter
        switch Frontmatter.split(text) {
        case .success(let value): split = value
        case .failure(.missingOpening):
            return fail(Diagnostic(.vios101, at: document.start,
                                   "geen frontmatter: het bestand moet beginnen met een regel '---', dan de velden, dan weer '---'"))
        case .failure(.unclosed):
            return fail(Diagnostic(.vios101, at: document.start,
                                   "frontmatter wordt niet afgesloten: voeg na de velden een regel met alleen '---' toe"))
        }
        var diagnostics: [Diagnostic] = []
        switch YAMLReader.read(String(split.yaml), firstLine: split.yamlFirstLine) {
        case .failure(let failure):
            diagnostics.append(Diagnostic(.vios102, at: document.location(line: failure.line, column: failure.column),
                                          failure.message))
        case .success(nil):
            diagnostics.append(Diagnostic(.vios104, at: document.location(line: split.yamlFirstLine, column: 1), "leeg"))
        case .success(let node?):
            if node.pairs != nil {
                document.frontmatter = node
                var yaml = split.yaml
                document.frontmatterDigest = yaml.withUTF8 { ContentHash(UnsafeRawBufferPointer($0)) }
                if let typeNode = node["type"], let type = typeNode.string {
                    document.type = type
                    document.kind = DocumentKind(rawValue: type)
                }
            } else {
                let what = node.items != nil ? "een lijst" : "een losse waarde"
                diagnostics.append(Diagnostic(.vios104, at: document.location(of: node), what))
            }
        }
        document.bodyFirstLine = split.bodyFirstLine
        if let problem = MarkdownLimits.check(split.body) {
            // Past a limit cmark-gfm may take minutes or gigabytes: the body
            // is reported and not parsed (it is still scanned for privacy).
            diagnostics.append(Diagnostic(.vios101, at: document.location(line: problem.line + split.bodyFirstLine - 1, column: 1),
                                          problem.message))
            if render != nil { document.html = "" }
            return Parsed(document: document, bodyText: split.body, diagnostics: diagnostics, frontmatterText: split.yaml,
                          bodyRefused: true)
        }
        let markdown = MarkdownParser.parse(String(split.body), firstLine: split.bodyFirstLine, path: path, render: render)
        document.body = markdown.facts
        document.html = markdown.html
        return Parsed(document: document, bodyText: split.body, diagnostics: diagnostics, frontmatterText: split.yaml,
                      textRuns: markdown.textRuns)
    }
}
