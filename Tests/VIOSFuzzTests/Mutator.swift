/// A small, fast, seedable generator (SplitMix64): the same seed gives the
/// same inputs on every machine, so any failure reproduces from its seed.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// The generator for input `index` of a run with `seed`: inputs can be
    /// replayed one by one.
    init(seed: UInt64, index: Int) {
        var mixer = SeededRandom(seed: seed ^ (UInt64(bitPattern: Int64(index)) &* 0x9E37_79B9_7F4A_7C15))
        state = mixer.next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: Range<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &self) < probability }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0..<items.count)] }
}

/// Mutations of a document, each a plausible accident or attack: bytes,
/// lines, indentation, YAML types, headings, Unicode, links and HTML,
/// personal data. Operates on bytes, so invalid UTF-8 is reachable.
struct Mutator {
    var random: SeededRandom

    // MARK: Payloads

    static let unicode: [String] = [
        "\u{0301}", "\u{0308}\u{0301}\u{0302}", "e\u{0301}", "\u{200F}", "\u{202E}", "\u{200E}", "\u{200B}", "\u{200D}",
        "\u{FEFF}", "\u{0000}", "\u{00AD}", "\u{2028}", "\u{2029}", "\u{0085}", "\r", "\r\n", "\t", "\u{000B}", "\u{000C}",
        "👩‍👩‍👧‍👦", "🇳🇱", "ﷺ", "\u{10FFFF}", "\u{FFFD}", "Ａ１２３", "١٢٣٤٥٦٧٨٩", "ǅ", "ß", "İ", "ﬃ",
    ]

    static let invalidUTF8: [[UInt8]] = [
        [0xFF], [0xFE], [0xC0, 0x80], [0x80], [0xBF], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xED, 0xA0, 0x80],
        [0xED, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0xAF],
    ]

    static let yamlValues: [String] = [
        "[a, b]", "{a: b}", "\n  - x\n  - y", "\n  sub: waarde", "", "~", "null", "123", "-1", "1e9", "0x1F", "true", "nee",
        "2025-02-30", "2025-13-01", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\U0010FFFF\"", "\"\\x00\"", "\"\\0\"", "'quote''s'",
        "\"unterminated", "'unterminated", "[unclosed", "{unclosed: 1", "&anker waarde", "*onbekend", "!!str 12", "!!binary aGk=",
        "|\n  blok\n  tekst", ">-\n  gevouwen\n  tekst", "? complex\n: key", "- lijst", ": leeg", "@", "`", "%", "\"a\": b",
        "[[[[[[[[[[]]]]]]]]]]", "{{{{{{}}}}}}", "<<: *x", "\"\\e\\a\\b\"", "\"\\N\\_\\L\\P\"", "123456782", "NL91ABNA0417164300",
        "06-12345678", "jan@example.nl", "\t tab", "!<tag:yaml.org,2002:str> x", "---", "...", "#commentaar",
    ]

    static let links: [String] = [
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", " javascript:alert(1)", "&#106;avascript:alert(1)",
        "javascript&colon;alert(1)", "jav&#x09;ascript:alert(1)", "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD4=",
        "data:image/svg+xml,<svg onload=alert(1)>", "data:image/png;base64,iVBORw0KGgo=", "file:///etc/passwd", "FILE:///etc/passwd",
        "file:../../etc/passwd", "../../../../etc/passwd", "..%2f..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2fetc/passwd",
        "%2E%2E/%2E%2E/Templates/home.mustache", "/etc/passwd", "//evil.example/x", "\\\\evil\\share", "..\\..\\etc\\passwd",
        "../../Output/index.html", "../site.yml", "../../Package.swift", "../elementen/kernteam.md#nope", "#", "#onbekend", "",
        "../scholen/de-linde/veiligheidsplan.md#monitoring", "img/%00.png", "a%zz.md", "%", "<>", "mailto:jan@example.nl",
        "tel:0612345678", "https://example.nl/\u{202E}gpj.exe", "http://[::1]/", "x:y", "C:\\\\Windows",
    ]

    static let html: [String] = [
        "<script>alert(1)</script>", "<SCRIPT SRC=//evil/x.js></SCRIPT>", "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<img src=x onerror=alert(1)>", "<svg><script>alert(1)</script></svg>", "<style>body{display:none}</style>",
        "<object data=\"x\"></object>", "<embed src=\"x\">", "<a href=\"javascript:alert(1)\">klik</a>",
        "<div onclick=\"alert(1)\">x</div>", "<!-- <script>alert(1)</script> -->", "<scr<script>ipt>alert(1)</script>",
        "<math><mtext><script>alert(1)</script>", "<textarea><script>alert(1)</script></textarea>", "<xmp><script>x</script></xmp>",
        "<title>x</title>", "<plaintext>", "<noembed><script>x</script>", "<base href=\"//evil/\">", "<meta http-equiv=refresh content=0>",
        "<form action=javascript:alert(1)><button>x</button></form>", "<input autofocus onfocus=alert(1)>", "&lt;script&gt;",
        "<details open ontoggle=alert(1)>", "<body onload=alert(1)>", "<link rel=stylesheet href=//evil>", "<?php echo 1 ?>",
        "<![CDATA[x]]>", "<!DOCTYPE html>", "</div></div></div>",
    ]

    static let personal: [String] = [
        "123456782", "1234.56.782", "NL91 ABNA 0417 1643 00", "NL91ABNA0417164300", "06-12345678", "+31 6 12345678",
        "jan.jansen@example.nl", "123&#52;56782", "1234*5*6782", "jan&#64;example.nl", "1234\u{200B}56782", "(026) 123 45 67",
    ]

    static let headings: [String] = [
        "## Casus", "## Signalen", "## Handelingsperspectief", "## Partners", "## Bronnen", "## Doel, visie en kernwaarden",
        "## Monitoring", "## Toezicht", "## Melden", "## Evaluatie", "## Inhoud", "## Actoren", "## Opbrengsten",
        "## Aandachtspunten", "## Aanpak", "# Titel", "### Dieper", "###### Zes", "####### Zeven", "##", "## ", "##Geen spatie",
        "Setext\n======", "Setext\n------", "## Coördinatie & “overleg”", "## 1. Visie", "## 2) Voorwaarden", "## !!!",
        "## \u{202E}Casus", "## Cas\u{0301}us", "## Casus ##", "  ## Ingesprongen", "    ## Code",
    ]

    static let markdown: [String] = [
        "> citaat", "- lijst", "1. genummerd", "* [ ] taak", "```\ncode", "~~~", "| a | b |\n|---|---|\n| 1 | 2 |", "|", "***", "---",
        "[ref]: ../elementen/kernteam.md", "[ref]", "![alt](../img/plein.jpg)", "<https://example.nl>", "www.example.nl",
        "\\", "`", "``", "*", "_", "~~", "[", "]", "(", ")", "![", "&amp;", "&#0;", "&#x110000;", "&nbsp;", "  \n", "[^1]",
        "<", ">", "\t- tab", "$$", "\u{0000}",
    ]

    // MARK: Mutation

    mutating func mutate(_ input: [UInt8], seeds: [Seed]) -> [UInt8] {
        var bytes = input
        let rounds = random.int(1...6)
        for _ in 0..<rounds { bytes = mutateOnce(bytes, seeds: seeds) }
        return bytes
    }

    private mutating func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        bytes.split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
    }

    private func join(_ lines: [[UInt8]]) -> [UInt8] { Array(lines.joined(separator: [10])) }

    /// An insertion point: anywhere, or at a line start, or in the body.
    private mutating func position(in bytes: [UInt8]) -> Int { bytes.isEmpty ? 0 : random.int(0...bytes.count) }

    private mutating func insert(_ text: [UInt8], into bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        out.insert(contentsOf: text, at: position(in: bytes))
        return out
    }

    /// A line of the frontmatter (between the first two `---`), if any.
    private func frontmatterLines(_ lines: [[UInt8]]) -> Range<Int>? {
        guard lines.first == Array("---".utf8), let end = lines.dropFirst().firstIndex(of: Array("---".utf8)) else { return nil }
        return 1..<end
    }

    mutating func mutateOnce(_ bytes: [UInt8], seeds: [Seed]) -> [UInt8] {
        var lines = self.lines(bytes)
        switch random.int(0..<20) {
        case 0:  // flip, set, insert or delete random bytes
            var out = bytes
            guard !out.isEmpty else { return [UInt8(random.int(0...255))] }
            for _ in 0..<random.int(1...4) {
                let i = random.int(0..<out.count)
                switch random.int(0..<4) {
                case 0: out[i] ^= UInt8(1 << random.int(0..<8))
                case 1: out[i] = UInt8(random.int(0...255))
                case 2: out.insert(UInt8(random.int(0...255)), at: i)
                default: out.remove(at: i)
                }
                if out.isEmpty { break }
            }
            return out
        case 1:  // delete a range
            guard bytes.count > 2 else { return bytes }
            let a = random.int(0..<bytes.count), b = min(bytes.count, a + random.int(1...200))
            return Array(bytes[..<a] + bytes[b...])
        case 2:  // duplicate, delete or swap lines
            guard lines.count > 1 else { return bytes }
            let i = random.int(0..<lines.count), j = random.int(0..<lines.count)
            switch random.int(0..<3) {
            case 0: lines.insert(lines[i], at: j)
            case 1: lines.remove(at: i)
            default: lines.swapAt(i, j)
            }
            return join(lines)
        case 3:  // indentation
            guard !lines.isEmpty else { return bytes }
            let i = random.int(0..<lines.count)
            switch random.int(0..<4) {
            case 0: lines[i] = Array(repeating: 32, count: random.int(1...8)) + lines[i]
            case 1: lines[i] = Array(lines[i].drop(while: { $0 == 32 }))
            case 2: lines[i] = [9] + lines[i]
            default: lines[i] = Array(repeating: 32, count: random.int(1...3)) + Array(lines[i].drop(while: { $0 == 32 }))
            }
            return join(lines)
        case 4, 5:  // YAML: change a value's type or shape
            guard let range = frontmatterLines(lines), !range.isEmpty else { return insert(Array("x: 1\n".utf8), into: bytes) }
            let i = random.int(range)
            var line = lines[i]
            if let colon = line.firstIndex(of: 58) {
                line = Array(line[...colon]) + [32] + Array(random.pick(Self.yamlValues).utf8)
            } else {
                line += Array((": " + random.pick(Self.yamlValues)).utf8)
            }
            lines[i] = line
            return join(lines)
        case 6:  // YAML: a new field, or a known one repeated
            guard let range = frontmatterLines(lines) else { return bytes }
            let keys = ["type", "titel", "samenvatting", "themas", "concept", "school", "gemeente", "escalatie", "partners",
                        "contacten", "bereik", "monitoring", "onbekend", "tittel", "type ", "\"type\"", "? type"]
            let line = random.pick(keys) + ": " + random.pick(Self.yamlValues)
            lines.insert(Array(line.utf8), at: random.int(range.lowerBound...range.upperBound))
            return join(lines)
        case 7:  // headings
            let heading = random.pick(Self.headings)
            lines.insert(Array(heading.utf8), at: random.int(0...lines.count))
            if random.chance(0.5) { lines.insert([], at: random.int(0...lines.count)) }
            return join(lines)
        case 8:  // change a heading's level
            let headingLines = lines.indices.filter { lines[$0].first == 35 }
            guard !headingLines.isEmpty else { return bytes }
            let i = random.pick(headingLines)
            let text = lines[i].drop(while: { $0 == 35 })
            lines[i] = Array(repeating: 35, count: random.int(0...7)) + Array(text)
            return join(lines)
        case 9, 10:  // Unicode
            return insert(Array(random.pick(Self.unicode).utf8), into: bytes)
        case 11:  // invalid UTF-8
            return insert(random.pick(Self.invalidUTF8), into: bytes)
        case 12:  // links and images with hostile targets
            let target = random.pick(Self.links)
            let forms = ["[tekst](\(target))", "![alt](\(target))", "[tekst](<\(target)>)", "<\(target)>", "[r]: \(target)\n\n[r]",
                         "[tekst](\(target) \"titel\")", "[![alt](\(target))](\(target))"]
            return insert(Array(random.pick(forms).utf8), into: bytes)
        case 13:  // raw HTML
            let html = random.pick(Self.html)
            if random.chance(0.5) { lines.insert(Array(html.utf8), at: random.int(0...lines.count)); return join(lines) }
            return insert(Array(html.utf8), into: bytes)
        case 14:  // personal data, in the body or a frontmatter value
            return insert(Array(random.pick(Self.personal).utf8), into: bytes)
        case 15:  // Markdown constructs
            let piece = random.pick(Self.markdown)
            if random.chance(0.5) { lines.insert(Array(piece.utf8), at: random.int(0...lines.count)); return join(lines) }
            return insert(Array(piece.utf8), into: bytes)
        case 16:  // fences and line endings
            switch random.int(0..<6) {
            case 0: return Array(bytes.split(separator: 10, omittingEmptySubsequences: false).joined(separator: [13, 10]))
            case 1: return [0xEF, 0xBB, 0xBF] + bytes
            case 2: lines.removeAll { $0 == Array("---".utf8) && random.chance(0.5) }; return join(lines)
            case 3: lines.insert(Array("---".utf8), at: random.int(0...lines.count)); return join(lines)
            case 4: return Array(bytes.map { $0 == 10 ? 13 : $0 })
            default: return Array("--- \n".utf8) + bytes
            }
        case 17:  // splice a chunk of another seed
            let other = Array(random.pick(seeds).text.utf8)
            let a = random.int(0..<other.count), b = min(other.count, a + random.int(1...400))
            return insert(Array(other[a..<b]), into: bytes)
        case 18:  // repeat a line many times
            guard !lines.isEmpty else { return bytes }
            let i = random.int(0..<lines.count)
            lines.insert(contentsOf: Array(repeating: lines[i], count: random.int(2...300)), at: i)
            return join(lines)
        default:  // nesting
            let depth = random.int(2...200)
            let prefix = random.pick(["> ", "- ", "1. ", "  ", "* ", "> - "])
            let piece = String(repeating: prefix, count: depth) + random.pick(["tekst", "[a](b.md)", "## Kop", "123456782"])
            lines.insert(Array(piece.utf8), at: random.int(0...lines.count))
            return join(lines)
        }
    }
}
