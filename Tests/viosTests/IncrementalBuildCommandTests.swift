import Foundation
import Testing

/// What `vios build` tells a user about an incremental build: how many
/// pages a change cost.
@Suite struct IncrementalBuildCommandTests {
    @Test func summarySaysHowManyPagesWereMadeAgain() throws {
        let site = try FixtureSite(["Content/site.yml": FixtureSite.siteYML,
                                    "Content/gemeenten/arnhem.md": FixtureSite.gemeente,
                                    "Content/scholen/het-baken/veiligheidsplan.md": FixtureSite.plan()])
        defer { site.remove() }
        let build = ["build", "--root", site.root.path, "--today", "2026-01-15"]
        let cold = try ProcessRunner.run(build)
        #expect(cold.status == 0, "\(cold.stderr)")
        #expect(cold.stderr.contains("Site gebouwd:") && !cold.stderr.contains("opnieuw gemaakt"), "\(cold.stderr)")

        let unchanged = try ProcessRunner.run(build)
        let pages = try #require(unchanged.stderr.firstMatch(of: /\(0 van (\d+) pagina's opnieuw gemaakt\)/), "\(unchanged.stderr)")

        try Data(FixtureSite.plan().replacingOccurrences(of: "A. Jansen", with: "C. Jansen").utf8)
            .write(to: site.root.appendingPathComponent("Content/scholen/het-baken/veiligheidsplan.md"))
        let edited = try ProcessRunner.run(build)
        let match = try #require(edited.stderr.firstMatch(of: /\((\d+) van (\d+) pagina's opnieuw gemaakt\)/), "\(edited.stderr)")
        #expect(match.2 == pages.1)
        #expect(Int(match.1)! >= 1 && Int(match.1)! < Int(match.2)!)
    }
}
