import Testing
import VIOSCore
@testable import VIOSSource

@Suite struct MarkdownParserTests {
    func facts(_ text: String, firstLine: Int = 1) -> MarkdownFacts {
        MarkdownParser.parse(text, firstLine: firstLine).facts
    }

    func at(_ r: MarkdownFacts.Reference) -> String { "\(r.line):\(r.column) \(r.url)" }

    @Test func headingsHaveLevelTextFileLineAndContent() {
        let f = facts("Intro.\n\n## Één\n\nTekst.\n\n## Twee\n\n### Sub\n\n## Drie\n", firstLine: 10)
        #expect(f.headings.map(\.level) == [2, 2, 3, 2])
        #expect(f.headings.map(\.text) == ["Één", "Twee", "Sub", "Drie"])
        #expect(f.headings.map(\.line) == [12, 16, 18, 20])
        #expect(f.headings.map(\.column) == [1, 1, 1, 1])
        #expect(f.headings.map(\.hasContent) == [true, false, false, false])
    }

    @Test func headingAnchorsAreFoldedAndDeduplicated() {
        let f = facts("## Aanpak\n\n## Aanpak\n\n## Aanpak 2\n\n## Coördinatie & “overleg”\n\n## !!!\n\n## Aanpak\n")
        #expect(f.headings.map(\.anchor) == ["aanpak", "aanpak-2", "aanpak-2-2", "coordinatie-overleg", "sectie", "aanpak-3"])
    }

    @Test func headingTextJoinsInlines() {
        let f = facts("## Rol van de *coördinator* en `code`\n\nx\n")
        #expect(f.headings.first?.text == "Rol van de coördinator en code")
    }

    @Test func setextAndIndentedHeadings() {
        let f = facts("Titel\n=====\n\nSectie\n------\n\n   ## Ingesprongen\n")
        #expect(f.headings.map { "\($0.level) \($0.line):\($0.column)" } == ["1 1:1", "2 4:1", "2 7:4"])
    }

    @Test func severalLinksOnALineHaveTheirOwnColumns() {
        let f = facts("Zie [a](a.md), [b](b.md) en [a](a.md) nog eens.\n")
        #expect(f.links.map(at) == ["1:5 a.md", "1:16 b.md", "1:29 a.md"])
    }

    @Test func columnsAfterMultibyteTextAreCharacterColumns() {
        let line = "Café “één” – coördinatie: [plan](plan.md) en ![foto](img/é.jpg)"
        let f = facts("\n" + line + "\n", firstLine: 5)
        let link = line.distance(from: line.startIndex, to: line.range(of: "[plan]")!.lowerBound) + 1
        let image = line.distance(from: line.startIndex, to: line.range(of: "![foto]")!.lowerBound) + 1
        #expect(link == 27)
        #expect(f.links.map(at) == ["6:\(link) plan.md"])
        #expect(f.images.map(at) == ["6:\(image) img/é.jpg"])
        #expect(f.images.first?.text == "foto")
    }

    @Test func linksInLaterLinesOfAParagraphAndInLists() {
        let f = facts("Eerste regel\nen [twee](2.md)\n\n- item [drie](3.md)\n  - dieper [vier](4.md)\n> citaat [vijf](5.md)\n")
        #expect(f.links.map(at) == ["2:4 2.md", "4:8 3.md", "5:12 4.md", "6:10 5.md"])
    }

    @Test func referenceAndAutolinks() {
        let f = facts("Een [ref][x] en <https://example.nl> en <info@example.nl>.\n\n[x]: doel.md\n")
        #expect(f.links.map(at) == ["1:5 doel.md", "1:17 https://example.nl", "1:41 mailto:info@example.nl"])
    }

    @Test func linkInsideCodeIsNotALinkAndDoesNotShiftTheNext() {
        let f = facts("Code `[x](fout.md)` en [echt](fout.md).\n")
        #expect(f.links.map(at) == ["1:24 fout.md"])
    }

    @Test func imageInsideALink() {
        let f = facts("[![logo](logo.png)](https://example.nl)\n")
        #expect(f.links.map(at) == ["1:1 https://example.nl"])
        #expect(f.images.map(at) == ["1:2 logo.png"])
    }

    @Test func rawHTMLBlocksAndInlineTags() {
        let f = facts("Tekst <span>x</span> en <!-- weg -->.\n\n<div>\nblok\n</div>\n\n<!-- commentaar -->\n")
        #expect(f.rawHTML.map { "\($0.line):\($0.column) \($0.html)" } == ["1:7 <span>", "3:1 <div>\nblok\n</div>"])
    }

    @Test func plainTextAndFirstParagraph() {
        let f = facts("## Kop\n\nEerste *alinea*\nmet twee regels.\n\nTweede.\n")
        #expect(f.firstParagraph == "Eerste alinea met twee regels.")
        #expect(f.plainText == "Kop Eerste alinea met twee regels. Tweede.")
    }

    @Test func renderingAddsAnchorsAndOmitsRawHTML() throws {
        let result = MarkdownParser.parse("## Aanpak\n\n<script>x</script>\n\n[a](javascript:alert(1))\n", firstLine: 1,
                                          render: .init())
        let html = try #require(result.html)
        #expect(html.contains("<h2 id=\"aanpak\">Aanpak</h2>"))
        #expect(!html.contains("<script>"))
        #expect(!html.contains("javascript:"))
        #expect(result.facts.links.map(at) == ["5:1 javascript:alert(1)"])
    }

    @Test func bodyHTMLKeepsOneH1AndScrollableTables() {
        let out = BodyHTML.page("<h1>A</h1><table>\n<tr><td>1</td></tr>\n</table><table></table>", anchors: ["a"])
        #expect(out == "<h2 id=\"a\">A</h2><div class=\"tabel-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Tabel 1\"><table>\n<tr><td>1</td></tr>\n</table></div><div class=\"tabel-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Tabel 2\"><table></table></div>")
        // Headings past the last anchor, a nil anchor, and text around tags.
        #expect(BodyHTML.page("x<h2>B</h2><h3>C</h3><p>a &lt;h1&gt; b</p><h4>D</h4>", anchors: ["b", nil])
                == "x<h2 id=\"b\">B</h2><h3>C</h3><p>a &lt;h1&gt; b</p><h4>D</h4>")
        #expect(BodyHTML.page("", anchors: ["a"]) == "")
        // A stray closing tag cannot write past what was reserved.
        #expect(BodyHTML.page("</table></table>") == "</table></div></table></div>")
    }

    /// The privacy checks read a block's published text only when it may
    /// hold personal data (an `@` or nine digits); no other block is kept.
    @Test func onlyBlocksThatMayHoldPersonalDataKeepTheirText() {
        let text = "Gewone tekst.\n\nMail *naam*&#64;school.nl.\n\n| a | b |\n|---|---|\n| 1234 | 56782 |\n\nNog 12345678.\n"
        let runs = MarkdownParser.parse(text, firstLine: 5, render: .init()).textRuns
        #expect(runs == [.init(line: 7, text: "Mail naam@school.nl.")])
        let table = MarkdownParser.parse("| 123456782 |\n|---|\n| x |\n", firstLine: 1, render: .init()).textRuns
        #expect(table.map(\.text) == ["123456782"])
    }

    /// The plain text is kept as the bytes the search index reads.
    @Test func plainTextIsKeptAsBytes() {
        let facts = facts("Één *twee*\n\n- drie\n")
        #expect(facts.plainText == "Één twee drie")
        #expect(facts.plainTextDigested.withUTF8 { Array($0) } == Array("Één twee drie".utf8))
        #expect(facts.plainTextDigested.digest == DigestedText("Één twee drie").digest)
    }

    /// A heading inside a quote or list has no anchor: it used to take the
    /// id of the next top-level heading, and every later one the next's.
    @Test func quotedHeadingsDoNotShiftTheAnchors() throws {
        let text = "> ## Citaat\n\n## Casus\n\nTekst.\n\n- # In een lijst\n\n# Signalen\n\nMeer.\n"
        let result = MarkdownParser.parse(text, firstLine: 1, render: .init())
        #expect(result.facts.headings.map(\.anchor) == ["casus", "signalen"])
        let html = try #require(result.html)
        #expect(html.contains("<blockquote>\n<h2>Citaat</h2>"))
        #expect(html.contains("<h2 id=\"casus\">Casus</h2>"))
        #expect(html.contains("<li>\n<h2>In een lijst</h2>"))
        #expect(html.contains("<h2 id=\"signalen\">Signalen</h2>"))
        #expect(!html.contains("<h1"))
    }
}

@Suite struct DocumentParserTests {
    let text = "---\ntype: gemeente\nnaam: Arnhem\n---\n\n## Aanpak\n\nZie [x](y.md).\n"

    func parse(_ bytes: [UInt8]) -> DocumentParser.Parsed {
        DocumentParser.parse(path: "Content/gemeenten/arnhem.md", bytes: bytes, collection: .gemeenten, slug: "arnhem")
    }

    @Test func documentCarriesKindFrontmatterAndBodyPositions() {
        let parsed = parse(Array(text.utf8))
        #expect(parsed.diagnostics == [])
        #expect(parsed.document.kind == .gemeente)
        #expect(parsed.document.type == "gemeente")
        #expect(parsed.document.bodyFirstLine == 5)
        #expect(parsed.document.body.headings.map(\.line) == [6])
        #expect(parsed.document.body.links.map { "\($0.line):\($0.column)" } == ["8:5"])
        #expect(parsed.frontmatterText == "type: gemeente\nnaam: Arnhem\n")
        #expect(parsed.bodyText == "\n## Aanpak\n\nZie [x](y.md).\n")
    }

    @Test func bomAndCRLFGiveTheSamePositionsAsLF() {
        let lf = parse(Array(text.utf8)).document
        let crlf = parse([0xEF, 0xBB, 0xBF] + Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)).document
        #expect(crlf.bodyFirstLine == lf.bodyFirstLine)
        #expect(crlf.body == lf.body)
        #expect(crlf.frontmatter == lf.frontmatter)
    }

    @Test func unknownTypeKeepsTheTypeButNoKind() {
        let parsed = parse(Array("---\ntype: folder\n---\n".utf8))
        #expect(parsed.document.type == "folder")
        #expect(parsed.document.kind == nil)
    }

    @Test func readingProblemsAreDiagnostics() {
        let invalid = parse(Array("---\n".utf8) + [0xFF])
        #expect(invalid.diagnostics.map { "\($0.code.rawValue) \($0.location.line):\($0.location.column)" } == ["VIOS103 2:1"])
        let list = parse(Array("---\n- a\n---\n".utf8))
        #expect(list.diagnostics.map { "\($0.code.rawValue) \($0.location.line):\($0.location.column)" } == ["VIOS104 2:1"])
        #expect(list.document.frontmatter == nil)
    }
}

@Suite struct MarkdownPositionEdgeTests {
    func links(_ text: String) -> [String] {
        MarkdownParser.parse(text, firstLine: 1).facts.links.map { "\($0.line):\($0.column) \($0.url)" }
    }

    @Test func bracketsInsideLinkText() {
        #expect(links("Zie [de [oude] versie](oud.md) en [nieuw](nieuw.md).\n") == ["1:5 oud.md", "1:35 nieuw.md"])
    }

    @Test func urlInAngleBrackets() {
        #expect(links("Zie [het plan](<mijn plan.md>).\n") == ["1:5 mijn plan.md"])
    }

    @Test func linkAfterEscapedBrackets() {
        #expect(links("Tekst \\[geen link] en [wel](a.md).\n") == ["1:23 a.md"])
    }

    @Test func plainTextKeepsWordsWhole() {
        let facts = MarkdownParser.parse("De *co*ördinator en `code`-blok.\n\n- een\n- twee\n", firstLine: 1).facts
        #expect(facts.plainText == "De coördinator en code-blok. een twee")
    }

    @Test func placeholderCommentIsNotContent() {
        let facts = MarkdownParser.parse("## A\n\n<!-- vul in -->\n\n## B\n\n---\n\n## C\n\nTekst.\n", firstLine: 1).facts
        #expect(facts.headings.map(\.hasContent) == [false, false, true])
    }
}
