#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CCMarkGFM
import VIOSCore

/// Walks a cmark AST once, recording headings, links, images, raw HTML and
/// text, and rewriting relative document links for the site.
struct FactCollector {
    let lines: SourceLines
    let firstLine: Int
    let rewrite: (@Sendable (String) -> String?)?
    var facts = MarkdownFacts()
    /// Published text per block with the file line the block starts on:
    /// what a reader sees (entities decoded, emphasis markers gone), for
    /// checks that must see published text as well as the source; only
    /// blocks that `ByteScan.mayHoldPersonalData`.
    var textRuns: [MarkdownParser.TextRun] = []
    /// Per heading in the HTML's order, its index in `facts.headings`, or
    /// nil for a heading inside a list or quote: only top-level headings
    /// have anchors, and the HTML's `<hN>` tags are paired with them by
    /// this order (a quoted heading took the next section's id).
    private(set) var htmlHeadings: [Int?] = []
    /// The plain text so far, blocks separated by a space; bytes, like the
    /// current block's text: cmark hands out C strings, and appending them
    /// as `String`s (then joining) was a third of this walk.
    private var plain: [UInt8] = []
    private var plainParts = 0
    private var sawFirstParagraph = false
    private var inlineText: [UInt8] = []
    private var inlineLine = 1
    private var columns = SourceLines.ColumnCache()
    /// Needles known not to occur before the end of the block ending on `line`.
    private var absent: (line: Int, needles: Set<String>) = (0, [])
    /// Where the last match of each needle ends, in the current block.
    private var consumed: [String: SourceLines.Position] = [:]

    init(lines: SourceLines, firstLine: Int, rewrite: (@Sendable (String) -> String?)?) {
        self.lines = lines
        self.firstLine = firstLine
        self.rewrite = rewrite
    }

    mutating func walk(_ root: OpaquePointer) {
        var headingTexts: [String] = []
        var headingInfo: [(level: Int, line: Int, column: Int, hasContent: Bool)] = []
        // Top-level blocks decide heading content: a heading's section has
        // content when a non-heading block follows before the next heading
        // of the same or a higher level.
        var block = cmark_node_first_child(root)
        var openHeadings: [Int] = []  // indexes into headingInfo
        while let node = block {
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_HEADING {
                let level = Int(cmark_node_get_heading_level(node))
                openHeadings.removeAll { headingInfo[$0].level >= level }
                let line = Int(cmark_node_get_start_line(node))
                let column = lines.characterColumn(line: line, byteColumn: Int(cmark_node_get_start_column(node)), cache: &columns)
                htmlHeadings.append(headingTexts.count)
                headingTexts.append(Self.text(of: node))
                headingInfo.append((level, line, column, false))
                openHeadings.append(headingInfo.count - 1)
            } else if type != CMARK_NODE_HTML_BLOCK && type != CMARK_NODE_THEMATIC_BREAK {
                // Raw HTML (a `<!-- vul in -->` placeholder too) is never
                // published, and a rule alone says nothing: neither is content.
                for index in openHeadings { headingInfo[index].hasContent = true }
            }
            visit(node, blockLine: Int(cmark_node_get_start_line(node)), blockEnd: Int(cmark_node_get_end_line(node)))
            block = cmark_node_next(node)
        }
        let anchors = HeadingAnchors.anchors(for: headingTexts)
        for (index, info) in headingInfo.enumerated() {
            facts.headings.append(.init(level: info.level, text: headingTexts[index], anchor: anchors[index],
                                        line: info.line + firstLine - 1, column: info.column,
                                        hasContent: info.hasContent))
        }
        // Kept as bytes: only the search index reads it, as bytes.
        facts.plainTextDigested = DigestedText(utf8: plain)
    }

    /// Text runs of one block (paragraph, heading, table cell) joined as
    /// written; blocks are separated by a space.
    private mutating func flushInlineText() {
        if !inlineText.isEmpty {
            addPlain(inlineText)
            // Only the privacy checks read the runs, and only those that
            // pass this test: the rest (nearly all 150 MB nationally) is
            // never made into strings.
            if inlineText.withUnsafeBufferPointer(ByteScan.mayHoldPersonalData) {
                textRuns.append(MarkdownParser.TextRun(line: inlineLine, text: String(decoding: inlineText, as: UTF8.self)))
            }
        }
        inlineText.removeAll(keepingCapacity: true)
    }

    private mutating func addPlain(_ bytes: some Swift.Collection<UInt8>) {
        if plainParts > 0 { plain.append(32) }
        plain.append(contentsOf: bytes)
        plainParts += 1
    }

    private static func bytes(_ literal: UnsafePointer<CChar>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal))
    }

    /// Depth-first over one top-level block and its descendants.
    private mutating func visit(_ top: OpaquePointer, blockLine: Int, blockEnd: Int) {
        guard let iterator = cmark_iter_new(top) else { return }
        defer {
            cmark_iter_free(iterator)
            flushInlineText()
        }
        var cursor = SourceLines.Position(line: max(1, blockLine), byte: 1)
        var blockStart = blockLine
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let startLine = Int(cmark_node_get_start_line(node))
            if Self.isBlock(node) {
                // Inline text of the previous block is complete.
                flushInlineText()
                if startLine > 0 {
                    blockStart = startLine
                    // Never move back: table cells and list items share a
                    // line with what came before them.
                    if startLine > cursor.line { cursor = SourceLines.Position(line: startLine, byte: 1) }
                }
                inlineLine = max(1, blockStart) + firstLine - 1
            }
            switch type {
            case CMARK_NODE_HEADING where node != top:
                htmlHeadings.append(nil)
            case CMARK_NODE_TEXT:
                if let literal = cmark_node_get_literal(node) {
                    inlineText.append(contentsOf: Self.bytes(literal))
                }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                inlineText.append(32)
            case CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(node) {
                    let text = String(cString: literal)
                    inlineText.append(contentsOf: text.utf8)
                    // Step over the code span, so a tag or link written
                    // inside it is not mistaken for a later real one.
                    if !text.isEmpty,
                       let hit = lines.locate(text, from: cursor, throughLine: max(blockEnd, cursor.line)) {
                        cursor = SourceLines.Position(line: hit.line, byte: hit.byte + text.utf8.count)
                    }
                }
            case CMARK_NODE_CODE_BLOCK:
                if let literal = cmark_node_get_literal(node) { addPlain(Self.bytes(literal)) }
            case CMARK_NODE_PARAGRAPH:
                if !sawFirstParagraph, node == top {
                    let text = Self.text(of: node)
                    sawFirstParagraph = !text.isEmpty
                    facts.firstParagraph = TextSummary.shorten(text, limit: MarkdownFacts.summaryLimit)
                }
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                let html = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                let trimmed = html.trimmingWhitespace()
                // Comments are never published, nor worth a warning; a closing
                // tag belongs to an opening one already reported.
                if trimmed.hasPrefix("<!--") || (type == CMARK_NODE_HTML_INLINE && trimmed.hasPrefix("</")) { break }
                let position = position(of: node, needle: String(trimmed.prefix(while: { $0 != "\n" })),
                                        cursor: &cursor, blockStart: blockStart, blockEnd: blockEnd)
                facts.rawHTML.append(.init(html: trimmed, line: position.0, column: position.1))
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                let text = Self.text(of: node)
                let needle = type == CMARK_NODE_IMAGE ? "![" : "["
                let position = position(of: node, needle: needle, urlHint: url, linkText: text, cursor: &cursor,
                                        blockStart: blockStart, blockEnd: blockEnd)
                let reference = MarkdownFacts.Reference(url: url, text: text, line: position.0, column: position.1)
                if type == CMARK_NODE_IMAGE { facts.images.append(reference) } else { facts.links.append(reference) }
                if let rewrite, let target = rewrite(url) {
                    _ = target.withCString { cmark_node_set_url(node, $0) }
                }
            default:
                break
            }
        }
    }

    /// File position (line, character column) of an inline node.
    /// cmark-gfm 0.29 gives inlines no reliable source position, so search
    /// the source from the last found inline of the block onwards (links in
    /// one block come in order). Searches look a bounded distance ahead
    /// and needles that are not in the rest of the block are remembered,
    /// so a block with 100,000 links stays linear.
    private mutating func position(of node: OpaquePointer, needle: String, urlHint: String? = nil, linkText: String? = nil,
                                   cursor: inout SourceLines.Position, blockStart: Int, blockEnd: Int) -> (Int, Int) {
        let nodeLine = Int(cmark_node_get_start_line(node))
        let nodeColumn = Int(cmark_node_get_start_column(node))
        if nodeLine > 0, nodeColumn > 0, Self.isBlock(node) {
            return (nodeLine + firstLine - 1, lines.characterColumn(line: nodeLine, byteColumn: nodeColumn, cache: &columns))
        }
        let through = max(blockEnd, cursor.line)
        var found: SourceLines.Position?
        if let urlHint, !urlHint.isEmpty {
            if let hit = search("(" + urlHint, from: cursor, through: through)
                ?? search("(<" + urlHint, from: cursor, through: through) {
                // Walk back to the opening bracket of this link on that line,
                // never before the cursor (the previous inline's position).
                found = hit
                if let lineRange = lines.range(ofLine: hit.line) {
                    var floor = lineRange.lowerBound
                    if hit.line == cursor.line, let cursorOffset = lines.offset(cursor) { floor = max(floor, cursorOffset) }
                    let paren = lineRange.lowerBound + hit.byte - 1
                    if let open = openingBracket(before: paren, floor: floor) {
                        var offset = open
                        if needle == "![", offset > floor, lines.byte(at: offset - 1) == UInt8(ascii: "!") { offset -= 1 }
                        found = SourceLines.Position(line: hit.line, byte: offset - lineRange.lowerBound + 1)
                    }
                }
            } else {
                // An autolink: `<https://…>`, `<naam@example.nl>` (its URL
                // gains `mailto:`).
                let bare = urlHint.hasPrefix("mailto:") ? String(urlHint.dropFirst(7)) : urlHint
                found = search("<" + urlHint, from: cursor, through: through)
                    ?? (bare == urlHint ? nil : search("<" + bare, from: cursor, through: through))
                if found == nil, let text = linkText, !text.isEmpty, urlHint.hasSuffix(text) {
                    // A GFM extended autolink (`www.example.nl`): the text as written.
                    found = search(text, from: cursor, through: through)
                }
            }
        }
        if found == nil {
            found = search(needle, from: cursor, through: through)
        }
        guard let hit = found else { return (max(blockStart, 1) + firstLine - 1, 1) }
        cursor = SourceLines.Position(line: hit.line, byte: hit.byte + 1)
        return (hit.line + firstLine - 1, lines.characterColumn(line: hit.line, byteColumn: hit.byte, cache: &columns))
    }

    /// `lines.locate`, remembering needles that are not in the rest of the
    /// block (the cursor only moves forward, so they never will be), and
    /// where each needle was last found: ten links to the same URL are ten
    /// occurrences, not the first one ten times.
    private mutating func search(_ needle: String, from cursor: SourceLines.Position, through: Int) -> SourceLines.Position? {
        if absent.line != through { absent = (through, []); consumed = [:] }
        if absent.needles.contains(needle) { return nil }
        var from = cursor
        if let after = consumed[needle], (after.line, after.byte) > (from.line, from.byte) { from = after }
        if let hit = lines.locate(needle, from: from, throughLine: through) {
            if consumed.count < 4_096 { consumed[needle] = SourceLines.Position(line: hit.line, byte: hit.byte + needle.utf8.count) }
            return hit
        }
        // Only a search that reached the end of the block proves absence.
        if let start = lines.offset(from), let end = lines.range(ofLine: min(through, lines.count))?.upperBound,
           end - start <= SourceLines.searchWindow {
            if absent.needles.count < 1024 { absent.needles.insert(needle) }
        }
        return nil
    }

    /// Offset of the `[` that opens the link text ending just before the
    /// `(` at `paren`: matched backwards, so brackets and images inside the
    /// text are skipped; never looks before `floor`.
    func openingBracket(before paren: Int, floor: Int) -> Int? {
        let open = UInt8(ascii: "["), close = UInt8(ascii: "]")
        var index = paren
        if index > floor, lines.byte(at: index - 1) == close {
            var depth = 0
            while index > floor {
                index -= 1
                let byte = lines.bytes[index]
                if byte == close { depth += 1 } else if byte == open {
                    depth -= 1
                    if depth == 0 { return index }
                }
            }
            index = paren
        }
        while index > floor {
            index -= 1
            if lines.bytes[index] == open { return index }
        }
        return nil
    }

    static func isBlock(_ node: OpaquePointer) -> Bool {
        (cmark_node_get_type(node).rawValue & 0xc000) == 0x8000
    }

    /// Concatenated literal text of a node's descendants.
    static func text(of node: OpaquePointer) -> String {
        guard let iterator = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iterator) }
        var out = ""
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(child)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal = cmark_node_get_literal(child) {
                out += String(cString: literal)
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                out += " "
            }
        }
        return out
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}
