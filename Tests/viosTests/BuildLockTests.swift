import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Two builds into one output folder must not corrupt each other: the
/// second is refused with a clear message and the output is untouched.
@Suite(.serialized)
struct BuildLockTests {
    @Test func secondBuildIsRefusedWhileTheFirstHoldsTheLock() throws {
        let site = try FixtureSite(["Content/site.yml": FixtureSite.siteYML,
                                    "Content/gemeenten/arnhem.md": FixtureSite.gemeente,
                                    "Content/scholen/het-baken/veiligheidsplan.md": FixtureSite.plan()])
        defer { site.remove() }
        let first = try ProcessRunner.run(["build", "--root", site.root.path, "--today", "2026-11-29", "--quiet"])
        #expect(first.status == 0, "\(first.stderr)")
        let index = site.root.appendingPathComponent("Output/index.html")
        let before = try Data(contentsOf: index)

        // Play the running build: hold the lock beside Output/.
        // The lock file is named after the output folder's absolute path.
        let cache = site.root.appendingPathComponent(".vios-cache").path
        let names = try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.hasPrefix("build-") && $0.hasSuffix(".lock") }
        #expect(names.count == 1)
        let lockPath = cache + "/" + (names.first ?? "missing")
        let fd = open(lockPath, O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0)
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let second = try ProcessRunner.run(["build", "--root", site.root.path, "--today", "2026-12-01"])
        #expect(second.status == 2)
        #expect(second.stderr.contains("er draait al een andere vios build"))
        #expect(try Data(contentsOf: index) == before)

        // Once the first is done, building works again.
        flock(fd, LOCK_UN)
        close(fd)
        let third = try ProcessRunner.run(["build", "--root", site.root.path, "--today", "2026-12-01", "--quiet"])
        #expect(third.status == 0, "\(third.stderr)")
    }

    @Test func killedBuildLeavesOutputComplete() throws {
        let site = try FixtureSite(["Content/site.yml": FixtureSite.siteYML,
                                    "Content/gemeenten/arnhem.md": FixtureSite.gemeente,
                                    "Content/scholen/het-baken/veiligheidsplan.md": FixtureSite.plan()])
        defer { site.remove() }
        let first = try ProcessRunner.run(["build", "--root", site.root.path, "--today", "2026-11-29", "--quiet"])
        #expect(first.status == 0)
        let output = site.root.appendingPathComponent("Output")
        let snapshot = try Self.tree(output)
        // Kill builds at spread-out moments; Output/ must be the old tree or
        // a complete new one (same input, so byte-identical), never partial.
        for delay in [0, 2_000, 5_000, 10_000, 20_000, 40_000, 80_000] as [UInt32] {
            let process = Process()
            process.executableURL = ProcessRunner.executable
            process.arguments = ["build", "--root", site.root.path, "--today", "2026-11-29", "--quiet", "--no-cache"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(try Self.tree(output) == snapshot, "after SIGKILL at \(delay) µs")
        }
        let again = try ProcessRunner.run(["build", "--root", site.root.path, "--today", "2026-11-29", "--quiet"])
        #expect(again.status == 0)
        #expect(try Self.tree(output) == snapshot)
    }

    /// Relative path → bytes of every file below `url`.
    static func tree(_ url: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: url.path) else { return out }
        while let relative = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = url.path + "/" + relative
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                out[relative] = try Data(contentsOf: URL(fileURLWithPath: path))
            }
        }
        return out
    }
}
