import Foundation
import Testing
import VIOSCore
@testable import VIOSSource

/// Regression tests for what the fuzzer (Tests/VIOSFuzzTests) and the
/// resource-limit probes of issue 7 found in the reading stage: each was a
/// hang, a crash or a wrong position before it was fixed.
@Suite struct HostileInputTests {
    static let clock = ContinuousClock()

    func parse(_ text: String, render: Bool = true) -> DocumentParser.Parsed {
        DocumentParser.parse(path: "Content/handreikingen/x.md", bytes: Array(text.utf8), collection: .handreikingen,
                             slug: "x", render: render ? MarkdownParser.RenderOptions() : nil)
    }

    /// Runs `body` on a thread with a 512 KB stack, as Dispatch's worker
    /// threads have on macOS: recursion that only fits the main thread's
    /// 8 MB crashes there.
    func onSmallStack(_ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        thread.stackSize = 512 * 1024
        thread.start()
        while !thread.isFinished { usleep(1_000) }
    }

    // MARK: Markdown positions (hang: quadratic search with Foundation on Substring)

    @Test func manyLinksOnOneLongLineAreLocatedInLinearTime() {
        // Was: 100,000 links on one line did not finish in 15 minutes; every
        // link searched and counted characters from the start of the line.
        let line = String(repeating: "[a](b.md) ", count: 15_000) + "[laatste](c.md)"
        var facts = MarkdownFacts()
        let elapsed = Self.clock.measure { facts = MarkdownParser.parse(line + "\n", firstLine: 7).facts }
        #expect(elapsed < .seconds(3))
        #expect(facts.links.count == 15_001)
        #expect(facts.links.first.map { "\($0.line):\($0.column)" } == "7:1")
        #expect(facts.links.last.map { "\($0.line):\($0.column) \($0.url)" } == "7:150001 c.md")
    }

    @Test func repeatedLinksToOneURLEachHaveTheirColumn() {
        // Was: the second link to the same URL found the first one's
        // "(b.md" again, so every later link was reported a link too early.
        let facts = MarkdownParser.parse("[a](b.md) [a](b.md) en ![c](b.md) [a](b.md)\n", firstLine: 1).facts
        #expect(facts.links.map(\.column) == [1, 11, 35])
        #expect(facts.images.map(\.column) == [24])
    }

    @Test func loneCarriageReturnsAndNULsDoNotShiftBodyPositions() {
        // Was (fuzz, seed 234387464480638, inputs 148120, 436392, 784658,
        // 935122): cmark breaks lines at a lone CR, vios does not (spec 1),
        // so headings and HTML were reported on lines past the end of the
        // file; cmark also widens NUL to three bytes.
        let text = "Tekst\rmeer\r\rnog\n\n## Monitor\ring\n\n<div>\u{0}</div>\n\n[a](b.md) \u{0}\u{0} [c](d.md)\n"
        let facts = MarkdownParser.parse(text, firstLine: 10).facts
        #expect(facts.headings.map { "\($0.line):\($0.column) \($0.text)" } == ["12:1 Monitor ing"])
        #expect(facts.rawHTML.map { "\($0.line):\($0.column)" } == ["14:1"])
        #expect(facts.links.map { "\($0.line):\($0.column)" } == ["16:1", "16:14"])
    }

    @Test func referenceLinksWhoseURLIsNotInTheTextStayLinear() {
        // A needle that is not in the block used to be searched for again
        // from every link: now at most 64 KB ahead, and remembered.
        let body = (0..<20_000).map { "[x][r\($0 % 50)] " }.joined() + "\n\n"
            + (0..<50).map { "[r\($0)]: ../elementen/k\($0).md\n" }.joined()
        var facts = MarkdownFacts()
        let elapsed = Self.clock.measure { facts = MarkdownParser.parse(body, firstLine: 1).facts }
        #expect(elapsed < .seconds(3))
        #expect(facts.links.count == 20_000)
        #expect(facts.links.allSatisfy { $0.line == 1 && $0.column >= 1 })
    }

    @Test func columnsOnALongLineWithMultibyteTextStayExact() {
        let prefix = String(repeating: "é", count: 70_000)  // past the 64 KB search window in bytes
        let facts = MarkdownParser.parse(prefix + " [a](b.md) ", firstLine: 1).facts
        // Far from the start of its block the link is not searched for; its
        // position falls back to the block, still inside the file.
        #expect(facts.links.map(\.line) == [1])
        #expect(facts.links.allSatisfy { $0.column >= 1 && $0.column <= 70_002 })
        let near = MarkdownParser.parse("ééé [a](b.md) en [c](d.md)", firstLine: 1).facts
        #expect(near.links.map(\.column) == [5, 18])
    }

    @Test func hundredThousandHeadingsRenderInLinearTime() {
        let body = (0..<100_000).map { "## Kop \($0)\n" }.joined()
        var parsed: DocumentParser.Parsed?
        let elapsed = Self.clock.measure { parsed = parse("---\ntype: handreiking\n---\n" + body) }
        #expect(elapsed < .seconds(20))  // debug build; about 1 s in release
        #expect(parsed?.document.body.headings.count == 100_000)
        #expect(parsed?.document.html?.hasSuffix("<h2 id=\"kop-99999\">Kop 99999</h2>\n") == true)
    }

    // MARK: YAML (hang, stack overflow, positions)

    @Test func aliasBombUsedAsAKeyIsRejectedBeforeYamsHashesIt() {
        // Was: Yams checks duplicate keys by hashing them in full; a
        // billion-laughs key took minutes (9^7 nodes: 1.6 s, 9^9: hours).
        var yaml = "a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        for level in 1...9 {
            yaml += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]\n"
        }
        yaml += "? *a9\n: x\n"
        var result: Result<YAMLNode?, YAMLReader.Failure>?
        let elapsed = Self.clock.measure { result = YAMLReader.read(yaml, firstLine: 2) }
        #expect(elapsed < .seconds(1))
        guard case .failure(let failure) = result else { Issue.record("an alias bomb must be rejected"); return }
        #expect(failure.message.hasPrefix("te veel YAML-knopen (meer dan 100000, overschreden op regel "))
        #expect((failure.line, failure.column) == (2, 1))
    }

    @Test func deeplyNestedFlowYAMLIsRejectedWithoutDeepRecursion() {
        // Was: SIGSEGV at 400 levels on a 512 KB stack (Yams composes and
        // vios converted recursively; libyaml allows 1,000).
        let yaml = "type: handreiking\nx: " + String(repeating: "[", count: 999) + String(repeating: "]", count: 999) + "\n"
        nonisolated(unsafe) var result: Result<YAMLNode?, YAMLReader.Failure>?
        onSmallStack { result = YAMLReader.read(yaml, firstLine: 2) }
        guard case .failure(let failure) = result else { Issue.record("deep YAML must be rejected"); return }
        #expect(failure.message == "te diep genest (meer dan 32 niveaus van lijsten en velden in elkaar)")
        #expect((failure.line, failure.column) == (3, 35))
    }

    @Test func deeplyNestedBlockYAMLIsRejectedToo() {
        let yaml = (0..<200).map { String(repeating: " ", count: $0) + "k\($0):\n" }.joined()
        nonisolated(unsafe) var result: Result<YAMLNode?, YAMLReader.Failure>?
        onSmallStack { result = YAMLReader.read(yaml, firstLine: 2) }
        guard case .failure(let failure) = result else { Issue.record("deep YAML must be rejected"); return }
        #expect(failure.message.hasPrefix("te diep genest"))
        #expect(failure.line == 34)
    }

    @Test func nestingWithinTheLimitIsRead() throws {
        let yaml = "x: " + String(repeating: "[", count: 31) + "a" + String(repeating: "]", count: 31) + "\n"
        let node = try #require(try YAMLReader.read(yaml, firstLine: 2).get())
        #expect(node["x"] != nil)
    }

    @Test func yamlColumnsCountCharactersNotCodePoints() throws {
        // Was: libyaml counts code points; "é" written as e + U+0301 is one
        // character, so columns ran past the end of the line.
        let decomposed = String(repeating: "e\u{0301}", count: 5)
        let node = try #require(try YAMLReader.read("titel: \(decomposed)\nnaam: \(decomposed) x\n", firstLine: 2).get())
        #expect(node.pair("naam").map { ($0.value.line, $0.value.column) }! == (3, 7))
        guard case .failure(let failure) = YAMLReader.read("titel: \(decomposed): x: y\n", firstLine: 2) else {
            Issue.record("expected a failure"); return
        }
        #expect((failure.line, failure.column) == (2, 13))
    }

    @Test(arguments: ["\u{2028}", "\u{2029}", "\u{0085}", "\r"])
    func lineBreaksOnlyYAMLKnowsDoNotShiftLines(separator: String) throws {
        // Was: libyaml breaks lines at CR, NEL, LS and PS too, so every
        // position after one pointed a line too far down.
        let yaml = "titel: \"een\(separator)twee\"\nnaam: x\nfout: [\n"
        guard case .failure(let failure) = YAMLReader.read(yaml, firstLine: 2) else { Issue.record("expected a failure"); return }
        #expect(failure.line <= 5)
        let node = try #require(try YAMLReader.read("titel: \"een\(separator)twee\"\nnaam: x\n", firstLine: 2).get())
        #expect(node.pair("naam").map { ($0.key.line, $0.key.column) }! == (3, 1))
    }

    @Test func loneSurrogateEscapesAreAYAMLErrorNotACrash() {
        for escape in ["\\ud800", "\\udfff\\ud800", "\\uDC00x", "\\U0000D800", "\\U00110000"] {
            let parsed = parse("---\ntype: handreiking\ntitel: \"a\(escape)b\"\n---\n\nTekst.\n")
            #expect(parsed.diagnostics.contains { $0.code == .vios102 || $0.code == .vios201 }, "\(escape)")
        }
    }

    // MARK: cmark-gfm 0.29.0.gfm.6: polynomial inputs (hang, gigabytes)

    /// Bodies measured to take cmark-gfm 0.29.0.gfm.6 seconds to minutes,
    /// with the body line where the limit is passed and a phrase of the
    /// message.
    static func pathological(_ name: String) -> (body: String, line: Int, phrase: String) {
        switch name {
        case "![[]()":  // 18 s
            return (String(repeating: "![[]()", count: 40_000), 1, "haken '['")
        case "blank lines in nested lists":  // 16 s
            return (String(repeating: "- ", count: 13_333) + "x" + String(repeating: "\n", count: 13_333), 1, "niveaus diep")
        case "blank lines under a 60-deep list":
            return (String(repeating: "- ", count: 60) + "x" + String(repeating: "\n", count: 400_000), 333_335, "lege regels")
        case "table row of pipes":  // 13 s
            return ("|a|\n|-|\n" + String(repeating: "|", count: 40_000), 3, "tekens '|'")
        case "wide table":  // every row is padded to the header: 2,000 x 2,000 cells took 11 s and 1 GB
            // Counted as 452 columns (pipes + 1, an upper bound); 904 cells for
            // header and delimiter, 452 per row: the 441st row (body line
            // 443) passes 200,000.
            return ("|" + String(repeating: " a |", count: 450) + "\n|" + String(repeating: "---|", count: 450) + "\n"
                    + String(repeating: "| x |\n", count: 1_000), 443, "cellen")
        default:  // "a@ before a long word": 15 s for 4,900 @ and 5 MB
            return (String(repeating: "a@", count: 4_900) + String(repeating: "a", count: 300_000), 1, "'@'")
        }
    }

    @Test(arguments: ["![[]()", "blank lines in nested lists", "blank lines under a 60-deep list", "table row of pipes",
                      "wide table", "a@ before a long word"])
    func cmarkPolynomialInputsAreRefusedBeforeParsing(name: String) {
        let (body, line, phrase) = Self.pathological(name)
        var parsed: DocumentParser.Parsed?
        let elapsed = Self.clock.measure { parsed = parse("---\ntype: handreiking\n---\n" + body + "\n") }
        #expect(elapsed < .seconds(5), "\(name)")
        let refusal = parsed?.diagnostics.first { $0.code == .vios101 }
        #expect(refusal?.location.line == line + 3, "\(name)")
        #expect(refusal?.location.column == 1)
        #expect(refusal?.message.contains(phrase) == true, "\(name): \(refusal?.message ?? "-")")
        #expect(parsed?.bodyRefused == true)
        #expect(parsed?.document.html == "")
    }

    @Test func realisticDocumentsStayWellUnderTheMarkdownLimits() {
        let table = "| school | rol | telefoon |\n|---|---|---|\n" + String(repeating: "| De Linde | mentor | 112 |\n", count: 2_000)
        let lists = String(repeating: "- punt [link](a.md) en *nadruk* of _ook_\n  - dieper\n\n", count: 2_000)
        #expect(MarkdownLimits.check(Substring(table + "\n" + lists)) == nil)
    }

    @Test func manyLinksInManyParagraphsAreNotRefused() {
        // The bracket and emphasis limits are per block (cmark is quadratic
        // only within one paragraph): 30,000 links over 3,000 paragraphs
        // were refused by the old whole-file limit of 20,000.
        let paragraph = String(repeating: "[link](a.md) *nadruk* ", count: 10) + "\n\n"
        #expect(MarkdownLimits.check(Substring(String(repeating: paragraph, count: 3_000))) == nil)
        let oneBlock = String(repeating: "[link](a.md) ", count: 20_001)
        #expect(MarkdownLimits.check(Substring(oneBlock))?.message.contains("haken '['") == true)
    }

    // MARK: Files (hang on a FIFO, unbounded reads)

    @Test func readingAFIFOFailsAtOnceInsteadOfBlocking() throws {
        let path = NSTemporaryDirectory() + "vios-fifo-\(UUID().uuidString)"
        guard mkfifo(path, 0o600) == 0 else { Issue.record("mkfifo failed"); return }
        defer { unlink(path) }
        var result: Result<[UInt8], DocumentReader.ReadFailureMessage>?
        let elapsed = Self.clock.measure { result = DocumentReader.readBytes(path) }
        #expect(elapsed < .seconds(1))
        guard case .failure(let failure) = result else { Issue.record("a FIFO is not a document"); return }
        #expect(failure.text.hasPrefix("geen gewoon bestand"))
    }

    @Test func aFileOverTheLimitIsNotReadAndTheMessageSaysBySize() throws {
        let path = NSTemporaryDirectory() + "vios-big-\(UUID().uuidString).md"
        FileManager.default.createFile(atPath: path, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: path) }
        // A sparse 50 MB file: reading it would cost 50 MB of memory.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 50 * 1_048_576)
        try handle.close()
        guard case .failure(let failure) = DocumentReader.readBytes(path) else { Issue.record("50 MB must be refused"); return }
        #expect(failure.text == "bestand is te groot om te controleren (50,0 MB; maximaal 20 MB): "
                + "splits het document of haal grote ingeplakte inhoud eruit")
        // Just over the limit still reads as over it.
        #expect(DocumentReader.ReadFailureMessage.tooLarge(20 * 1_048_576 + 1).text.hasPrefix("bestand is te groot om te controleren (20,1 MB;"))
    }

    @Test func aFileAtTheLimitIsRead() throws {
        let path = NSTemporaryDirectory() + "vios-limit-\(UUID().uuidString).md"
        try Data(count: DocumentReader.maximumFileSize).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard case .success(let bytes) = DocumentReader.readBytes(path) else { Issue.record("20 MB is allowed"); return }
        #expect(bytes.count == DocumentReader.maximumFileSize)
    }

    #if os(Linux)
    /// A file holding more than `stat` said when it was opened (one that
    /// grows while it is read) is read to its end, not cut at that size.
    @Test func aFileLongerThanItsStatIsReadWhole() throws {
        // procfs reports size 0 for files that hold text.
        guard case .success(let bytes) = DocumentReader.readBytes("/proc/self/status") else { Issue.record("unreadable"); return }
        #expect(bytes.count > 100)
        #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("Name:"))
        #expect(String(decoding: bytes, as: UTF8.self).contains("\nVmRSS:") || String(decoding: bytes, as: UTF8.self).contains("\nPid:"))
    }
    #endif
}
