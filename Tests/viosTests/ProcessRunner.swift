import Foundation

/// Runs the built `vios` executable as a user or CI would.
struct ProcessRunner {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `vios` binary next to the test bundle (same build folder).
    static var executable: URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("vios")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/vios")
    }

    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "VIOS_TODAY")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes before waiting so a full pipe cannot block the child.
        nonisolated(unsafe) var errData = Data()
        let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { usleep(1000) }
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A throwaway site folder.
struct FixtureSite {
    let root: URL

    init(_ files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("vios-e2e-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    static let siteYML = "titel: Test\nbase-url: https://kennisbank.example.nl/\n"

    static let gemeente = """
    ---
    type: gemeente
    titel: VIOS-Arnhem
    naam: Arnhem
    elementen: [kernteam, convenant]
    fase: uitvoering
    ---
    ## Aanpak

    Kernteams per school.
    """

    static func plan(extra: String = "", monitoring: String = "2026-03-01") -> String {
        """
        ---
        type: veiligheidsplan
        school: Het Baken
        brin: 12AB
        gemeente: arnhem
        onderwijs: vo
        structuur: sass
        vastgesteld: 2025-09-01
        volgende-evaluatie: 2027-09-01
        contacten:
          - rol: anti-pestcoordinator
            naam: A. Jansen
          - rol: aanspreekpunt-pesten
            naam: B. de Vries
        monitoring:
          instrument: Monitor sociale veiligheid
          laatste-meting: \(monitoring)
        \(extra)---
        Inleiding.

        ## Doel, visie en kernwaarden

        Tekst.

        ## Sociale veiligheid en medewerkers

        Tekst.

        ## Sociale veiligheid en leerlingen

        Tekst.

        ## Sociale veiligheid en zorgstructuur school

        Tekst.

        ## Monitoring

        Tekst.

        ## Toezicht

        Tekst.

        """
    }
}
