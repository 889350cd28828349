import Foundation
import Testing
import VIOSCore
@testable import VIOSSource

/// `YAMLComposer` must give exactly what Yams and `convert` give, for every
/// frontmatter it accepts, and decline whatever only Yams may decide.
@Suite struct YAMLComposerTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func throughYams(_ yaml: String, firstLine: Int) -> Result<YAMLNode?, YAMLReader.Failure> {
        var positions = YAMLPositions(yaml)
        return YAMLReader.readThroughYams(yaml, firstLine: firstLine, positions: &positions)
    }

    static func composed(_ yaml: String, firstLine: Int = 2) -> YAMLComposer.Outcome {
        var positions = YAMLPositions(yaml)
        return YAMLComposer.compose(yaml, offset: firstLine - 1, nodeLimit: YAMLReader.nodeLimit,
                                    depthLimit: YAMLReader.depthLimit, positions: &positions)
    }

    /// The frontmatter of every Markdown file of the demo site.
    static func demoFrontmatters() throws -> [String] {
        let content = repository.appendingPathComponent("Content")
        let enumerator = try #require(FileManager.default.enumerator(atPath: content.path))
        var out: [String] = []
        for case let path as String in enumerator where path.hasSuffix(".md") {
            let text = try String(contentsOf: content.appendingPathComponent(path), encoding: .utf8)
            guard case .success(let split) = Frontmatter.split(text) else { continue }
            out.append(String(split.yaml))
        }
        return out.sorted()
    }

    static let tricky: [String] = [
        "type: gemeente\nnaam: Arnhem\n",
        "a: [1, 2, {b: c, d: [e]}]\n",
        "lijst:\n  - rol: x\n    naam: \"Jan – één\"\n  - rol: y\n",
        "tekst: |\n  regel één\n  regel twee\nander: >-\n  gevouwen\n  tekst\n",
        "leeg:\nnull-waarde: ~\nquoted: ''\n",
        "\"sleutel met spaties\": 'waarde'\n? eenvoudig\n: expliciet\n",
        "emoji: 👩‍👩‍👧 en meer\nnaam: \"\\u00e9\\x41\\0nul\"\n",
        "a: 1\r\nb: 2\r\n",
        "school: \u{FEFF}Het Baken\n",
        // Found by the fuzzer: a mark that joins the space before it.
        "titel: x\nbijgewerkt: \u{200D}<<: *x\n",
        "monitoring: \u{301}{instrument: Vragenlijst, laatste-meting: 2025-11-01}\n",
        "lijst:\n  - \u{308}\u{301}\u{302}naam: Politie Oost-Nederla: [a, b,nd\n",
        "elementen: \u{308}\u{301}\u{302}[a, kern\u{2029}team, b]\n",
        "\u{FEFF}a: 1\n",
        "a: \"\\uFEFFx\"\nb: \"x\\uFEFF\"\n",
        "a: 1\rb: 2\r",
        "a:\u{2028}b\n",
        "# alleen commentaar\n",
        "---\na: 1\n...\n",
        "%YAML 1.1\n---\na: 1\n",
        "getal: !!int 5\ntekst: !!str 2015\n",
        "a: 1\na: 2\n",
        "a: \"x\"\n'a': y\n",
        "anker: &x 1\nalias: *x\n",
        "basis: &b {a: 1}\nkind:\n  <<: *b\n",
        "? [a, b]\n: samengesteld\n",
        "a: 1\n---\nb: 2\n",
        "a: \"open\n",
        "a: b: c\n",
        "a:\n\t- b\n",
        "- alleen\n- een lijst\n",
        "enkel",
        "a: 1\n b: 2\n",
        String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "\n",
        "a: \(String(repeating: "[", count: 31))x\(String(repeating: "]", count: 31))\n",
        "a: \(String(repeating: "[", count: 32))x\(String(repeating: "]", count: 32))\n",
    ]

    /// Every string a frontmatter is cut to by deleting, doubling or
    /// replacing one of a few positions: broken YAML of every kind.
    static func mutations(of yaml: String) -> [String] {
        let scalars = Array(yaml.unicodeScalars)
        guard !scalars.isEmpty else { return [] }
        var out: [String] = []
        let inserts: [String] = [":", "\"", "'", "\t", "\n", "- ", "&a ", "*a", "[", "{", "#", "é", "\r\n", "!!x ", "\u{FEFF}", "\u{85}", "\u{2028}", "\u{0}", "\\"]
        for step in stride(from: 0, to: scalars.count, by: max(1, scalars.count / 12)) {
            var deleted = scalars; deleted.remove(at: step)
            out.append(String(String.UnicodeScalarView(deleted)))
            for insert in inserts {
                var inserted = scalars
                inserted.insert(contentsOf: insert.unicodeScalars, at: step)
                out.append(String(String.UnicodeScalarView(inserted)))
            }
        }
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        for index in lines.indices where index < lines.count - 1 {
            var doubled = lines; doubled.insert(lines[index], at: index)
            out.append(doubled.joined(separator: "\n"))
        }
        return out
    }

    @Test func demoFrontmattersTakeTheFastPathAndMatchYams() throws {
        let frontmatters = try Self.demoFrontmatters()
        #expect(frontmatters.count >= 10)
        for yaml in frontmatters {
            let outcome = Self.composed(yaml)
            guard case .composed(let node) = outcome else {
                Issue.record("declined: \(yaml)"); continue
            }
            guard case .success(let expected) = Self.throughYams(yaml, firstLine: 2) else {
                Issue.record("Yams failed: \(yaml)"); continue
            }
            #expect(node == expected, "\(yaml)")
            #expect(node != nil)
        }
    }

    @Test func readMatchesYamsOnTrickyAndBrokenYAML() throws {
        var inputs = Self.tricky
        for yaml in try Self.demoFrontmatters().prefix(12) { inputs += Self.mutations(of: yaml) }
        for yaml in Self.tricky { inputs += Self.mutations(of: yaml) }
        var composed = 0, declined = 0
        for yaml in inputs {
            for firstLine in [1, 2, 7] {
                let got = YAMLReader.read(yaml, firstLine: firstLine)
                let expected = Self.throughYams(yaml, firstLine: firstLine)
                #expect(got == expected, "\(yaml.debugDescription) from line \(firstLine)")
            }
            if case .composed = Self.composed(yaml) { composed += 1 } else { declined += 1 }
        }
        // Both paths were exercised, many times each.
        #expect(composed > 200)
        #expect(declined > 200)
    }

    @Test func declinesWhatOnlyYamsMayDecide() {
        for yaml in ["a: 1\na: 2\n", "anker: &x 1\nalias: *x\n", "? [a]\n: b\n", "a: 1\n---\nb: 2\n", "a: \"open\n", "",
                     "school: \u{FEFF}Het Baken\n"] {
            #expect(Self.composed(yaml) == .declined, "\(yaml.debugDescription)")
        }
        let deep = "a: \(String(repeating: "[", count: 32))x\(String(repeating: "]", count: 32))\n"
        #expect(Self.composed(deep) == .declined)
        let tooMany = "a: [" + Array(repeating: "x", count: YAMLReader.nodeLimit).joined(separator: ", ") + "]\n"
        #expect(Self.composed(tooMany) == .declined)
    }

    @Test func composesPositionsTagsAndStyles() throws {
        guard case .composed(let node?) = Self.composed("naam: \"Coördinator – één\"\nrol: !!str x\nn: 5\n", firstLine: 4) else {
            Issue.record("declined"); return
        }
        let rol = try #require(node.pair("rol"))
        #expect((rol.key.line, rol.key.column, rol.value.line) == (5, 1, 5))
        #expect(rol.value.value == .scalar("x", plain: true))
        #expect(node["naam"]?.value == .scalar("Coördinator – één", plain: false))
        #expect(node["n"]?.value == .scalar("5", plain: true))
        #expect(Self.composed("# niets\n") == .composed(nil))
    }
}

@Suite struct YAMLPositionsTests {
    /// A column does not depend on which columns were asked for before it
    /// (the walk goes on from the last one asked on the line).
    @Test func columnsDoNotDependOnWhatWasAskedBefore() {
        let lines = ["bijgewerkt: \u{200D}<<: *x", "a: e\u{301}\u{301} b: 👩‍👩‍👧 c: 🇳🇱🇳🇱 d", "naam: \"Coördinator – één\" x: y"]
        for line in lines {
            let text = "type: x\n" + line + "\n"
            let count = line.unicodeScalars.count + 1
            var walking = YAMLPositions(text)
            for column in 1...count {
                var fresh = YAMLPositions(text)
                #expect(walking.position(line: 2, column: column) == fresh.position(line: 2, column: column),
                        "\(line.debugDescription) column \(column)")
            }
            for step in 1...3 {
                var skipping = YAMLPositions(text)
                for column in stride(from: 1, through: count, by: step) {
                    var fresh = YAMLPositions(text)
                    #expect(skipping.position(line: 2, column: column) == fresh.position(line: 2, column: column))
                }
            }
        }
    }
}
