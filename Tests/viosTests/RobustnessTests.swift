import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 7 through the real binary: hostile files and names never crash,
/// hang, leave the site or publish personal data.
@Suite(.serialized)
struct RobustnessTests {
    static let today = "2026-11-29"

    /// `vios` with a deadline: a hang is a failure, not a stuck test run.
    static func run(_ arguments: [String], timeout: Double = 30, measureMemory: Bool = false) throws
        -> (status: Int32, stdout: String, stderr: String, seconds: Double, peakKB: Int?) {
        let process = Process()
        var arguments = arguments
        let time = "/usr/bin/time"
        let measuring = measureMemory && FileManager.default.isExecutableFile(atPath: time)
        if measuring {
            process.executableURL = URL(fileURLWithPath: time)
            arguments = ["-v", ProcessRunner.executable.path] + arguments
        } else {
            process.executableURL = ProcessRunner.executable
        }
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "VIOS_TODAY")
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let start = Date()
        try process.run()
        nonisolated(unsafe) var errData = Data()
        let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let watchdog = DispatchWorkItem { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        while !reader.isFinished { usleep(1_000) }
        let stderr = String(decoding: errData, as: UTF8.self)
        var peak: Int?
        if measuring, let line = stderr.split(separator: "\n").first(where: { $0.contains("Maximum resident set size") }) {
            peak = Int(line.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "")
        }
        var status = process.terminationStatus
        if measuring, let line = stderr.split(separator: "\n").first(where: { $0.contains("Exit status:") }) {
            status = Int32(line.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "") ?? status
        }
        if process.terminationReason == .uncaughtSignal || stderr.contains("Command terminated by signal") { status = -1 }
        return (status, String(decoding: outData, as: UTF8.self), stderr, Date().timeIntervalSince(start), peak)
    }

    static func json(_ stdout: String) throws -> (object: [String: Any], rows: [String]) {
        let object = try #require(JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        let rows = diagnostics.map { "\($0["file"]!) \($0["code"]!) \($0["line"]!):\($0["column"]!)" }
        return (object, rows)
    }

    static func baseSite(_ extra: [String: String] = [:]) throws -> FixtureSite {
        var files = ["Content/site.yml": FixtureSite.siteYML,
                     "Content/gemeenten/arnhem.md": FixtureSite.gemeente,
                     "Content/scholen/het-baken/veiligheidsplan.md": FixtureSite.plan()]
        for (path, text) in extra { files[path] = text }
        return try FixtureSite(files)
    }

    static let handreiking = """
        ---
        type: handreiking
        titel: Vapes
        themas: [vapes]
        bijgewerkt: 2026-06-01
        ---
        ## Casus

        Een casus.

        ## Signalen

        Signalen.

        ## Handelingsperspectief

        Handelen.

        ## Partners

        Partners.

        """

    // MARK: Symlinks, loops, pipes

    @Test func symlinksOutOfTheSiteAreNeitherReadNorPublished() throws {
        let outside = try FixtureSite(["geheim.md": Self.handreiking + "\nBSN 123456782\n", "foto.jpg": "JPEG"])
        defer { outside.remove() }
        let site = try Self.baseSite(["Content/handreikingen/vapes.md": Self.handreiking + "\n![foto](../img/lek.jpg)\n"])
        defer { site.remove() }
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: site.root.path + "/Content/handreikingen/geheim.md",
                                  withDestinationPath: outside.root.path + "/geheim.md")
        try fm.createDirectory(atPath: site.root.path + "/Content/img", withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: site.root.path + "/Content/img/lek.jpg", withDestinationPath: outside.root.path + "/foto.jpg")
        let check = try Self.run(["check", "--root", site.root.path, "--today", Self.today, "--format", "json"])
        #expect(check.status == 1)
        let rows = try Self.json(check.stdout).rows
        #expect(rows.contains("Content/handreikingen/geheim.md VIOS105 1:1"))
        #expect(rows.contains("Content/img/lek.jpg VIOS105 1:1"))
        #expect(!rows.contains { $0.contains("VIOS501") }, "the file behind the link was read: \(rows)")
        let build = try Self.run(["build", "--root", site.root.path, "--today", Self.today, "--quiet"])
        #expect(build.status == 1)
        #expect(!fm.fileExists(atPath: site.root.path + "/Output/img/lek.jpg"))
    }

    @Test func symlinkLoopsAndNamedPipesNeitherHangNorCrash() throws {
        let site = try Self.baseSite()
        defer { site.remove() }
        try FileManager.default.createSymbolicLink(atPath: site.root.path + "/Content/gemeenten/lus", withDestinationPath: "..")
        #expect(mkfifo(site.root.path + "/Content/gemeenten/pijp.md", 0o600) == 0)
        #expect(mkfifo(site.root.path + "/Content/pijp.jpg", 0o600) == 0)
        let check = try Self.run(["check", "--root", site.root.path, "--today", Self.today, "--format", "json"], timeout: 20)
        #expect(check.status == 1, "\(check.stderr)")
        #expect(check.seconds < 20)
        let rows = try Self.json(check.stdout).rows
        #expect(rows == ["Content/gemeenten/lus VIOS101 1:1", "Content/gemeenten/pijp.md VIOS101 1:1", "Content/pijp.jpg VIOS101 1:1"])
        let build = try Self.run(["build", "--root", site.root.path, "--today", Self.today, "--quiet"], timeout: 20)
        #expect(build.status == 1)
    }

    // MARK: Names

    @Test func oddFileNamesGetASlugDiagnosticNotACrash() throws {
        let site = try Self.baseSite(["Content/gemeenten/Den Haag.md": FixtureSite.gemeente,
                                      "Content/gemeenten/Zoë.md": FixtureSite.gemeente,
                                      "Content/gemeenten/ARNHEM.md": FixtureSite.gemeente,
                                      "Content/gemeenten/a,b:c.md": FixtureSite.gemeente,
                                      "Content/scholen/De Linde/veiligheidsplan.md": FixtureSite.plan(),
                                      "Content/Handreikingen/vapes.md": Self.handreiking])
        defer { site.remove() }
        let check = try Self.run(["check", "--root", site.root.path, "--today", Self.today, "--format", "json"])
        #expect(check.status == 1)
        let (object, rows) = try Self.json(check.stdout)
        #expect(rows == ["Content/Handreikingen/vapes.md VIOS202 2:7",
                         "Content/gemeenten/ARNHEM.md VIOS202 1:1",
                         "Content/gemeenten/Den Haag.md VIOS202 1:1",
                         "Content/gemeenten/Zoë.md VIOS202 1:1",
                         "Content/gemeenten/a,b:c.md VIOS202 1:1",
                         "Content/scholen/De Linde/veiligheidsplan.md VIOS202 1:1"])
        let messages = (object["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
        #expect(messages.contains("bestandsnaam 'Zoë' is geen geldige slug: gebruik alleen kleine letters a-z, cijfers en '-'; hernoem naar 'zoe'"))
        #expect(messages.contains("mapnaam 'De Linde' is geen geldige slug: gebruik alleen kleine letters a-z, cijfers en '-'; hernoem naar 'de-linde'"))
        #expect(messages[0].hasSuffix("niet in Content/Handreikingen/; hernoem of verplaats de map"))
        // The other formats print the names too.
        let text = try Self.run(["check", "--root", site.root.path, "--today", Self.today])
        #expect(text.stdout.contains("Content/gemeenten/Den Haag.md:1:1: fout VIOS202: bestandsnaam 'Den Haag'"))
        let github = try Self.run(["check", "--root", site.root.path, "--today", Self.today, "--format", "github"])
        #expect(github.stdout.contains("::error file=Content/gemeenten/a%2Cb%3Ac.md,line=1,col=1,title=VIOS202::"))
    }

    // MARK: Links and images that climb out

    @Test func linksAndImagesOutOfTheSiteAreErrorsAndNothingIsCopied() throws {
        let targets = ["../../../../etc/passwd", "/etc/passwd", "file:///etc/passwd", "%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                       "..%2F..%2F..%2F..%2Fetc%2Fpasswd", "../../Package.swift", "FILE:/etc/passwd"]
        var body = "\n"
        for target in targets { body += "Zie [dit](\(target)) en ![dat](\(target.replacingOccurrences(of: "passwd", with: "hostname"))).\n\n" }
        let site = try Self.baseSite(["Content/handreikingen/vapes.md": Self.handreiking + body])
        defer { site.remove() }
        let check = try Self.run(["check", "--root", site.root.path, "--today", Self.today, "--format", "json"])
        #expect(check.status == 1)
        let rows = try Self.json(check.stdout).rows
        // Every link and every image is reported: VIOS402 (outside), VIOS404
        // (image outside) or VIOS702 (file: scheme).
        #expect(rows.count == 2 * targets.count, "\(rows)")
        #expect(rows.allSatisfy { $0.contains("VIOS402") || $0.contains("VIOS404") || $0.contains("VIOS702") })
        let build = try Self.run(["build", "--root", site.root.path, "--today", Self.today, "--quiet"])
        #expect(build.status == 1)
        #expect(!FileManager.default.fileExists(atPath: site.root.path + "/Output"))
    }

    // MARK: Resource limits

    @Test func documentOverTheSizeLimitIsRefusedAtItsFirstLineWithoutReadingIt() throws {
        let site = try Self.baseSite()
        defer { site.remove() }
        // 50 MB, sparse: reading it would cost 50 MB; vios must only stat it.
        let path = site.root.path + "/Content/handreikingen/groot.md"
        try FileManager.default.createDirectory(atPath: site.root.path + "/Content/handreikingen", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: path, contents: Data("---\n".utf8))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 50 * 1_048_576)
        try handle.close()
        let check = try Self.run(["check", "--root", site.root.path, "--today", Self.today, "--format", "json"], measureMemory: true)
        #expect(check.status == 1)
        let (object, rows) = try Self.json(check.stdout)
        #expect(rows == ["Content/handreikingen/groot.md VIOS101 1:1"])
        let message = (object["diagnostics"] as? [[String: Any]])?.first?["message"] as? String
        #expect(message == "bestand is te groot om te controleren (50,0 MB; maximaal 20 MB): splits het document of haal grote ingeplakte inhoud eruit")
        if let peak = check.peakKB {
            print("robustness: vios check with a 50 MB document: peak RSS \(peak / 1024) MB")
            #expect(peak < 100 * 1024)
        }
    }

    @Test func yamlBombsAndDeepNestingAreRejectedQuickly() throws {
        var bomb = "---\ntype: handreiking\na0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        for level in 1...9 { bomb += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]\n" }
        bomb += "? *a9\n: x\n---\nTekst.\n"
        let deep = "---\ntype: handreiking\nx: " + String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000) + "\n---\nTekst.\n"
        let nested = "---\ntype: handreiking\n---\n" + String(repeating: "> - ", count: 20_000) + "x\n" + String(repeating: ">\n", count: 20_000)
        let site = try Self.baseSite(["Content/handreikingen/bom.md": bomb, "Content/handreikingen/diep.md": deep,
                                      "Content/handreikingen/genest.md": nested])
        defer { site.remove() }
        let check = try Self.run(["check", "--root", site.root.path, "--today", Self.today, "--format", "json"], timeout: 20)
        #expect(check.status == 1)
        #expect(check.seconds < 20)
        let rows = try Self.json(check.stdout).rows
        #expect(rows.contains("Content/handreikingen/bom.md VIOS102 2:1"))
        // Past libyaml's own 1,000 levels its scanner stops first, at the value.
        #expect(rows.contains("Content/handreikingen/diep.md VIOS102 3:5"))
        #expect(check.stdout.contains("te diep genest (meer dan 32 niveaus"))
        #expect(rows.contains("Content/handreikingen/genest.md VIOS101 4:1"))
    }

    // MARK: Privacy is a release gate

    @Test(arguments: [
        ("Content/handreikingen/vapes.md", "body", false),
        ("Content/handreikingen/vapes.md", "body", true),
        ("Content/handreikingen/vapes.md", "titel", false),
        ("Content/site.yml", "beschrijving", false),
        ("Content/site.yml", "beschrijving", true),
    ])
    func personalDataStopsTheBuildWhateverStrictSays(file: String, place: String, strict: Bool) throws {
        let site = try Self.baseSite(["Content/handreikingen/vapes.md": Self.handreiking])
        defer { site.remove() }
        let clean = try Self.run(["build", "--root", site.root.path, "--today", Self.today, "--quiet"])
        #expect(clean.status == 0, "\(clean.stderr)")
        let index = site.root.appendingPathComponent("Output/index.html")
        let before = try Data(contentsOf: index)
        var text = try String(contentsOf: site.root.appendingPathComponent(file), encoding: .utf8)
        switch place {
        case "body": text += "\nDe leerling met BSN 123456782 en rekening NL91 ABNA 0417 1643 00.\n"
        case "titel": text = text.replacingOccurrences(of: "titel: Vapes", with: "titel: Vapes bij NL91ABNA0417164300")
        default: text += "beschrijving: Contact via BSN 123456782\n"
        }
        try Data(text.utf8).write(to: site.root.appendingPathComponent(file))
        let build = try Self.run(["build", "--root", site.root.path, "--today", "2026-12-01", "--format", "json"]
                                 + (strict ? ["--strict"] : []))
        #expect(build.status == 1)
        let rows = try Self.json(build.stdout).rows
        #expect(rows.contains { $0.hasPrefix(file) && ($0.contains("VIOS501") || $0.contains("VIOS504")) }, "\(rows)")
        #expect(try Data(contentsOf: index) == before, "Output/ changed")
        #expect(!(String(data: try Data(contentsOf: index), encoding: .utf8) ?? "").contains("123456782"))
    }

    // MARK: 100,000 documents (opt-in: VIOS_SCALE_TEST=1, run by `make fuzz`)

    @Test func hundredThousandDocumentsAreCheckedWithinMemory() throws {
        guard ProcessInfo.processInfo.environment["VIOS_SCALE_TEST"] == "1" else { return }
        let count = Int(ProcessInfo.processInfo.environment["VIOS_SCALE_DOCUMENTS"] ?? "") ?? 100_000
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("vios-scale-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("Content/handreikingen")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(FixtureSite.siteYML.utf8).write(to: root.appendingPathComponent("Content/site.yml"))
        for index in 0..<count {
            let text = Self.handreiking.replacingOccurrences(of: "titel: Vapes", with: "titel: Handreiking \(index)")
                + "Zie ook [de vorige](h\(max(0, index - 1)).md).\n"
            try Data(text.utf8).write(to: folder.appendingPathComponent("h\(index).md"))
        }
        let check = try Self.run(["check", "--root", root.path, "--today", Self.today, "--format", "json"], timeout: 1_800,
                                 measureMemory: true)
        #expect(check.status == 0, "\(check.stderr.suffix(500))")
        let object = try Self.json(check.stdout).object
        #expect(object["documents"] as? Int == count)
        print(String(format: "robustness: vios check of %d documents: %.1f s, peak RSS %@", count, check.seconds,
                     check.peakKB.map { "\($0 / 1024) MB" } ?? "not measured"))
        // A 19 MB document (under the limit): the largest that is parsed.
        let big = root.appendingPathComponent("Content/handreikingen/groot.md")
        var text = Self.handreiking
        while text.utf8.count < 19 * 1_048_576 { text += "Een alinea met [een link](h1.md), *nadruk* en wat tekst erbij.\n\n" }
        try Data(text.utf8).write(to: big)
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: big)
        try Data(Self.handreiking.utf8).write(to: folder.appendingPathComponent("h1.md"))
        let one = try Self.run(["check", "--root", root.path, "--today", Self.today, "--format", "json"], timeout: 600,
                               measureMemory: true)
        #expect(one.status == 0, "\(one.stdout.prefix(500))")
        print(String(format: "robustness: vios check of one 19 MB document: %.1f s, peak RSS %@", one.seconds,
                     one.peakKB.map { "\($0 / 1024) MB" } ?? "not measured"))
    }
}
