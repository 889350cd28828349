import VIOSCore

/// Inputs too large or too deep for random mutation to reach: a 10 MB
/// line, 100,000 headings, lists and quotes 10,000 levels deep, YAML alias
/// bombs and deep YAML. Each is a named, deterministic input.
enum Giants {
    struct Input {
        var name: String
        var bytes: [UInt8]
        var path = "Content/handreikingen/reus.md"
        var collection: Collection = .handreikingen
        var slug = "reus"
        /// Seconds in a debug build: left to `make fuzz`.
        var heavy = false
    }

    static let frontmatter = """
        ---
        type: handreiking
        titel: Reus
        themas: [pesten]
        bijgewerkt: 2025-06-01
        ---

        """

    static func document(_ body: String, frontmatter: String = Giants.frontmatter) -> [UInt8] {
        Array((frontmatter + body).utf8)
    }

    static func billionLaughs(levels: Int, asKey: Bool) -> String {
        var yaml = "a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        for level in 1...levels {
            yaml += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]\n"
        }
        if asKey { yaml += "? *a\(levels)\n: x\n" }
        return yaml
    }

    static var all: [Input] {
        var inputs: [Input] = []
        // A 10 MB line of words, numbers, a link now and then.
        var line = ""
        line.reserveCapacity(10_500_000)
        var n = 0
        while line.utf8.count < 10_000_000 {
            n += 1
            line += n % 97 == 0 ? "[link \(n)](../elementen/kernteam.md) " : n % 89 == 0 ? "1234567 " : "woord\(n % 10) "
        }
        inputs.append(Input(name: "10 MB line", bytes: document("## Casus\n\n" + line + "\n")))
        inputs.append(Input(name: "10 MB heading", bytes: document("## " + String(repeating: "Casus ", count: 1_700_000) + "\n"), heavy: true))
        inputs.append(Input(name: "10 MB frontmatter value",
                            bytes: document("Tekst.\n", frontmatter: "---\ntype: handreiking\ntitel: Reus\nsamenvatting: "
                                            + String(repeating: "lang ", count: 2_000_000) + "\n---\n"), heavy: true))
        inputs.append(Input(name: "100,000 headings", bytes: document((0..<100_000).map { "## Kop \($0)\n" }.joined())))
        inputs.append(Input(name: "100,000 equal headings", bytes: document(String(repeating: "## Casus\n\nx\n\n", count: 100_000)), heavy: true))
        inputs.append(Input(name: "10,000 nested lists", bytes: document(String(repeating: "- ", count: 10_000) + "diep\n")))
        inputs.append(Input(name: "10,000 nested quotes", bytes: document(String(repeating: ">", count: 10_000) + " diep\n")))
        inputs.append(Input(name: "10,000 nested quotes and lists",
                            bytes: document(String(repeating: "> - ", count: 5_000) + "[a](b.md) 123456782\n")))
        inputs.append(Input(name: "1,000 indented list levels",
                            bytes: document((0..<1_000).map { String(repeating: "  ", count: $0) + "- niveau [\($0)](#casus)\n" }.joined())))
        inputs.append(Input(name: "100,000 links on one line",
                            bytes: document(String(repeating: "[a](../elementen/kernteam.md) ", count: 100_000) + "\n")))
        inputs.append(Input(name: "100,000 reference links",
                            bytes: document((0..<100_000).map { "[x][r\($0)] " }.joined() + "\n\n"
                                            + (0..<1_000).map { "[r\($0)]: ../elementen/k\($0).md\n" }.joined())))
        inputs.append(Input(name: "100,000 unknown anchors", bytes: document(
            (0..<2_000).map { "## Kop \($0)\n\n" }.joined() + (0..<100_000).map { "[a](#kop-\($0 + 5_000)) " }.joined() + "\n")))
        inputs.append(Input(name: "100,000 BSNs", bytes: document(String(repeating: "123456782 ", count: 100_000) + "\n"), heavy: true))
        inputs.append(Input(name: "emphasis and brackets", bytes: document(
            String(repeating: "*a **b _c [d ", count: 50_000) + "\n\n" + String(repeating: "[", count: 100_000) + "\n\n"
            + String(repeating: "<a ", count: 50_000) + "\n\n" + String(repeating: "`", count: 50_000) + "\n")))
        inputs.append(Input(name: "100,000 raw HTML tags", bytes: document(String(repeating: "<span onclick=x>", count: 100_000) + "\n"), heavy: true))
        inputs.append(Input(name: "YAML alias bomb", bytes: document("Tekst.\n", frontmatter: "---\ntype: handreiking\n"
                                                                     + billionLaughs(levels: 9, asKey: false) + "---\n")))
        inputs.append(Input(name: "YAML alias bomb as a key", bytes: document("Tekst.\n", frontmatter: "---\ntype: handreiking\n"
                                                                              + billionLaughs(levels: 9, asKey: true) + "---\n")))
        inputs.append(Input(name: "YAML flow nesting 10,000", bytes: document("Tekst.\n", frontmatter: "---\ntype: handreiking\nx: "
            + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n---\n")))
        inputs.append(Input(name: "YAML block nesting 1,000", bytes: document("Tekst.\n", frontmatter: "---\ntype: handreiking\n"
            + (0..<1_000).map { String(repeating: " ", count: $0) + "k\($0):\n" }.joined() + "---\n")))
        inputs.append(Input(name: "YAML 40,000 unknown fields", bytes: document("Tekst.\n", frontmatter: "---\ntype: handreiking\n"
            + (0..<40_000).map { "veld\($0): x\n" }.joined() + "---\n"), heavy: true))
        inputs.append(Input(name: "YAML 1,000,000 items", bytes: document("Tekst.\n", frontmatter: "---\ntype: handreiking\nthemas: ["
            + String(repeating: "a, ", count: 1_000_000) + "a]\n---\n")))
        inputs.append(Input(name: "YAML many findings on one line", bytes: document("Tekst.\n", frontmatter: "---\ntype: handreiking\nsamenvatting: \""
            + String(repeating: "123456782 \\x41 ", count: 20_000) + "\"\n---\n")))
        inputs.append(Input(name: "100,000 lines", bytes: document(String(repeating: "regel\n", count: 100_000))))
        inputs.append(Input(name: "NUL and invalid bytes",
                            bytes: document("## Casus\n\n" + String(repeating: "a\u{0}b ", count: 100_000)) + [0xFF, 0xFE]))
        inputs.append(Input(name: "combining marks", bytes: document(
            "## Cas" + String(repeating: "\u{0301}", count: 100_000) + "us\n\n" + String(repeating: "e\u{0301}\u{0308}[a](x.md)", count: 20_000) + "\n",
            frontmatter: "---\ntype: handreiking\ntitel: \"" + String(repeating: "a\u{0301}", count: 10_000) + "\": x\n---\n")))
        // Inputs measured to take cmark-gfm 0.29.0.gfm.6 seconds to minutes
        // (see MarkdownLimits), and the same just under the limits.
        inputs.append(Input(name: "cmark: ![[]() repeated", bytes: document(String(repeating: "![[]()", count: 40_000) + "\n")))
        inputs.append(Input(name: "cmark: ![[]() under the limit", bytes: document(String(repeating: "![[]()", count: 9_000) + "\n")))
        inputs.append(Input(name: "cmark: blank lines in nested lists",
                            bytes: document(String(repeating: "- ", count: 13_333) + "x" + String(repeating: "\n", count: 13_333))))
        inputs.append(Input(name: "cmark: blank lines in nested lists under the limit",
                            bytes: document(String(repeating: "- ", count: 100) + "x" + String(repeating: "\n", count: 190_000))))
        inputs.append(Input(name: "cmark: blank lines in nested lists in a quote",
                            bytes: document("> " + String(repeating: "- ", count: 13_333) + "x\n" + String(repeating: ">\n", count: 13_333))))
        inputs.append(Input(name: "cmark: table row of pipes", bytes: document("|a|\n|-|\n" + String(repeating: "|", count: 40_000) + "\n")))
        inputs.append(Input(name: "cmark: wide table", bytes: document(
            "|" + String(repeating: " a |", count: 5_000) + "\n|" + String(repeating: "---|", count: 5_000) + "\n"
            + String(repeating: "| x |\n", count: 5_000))))
        inputs.append(Input(name: "cmark: table just under the limits", bytes: document(
            "|" + String(repeating: " a |", count: 400) + "\n|" + String(repeating: "---|", count: 400) + "\n"
            + String(repeating: "|" + String(repeating: " x |", count: 400) + "\n", count: 450))))
        inputs.append(Input(name: "cmark: a@ repeated", bytes: document(String(repeating: "a@", count: 1_600_000) + "\n"), heavy: true))
        inputs.append(Input(name: "cmark: a@ under the limit", bytes: document(String(repeating: "a@", count: 190) + String(repeating: "a", count: 5_000_000) + "\n"), heavy: true))
        inputs.append(Input(name: "cmark: *a_ repeated", bytes: document(String(repeating: "*a_ ", count: 1_600_000) + "\n"), heavy: true))
        inputs.append(Input(name: "cmark: *a_ under the limit", bytes: document(String(repeating: "*a_ ", count: 99_000) + "\n")))
        return inputs
    }
}
