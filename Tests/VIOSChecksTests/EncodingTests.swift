import Testing
import VIOSCore
import VIOSSource
@testable import VIOSChecks

/// Spec 1: a BOM and CRLF line endings do not shift reported positions.
@Suite struct EncodingTests {
    static let cases: [(String, Sample)] = [
        ("unknown field", Samples.plan.replacing("samenvatting: Hoe", with: "samenvating: Hoe")),
        ("unclosed quote", Samples.plan.replacing("school: Basisschool De Linde", with: "school: \"Basisschool De Linde")),
        ("duplicate key", Samples.gemeente.inserting("naam: Arnhem-Zuid", after: "fase: uitvoering")),
        ("missing section", Samples.plan.replacing("## Toezicht\n\nOp het plein lopen in elke pauze twee pleinwachten.\n", with: "")),
        ("body findings", Samples.handreiking.appending("\nBel 06-12345678, mail a@b.nl, zie [x](#nergens) en <b>.\n")),
        ("block scalar", Samples.plan.replacing("samenvatting: Hoe De Linde werkt aan een veilige school.",
                                                with: "samenvatting: |\n  Regel een.\n  BSN 123456782.")),
        ("first line", Samples.element.replacing("---\ntype: element", with: "---\ntype: elemnt")),
    ]

    @Test(arguments: cases.map(\.0))
    func bomAndCRLFGiveTheSameDiagnosticsAsLF(name: String) {
        let sample = Self.cases.first { $0.0 == name }!.1
        let lf = sample.diagnostics()
        #expect(!lf.isEmpty)
        let crlf = Array(sample.text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        #expect(sample.diagnostics(bytes: [0xEF, 0xBB, 0xBF] + crlf) == lf)
        #expect(sample.diagnostics(bytes: crlf) == lf)
        #expect(sample.diagnostics(bytes: [0xEF, 0xBB, 0xBF] + Array(sample.text.utf8)) == lf)
    }
}
