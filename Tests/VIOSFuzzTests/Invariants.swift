import Foundation
import VIOSChecks
import VIOSCore
@testable import VIOSSource

/// What must hold for every input, however broken: checked on the
/// in-process pipeline (parse with safe HTML, per-document checks, site
/// checks) and on the real `vios check` binary.
enum Invariants {
    /// The day the checks run on (fixed: the fuzzer is deterministic).
    static let today = CalendarDate(iso: "2026-03-01")!

    /// The site every fuzzed document lives in: the seeds, listed by hand.
    static let inventory = ContentInventory(
        root: "/site",
        documents: Seeds.all.map { ContentInventory.Entry(path: $0.path, collection: $0.collection, slug: $0.slug) },
        siteConfig: "Content/site.yml",
        assets: ["Content/img/plein.jpg", "Content/bijlagen/convenant.pdf"])

    static let context = CheckContext(today: today, inventory: inventory)

    /// The seeds, parsed once: the other documents of the site.
    static let siteDocuments: [Document] = Seeds.all.map {
        DocumentParser.parse(path: $0.path, bytes: Array($0.text.utf8), collection: $0.collection, slug: $0.slug,
                             render: render).document
    }

    /// Local links become site URLs as the site builder would make them.
    static let render = MarkdownParser.RenderOptions { path, url in
        guard case .local(let target) = SitePaths.classify(url, from: path), let file = target.path, file.hasSuffix(".md") else {
            return nil
        }
        return "/" + String(file.dropFirst("Content/".count).dropLast(3)) + "/" + (target.anchor.map { "#" + $0 } ?? "")
    }

    struct Outcome {
        var diagnostics: [Diagnostic]
        var html: String
        /// CPU time of the pipeline on this thread, in seconds.
        var seconds: Double
        var problems: [String]
    }

    /// Runs the pipeline on one document and checks every invariant.
    static func run(path: String, collection: Collection, slug: String, bytes: [UInt8], timeLimit: Double) -> Outcome {
        let start = threadCPUTime()
        let parsed = DocumentParser.parse(path: path, bytes: bytes, collection: collection, slug: slug, render: render)
        var diagnostics = parsed.diagnostics + DocumentChecks.run(parsed, context: context)
        let others = siteDocuments.filter { $0.path != path }
        diagnostics += SiteChecks.run(others + [parsed.document], context: context).filter { $0.location.file == path }
        let seconds = threadCPUTime() - start
        var problems: [String] = []
        if seconds > timeLimit {
            problems.append(String(format: "took %.2f s of CPU (limit %.1f s)", seconds, timeLimit))
        }
        problems += positionProblems(diagnostics, file: path, bytes: bytes)
        problems += frontmatterReaderProblems(bytes)
        let html = parsed.document.html ?? ""
        if parsed.document.html == nil && parsed.diagnostics.allSatisfy({ $0.code != .vios103 && $0.code != .vios101 }) {
            problems.append("no HTML rendered")
        }
        problems += htmlProblems(html)
        return Outcome(diagnostics: diagnostics, html: html, seconds: seconds, problems: problems)
    }

    static func threadCPUTime() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    // MARK: Positions

    /// The file as the user sees it in an editor: lines (BOM dropped, CRLF
    /// as one break) with their length in characters.
    struct FileLines {
        let text: [UInt8]
        let starts: [Int]
        private var lengths: [Int: Int] = [:]

        init(bytes: [UInt8]) {
            var body = bytes[...]
            if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
            var text: [UInt8] = []
            text.reserveCapacity(body.count)
            var previous: UInt8 = 0
            for byte in body {
                if byte == 10 && previous == 13 { text.removeLast() }
                text.append(byte)
                previous = byte
            }
            var starts = [0]
            for (index, byte) in text.enumerated() where byte == 10 { starts.append(index + 1) }
            self.text = text
            self.starts = starts
        }

        var count: Int { starts.count }

        /// Characters on 1-based `line` (lossy decoding, as vios reports
        /// an invalid file at a position in its valid prefix).
        mutating func length(_ line: Int) -> Int {
            if let known = lengths[line] { return known }
            let start = starts[line - 1]
            let end = line < starts.count ? starts[line] - 1 : text.count
            let length = String(decoding: text[start..<end], as: UTF8.self).count
            lengths[line] = length
            return length
        }
    }

    /// The one-pass frontmatter reader (`YAMLComposer`) must give what
    /// Yams gives, for every input: the same tree or the same error.
    static func frontmatterReaderProblems(_ bytes: [UInt8]) -> [String] {
        guard case .success(let text) = TextDecoding.decode(bytes), case .success(let split) = Frontmatter.split(text) else {
            return []
        }
        let yaml = String(split.yaml)
        var positions = YAMLPositions(yaml)
        let expected = YAMLReader.readThroughYams(yaml, firstLine: split.yamlFirstLine, positions: &positions)
        let read = YAMLReader.read(yaml, firstLine: split.yamlFirstLine)
        return read == expected ? [] : ["frontmatter read in one pass differs from Yams': \(read) vs \(expected)"]
    }

    static func positionProblems(_ diagnostics: [Diagnostic], file: String, bytes: [UInt8]) -> [String] {
        var lines = FileLines(bytes: bytes)
        var problems: [String] = []
        for d in diagnostics {
            let at = "\(d.code.rawValue) at \(d.location.file):\(d.location.line):\(d.location.column)"
            guard d.location.file == file else { problems.append("\(at): another file"); continue }
            guard d.location.line >= 1, d.location.line <= lines.count + 1 else {
                problems.append("\(at): line outside 1...\(lines.count + 1)")
                continue
            }
            guard d.location.column >= 1 else { problems.append("\(at): column below 1"); continue }
            let length = d.location.line <= lines.count ? lines.length(d.location.line) : 0
            if d.location.column > length + 1 {
                problems.append("\(at): column past the end of the line (\(length) characters)")
            }
            if d.message.isEmpty { problems.append("\(at): empty message") }
            if d.message.utf8.count > 2_000 { problems.append("\(at): message of \(d.message.utf8.count) bytes") }
        }
        return problems
    }

    // MARK: HTML

    /// Tags cmark-gfm writes for Markdown in safe mode with the GFM
    /// extensions; anything else came from content and must not be there.
    static let allowedTags: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "em", "strong", "del", "code", "pre", "blockquote", "ul", "ol",
        "li", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "input",
    ]
    static let allowedAttributes: Set<String> = ["href", "title", "src", "alt", "id", "start", "align", "type", "checked",
                                                 "disabled", "class"]

    static func htmlProblems(_ html: String) -> [String] {
        var problems: [String] = []
        let bytes = Array(html.utf8)
        var i = 0
        while i < bytes.count {
            guard bytes[i] == 60 else { i += 1; continue }  // <
            if bytes[i...].starts(with: Array("<!-- raw HTML omitted -->".utf8)) { i += 4; continue }
            guard let close = bytes[i...].firstIndex(of: 62) else {
                problems.append("unclosed tag at byte \(i)")
                break
            }
            let tag = String(decoding: bytes[(i + 1)..<close], as: UTF8.self)
            if isTableRegion(tag) { i = close + 1; continue }
            if tag == "h1" || tag.hasPrefix("h1 ") { problems.append("h1 in a body (the page title is the only one)") }
            problems += tagProblems(tag)
            i = close + 1
        }
        return problems
    }

    /// The region vios wraps around each table (`BodyHTML`), exactly.
    static func isTableRegion(_ tag: String) -> Bool {
        if tag == "/div" { return true }
        let prefix = "div class=\"tabel-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Tabel "
        guard tag.hasPrefix(prefix), tag.hasSuffix("\"") else { return false }
        let number = tag.dropFirst(prefix.count).dropLast()
        return !number.isEmpty && number.allSatisfy { ("0"..."9").contains($0) }
    }

    /// Checks one tag. Works on Unicode scalars, as a browser's tokenizer
    /// does: a combining mark after `"` is not part of the quote.
    static func tagProblems(_ tag: String) -> [String] {
        var rest = Substring.UnicodeScalarView(tag.unicodeScalars)
        func text(_ view: Substring.UnicodeScalarView) -> String { String(String.UnicodeScalarView(view)) }
        if rest.first == "/" { rest = rest.dropFirst() }
        let nameScalars = rest.prefix(while: { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
        let name = text(nameScalars).lowercased()
        guard allowedTags.contains(name) else { return ["tag <\(tag.prefix(80))> is not one cmark writes"] }
        var problems: [String] = []
        rest = rest.dropFirst(nameScalars.count)
        // Attributes: name="value" (cmark always quotes and escapes values).
        while true {
            rest = rest.drop(while: { $0 == " " || $0 == "/" })
            guard !rest.isEmpty else { break }
            let attributeScalars = rest.prefix(while: { $0 != "=" && $0 != " " && $0 != "/" })
            let attribute = text(attributeScalars).lowercased()
            rest = rest.dropFirst(attributeScalars.count)
            var value = ""
            if rest.first == "=" {
                rest = rest.dropFirst()
                if rest.first == "\"" {
                    rest = rest.dropFirst()
                    let valueScalars = rest.prefix(while: { $0 != "\"" })
                    value = text(valueScalars)
                    rest = rest.dropFirst(valueScalars.count + 1)
                } else {
                    problems.append("unquoted attribute \(attribute) in <\(tag.prefix(80))>")
                    let valueScalars = rest.prefix(while: { $0 != " " })
                    value = text(valueScalars)
                    rest = rest.dropFirst(valueScalars.count)
                }
            }
            guard allowedAttributes.contains(attribute) else {
                problems.append("attribute '\(attribute)' in <\(tag.prefix(80))>")
                continue
            }
            if attribute == "href" || attribute == "src" {
                let url = decodedURL(value)
                // cmark's safe mode keeps `data:` for the four raster image
                // types (they cannot carry script), in links too.
                for scheme in ["javascript:", "vbscript:", "file:", "data:"] where url.hasPrefix(scheme) {
                    let image = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains { url.hasPrefix($0) }
                    if !image { problems.append("\(attribute) with \(scheme) in <\(tag.prefix(80))>") }
                }
            }
            if name == "input", attribute == "type", value != "checkbox" { problems.append("input of type \(value)") }
        }
        return problems
    }

    /// A URL as a browser reads it: entities decoded, control characters
    /// and spaces dropped, lowercased.
    static func decodedURL(_ value: String) -> String {
        var text = value.replacingOccurrences(of: "&amp;", with: "&")
        var decoded = ""
        var scalars = Substring(text)
        while let ch = scalars.first {
            if ch == "&", let semi = scalars.firstIndex(of: ";"), scalars.distance(from: scalars.startIndex, to: semi) < 12 {
                let entity = scalars[scalars.index(after: scalars.startIndex)..<semi].lowercased()
                var scalar: Unicode.Scalar?
                if entity.hasPrefix("#x") { scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
                else if entity.hasPrefix("#") { scalar = UInt32(entity.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init) }
                else if entity == "colon" { scalar = ":" } else if entity == "tab" { scalar = "\t" }
                else if entity == "newline" { scalar = "\n" }
                if let scalar {
                    decoded.unicodeScalars.append(scalar)
                    scalars = scalars[scalars.index(after: semi)...]
                    continue
                }
            }
            decoded.append(ch)
            scalars = scalars.dropFirst()
        }
        text = String(decoded.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F })
        return text.lowercased()
    }
}
