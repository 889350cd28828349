import CCMarkGFM
import Foundation
import Synchronization
import VIOSCore

/// The one place that talks to libcmark-gfm: parse a body, collect the
/// facts the checks need (with file positions) and, when asked, render safe
/// HTML. Parser and node pointers never leave this function, so callers on
/// any thread only ever see Swift values.
public enum MarkdownParser {
    public struct Result: Sendable {
        public var facts: MarkdownFacts
        public var html: String?
        /// The published text of each block, as a reader sees it.
        public var textRuns: [TextRun] = []
    }

    /// The text of one block (paragraph, heading, table cell, …) as it is
    /// published: entities decoded, emphasis and link markup gone. The
    /// privacy checks read it besides the source, so `123&#52;56782` or
    /// `naam&#64;school.nl` cannot slip through.
    public struct TextRun: Sendable, Hashable {
        /// File line the block starts on.
        public var line: Int
        public var text: String
        public init(line: Int, text: String) {
            self.line = line
            self.text = text
        }
    }

    /// What rendering needs besides the text.
    public struct RenderOptions: Sendable {
        /// Maps a link target as written in the document at a content path
        /// (`../gemeenten/arnhem.md#aanpak`) to the URL it must become on
        /// the site, or nil to leave it as written.
        public var rewriteLink: @Sendable (_ documentPath: String, _ url: String) -> String?
        public init(rewriteLink: @escaping @Sendable (_ documentPath: String, _ url: String) -> String? = { _, _ in nil }) {
            self.rewriteLink = rewriteLink
        }
    }

    private static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// Registering the core extensions writes a global registry: once only.
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// `cmark_parser_finish` edits a process-wide table of special
    /// characters for attached extensions; two threads finishing at once
    /// silently corrupt output (see docs/stack-notes.md).
    private static let finishLock = Mutex(())

    /// Parses `text` (a body that starts on file line `firstLine`).
    /// Without `render`, no extensions are attached: the parse then touches
    /// no global state and runs fully in parallel; headings, links, images
    /// and raw HTML are found the same way.
    public static func parse(_ text: String, firstLine: Int, path: String = "", render: RenderOptions? = nil) -> Result {
        _ = registered
        let options = CMARK_OPT_DEFAULT
        guard let parser = cmark_parser_new(options) else { return Result(facts: MarkdownFacts(), html: nil) }
        defer { cmark_parser_free(parser) }
        if render != nil {
            for name in extensionNames {
                if let ext = cmark_find_syntax_extension(name) {
                    cmark_parser_attach_syntax_extension(parser, ext)
                }
            }
        }
        // cmark breaks lines at a lone CR too, and turns NUL into U+FFFD
        // (three bytes); for vios a lone CR is no line break (spec 1) and
        // positions count the file's characters. Feed cmark (and the
        // position search) the text with both made neutral, so its lines and
        // byte columns are the file's.
        var copy = text
        if ByteScan.contains(text, 13) || ByteScan.contains(text, 0) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count)
            for byte in text.utf8 {
                switch byte {
                case 13: bytes.append(32)
                case 0: bytes.append(contentsOf: [0xEF, 0xBF, 0xBD])
                default: bytes.append(byte)
                }
            }
            copy = String(decoding: bytes, as: UTF8.self)
        }
        copy.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        // The pointer stays on this thread; the lock only orders `finish`.
        nonisolated(unsafe) var root: OpaquePointer?
        if render != nil {
            finishLock.withLock { _ in root = cmark_parser_finish(parser) }
        } else {
            root = cmark_parser_finish(parser)
        }
        guard let root else { return Result(facts: MarkdownFacts(), html: nil) }
        defer { cmark_node_free(root) }

        let lines = SourceLines(copy)
        let rewrite = render.map { options in { @Sendable (url: String) in options.rewriteLink(path, url) } }
        var collector = FactCollector(lines: lines, firstLine: firstLine, rewrite: rewrite)
        collector.walk(root)
        var html: String?
        if render != nil, let raw = cmark_render_html(root, options, cmark_parser_get_syntax_extensions(parser)) {
            let headings = collector.facts.headings
            html = BodyHTML.page(cString: raw, anchors: collector.htmlHeadings.map { $0.map { headings[$0].anchor } })
            free(raw)
        }
        return Result(facts: collector.facts, html: html, textRuns: collector.textRuns)
    }
}
