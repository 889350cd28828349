import Foundation
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 7: killing `vios build` at any moment leaves Output/ as it was
/// (or complete and new); an unwritable site folder or a full disk gives a
/// diagnostic and exit 2 with the old Output/ intact. End to end, through
/// the built binary, on a copy of the demo site.
@Suite(.serialized)
struct OutputSafetyTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func demoSite() throws -> FixtureSite {
        let site = try FixtureSite([:])
        try FileManager.default.createDirectory(at: site.root, withIntermediateDirectories: true)
        // Contents only, not owners or modes: copyItem fails for a user
        // other than the checkout's owner.
        for folder in ["Content", "Templates"] {
            let source = packageRoot.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(atPath: source.path) else { continue }
            while let relative = walker.nextObject() as? String {
                let from = source.appendingPathComponent(relative)
                let to = site.root.appendingPathComponent(folder).appendingPathComponent(relative)
                if (try? from.resourceValues(forKeys: [.isDirectoryKey]))?.isDirectory == true {
                    try FileManager.default.createDirectory(at: to, withIntermediateDirectories: true)
                } else {
                    try FileManager.default.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try Data(contentsOf: from).write(to: to)
                }
            }
        }
        return site
    }

    static func build(_ site: FixtureSite, today: String, _ extra: [String] = [],
                      environment: [String: String] = [:]) throws -> ProcessRunner.Output {
        try ProcessRunner.run(["build", "--root", site.root.path, "--today", today, "--quiet"] + extra,
                              environment: environment)
    }

    // MARK: snapshots

    enum Entry: Equatable {
        case folder
        case file(Data)
        case link(String)
    }

    /// Everything below a folder (relative path → kind and bytes), and
    /// the identity (inode) of the folder itself: equal snapshots mean
    /// the same tree, byte for byte, and not even swapped for a copy.
    struct Snapshot: Equatable {
        var inode: UInt64
        var entries: [String: Entry]

        var files: [String: Data] {
            entries.compactMapValues { if case .file(let data) = $0 { data } else { nil } }
        }
    }

    static func snapshot(_ url: URL) throws -> Snapshot {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return Snapshot(inode: 0, entries: [:]) }
        var entries: [String: Entry] = [:]
        func walk(_ relative: String) throws {
            let path = relative.isEmpty ? url.path : url.path + "/" + relative
            for name in try FileManager.default.contentsOfDirectory(atPath: path) {
                let child = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard lstat(url.path + "/" + child, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    entries[child] = .folder
                    try walk(child)
                case S_IFLNK:
                    entries[child] = .link(try FileManager.default.destinationOfSymbolicLink(atPath: url.path + "/" + child))
                default:
                    entries[child] = .file(try Data(contentsOf: URL(fileURLWithPath: url.path + "/" + child)))
                }
            }
        }
        try walk("")
        return Snapshot(inode: UInt64(info.st_ino), entries: entries)
    }

    /// Names beside Output/ that belong to it: `.Output.tmp-…`,
    /// `.Output.old-…`, `.Output.trash-…`.
    static func leftovers(_ site: FixtureSite) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: site.root.path)) ?? []).filter { $0.hasPrefix(".Output") }.sorted()
    }

    /// The old tree is removed in the background: wait up to `seconds`.
    static func leftoversAfterCleanup(_ site: FixtureSite, seconds: Double = 10) -> [String] {
        let deadline = Date().addingTimeInterval(seconds)
        while !leftovers(site).isEmpty && Date() < deadline { usleep(20_000) }
        return leftovers(site)
    }

    /// Runs a shell script with the `vios` binary as `$0` and `arguments`
    /// as `$@`; returns exit status and stderr.
    static func shell(_ script: String, _ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, ProcessRunner.executable.path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "VIOS_TODAY")
        process.environment = environment
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// `vios` under a file-size limit of one 512-byte block, with SIGXFSZ
    /// ignored so that write() fails with EFBIG, as on a full disk, instead
    /// of the signal killing the process.
    static let underFileSizeLimit = #"trap '' XFSZ; ulimit -f 1 || exit 97; exec "$0" "$@""#

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

    // MARK: (a) unwritable site folder

    /// Output/ cannot get a temporary folder beside it: exit 2, a Dutch
    /// diagnostic, Output/ not touched, nothing left behind.
    static func refusedTemporaryFolder(lock: (URL) throws -> Void, unlock: (URL) -> Void, expecting reason: String) throws {
        let site = try demoSite()
        defer { site.remove() }
        let first = try build(site, today: "2026-01-15")
        try #require(first.status == 0, "\(first.stderr)")
        let output = site.root.appendingPathComponent("Output")
        let before = try snapshot(output)
        #expect(before.files.count > 70)
        try lock(site.root)
        defer { unlock(site.root) }
        let refused = try build(site, today: "2026-02-20")
        unlock(site.root)
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(refused.stderr.contains("vios: fout: kan de tijdelijke map"), "\(refused.stderr)")
        #expect(refused.stderr.contains(reason), "\(refused.stderr)")
        #expect(refused.stderr.contains("Output/ is niet veranderd"), "\(refused.stderr)")
        #expect(try snapshot(output) == before)
        #expect(leftovers(site) == [])
    }

    @Test(.enabled(if: geteuid() != 0, "als root gelden de maprechten niet; zie immutableSiteFolderAsRoot"))
    func unwritableSiteFolderIsExitTwoAndLeavesOutputAlone() throws {
        try Self.refusedTemporaryFolder(lock: { _ = chmod($0.path, 0o555) }, unlock: { _ = chmod($0.path, 0o755) },
                                        expecting: "geen schrijfrechten (Permission denied)")
    }

    static func chattr(_ flag: String, _ url: URL) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
        process.arguments = [flag, url.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// Root ignores permissions, but not the immutable attribute (ext4 and
    /// friends, needs CAP_LINUX_IMMUTABLE).
    static let canMakeImmutable: Bool = {
        guard geteuid() == 0 else { return false }
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("vios-chattr-\(UUID().uuidString)")
        guard (try? FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)) != nil else { return false }
        defer { try? FileManager.default.removeItem(at: probe) }
        guard chattr("+i", probe) else { return false }
        let refused = mkdir(probe.path + "/x", 0o755) != 0
        _ = chattr("-i", probe)
        return refused
    }()

    @Test(.enabled(if: canMakeImmutable, "chattr +i werkt hier niet (niet root, of geen ext4)"))
    func immutableSiteFolderAsRootIsExitTwoAndLeavesOutputAlone() throws {
        try Self.refusedTemporaryFolder(lock: { #expect(Self.chattr("+i", $0)) }, unlock: { _ = Self.chattr("-i", $0) },
                                        expecting: "geen schrijfrechten (Operation not permitted)")
    }

    // MARK: (b) full disk

    /// Writes fail halfway (EFBIG under `ulimit -f`, as with ENOSPC):
    /// exit 2, a diagnostic, the old Output/ intact, no temporary folder.
    /// Works as root too. With the cache (changed input, so files are
    /// written, not linked) and without.
    @Test(arguments: [["--no-cache"], []])
    func fileSizeLimitIsExitTwoAndLeavesOutputAlone(extra: [String]) throws {
        let site = try Self.demoSite()
        defer { site.remove() }
        let first = try Self.build(site, today: "2026-01-15")
        try #require(first.status == 0, "\(first.stderr)")
        let output = site.root.appendingPathComponent("Output")
        let before = try Self.snapshot(output)
        let limited = try Self.shell(Self.underFileSizeLimit,
                                     ["build", "--root", site.root.path, "--today", "2026-03-03"] + extra)
        try #require(limited.status != 97, "ulimit -f werkt niet in /bin/sh")
        #expect(limited.status == 2, "\(limited.stderr)")
        #expect(limited.stderr.contains("vios: fout: kan "), "\(limited.stderr)")
        #expect(limited.stderr.contains("niet schrijven: het bestand wordt groter dan is toegestaan"), "\(limited.stderr)")
        #expect(limited.stderr.contains("Output/ is niet veranderd"), "\(limited.stderr)")
        #expect(try Self.snapshot(output) == before)
        #expect(Self.leftovers(site) == [])
        // Without the limit the same build works.
        let again = try Self.build(site, today: "2026-03-03")
        #expect(again.status == 0, "\(again.stderr)")
    }

    /// `unshare` arguments for a private mount namespace; not as root, in a
    /// user namespace of its own, as root there.
    static let privateMounts = (geteuid() == 0 ? [] : ["--user", "--map-root-user"])
        + ["--mount", "--propagation", "private"]

    /// A private mount namespace with a tmpfs works here (root, or user
    /// namespaces): then a real full disk is tested too.
    static let canMountTmpfs: Bool = {
        #if os(Linux)
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else { return false }
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("vios-mount-\(UUID().uuidString)")
        guard (try? FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)) != nil else { return false }
        defer { try? FileManager.default.removeItem(at: probe) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = privateMounts + ["/bin/sh", "-c",
                             #"mount -t tmpfs -o size=64k tmpfs "$1" && : > "$1/x""#, "sh", probe.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
        #else
        return false
        #endif
    }()

    /// The site on a small tmpfs in a private mount namespace, filled up
    /// until only half an Output/ fits: ENOSPC halfway through writing.
    /// The script records everything; the namespace and tmpfs vanish with it.
    @Test(.enabled(if: canMountTmpfs, "geen eigen mount-namespace met tmpfs mogelijk"))
    func fullDiskIsExitTwoAndLeavesOutputAlone() throws {
        let site = try Self.demoSite()
        defer { site.remove() }
        let first = try Self.build(site, today: "2026-01-15")
        try #require(first.status == 0, "\(first.stderr)")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("vios-full-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work.appendingPathComponent("mnt"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let script = #"""
        set -e
        vios=$1 site=$2 mnt=$3 result=$4
        size=$(( $(du -sk "$site" | cut -f1) * 2 + 1024 ))
        mount -t tmpfs -o size=${size}k tmpfs "$mnt"
        cp -a "$site" "$mnt/site"
        # Fill the disk, then free half an Output/.
        dd if=/dev/zero of="$mnt/filler" bs=64k 2>/dev/null || true
        half=$(( $(du -sk "$mnt/site/Output" | cut -f1) / 2 ))
        truncate -s -${half}K "$mnt/filler"
        listing() {
            cd "$mnt/site"
            stat -c 'Output inode %i' Output
            find Output | LC_ALL=C sort
            find Output -type f -exec sha256sum {} + | LC_ALL=C sort
        }
        (listing) > "$result/before"
        set +e
        "$vios" build --root "$mnt/site" --today 2026-04-04 --no-cache 2> "$result/stderr"
        echo $? > "$result/status"
        (listing) > "$result/after"
        ls -A "$mnt/site" > "$result/entries"
        df -k "$mnt" > "$result/df"
        """#
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = Self.privateMounts + ["/bin/sh", "-c", script, "sh",
                             ProcessRunner.executable.path, site.root.path, work.appendingPathComponent("mnt").path, work.path]
        process.standardOutput = FileHandle.nullDevice
        let err = Pipe()
        process.standardError = err
        try process.run()
        let scriptErrors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(scriptErrors)")
        func result(_ name: String) -> String {
            (try? String(contentsOf: work.appendingPathComponent(name), encoding: .utf8)) ?? ""
        }
        let stderr = result("stderr")
        #expect(result("status") == "2\n", "\(stderr)\n\(result("df"))")
        #expect(stderr.contains("vios: fout: kan "), "\(stderr)")
        #expect(stderr.contains("de schijf is vol"), "\(stderr)")
        #expect(stderr.contains("Output/ is niet veranderd"), "\(stderr)")
        let before = result("before")
        #expect(before.split(separator: "\n").count > 150)
        #expect(result("after") == before)
        #expect(!result("entries").contains(".Output"), "\(result("entries"))")
    }

    // MARK: (c) a build killed between the renames

    /// The state a kill between `Output → .Output.old-<pid>` and
    /// `.Output.tmp-<pid> → Output` leaves (the fallback where the file
    /// system cannot exchange): the next build puts the old tree back,
    /// even when that build then fails.
    @Test func staleOldFolderWithoutOutputIsPutBackNotDeleted() throws {
        let site = try Self.demoSite()
        defer { site.remove() }
        let first = try Self.build(site, today: "2026-01-15")
        try #require(first.status == 0, "\(first.stderr)")
        let output = site.root.appendingPathComponent("Output")
        let before = try Self.snapshot(output)
        let stale = site.root.appendingPathComponent(".Output.old-\(try Self.deadPID())")
        try FileManager.default.moveItem(at: output, to: stale)
        let failing = try Self.shell(Self.underFileSizeLimit, ["build", "--root", site.root.path, "--today", "2026-05-05"])
        #expect(failing.status == 2, "\(failing.stderr)")
        #expect(try Self.snapshot(output) == before)  // same inode too: renamed back, not copied
        #expect(Self.leftovers(site) == [])

        // Beside a current Output/, a stale `.Output.old-` is the remains
        // of a build killed while removing it: it goes, Output/ stays.
        try FileManager.default.copyItem(at: output, to: stale)
        let next = try Self.build(site, today: "2026-01-15")
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try Self.snapshot(output).files == before.files)
        #expect(Self.leftoversAfterCleanup(site) == [])
    }

    // MARK: (d) a successful build

    /// Output/ holds exactly the new tree (as a fresh build into an empty
    /// folder), and the old tree is gone within seconds, removed in the
    /// background so that `vios build` need not wait for it.
    @Test func successfulBuildSwapsInTheNewTreeAndTheOldOneVanishes() throws {
        let site = try Self.demoSite()
        defer { site.remove() }
        let first = try Self.build(site, today: "2026-01-15")
        try #require(first.status == 0, "\(first.stderr)")
        let output = site.root.appendingPathComponent("Output")
        let old = try Self.snapshot(output)
        // A document less: its page must vanish from Output/.
        let content = site.root.appendingPathComponent("Content/handreikingen")
        let removed = try #require(try FileManager.default.contentsOfDirectory(atPath: content.path).sorted().first { $0.hasSuffix(".md") })
        try FileManager.default.removeItem(at: content.appendingPathComponent(removed))
        let second = try Self.build(site, today: "2026-02-02")
        #expect(second.status == 0, "\(second.stderr)")
        let fresh = try Self.build(site, today: "2026-02-02", ["--output", "Vers", "--no-cache"])
        #expect(fresh.status == 0, "\(fresh.stderr)")
        let new = try Self.snapshot(output)
        #expect(new.entries == (try Self.snapshot(site.root.appendingPathComponent("Vers"))).entries)
        #expect(new.entries != old.entries)
        #expect(new.inode != old.inode)
        #expect(Self.leftoversAfterCleanup(site) == [])
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path).sorted()
                == [".vios-cache", "Content", "Output", "Templates", "Vers"])

        // VIOS_SYNC_CLEANUP=1: removed before the build exits.
        let synchronous = try Self.build(site, today: "2026-01-15", environment: ["VIOS_SYNC_CLEANUP": "1"])
        #expect(synchronous.status == 0, "\(synchronous.stderr)")
        #expect(Self.leftovers(site) == [])
    }

    // MARK: the swap itself

    /// Counts the moments at which `path` does not exist, polled in a tight
    /// loop on a thread of its own.
    final class Watcher: Sendable {
        let misses = Atomic<Int>(0)
        let polls = Atomic<Int>(0)
        let running = Atomic<Bool>(true)
        let finished = Atomic<Bool>(false)

        init(_ path: String) {
            let thread = Thread { [self] in
                var info = stat()
                while running.load(ordering: .relaxed) {
                    if lstat(path, &info) != 0 { misses.add(1, ordering: .relaxed) }
                    polls.add(1, ordering: .relaxed)
                }
                finished.store(true, ordering: .sequentiallyConsistent)
            }
            thread.start()
        }

        func stop() {
            running.store(false, ordering: .sequentiallyConsistent)
            while !finished.load(ordering: .sequentiallyConsistent) { usleep(1000) }
        }
    }

    /// With renameat2(RENAME_EXCHANGE) there is no instant without an
    /// Output/ (two renames leave a gap of some microseconds in which a
    /// kill loses it, and which a tight lstat loop sees). Linux only: the
    /// other systems use the two renames.
    #if os(Linux)
    @Test func outputNeverDisappearsDuringTheSwap() throws {
        let site = try Self.demoSite()
        defer { site.remove() }
        let first = try Self.build(site, today: "2026-01-15")
        try #require(first.status == 0, "\(first.stderr)")
        let watcher = Watcher(site.root.appendingPathComponent("Output/index.html").path)
        for build in 0..<16 {
            let result = try Self.build(site, today: build.isMultiple(of: 2) ? "2026-07-07" : "2026-01-15", ["--no-cache"])
            #expect(result.status == 0, "\(result.stderr)")
        }
        watcher.stop()
        #expect(watcher.polls.load(ordering: .relaxed) > 10_000)
        #expect(watcher.misses.load(ordering: .relaxed) == 0, "Output/index.html ontbrak even tijdens het wisselen")
        #expect(Self.leftoversAfterCleanup(site) == [])
    }
    #endif

    // MARK: kill at any moment

    /// SIGKILL at moments spread over a whole build, swap included, while
    /// each build changes the output: Output/ is always the complete old
    /// tree or the complete new one, never missing or mixed; afterwards a
    /// build cleans up every leftover.
    @Test func killAtAnyMomentLeavesTheOldOrTheNewOutput() throws {
        let site = try Self.demoSite()
        defer { site.remove() }
        let output = site.root.appendingPathComponent("Output")
        let days = ["2026-01-15", "2026-06-30"]
        var trees: [[String: Data]] = []
        var duration: TimeInterval = 0
        for day in days {
            let start = Date()
            let result = try Self.build(site, today: day, ["--no-cache"])
            duration = max(duration, Date().timeIntervalSince(start))
            try #require(result.status == 0, "\(result.stderr)")
            trees.append(try Self.snapshot(output).files)
        }
        try #require(trees[0] != trees[1], "de twee builds moeten verschillen")
        var current = 1
        let steps = 30
        for step in 0..<steps {
            let other = 1 - current
            let delay = duration * 1.6 * Double(step) / Double(steps - 1) + Double.random(in: 0..<0.002)
            let process = Process()
            process.executableURL = ProcessRunner.executable
            process.arguments = ["build", "--root", site.root.path, "--today", days[other], "--quiet"]
                + (step.isMultiple(of: 2) ? ["--no-cache"] : [])
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32(delay * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = try Self.snapshot(output).files
            if now == trees[other] {
                current = other
            } else {
                #expect(now == trees[current], "na SIGKILL na \(Int(delay * 1000)) ms: Output/ is niet de oude en niet de nieuwe")
            }
        }
        let final = try Self.build(site, today: days[0])
        #expect(final.status == 0, "\(final.stderr)")
        #expect(try Self.snapshot(output).files == trees[0])
        #expect(Self.leftoversAfterCleanup(site) == [])
    }
}
