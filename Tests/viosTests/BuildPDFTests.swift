import Foundation
import Testing

/// `vios build --pdf` as a process (issue 6): a PDF per factsheet printed by
/// headless Chromium, linked from the factsheet and the school page, reused
/// from `.vios-cache/pdf` while the factsheet does not change.
@Suite(.serialized)
struct BuildPDFTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The browser vios would find (same names, same order).
    static let chromium: String? = {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        return nil
    }()

    static let protocolText = """
        ---
        type: incidentprotocol
        school: het-baken
        vastgesteld: 2025-09-01
        volgende-evaluatie: 2027-09-01
        escalatie:
          - {situatie: Acuut gevaar, actie: Bel 112, wie: Iedere medewerker, contact: "112"}
          - {situatie: Zorgen over thuis, actie: Raadpleeg Veilig Thuis, wie: Zorgcoördinator, contact: 0800-2000}
        ---
        Inleiding.

        ## Doel en reikwijdte

        Tekst.

        ## Melden

        Tekst.

        ## Direct handelen

        Tekst.

        ## Informeren

        Tekst.

        ## Registreren

        Tekst.

        ## Nazorg

        Tekst.

        ## Evaluatie

        Tekst.

        """

    /// A small site with one school and the repository's theme.
    static func fixture() throws -> FixtureSite {
        let site = try FixtureSite(["Content/site.yml": FixtureSite.siteYML,
                                    "Content/gemeenten/arnhem.md": FixtureSite.gemeente,
                                    "Content/scholen/het-baken/veiligheidsplan.md": FixtureSite.plan(),
                                    "Content/scholen/het-baken/incidentprotocol.md": protocolText])
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Templates"),
                                         to: site.root.appendingPathComponent("Templates"))
        return site
    }

    static func read(_ site: FixtureSite, _ path: String) -> Data? {
        FileManager.default.contents(atPath: site.root.appendingPathComponent(path).path)
    }

    static func cacheEntries(_ site: FixtureSite) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: site.root.appendingPathComponent(".vios-cache/pdf").path)) ?? [])
            .filter { $0.hasSuffix(".pdf") }.sorted()
    }

    @Test(.enabled(if: chromium != nil, "Chromium staat niet op het PATH: de PDF-factsheets zijn niet getest"))
    func buildPrintsLinksAndReusesPDFs() throws {
        let site = try Self.fixture()
        defer { site.remove() }
        let build = ["build", "--root", site.root.path, "--today", "2026-01-15", "--pdf"]
        let first = try ProcessRunner.run(build, environment: ["VIOS_CHROMIUM": ""])
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")

        let pdf = try #require(Self.read(site, "Output/factsheets/het-baken.pdf"))
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
        let text = String(decoding: pdf, as: UTF8.self)
        #expect(text.contains("/StructTreeRoot"), "tagged PDF")
        #expect(text.contains("/Outlines"), "document outline")
        #expect(text.contains("/Lang (nl)"))
        #expect(text.contains("(Factsheet Het Baken | Test)"), "title")
        #expect(text.contains("/CreationDate (D:20260115000000+00'00')"), "dated with --today")
        #expect(!text.contains("file://"), "no links into the build folder")

        let factsheet = String(decoding: try #require(Self.read(site, "Output/factsheets/het-baken.html")), as: UTF8.self)
        #expect(factsheet.contains(#"href="../factsheets/het-baken.pdf" type="application/pdf">Download als PDF</a>"#))
        let school = String(decoding: try #require(Self.read(site, "Output/scholen/het-baken/index.html")), as: UTF8.self)
        #expect(school.contains(#"href="../../factsheets/het-baken.pdf" type="application/pdf">Download als PDF</a>"#))

        // Unchanged factsheet: the cached PDF is reused, not printed again.
        let entries = Self.cacheEntries(site)
        #expect(entries.count == 1)
        let cached = site.root.appendingPathComponent(".vios-cache/pdf/" + entries[0])
        let marker = Data("%PDF-1.7\n% uit de cache\n%%EOF\n".utf8)
        try marker.write(to: cached)
        let second = try ProcessRunner.run(build)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(Self.read(site, "Output/factsheets/het-baken.pdf") == marker)

        // A changed factsheet is printed again; the stale entry goes.
        try Data(FixtureSite.plan().replacingOccurrences(of: "A. Jansen", with: "C. Jansen").utf8)
            .write(to: site.root.appendingPathComponent("Content/scholen/het-baken/veiligheidsplan.md"))
        let third = try ProcessRunner.run(build)
        #expect(third.status == 0, "\(third.stderr)")
        let reprinted = try #require(Self.read(site, "Output/factsheets/het-baken.pdf"))
        #expect(reprinted != marker && reprinted.starts(with: Array("%PDF-".utf8)))
        #expect(String(decoding: reprinted, as: UTF8.self).contains("/StructTreeRoot"))
        let after = Self.cacheEntries(site)
        #expect(after.count == 1 && after != entries)
    }

    @Test func withoutPDFThereIsNoPDFLink() throws {
        let site = try Self.fixture()
        defer { site.remove() }
        let result = try ProcessRunner.run(["build", "--root", site.root.path, "--today", "2026-01-15"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.read(site, "Output/factsheets/het-baken.pdf") == nil)
        let factsheet = String(decoding: try #require(Self.read(site, "Output/factsheets/het-baken.html")), as: UTF8.self)
        #expect(!factsheet.contains("Download als PDF"))
    }

    @Test func missingChromiumIsAClearErrorAndExitTwo() throws {
        let site = try Self.fixture()
        defer { site.remove() }
        let result = try ProcessRunner.run(["build", "--root", site.root.path, "--today", "2026-01-15", "--pdf"],
                                           environment: ["PATH": "/nonexistent", "VIOS_CHROMIUM": ""])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Chromium niet gevonden"), "\(result.stderr)")
        #expect(Self.read(site, "Output/index.html") == nil)
    }

    @Test func aBrowserThatFailsLeavesOutputUntouched() throws {
        let site = try Self.fixture()
        defer { site.remove() }
        let plain = try ProcessRunner.run(["build", "--root", site.root.path, "--today", "2026-01-15"])
        #expect(plain.status == 0)
        let before = try #require(Self.read(site, "Output/factsheets/het-baken.html"))
        // `false` starts and exits at once: printing fails, the build too.
        let failing = try ProcessRunner.run(["build", "--root", site.root.path, "--today", "2026-01-15", "--pdf"],
                                            environment: ["VIOS_CHROMIUM": "/bin/false"])
        #expect(failing.status == 2)
        #expect(failing.stderr.contains("PDF-factsheets maken mislukt"), "\(failing.stderr)")
        #expect(Self.read(site, "Output/factsheets/het-baken.html") == before)
        #expect(Self.read(site, "Output/factsheets/het-baken.pdf") == nil)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".Output") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }
}
