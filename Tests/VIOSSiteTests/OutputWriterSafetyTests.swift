import Foundation
import Testing
@testable import VIOSSite
#if canImport(Glibc)
import Glibc
#endif

/// The swap and the cleanup of `OutputWriter` on their own (issue 7): the
/// previous output is never lost, leftovers of killed builds are put back
/// or removed, trees of live processes are left alone.
@Suite struct OutputWriterSafetyTests {
    /// An empty folder standing in for a site root.
    struct Folder {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vios-swap-\(UUID().uuidString)").path

        init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }

        func write(_ relative: String, _ text: String) throws {
            let url = URL(fileURLWithPath: path + "/" + relative)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }

        func read(_ relative: String) -> String? {
            FileManager.default.contents(atPath: path + "/" + relative).map { String(decoding: $0, as: UTF8.self) }
        }

        func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path + "/" + relative) }

        /// Names beside `Output` that belong to it (`.Output.…`).
        var leftovers: [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0.hasPrefix(".Output.") }.sorted()
        }

        /// Waits (up to 10 s) until the leftovers are exactly `expected`;
        /// trash is removed in the background.
        func leftovers(settlingOn expected: [String]) -> [String] {
            for _ in 0..<500 where leftovers != expected.sorted() { usleep(20_000) }
            return leftovers
        }

        func remove() { try? FileManager.default.removeItem(atPath: path) }
    }

    /// The pid of a process that has exited and been reaped.
    static func deadPID() throws -> pid_t {
        for _ in 0..<10 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/true")
            try process.run()
            process.waitUntilExit()
            let pid = process.processIdentifier
            if kill(pid, 0) != 0 && errno == ESRCH { return pid }
        }
        throw CancellationError()
    }

    @Test func leftoverNamesAreParsedStrictly() {
        let parse = { (entry: String) in OutputWriter.leftover(entry, outputName: "Output") }
        #expect(parse(".Output.tmp-123")! == (.temporary, 123))
        #expect(parse(".Output.old-45")! == (.previous, 45))
        #expect(parse(".Output.trash-k3x9-678")! == (.trash, 678))
        #expect(parse(".Output.trash-r-678")! == (.trash, 678))
        // Never pid 0 or negative (kill would signal a process group),
        // never a name of another output folder or a foreign file.
        for entry in [".Output.tmp-0", ".Output.tmp--5", ".Output.tmp-", ".Output.tmp-12a", ".Output.old-1-2",
                      ".Output.trash-12", ".Output.trash--12", ".Output.trash-a-b-12", ".Output.trash-é-12",
                      ".Output.old-foo.tmp-123", ".Outputs.tmp-123", "Output", ".Output.tmp-99999999999"] {
            #expect(parse(entry) == nil, "\(entry)")
        }
        // An output folder whose own name looks like a leftover.
        #expect(OutputWriter.leftover(".Output.old-foo.tmp-123", outputName: "Output.old-foo")! == (.temporary, 123))
    }

    /// A build killed between the two renames of the fallback leaves no
    /// Output/ and a complete `.Output.old-<pid>`: the next build puts it
    /// back instead of deleting it.
    @Test func staleOldFolderWithoutOutputIsPutBack() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let stale = ".Output.old-\(try Self.deadPID())"
        try folder.write(stale + "/index.html", "vorige site")
        try folder.write(stale + "/a/b.html", "dieper")
        var writer = try OutputWriter(root: folder.path, output: "Output")
        try writer.prepare()
        #expect(folder.read("Output/index.html") == "vorige site")
        #expect(folder.read("Output/a/b.html") == "dieper")
        #expect(folder.leftovers == [".Output.tmp-\(getpid())"])
        writer.discard()
        #expect(folder.leftovers == [])
        #expect(folder.read("Output/index.html") == "vorige site")
    }

    @Test func leftoversOfDeadBuildsGoAndThoseOfLiveProcessesStay() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let dead = try Self.deadPID()
        try folder.write("Output/index.html", "huidige site")
        // Of dead builds: a half-written tree, a previous output beside a
        // current one (killed while removing it), trash of a killed remover.
        for name in [".Output.tmp-\(dead)", ".Output.old-\(dead)", ".Output.trash-x1-\(dead)", ".Output.trash-r-\(dead)"] {
            try folder.write(name + "/index.html", "weg")
        }
        // Of live processes (pid 1 always exists) and of something else.
        let kept = [".Output.old-1", ".Output.tmp-1", ".Output.trash-r-1", ".Output.old-foo.tmp-\(dead)"]
        for name in kept { try folder.write(name + "/index.html", "blijft") }
        var writer = try OutputWriter(root: folder.path, output: "Output")
        try writer.prepare()
        writer.discard()
        #expect(folder.read("Output/index.html") == "huidige site")
        #expect(folder.leftovers(settlingOn: kept) == kept.sorted())
        for name in kept { #expect(folder.read(name + "/index.html") == "blijft") }
    }

    /// Both ways of swapping: the new tree in place, the old one gone
    /// (in the background) and nothing else left.
    @Test(arguments: [true, false])
    func commitReplacesTheOutputAndRemovesTheOldTree(atomicExchange: Bool) throws {
        let folder = try Folder()
        defer { folder.remove() }
        try folder.write("Output/index.html", "oud")
        try folder.write("Output/weg.html", "verdwijnt")
        var writer = try OutputWriter(root: folder.path, output: "Output")
        writer.atomicExchange = atomicExchange
        try writer.prepare()
        try writer.write("index.html", text: "nieuw")
        try writer.write("map/pagina.html", text: "ook nieuw")
        try writer.commit()
        #expect(folder.read("Output/index.html") == "nieuw")
        #expect(folder.read("Output/map/pagina.html") == "ook nieuw")
        #expect(!folder.exists("Output/weg.html"))
        #expect(folder.leftovers(settlingOn: []) == [])
    }

    #if os(Linux)
    /// `renameat2` is found at run time and swaps in one step (ext4, xfs,
    /// btrfs and tmpfs support RENAME_EXCHANGE).
    @Test func exchangeSwapsTwoFolders() throws {
        let folder = try Folder()
        defer { folder.remove() }
        try folder.write("a/eerste", "1")
        try folder.write("b/tweede", "2")
        #expect(AtomicSwap.exchange(folder.path + "/a", folder.path + "/b") == .done)
        #expect(folder.read("a/tweede") == "2")
        #expect(folder.read("b/eerste") == "1")
        #expect(AtomicSwap.exchange(folder.path + "/a", folder.path + "/c") == .missing)
        #expect(AtomicSwap.moveWithoutReplacing(folder.path + "/a", folder.path + "/b") == .failed(EEXIST))
        #expect(AtomicSwap.moveWithoutReplacing(folder.path + "/a", folder.path + "/c") == .done)
        #expect(folder.read("c/tweede") == "2")
    }
    #endif

    @Test func firstCommitWithoutOutput() throws {
        let folder = try Folder()
        defer { folder.remove() }
        var writer = try OutputWriter(root: folder.path, output: "Output")
        try writer.prepare()
        try writer.write("index.html", text: "eerste")
        try writer.commit()
        #expect(folder.read("Output/index.html") == "eerste")
        #expect(folder.leftovers == [])
    }

    /// The background remover renames the trash to a name with its own
    /// pid, so a later build sees it alive and leaves it alone.
    @Test func backgroundRemovalRemovesTheTree() throws {
        let folder = try Folder()
        defer { folder.remove() }
        for i in 0..<200 { try folder.write(".Output.trash-t-\(getpid())/d\(i % 7)/f\(i).html", "x") }
        TreeRemover.removeInBackground(folder.path + "/.Output.trash-t-\(getpid())",
                                       renamingWithPrefix: folder.path + "/.Output.trash-r-")
        #expect(folder.leftovers(settlingOn: []) == [])
    }
}
