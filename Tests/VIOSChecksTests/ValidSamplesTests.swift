import Testing
import VIOSCore
import VIOSSource
@testable import VIOSChecks

/// The starting point of every mutation test: each sample is clean.
@Suite struct ValidSamplesTests {
    @Test(arguments: Samples.all.map(\.path))
    func sampleIsClean(path: String) {
        let sample = Samples.all.first { $0.path == path }!
        #expect(sample.briefs() == [])
    }

    @Test func samplesTogetherAreClean() {
        let documents = Samples.all.map { $0.parse().document }
        #expect(SiteChecks.run(documents, context: Samples.context()).map(\.brief) == [])
    }

    @Test func oracleFindsCharacterColumns() {
        let sample = Sample(path: "x.md", collection: .gemeenten, slug: "x", text: "ab\ncoördinator [x]\n")
        #expect(sample.pos("[x]") == "2:13")
        #expect(sample.pos("o", occurrence: 2) == "2:10")
    }
}
