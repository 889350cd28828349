import Foundation
import Testing

/// `vios check` as a process: exit codes and machine-readable output.
@Suite(.serialized)
struct CheckCommandTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func demoContentChecksClean() throws {
        let result = try ProcessRunner.run(["check", "--root", Self.packageRoot.path, "--today", "2026-11-29", "--format", "json"])
        #expect(result.status == 0, "\(result.stdout)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["errors"] as? Int == 0)
        #expect(object["warnings"] as? Int == 0)
        #expect((object["documents"] as? Int ?? 0) >= 25)
    }

    @Test func cleanFixtureExitsZero() throws {
        let site = try FixtureSite(["Content/site.yml": FixtureSite.siteYML,
                                    "Content/gemeenten/arnhem.md": FixtureSite.gemeente,
                                    "Content/scholen/het-baken/veiligheidsplan.md": FixtureSite.plan()])
        defer { site.remove() }
        let result = try ProcessRunner.run(["check", "--today", "2026-11-29"], in: site.root)
        #expect(result.status == 0)
        #expect(result.stdout == "2 documenten gecontroleerd: 0 fouten, 0 waarschuwingen\n")
    }

    @Test func contentErrorsExitOneWithSortedJSON() throws {
        let site = try FixtureSite(["Content/site.yml": FixtureSite.siteYML,
                                    "Content/gemeenten/arnhem.md": FixtureSite.gemeente,
                                    "Content/scholen/het-baken/veiligheidsplan.md": FixtureSite.plan(extra: "gemente: x\n")
                                        .replacingOccurrences(of: "brin: 12AB", with: "brin: 12ab")
                                        .replacingOccurrences(of: "## Toezicht\n\nTekst.\n", with: "")])
        defer { site.remove() }
        let result = try ProcessRunner.run(["check", "--root", site.root.path, "--today", "2026-11-29", "--format", "json"])
        #expect(result.status == 1)
        let object = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        let rows = diagnostics.map { "\($0["code"]!) \($0["line"]!):\($0["column"]!) \($0["severity"]!)" }
        #expect(rows == ["VIOS205 4:7 error", "VIOS204 18:1 warning", "VIOS301 38:1 error"])
        #expect(diagnostics.allSatisfy { $0["file"] as? String == "Content/scholen/het-baken/veiligheidsplan.md" })
        #expect(object["errors"] as? Int == 2)
        #expect(object["warnings"] as? Int == 1)
    }

    @Test func strictTurnsWarningsIntoFailure() throws {
        let site = try FixtureSite(["Content/site.yml": FixtureSite.siteYML,
                                    "Content/gemeenten/arnhem.md": FixtureSite.gemeente,
                                    "Content/scholen/het-baken/veiligheidsplan.md": FixtureSite.plan(monitoring: "2024-01-01")])
        defer { site.remove() }
        let relaxed = try ProcessRunner.run(["check", "--root", site.root.path, "--today", "2026-11-29"])
        #expect(relaxed.status == 0)
        #expect(relaxed.stdout.contains("waarschuwing VIOS603"))
        let strict = try ProcessRunner.run(["check", "--root", site.root.path, "--today", "2026-11-29", "--strict"])
        #expect(strict.status == 1)
        // VIOS_TODAY works like --today: a year earlier the measurement is recent.
        let earlier = try ProcessRunner.run(["check", "--root", site.root.path, "--strict"], environment: ["VIOS_TODAY": "2024-06-01"])
        #expect(earlier.status == 0, "\(earlier.stdout)")
    }

    @Test func textOutputShowsTheLineAndCaretWithoutColourWhenPiped() throws {
        let site = try FixtureSite(["Content/site.yml": FixtureSite.siteYML,
                                    "Content/gemeenten/arnhem.md": FixtureSite.gemeente,
                                    "Content/scholen/het-baken/veiligheidsplan.md": FixtureSite.plan()
                                        .replacingOccurrences(of: "onderwijs: vo", with: "onderwijs: v0")])
        defer { site.remove() }
        let result = try ProcessRunner.run(["check", "--root", site.root.path, "--today", "2026-11-29"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("Content/scholen/het-baken/veiligheidsplan.md:6:12: fout VIOS202: "))
        #expect(result.stdout.contains("bedoelt u 'vo'?"))
        #expect(result.stdout.contains("  6 | onderwijs: v0\n    |            ^\n"))
        #expect(!result.stdout.contains("\u{1B}["))
        let quiet = try ProcessRunner.run(["check", "--root", site.root.path, "--today", "2026-11-29", "--quiet"])
        #expect(!quiet.stdout.contains("gecontroleerd"))
        #expect(quiet.stdout.contains("  6 | onderwijs: v0\n    |            ^\n"))
        #expect(quiet.stdout.hasSuffix("\n") && !quiet.stdout.hasSuffix("\n\n"))
    }

    @Test func githubFormatAnnotates() throws {
        let site = try FixtureSite(["Content/site.yml": FixtureSite.siteYML,
                                    "Content/gemeenten/arnhem.md": FixtureSite.gemeente,
                                    "Content/scholen/het-baken/veiligheidsplan.md": FixtureSite.plan(extra: "gemente: x\n")])
        defer { site.remove() }
        let result = try ProcessRunner.run(["check", "--root", site.root.path, "--today", "2026-11-29", "--format", "github"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("::warning file=Content/scholen/het-baken/veiligheidsplan.md,line=18,col=1,title=VIOS204::onbekend veld 'gemente'"))
    }

    @Test func usageAndRootProblemsExitTwo() throws {
        let missing = try ProcessRunner.run(["check", "--root", "/nonexistent/vios-site"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("Content/"))
        #expect(!missing.stderr.contains("Fatal error"))
        let badDate = try ProcessRunner.run(["check", "--today", "gisteren"])
        #expect(badDate.status == 2)
        let badOption = try ProcessRunner.run(["check", "--no-such-option"])
        #expect(badOption.status == 2)
        let badFormat = try ProcessRunner.run(["check", "--format", "xml"])
        #expect(badFormat.status == 2)
    }
}
