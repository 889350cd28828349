import Foundation
import Testing
@testable import VIOSCore

private typealias SourceLocation = VIOSCore.SourceLocation

/// Golden tests for the three output formats of cli.md.
struct DiagnosticFormatTests {
    let plan = "Content/scholen/de-linde/veiligheidsplan.md"

    var sample: DiagnosticFormat.Summary {
        DiagnosticFormat.Summary(documents: 12, diagnostics: [
            Diagnostic(.vios204, at: SourceLocation(file: plan, line: 3, column: 1), "gemente", "; bedoelt u 'gemeente'?"),
            Diagnostic(.vios301, at: SourceLocation(file: plan, line: 14, column: 1), "Toezicht", "sass"),
        ])
    }

    @Test func textMatchesTheSpecExample() {
        let lines = ["---", "type: veiligheidsplan", "gemente: den-haag"] + Array(repeating: "x", count: 10) + ["## Monitoring"]
        let text = DiagnosticFormat.text(sample, color: false) { file, line in
            file == plan && line <= lines.count ? lines[line - 1] : nil
        }
        #expect(text == """
        Content/scholen/de-linde/veiligheidsplan.md:3:1: waarschuwing VIOS204: onbekend veld 'gemente'; bedoelt u 'gemeente'?
          3 | gemente: den-haag
            | ^
        Content/scholen/de-linde/veiligheidsplan.md:14:1: fout VIOS301: sectie 'Toezicht' ontbreekt (structuur sass)
         14 | ## Monitoring
            | ^
        12 documenten gecontroleerd: 1 fout, 1 waarschuwing

        """)
    }

    @Test func textPlacesTheCaretAtTheColumn() {
        let summary = DiagnosticFormat.Summary(documents: 1, diagnostics: [
            Diagnostic(.vios203, at: SourceLocation(file: "a.md", line: 2, column: 14), "ongeldige datum"),
        ])
        let text = DiagnosticFormat.text(summary, color: false) { _, _ in "vastgesteld: 2025-13-01" }
        #expect(text.contains("  2 | vastgesteld: 2025-13-01\n    |              ^\n"))
        #expect(!text.contains("\u{1B}["))
        let colored = DiagnosticFormat.text(summary, color: true) { _, _ in nil }
        #expect(colored.contains("\u{1B}[1;31m"))
    }

    @Test func jsonIsOneSortedObject() throws {
        let json = DiagnosticFormat.json(sample)
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["version"] as? Int == 1)
        #expect(object["documents"] as? Int == 12)
        #expect(object["errors"] as? Int == 1)
        #expect(object["warnings"] as? Int == 1)
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.map { $0["code"] as? String } == ["VIOS204", "VIOS301"])
        #expect(diagnostics[1]["severity"] as? String == "error")
        #expect(diagnostics[1]["file"] as? String == plan)
        #expect(diagnostics[1]["line"] as? Int == 14)
        #expect(diagnostics[1]["column"] as? Int == 1)
        #expect(diagnostics[1]["message"] as? String == "sectie 'Toezicht' ontbreekt (structuur sass)")
    }

    @Test func githubWritesWorkflowCommands() {
        let out = DiagnosticFormat.github(sample)
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines[0] == "::warning file=\(plan),line=3,col=1,title=VIOS204::onbekend veld 'gemente'; bedoelt u 'gemeente'?")
        #expect(lines[1] == "::error file=\(plan),line=14,col=1,title=VIOS301::sectie 'Toezicht' ontbreekt (structuur sass)")
        #expect(!out.contains("::group::"))
    }

    @Test func githubRepeatsAllFindingsInTheLogPastTen() {
        let many = (1...12).map { Diagnostic(.vios303, at: SourceLocation(file: "a.md", line: $0, column: 1), "S\($0)") }
        let out = DiagnosticFormat.github(.init(documents: 1, diagnostics: many))
        #expect(out.components(separatedBy: "::error ").count - 1 == 12)
        #expect(out.contains("::group::Alle 12 meldingen"))
        #expect(out.contains("a.md:12:1: fout VIOS303: sectie 'S12' heeft geen inhoud"))
    }

    @Test func githubEscapesData() {
        #expect(DiagnosticFormat.data("50%\nx") == "50%25%0Ax")
        #expect(DiagnosticFormat.property("a,b:c") == "a%2Cb%3Ac")
    }

    @Test func sortsByFileLineColumnCode() {
        let a = Diagnostic(.vios502, at: SourceLocation(file: "b.md", line: 1, column: 1), "x")
        let b = Diagnostic(.vios501, at: SourceLocation(file: "b.md", line: 1, column: 1), "x")
        let c = Diagnostic(.vios702, at: SourceLocation(file: "a.md", line: 9, column: 9), "x")
        let d = Diagnostic(.vios101, at: SourceLocation(file: "b.md", line: 1, column: 2), "x")
        #expect([d, a, b, c].sortedForOutput().map(\.code) == [.vios702, .vios501, .vios502, .vios101])
    }
}

