import Foundation
import VIOSCore

/// Runs the real `vios check --format json` on a one-document site.
enum BinaryCheck {
    /// The `vios` binary next to the test bundle (same build folder), or
    /// nil when it was not built.
    static let executable: URL? = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("vios")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }()

    /// Problems with the binary's behaviour on this site; `files` maps
    /// paths below the site root to their bytes.
    static func problems(files: [String: [UInt8]], timeout: Double = 60) -> [String] {
        guard let executable else { return [] }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("vios-fuzz-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        do {
            for (path, bytes) in files {
                let url = root.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url)
            }
        } catch {
            return []  // a path the file system refuses is not vios's problem
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["check", "--root", root.path, "--today", "2026-03-01", "--format", "json"]
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "VIOS_TODAY")
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return ["could not start vios: \(error)"] }
        nonisolated(unsafe) var errData = Data()
        let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        while !reader.isFinished { usleep(1000) }
        var problems: [String] = []
        let stderr = String(decoding: errData, as: UTF8.self)
        if process.terminationReason == .uncaughtSignal {
            problems.append("vios died of signal \(process.terminationStatus) (timeout \(Int(timeout)) s); stderr: \(stderr.prefix(300))")
            return problems
        }
        if ![0, 1].contains(process.terminationStatus) {
            problems.append("vios exited \(process.terminationStatus); stderr: \(stderr.prefix(300))")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: outData)) as? [String: Any] else {
            problems.append("stdout is not one JSON object: \(String(decoding: outData.prefix(300), as: UTF8.self))")
            return problems
        }
        guard let diagnostics = object["diagnostics"] as? [[String: Any]], object["version"] as? Int == 1,
              let errors = object["errors"] as? Int, object["warnings"] is Int else {
            problems.append("JSON lacks version, errors, warnings or diagnostics")
            return problems
        }
        if (errors > 0) != (process.terminationStatus == 1) {
            problems.append("exit \(process.terminationStatus) with \(errors) errors")
        }
        for d in diagnostics {
            guard let file = d["file"] as? String, let line = d["line"] as? Int, let column = d["column"] as? Int,
                  let code = d["code"] as? String, let message = d["message"] as? String, d["severity"] is String else {
                problems.append("diagnostic without file, line, column, code, severity or message: \(d)")
                continue
            }
            guard let bytes = files[file] else {
                // Listing findings (a folder, a symlink) name paths, not files.
                if !file.hasPrefix("Content") { problems.append("\(code) names \(file), outside Content/") }
                continue
            }
            var lines = Invariants.FileLines(bytes: bytes)
            if line < 1 || line > lines.count + 1 || column < 1
                || column > (line <= lines.count ? lines.length(line) : 0) + 1 {
                problems.append("\(code) at \(file):\(line):\(column) is outside the file")
            }
            if message.isEmpty { problems.append("\(code) without a message") }
        }
        return problems
    }
}
