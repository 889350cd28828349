import VIOSCore

/// A checked document and its diagnostics as bytes, for `DocumentStore`.
/// Every stored property of `Document` is written; `decode` answers nil for
/// anything it cannot read back exactly (a damaged record is a cache miss).
///
/// A record is two parts: everything but the two texts (`meta`, a few
/// kilobytes), and the plain text and HTML (`texts`, nine tenths of the
/// bytes), so that the store can keep them apart: a rebuild decodes every
/// document's meta and reads the texts of the few pages it renders.
public enum DocumentCodec {
    struct Record {
        var meta: [UInt8]
        /// The texts, stored one after the other: plain text, then HTML.
        /// Kept apart (the store writes each where it belongs): copied into
        /// one array they were 300 MB of copying nationally.
        var plain: DigestedText
        var html: DigestedText?

        var plainCount: Int { plain.withUTF8(\.count) }
        var textCount: Int { plainCount + (html?.withUTF8(\.count) ?? 0) }

        /// Both texts as stored.
        var texts: [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(textCount)
            plain.withUTF8 { out.append(contentsOf: $0) }
            html?.withUTF8 { out.append(contentsOf: $0) }
            return out
        }
    }

    static func encodeRecord(_ document: Document, _ diagnostics: [Diagnostic]) -> Record {
        let plain = document.body.plainTextDigested
        let html = document.htmlText
        var w = ByteWriter(capacity: 4096)
        w.string(document.path)
        w.optionalString(document.collection?.rawValue)
        w.string(document.slug)
        w.optionalString(document.type)
        w.optionalString(document.kind?.rawValue)
        w.bool(document.frontmatter != nil)
        if let node = document.frontmatter { encode(node, &w) }
        w.bool(document.frontmatterDigest != nil)
        if let digest = document.frontmatterDigest { w.hash(digest) }
        w.int(document.bodyFirstLine)
        let body = document.body
        w.uint(UInt64(body.headings.count))
        for h in body.headings {
            w.int(h.level); w.string(h.text); w.string(h.anchor); w.int(h.line); w.int(h.column); w.bool(h.hasContent)
        }
        for references in [body.links, body.images] {
            w.uint(UInt64(references.count))
            for r in references { w.string(r.url); w.string(r.text); w.int(r.line); w.int(r.column) }
        }
        w.uint(UInt64(body.rawHTML.count))
        for r in body.rawHTML { w.string(r.html); w.int(r.line); w.int(r.column) }
        w.string(body.firstParagraph)
        w.uint(UInt64(plain.withUTF8(\.count)))
        w.hash(plain.digest)
        w.bool(html != nil)
        if let html { w.uint(UInt64(html.withUTF8(\.count))); w.hash(html.digest) }
        encode(diagnostics, &w)
        return Record(meta: w.bytes, plain: plain, html: html)
    }

    /// Reads a record's `meta` and `texts` parts, both in `shared`. The
    /// body's HTML and plain text stay there, decoded only when read
    /// (`DigestedText`).
    static func decode(_ shared: SharedBytes, meta: Range<Int>, texts: Range<Int>) -> (Document, [Diagnostic])? {
        guard meta.lowerBound >= 0, meta.upperBound <= shared.count, texts.lowerBound >= 0,
              texts.upperBound <= shared.count else { return nil }
        var used = 0
        return shared.withUnsafeBytes { all in
            decode(UnsafeRawBufferPointer(rebasing: all[meta])) { count, digest in
                // The texts lie one after the other; past their end is damage.
                guard count <= UInt64(texts.count - used) else { return nil }
                let start = texts.lowerBound + used
                used += Int(count)
                return DigestedText(utf8: shared, range: start ..< start + Int(count), digest: digest)
            }
        }.flatMap { used == texts.count ? $0 : nil }
    }

    private static func decode(_ bytes: UnsafeRawBufferPointer,
                               text: (UInt64, ContentHash) -> DigestedText?) -> (Document, [Diagnostic])? {
        var r = ByteReader(bytes)
        guard let path = r.string(), let collection = r.optionalString(), let slug = r.string(),
              let type = r.optionalString(), let kind = r.optionalString(), let hasFrontmatter = r.bool() else { return nil }
        var document = Document(path: path, collection: nil, slug: slug, type: type)
        if let collection {
            guard let value = Collection(rawValue: collection) else { return nil }
            document.collection = value
        }
        if let kind {
            guard let value = DocumentKind(rawValue: kind) else { return nil }
            document.kind = value
        }
        if hasFrontmatter {
            guard let node = decodeNode(&r, depth: 0) else { return nil }
            document.frontmatter = node
        }
        guard let hasDigest = r.bool() else { return nil }
        if hasDigest {
            guard let digest = r.hash() else { return nil }
            document.frontmatterDigest = digest
        }
        guard let bodyFirstLine = r.int(), let headingCount = r.count() else { return nil }
        document.bodyFirstLine = bodyFirstLine
        var body = MarkdownFacts()
        body.headings.reserveCapacity(headingCount)
        for _ in 0..<headingCount {
            guard let level = r.int(), let text = r.string(), let anchor = r.string(), let line = r.int(),
                  let column = r.int(), let hasContent = r.bool() else { return nil }
            body.headings.append(.init(level: level, text: text, anchor: anchor, line: line, column: column, hasContent: hasContent))
        }
        for isImage in [false, true] {
            guard let count = r.count() else { return nil }
            var references: [MarkdownFacts.Reference] = []
            references.reserveCapacity(count)
            for _ in 0..<count {
                guard let url = r.string(), let text = r.string(), let line = r.int(), let column = r.int() else { return nil }
                references.append(.init(url: url, text: text, line: line, column: column))
            }
            if isImage { body.images = references } else { body.links = references }
        }
        guard let rawCount = r.count() else { return nil }
        for _ in 0..<rawCount {
            guard let html = r.string(), let line = r.int(), let column = r.int() else { return nil }
            body.rawHTML.append(.init(html: html, line: line, column: column))
        }
        guard let firstParagraph = r.string(), let plainCount = r.uint(), let plainTextDigest = r.hash(),
              let plainText = text(plainCount, plainTextDigest), let hasHTML = r.bool() else { return nil }
        body.firstParagraph = firstParagraph
        // The record's hashes were checked: the digests are those of these texts.
        body.plainTextDigested = plainText
        document.body = body
        if hasHTML {
            guard let count = r.uint(), let digest = r.hash(), let html = text(count, digest) else { return nil }
            document.htmlText = html
        }
        guard let diagnostics = decodeDiagnostics(&r) else { return nil }
        guard r.isAtEnd else { return nil }
        return (document, diagnostics)
    }

    /// Diagnostics as bytes (also the build stamp's report).
    public static func encode(_ diagnostics: [Diagnostic], _ w: inout ByteWriter) {
        w.uint(UInt64(diagnostics.count))
        for d in diagnostics {
            w.string(d.code.rawValue); w.string(d.severity.rawValue)
            w.string(d.location.file); w.int(d.location.line); w.int(d.location.column)
            w.string(d.message); w.optionalString(d.suggestion)
        }
    }

    public static func decodeDiagnostics(_ r: inout ByteReader) -> [Diagnostic]? {
        guard let count = r.count() else { return nil }
        var diagnostics: [Diagnostic] = []
        diagnostics.reserveCapacity(count)
        for _ in 0..<count {
            guard let code = r.string().flatMap(DiagnosticCode.init(rawValue:)),
                  let severity = r.string().flatMap(Severity.init(rawValue:)),
                  let file = r.string(), let line = r.int(), let column = r.int(),
                  let message = r.string(), let suggestion = r.optionalString() else { return nil }
            var diagnostic = Diagnostic(code, at: SourceLocation(file: file, line: line, column: column),
                                        severity: severity, suggestion: suggestion)
            diagnostic.message = message
            diagnostics.append(diagnostic)
        }
        return diagnostics
    }

    private static func encode(_ node: YAMLNode, _ w: inout ByteWriter) {
        w.int(node.line); w.int(node.column)
        switch node.value {
        case .scalar(let text, let plain):
            w.byte(plain ? 1 : 2); w.string(text)
        case .sequence(let items):
            w.byte(3); w.uint(UInt64(items.count))
            for item in items { encode(item, &w) }
        case .mapping(let pairs):
            w.byte(4); w.uint(UInt64(pairs.count))
            for pair in pairs { encode(pair.key, &w); encode(pair.value, &w) }
        }
    }

    /// Frontmatter nests at most `YAMLReader.depthLimit` deep; a deeper record is damage.
    private static func decodeNode(_ r: inout ByteReader, depth: Int) -> YAMLNode? {
        guard depth < 256, let line = r.int(), let column = r.int(), let tag = r.byte() else { return nil }
        switch tag {
        case 1, 2:
            guard let text = r.string() else { return nil }
            return YAMLNode(.scalar(text, plain: tag == 1), line: line, column: column)
        case 3:
            guard let count = r.count() else { return nil }
            var items: [YAMLNode] = []
            items.reserveCapacity(count)
            for _ in 0..<count {
                guard let item = decodeNode(&r, depth: depth + 1) else { return nil }
                items.append(item)
            }
            return YAMLNode(.sequence(items), line: line, column: column)
        case 4:
            guard let count = r.count() else { return nil }
            var pairs: [YAMLNode.Pair] = []
            pairs.reserveCapacity(count)
            for _ in 0..<count {
                guard let key = decodeNode(&r, depth: depth + 1), let value = decodeNode(&r, depth: depth + 1) else { return nil }
                pairs.append(YAMLNode.Pair(key: key, value: value))
            }
            return YAMLNode(.mapping(pairs), line: line, column: column)
        default:
            return nil
        }
    }
}
