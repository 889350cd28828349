import Testing
import VIOSCore
@testable import VIOSSource

@Suite struct YAMLReaderTests {
    func read(_ yaml: String, firstLine: Int = 2) -> Result<YAMLNode?, YAMLReader.Failure> {
        YAMLReader.read(yaml, firstLine: firstLine)
    }

    @Test func nodesCarryFilePositions() throws {
        let node = try #require(try read("type: gemeente\nbereik:\n  po: 10\n  toelichting: \"Veel\"\nlijst: [a, b]\n").get())
        #expect(node.pairs?.count == 3)
        let type = try #require(node.pair("type"))
        #expect((type.key.line, type.key.column) == (2, 1))
        #expect((type.value.line, type.value.column) == (2, 7))
        let po = try #require(node["bereik"]?.pair("po"))
        #expect((po.key.line, po.key.column, po.value.line, po.value.column) == (4, 3, 4, 7))
        #expect(node["bereik"]?["toelichting"]?.value == .scalar("Veel", plain: false))
        #expect(node["bereik"]?["po"]?.int == 10)
        let b = try #require(node["lijst"]?.items?.last)
        #expect((b.line, b.column, b.string) == (6, 12, "b"))
    }

    @Test func columnsCountCharacters() throws {
        let node = try #require(try read("naam: \"Coördinator – één\"\nrol: x\n").get())
        #expect(node.pair("rol").map { ($0.value.line, $0.value.column) }! == (3, 6))
        // The error column counts characters, not bytes (‘één’ is 11 bytes).
        guard case .failure(let failure) = read("titel: ‘één’ en: x\n") else {
            Issue.record("expected a failure"); return
        }
        #expect((failure.line, failure.column) == (2, 16))
    }

    @Test func emptyDocumentIsNil() throws {
        #expect(try read("").get() == nil)
        #expect(try read("# alleen commentaar\n").get() == nil)
    }

    @Test func unclosedDoubleQuotePointsAtTheQuote() {
        guard case .failure(let failure) = read("type: gemeente\nnaam: \"Arnhem\nfase: plan\n") else {
            Issue.record("expected a failure"); return
        }
        #expect((failure.line, failure.column) == (3, 7))
        #expect(failure.message.hasPrefix("in een waarde tussen aanhalingstekens") || failure.message.contains("aanhalingsteken"))
    }

    @Test func unexpectedColonPointsAtTheColon() {
        guard case .failure(let failure) = read("naam: Arnhem: Gelderland\n") else {
            Issue.record("expected a failure"); return
        }
        #expect((failure.line, failure.column) == (2, 13))
        #expect(failure.message.hasPrefix("dubbele punt op een plek waar geen veld kan beginnen"))
    }

    @Test func badIndentationPointsAtTheLine() {
        guard case .failure(let failure) = read("a: 1\n b: 2\n") else {
            Issue.record("expected a failure"); return
        }
        #expect(failure.line == 3)
    }

    @Test func duplicateKeyPointsAtTheRepeat() {
        guard case .failure(let failure) = read("naam: A\nfase: plan\nnaam: B\n", firstLine: 5) else {
            Issue.record("expected a failure"); return
        }
        #expect((failure.line, failure.column) == (7, 1))
        #expect(failure.message == "dubbel veld: naam (eerder op regel 5)")
    }

    @Test func duplicateKeyInANestedMapAndAList() {
        guard case .failure(let nested) = read("bereik:\n  po: 1\n  vo: 2\n  po: 3\nfase: plan\n") else {
            Issue.record("expected a failure"); return
        }
        #expect((nested.line, nested.column) == (5, 3))
        guard case .failure(let listed) = read("c:\n  - rol: a\n    naam: x\n  - rol: b\n    naam: y\n    rol: c\n") else {
            Issue.record("expected a failure"); return
        }
        #expect((listed.line, listed.column) == (7, 5))
    }

    @Test func sameKeyInTwoListItemsIsFine() throws {
        #expect(try read("c:\n  - rol: a\n  - rol: b\n").get()?["c"]?.items?.count == 2)
    }

    @Test func aliasesWithinTheLimitAreExpanded() throws {
        let node = try #require(try read("a: &x [1, 2]\nb: *x\n").get())
        #expect(node["b"]?.items?.compactMap(\.string) == ["1", "2"])
    }

    @Test func billionLaughsIsRejectedQuicklyWithoutExpanding() {
        var yaml = "a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ")
            yaml += "a\(level): &a\(level) [\(refs)]\n"
        }
        let clock = ContinuousClock()
        var result: Result<YAMLNode?, YAMLReader.Failure>?
        let elapsed = clock.measure { result = read(yaml) }
        guard case .failure(let failure) = result else {
            Issue.record("an alias bomb must be rejected"); return
        }
        #expect(failure.message.hasPrefix("te veel YAML-knopen"))
        #expect((failure.line, failure.column) == (2, 1))
        #expect(elapsed < .seconds(2))
    }

    @Test func plainAndQuotedScalarsAreTold() throws {
        let node = try #require(try read("a: 2015\nb: \"2015\"\nc: |\n  tekst\n").get())
        #expect(node["a"]?.value == .scalar("2015", plain: true))
        #expect(node["b"]?.value == .scalar("2015", plain: false))
        #expect(node["c"]?.value == .scalar("tekst\n", plain: false))
    }
}
