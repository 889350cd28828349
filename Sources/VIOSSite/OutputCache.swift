import Foundation
import Synchronization
import VIOSCore
import VIOSSource
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The incremental part of the build (`.vios-cache/output-<folder>.manifest`):
/// for every file of the previous build, a hash of its bytes, what it was
/// rendered from, and the identity of the file that holds them in the
/// output folder (inode, size, mtime). A second manifest describes the
/// shadow: the output before that, kept in `.vios-cache/` to be brought
/// up to date in place by the next build (see `OutputWriter`).
/// When a file renders to the same bytes again and the output file is still
/// the one the last build wrote, the writer hard-links it into the new tree
/// instead of writing it: unchanged files are never re-written, and removing
/// the old tree only drops links. The result is byte-identical to a cold
/// build by construction: a link is made only when the new bytes hash to the
/// hash of the old file's bytes and that file was not touched since.
final class OutputCache: Sendable {
    struct Entry: Sendable, Equatable {
        var hash: ContentHash
        var size: Int
        var inode: UInt64
        var mtime: Int64
        /// Fingerprint of what the file was rendered from (pages only).
        var inputs: ContentHash?
        /// The page's dependency key (`PageKeys`), pages only.
        var key: ContentHash?
    }

    private static let header = "vios-output-manifest 4"
    /// A page's `inputs` when its context was not fingerprinted: matches
    /// no fingerprint, and still marks the entry as a page's.
    static let notFingerprinted = ContentHash(a: 0, b: 0)
    let manifestPath: String
    let outputPath: String
    let shadowManifestPath: String
    let shadowPath: String
    private let previous: [String: Entry]
    /// When the previous build's tree was complete (ns since 1970).
    private let previousBuilt: Int64?
    /// The previous manifest's rows as read, to become the shadow's.
    private let previousRows: ArraySlice<UInt8>?
    /// What the shadow folder holds, when that is known.
    let shadow: [String: Entry]
    /// When the shadow's tree was complete: a folder in it not modified
    /// since holds exactly what `shadow` lists (see `OutputWriter`).
    let shadowBuilt: Int64?
    private let current = Mutex<[String: Entry]>([:])
    private let linkCount = Mutex(0)
    /// The output and shadow folders, open (-1 when missing): their files
    /// are looked up from there, not from `/`. A rebuild looks up 31,000
    /// of them nationally, and walking each full path was most of it.
    private let outputTree: Int32
    private let shadowTree: Int32

    init(root: String, outputPath: String) {
        manifestPath = Self.manifestPath(root: root, outputPath: outputPath)
        shadowPath = Self.shadowPath(root: root, outputPath: outputPath)
        shadowManifestPath = shadowPath + ".manifest"
        self.outputPath = outputPath
        // Two manifests of tens of thousands of lines each: read side by side.
        let loaded = Mutex<[Int: Manifest]>([:])
        let (manifest, shadowManifest, shadowFolder) = (manifestPath, shadowManifestPath, shadowPath)
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let entries = i == 0 ? Self.load(manifest, outputPath: outputPath) : Self.load(shadowManifest, outputPath: shadowFolder)
            loaded.withLock { $0[i] = entries }
        }
        previous = loaded.withLock { $0[0]?.entries ?? [:] }
        previousBuilt = loaded.withLock { $0[0]?.built }
        previousRows = loaded.withLock { $0[0]?.rows }
        shadow = loaded.withLock { $0[1]?.entries ?? [:] }
        shadowBuilt = loaded.withLock { $0[1]?.built }
        // Every file of this build is recorded, one at a time under the
        // lock: grown once to the size of the last build, not step by step.
        let expected = previous.count
        current.withLock { $0.reserveCapacity(expected) }
        outputTree = Self.openFolder(outputPath)
        shadowTree = Self.openFolder(shadowPath)
    }

    deinit {
        if outputTree >= 0 { close(outputTree) }
        if shadowTree >= 0 { close(shadowTree) }
    }

    static func openFolder(_ path: String) -> Int32 {
        open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    }

    static func manifestPath(root: String, outputPath: String) -> String {
        root + "/.vios-cache/output-" + TextFolding.slugify(outputPath) + ".manifest"
    }

    /// The output before last, per output folder, in the site's cache.
    static func shadowPath(root: String, outputPath: String) -> String {
        root + "/.vios-cache/shadow-" + TextFolding.slugify(outputPath)
    }

    /// Whether the previous build's manifest describes the output folder.
    var knowsOutput: Bool { !previous.isEmpty }

    /// Files linked rather than written in this build.
    var linked: Int { linkCount.withLock { $0 } }

    /// The old output file to link, when its bytes are `hash`.
    func reusable(_ relative: String, hash: ContentHash, size: Int) -> String? {
        guard let old = previous[relative], old.hash == hash, old.size == size else { return nil }
        return identical(relative, old)?.path
    }

    /// The old output file and its entry, when it was rendered from
    /// exactly `inputs` and is still the file the last build wrote: the
    /// page need not be rendered again.
    func reusable(_ relative: String, inputs: ContentHash) -> (path: String, entry: Entry)? {
        guard inputs != Self.notFingerprinted, let old = previous[relative], old.inputs == inputs else { return nil }
        return identical(relative, old)
    }

    /// The old output file and its entry, when the page's dependency key
    /// is unchanged and the file is still the one the last build wrote.
    func reusable(_ relative: String, key: ContentHash, page: Bool = true) -> (path: String, entry: Entry)? {
        guard let old = previous[relative], old.key == key, old.inputs != nil || !page else { return nil }
        return identical(relative, old)
    }

    /// The previous build's entry for a page made under `key`, without
    /// looking at its file.
    func previousEntry(_ relative: String, key: ContentHash) -> Entry? {
        guard let old = previous[relative], old.key == key, old.inputs != nil else { return nil }
        return old
    }

    /// Files of the previous build made under `key` (generated files share one).
    func previousPaths(withKey key: ContentHash) -> [String] {
        previous.filter { $0.value.key == key && $0.value.inputs == nil }.map(\.key).sorted()
    }

    /// Takes back a file recorded in this build.
    func forget(_ relative: String) {
        _ = current.withLock { $0.removeValue(forKey: relative) }
    }

    private func identical(_ relative: String, _ old: Entry) -> (path: String, entry: Entry)? {
        Self.isFile(relative, in: outputTree, describedBy: old) ? (outputPath + "/" + relative, old) : nil
    }

    /// Whether `relative` in the open `folder` is still the regular file
    /// `entry` was recorded from (same inode, size and modification time):
    /// its bytes are the entry's.
    private static func isFile(_ relative: String, in folder: Int32, describedBy entry: Entry) -> Bool {
        var info = stat()
        // Relative to the folder only (an absolute path would ignore it).
        return folder >= 0 && relative.utf8.first != UInt8(ascii: "/")
            && fstatat(folder, relative, &info, AT_SYMLINK_NOFOLLOW) == 0 && (info.st_mode & S_IFMT) == S_IFREG
            && Int(info.st_size) == entry.size && UInt64(info.st_ino) == entry.inode && mtime(info) == entry.mtime
    }

    func linkedOne() { linkCount.withLock { $0 += 1 } }

    /// Whether the shadow's file at `relative` is still the one its
    /// manifest lists, with these bytes.
    func shadowHolds(_ relative: String, hash: ContentHash, size: Int) -> Bool {
        guard let entry = shadow[relative], entry.hash == hash, entry.size == size else { return false }
        return Self.isFile(relative, in: shadowTree, describedBy: entry)
    }

    /// Records a file of the shadow that `shadowHolds` just found unchanged:
    /// its inode and time are the manifest's, no need to ask again.
    func recordHeld(_ relative: String, inputs: ContentHash? = nil, key: ContentHash? = nil) {
        guard var entry = shadow[relative] else { return }
        entry.inputs = inputs
        entry.key = key
        current.withLock { $0[relative] = entry }
    }

    /// Every file of this build's complete tree, and the folders holding
    /// them: taken once (the swap and the build stamp both need them, and
    /// 31,000 paths nationally took a while each time).
    func finishedTree() -> (files: [String: Entry].Keys, folders: Set<String>) {
        finished.withLock { memo in
            if let memo { return memo }
            // The keys of this build's entries, looked up by hash as a
            // set's would be: no second set of 31,000 paths.
            let files = current.withLock { $0 }.keys
            let tree = (files: files, folders: TreeListing.folders(of: files))
            memo = tree
            return tree
        }
    }
    private let finished = Mutex<(files: [String: Entry].Keys, folders: Set<String>)?>(nil)

    /// The shadow is about to change: until the next save its manifest
    /// must not be trusted (a kill may fall anywhere in between).
    func forgetShadow() {
        unlink(shadowManifestPath)
    }

    /// After the swap the previous output is the shadow; its manifest
    /// still describes it (its files were not touched).
    func saveShadow() {
        guard let previousBuilt, let previousRows else { return }
        // The same rows under the shadow's header (31,000 rows nationally,
        // not formatted again).
        Self.write(Array((Self.header + "\n" + shadowPath + "\nbuilt \(previousBuilt)\n").utf8) + previousRows,
                   to: shadowManifestPath)
    }

    /// Records the file just written (or linked) at `path` in the new tree.
    func record(_ relative: String, path: String, hash: ContentHash, size: Int, inputs: ContentHash? = nil,
                key: ContentHash? = nil) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        record(relative, info: info, hash: hash, size: size, inputs: inputs, key: key)
    }

    /// The same, with what `stat` said of the file just written.
    func record(_ relative: String, info: stat, hash: ContentHash, size: Int, inputs: ContentHash? = nil,
                key: ContentHash? = nil) {
        let entry = Entry(hash: hash, size: size, inode: UInt64(info.st_ino), mtime: Self.mtime(info), inputs: inputs, key: key)
        current.withLock { $0[relative] = entry }
    }

    /// Writes the manifest of this build (after the new tree is in place);
    /// returns the time it records as the tree's completion.
    @discardableResult
    func save() -> Int64 {
        let built = WallClock.now()
        Self.save(current.withLock { $0 }, header: outputPath, built: built, to: manifestPath)
        return built
    }

    /// When the output's tree was complete, per its manifest.
    var outputBuilt: Int64? { previousBuilt }

    /// Whether the output folder still holds every file of its manifest,
    /// untouched (`BuildStamp`).
    func outputIntact() -> Bool {
        guard !previous.isEmpty else { return false }
        let entries = Array(previous)
        return !entries.parallelMap { identical($0.key, $0.value) != nil }.contains(false)
    }

    /// Paths of the previous build's files.
    var outputFiles: Dictionary<String, Entry>.Keys { previous.keys }

    /// The newest modification time of `root` and the folders holding
    /// `files`: a file added or removed by hand changes its folder's time.
    /// Nil when a folder is missing, or when no time has a sub-second part
    /// (a file system that coarse could hide a change).
    static func newestFolderTime(_ root: String, files: some Sequence<String>) -> Int64? {
        newestFolderTime(root, folders: TreeListing.folders(of: files))
    }

    static func newestFolderTime(_ root: String, folders: Set<String>) -> Int64? {
        // Looked up from the open tree, not from `/` each time (22,000 folders nationally).
        let tree = openFolder(root)
        defer { if tree >= 0 { close(tree) } }
        guard tree >= 0 else { return nil }
        let times = ([""] + folders).parallelMap { folder -> Int64? in
            var info = stat()
            // Relative to the tree only (an absolute path would ignore it); the
            // root itself by its path: a symlink there is not a folder.
            guard folder.utf8.first != UInt8(ascii: "/"),
                  (folder.isEmpty ? lstat(root, &info) : fstatat(tree, folder, &info, AT_SYMLINK_NOFOLLOW)) == 0,
                  (info.st_mode & S_IFMT) == S_IFDIR else {
                return nil
            }
            return mtime(info)
        }
        guard !times.contains(nil), times.contains(where: { $0! % 1_000_000_000 != 0 }) else { return nil }
        return times.map { $0! }.max()
    }

    private static func save(_ entries: [String: Entry], header folder: String, built: Int64, to manifestPath: String) {
        // Rows formatted on every core, in chunks, straight to bytes: a
        // rebuild writes 31,000 of them nationally and waits for it. In the
        // dictionary's order: the rows are read into a dictionary again, and
        // sorting 31,000 paths on one core took as long as formatting them.
        let rows = Array(entries)
        let chunk = 1024
        let parts = Array(stride(from: 0, to: rows.count, by: chunk)).parallelMap { start -> [UInt8] in
            var out: [UInt8] = []
            out.reserveCapacity(chunk * 180)
            for (path, e) in rows[start..<min(rows.count, start + chunk)] { row(path, e, into: &out) }
            return out
        }
        var bytes = Array((Self.header + "\n" + folder + "\nbuilt \(built)\n").utf8)
        bytes.reserveCapacity(bytes.count + parts.reduce(0) { $0 + $1.count })
        for part in parts { bytes += part }
        write(bytes, to: manifestPath)
    }

    /// `hash size inode mtime inputs key path`, tab-separated; hashes as
    /// 32 hex digits, absent ones as `-`.
    static func row(_ path: String, _ e: Entry, into out: inout [UInt8]) {
        func hex(_ hash: ContentHash?) {
            guard let hash else { out.append(45); return }
            for word in [hash.a, hash.b] {
                for shift in stride(from: 60, through: 0, by: -4) {
                    let digit = UInt8((word >> UInt64(shift)) & 0xF)
                    out.append(digit < 10 ? 48 + digit : 87 + digit)
                }
            }
        }
        func decimal(_ value: Int64) {
            if value < 0 { out.append(45) }
            decimal(value.magnitude)
        }
        func decimal(_ value: UInt64) {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
                var v = value, n = 20
                repeat { n -= 1; digits[n] = 48 + UInt8(v % 10); v /= 10 } while v > 0
                out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[n...]))
            }
        }
        hex(e.hash); out.append(9)
        decimal(Int64(e.size)); out.append(9)
        decimal(e.inode); out.append(9)
        decimal(e.mtime); out.append(9)
        hex(e.inputs); out.append(9)
        hex(e.key); out.append(9)
        out.append(contentsOf: path.utf8)
        out.append(10)
    }

    private static func write(_ bytes: [UInt8], to manifestPath: String) {
        let folder = (manifestPath as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        _ = CacheFile.replace(manifestPath, with: bytes)
    }

    /// Forgets the manifests (for an uncached build).
    static func remove(root: String, outputPath: String) {
        unlink(manifestPath(root: root, outputPath: outputPath))
        unlink(shadowPath(root: root, outputPath: outputPath) + ".manifest")
    }

    /// Parses a manifest on bytes (a national site's has 31,000 lines);
    /// anything malformed makes the whole manifest unknown.
    struct Manifest {
        var built: Int64
        var entries: [String: Entry]
        /// Where the rows start, and the bytes from there.
        var rowsStart = 0
        var rows: ArraySlice<UInt8> = []
    }

    static func load(_ path: String, outputPath: String) -> Manifest? {
        guard let bytes = CacheFile.bytes(atPath: path) else { return nil }
        guard var manifest = bytes.withUnsafeBufferPointer({ parse($0, outputPath: outputPath) }) else { return nil }
        manifest.rows = bytes[manifest.rowsStart...]
        return manifest
    }

    static func parse(_ b: UnsafeBufferPointer<UInt8>, outputPath: String) -> Manifest? {
        var i = 0
        func line() -> UnsafeBufferPointer<UInt8>? {
            guard i < b.count, let base = b.baseAddress else { return nil }
            var end = b.count
            if let hit = memchr(base + i, 10, b.count - i) { end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) }
            defer { i = end + 1 }
            return UnsafeBufferPointer(rebasing: b[i..<end])
        }
        guard let first = line(), first.elementsEqual(header.utf8), let second = line(),
              second.elementsEqual(outputPath.utf8), let third = line(), third.starts(with: "built ".utf8),
              let built = signed(UnsafeBufferPointer(rebasing: third.dropFirst(6)))  else { return nil }
        let rowsStart = i
        var out: [String: Entry] = [:]
        out.reserveCapacity(b.count / 120)
        // One array for every row's fields (31,000 rows nationally, two manifests).
        var fields: [UnsafeBufferPointer<UInt8>] = []
        fields.reserveCapacity(7)
        while let row = line() {
            if row.isEmpty { continue }
            fields.removeAll(keepingCapacity: true)
            var start = 0
            for k in 0..<row.count where row[k] == 9 && fields.count < 6 {
                fields.append(UnsafeBufferPointer(rebasing: row[start..<k]))
                start = k + 1
            }
            fields.append(UnsafeBufferPointer(rebasing: row[start...]))
            guard fields.count == 7, let hash = hexHash(fields[0]), let size = signed(fields[1]), size >= 0,
                  let inode = unsigned(fields[2]), let mtime = signed(fields[3]) else { return nil }
            let inputs = hexHash(fields[4]), key = hexHash(fields[5])
            if (inputs == nil && !isDash(fields[4])) || (key == nil && !isDash(fields[5])) { return nil }
            out[String(decoding: fields[6], as: UTF8.self)] = Entry(hash: hash, size: Int(size), inode: inode,
                                                                   mtime: mtime, inputs: inputs, key: key)
        }
        return Manifest(built: built, entries: out, rowsStart: min(rowsStart, b.count))
    }

    private static func isDash(_ f: UnsafeBufferPointer<UInt8>) -> Bool { f.count == 1 && f[0] == 45 }

    private static func unsigned(_ f: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard !f.isEmpty else { return nil }
        var value: UInt64 = 0
        for c in f {
            guard c >= 48 && c <= 57 else { return nil }
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(UInt64(c - 48))
            if o1 || o2 { return nil }
            value = sum
        }
        return value
    }

    private static func signed(_ f: UnsafeBufferPointer<UInt8>) -> Int64? {
        let negative = f.first == 45
        guard let magnitude = unsigned(negative ? UnsafeBufferPointer(rebasing: f.dropFirst()) : f),
              magnitude <= UInt64(Int64.max) else { return nil }
        return negative ? -Int64(magnitude) : Int64(magnitude)
    }

    /// Digit values of `0-9a-f`, 0xFF for any other byte.
    private static let hexDigits: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, c) in "0123456789abcdef".utf8.enumerated() { table[Int(c)] = UInt8(value) }
        return table
    }()

    // A table, not a switch per digit: 6 million digits in two national
    // manifests were a third of reading them.
    private static func hexHash(_ f: UnsafeBufferPointer<UInt8>) -> ContentHash? {
        guard f.count == 32 else { return nil }
        return hexDigits.withUnsafeBufferPointer { table -> ContentHash? in
            var a: UInt64 = 0, b: UInt64 = 0, seen: UInt8 = 0
            for k in 0..<16 {
                let digit = table[Int(f[k])]
                seen |= digit
                a = a << 4 | UInt64(digit & 15)
            }
            for k in 16..<32 {
                let digit = table[Int(f[k])]
                seen |= digit
                b = b << 4 | UInt64(digit & 15)
            }
            return seen & 0xF0 == 0 ? ContentHash(a: a, b: b) : nil
        }
    }

    static func mtime(_ info: stat) -> Int64 {
        #if canImport(Darwin)
        return Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        return Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
    }
}
