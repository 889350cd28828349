import VIOSCore
import VIOSSource
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes the site into a temporary folder beside the output folder and
/// swaps it into place only when everything succeeded (cli.md, "Output/
/// contract"). Any failure removes the temporary folder and leaves the
/// previous output exactly as it was; stale files vanish because the whole
/// tree is replaced.
///
/// Names beside the output (for `Output`), each ending in the pid of the
/// process that owns it:
/// - `.Output.tmp-<pid>`: the tree being built;
/// - `.Output.old-<pid>`: the previous output, only for the instant between
///   the two renames where the file system cannot swap atomically;
/// - `.Output.trash-<tag>-<pid>`: a tree being removed in the background.
/// A later build cleans up those whose process is gone, and puts a
/// `.Output.old-` back when a kill left no `Output/` at all.
///
/// With the build cache, the swapped-out tree is not removed but kept as
/// the shadow (`.vios-cache/shadow-<folder>`), and the next build brings
/// that tree up to date in place instead of making a new one: unchanged
/// files stay where they are, changed ones are replaced (never written
/// into: a file may be a hard link shared with the output), files it did
/// not write are removed, and the two trees are exchanged. On a national
/// site that saves tens of thousands of `mkdir` and `link` calls, which
/// are slow on ext4 right after the same number of files was deleted.
/// The shadow's manifest is deleted before the tree is touched, so a
/// build killed half-way leaves a shadow the next build will not trust.
struct OutputWriter: Sendable {
    /// Absolute path of the final output folder.
    let outputPath: String
    /// Absolute path of a new, empty tree beside the output.
    let temporaryPath: String
    /// The tree this build writes: `temporaryPath`, or the shadow.
    private(set) var buildPath: String
    /// Whether this build brings the shadow up to date.
    private(set) var updatingShadow = false
    /// The previous build's files, to hard-link instead of re-writing
    /// unchanged ones; `nil` under `--no-cache`.
    var cache: OutputCache?
    /// Swap with one `renameat2(RENAME_EXCHANGE)` where the system can;
    /// `false` forces the two-rename fallback (for tests).
    var atomicExchange = true

    struct Failure: Error {
        var message: String
    }

    init(root: String, output: String) throws(Failure) {
        let rootURL = URL(fileURLWithPath: root).standardizedFileURL
        let outputURL = (output.hasPrefix("/") ? URL(fileURLWithPath: output)
                                               : rootURL.appendingPathComponent(output)).standardizedFileURL
        let out = outputURL.path, rootPath = rootURL.path
        // Never replace the site itself, its sources or a folder above them.
        for protected in [rootPath, rootPath + "/Content", rootPath + "/Templates"] {
            if out == protected || protected.hasPrefix(out + "/") || out == "/" {
                throw Failure(message: "uitvoermap '\(output)' zou de site zelf vervangen; kies een andere map (bijv. Output)")
            }
            if protected != rootPath, out.hasPrefix(protected + "/") {
                throw Failure(message: "uitvoermap '\(output)' ligt in \(protected.dropFirst(rootPath.count + 1))/; kies een map daarbuiten")
            }
        }
        outputPath = out
        let parent = outputURL.deletingLastPathComponent().path
        temporaryPath = parent + "/." + outputURL.lastPathComponent + ".tmp-\(getpid())"
        buildPath = temporaryPath
    }

    private var parentPath: String { (temporaryPath as NSString).deletingLastPathComponent }
    private var outputName: String { (outputPath as NSString).lastPathComponent }

    /// Added to every failure that happens after validation: the reader's
    /// first worry is whether the site that is online now is damaged.
    private var untouched: String { "; \(outputName)/ is niet veranderd" }

    /// Chooses the tree to build: the shadow when its state is known and
    /// it can be exchanged with the output, else an empty temporary folder
    /// (and the parent of the output).
    mutating func prepare() throws(Failure) {
        let parent = parentPath
        removeStaleFolders(in: parent)
        if let cache {
            var info = stat()
            let hasShadow = lstat(cache.shadowPath, &info) == 0
            if hasShadow, (info.st_mode & S_IFMT) == S_IFDIR, !cache.shadow.isEmpty, sameFileSystem(cache.shadowPath, outputPath) {
                cache.forgetShadow()
                buildPath = cache.shadowPath
                updatingShadow = true
                return
            }
            cache.forgetShadow()
            if hasShadow { retire(cache.shadowPath) }
        }
        TreeRemover.remove(temporaryPath)
        var made = mkdir(temporaryPath, 0o755) == 0
        if !made && errno == ENOENT {
            try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            made = mkdir(temporaryPath, 0o755) == 0
        }
        guard made else {
            throw Failure(message: "kan de tijdelijke map \(temporaryPath) niet maken: \(Self.reason(errno))\(untouched)")
        }
    }

    /// `strerror` with, for the usual causes of a failing build on a
    /// healthy site, a Dutch explanation in front.
    static func reason(_ code: Int32) -> String {
        let system = String(cString: strerror(code))
        let explanation: String? = switch code {
        case ENOSPC: "de schijf is vol"
        case EDQUOT: "het schijfquotum is op"
        case EFBIG: "het bestand wordt groter dan is toegestaan (bestandslimiet, ulimit -f)"
        case EACCES, EPERM: "geen schrijfrechten"
        case EROFS: "het bestandssysteem is alleen-lezen"
        default: nil
        }
        return explanation.map { "\($0) (\(system))" } ?? system
    }

    /// Creates the folders of a relative file path (several threads may
    /// race to create the same folder; that is fine).
    private func createParents(of relative: String) throws(Failure) {
        // Deepest first: usually only the page's own folder is missing, and
        // asking for every folder above it again was 40,000 calls nationally.
        let parts = relative.split(separator: "/").dropLast()
        var paths: [String] = []
        var path = buildPath
        for part in parts {
            path += "/" + part
            paths.append(path)
        }
        // Up until a folder exists or could be made…
        var made = paths.count - 1
        while made >= 0, mkdir(paths[made], 0o755) != 0, errno != EEXIST {
            guard errno == ENOENT else { throw cannotMake(paths[made]) }
            made -= 1
        }
        // …then down again.
        for index in (made + 1)..<paths.count where mkdir(paths[index], 0o755) != 0 && errno != EEXIST {
            throw cannotMake(paths[index])
        }
    }

    private func cannotMake(_ path: String) -> Failure {
        Failure(message: "kan map \(path.dropFirst(buildPath.count + 1)) niet maken: \(Self.reason(errno))\(untouched)")
    }

    /// Writes one file, creating its folders when they do not exist yet.
    /// With a cache, a file whose bytes equal the previous build's is
    /// hard-linked from the current output instead of written.
    func write(_ relative: String, _ bytes: some ContiguousBytes, inputs: ContentHash? = nil, key: ContentHash? = nil) throws(Failure) {
        guard let cache else { try writeBytes(relative, bytes); return }
        let path = buildPath + "/" + relative
        let (hash, size) = bytes.withUnsafeBytes { (ContentHash($0), $0.count) }
        if updatingShadow {
            if heldByShadow(relative, hash: hash, size: size, inputs: inputs, key: key) { return }
            makeRoom(relative)
        }
        if let old = cache.reusable(relative, hash: hash, size: size), try linkOld(old, to: relative) {
            cache.record(relative, path: path, hash: hash, size: size, inputs: inputs, key: key)
            return
        }
        if let info = try writeBytes(relative, bytes) {
            cache.record(relative, info: info, hash: hash, size: size, inputs: inputs, key: key)
        } else {
            cache.record(relative, path: path, hash: hash, size: size, inputs: inputs, key: key)
        }
    }

    /// Links the previous build's file for a page rendered from exactly
    /// `inputs`, so it need not be rendered; false when there is none.
    func reuse(_ relative: String, inputs: ContentHash, key: ContentHash? = nil) throws(Failure) -> Bool {
        guard let found = cache?.reusable(relative, inputs: inputs) else { return false }
        return try reuse(relative, found, inputs: inputs, key: key)
    }

    /// Links the previous build's file for a page whose dependency key
    /// (`PageKeys`) is unchanged; returns the entry it was made from.
    func reuse(_ relative: String, key: ContentHash) throws(Failure) -> OutputCache.Entry? {
        // Updating the shadow, a page it already holds needs no look at the output's copy.
        if updatingShadow, let old = cache?.previousEntry(relative, key: key),
           heldByShadow(relative, hash: old.hash, size: old.size, inputs: old.inputs, key: key) {
            return old
        }
        guard let found = cache?.reusable(relative, key: key),
              try reuse(relative, found, inputs: found.entry.inputs, key: key) else { return nil }
        return found.entry
    }

    /// Links every file the previous build generated under `key` (open
    /// data, search index), all or none; returns their entries, or nil
    /// when they must be generated.
    func reuseGenerated(key: ContentHash) throws(Failure) -> [String: OutputCache.Entry]? {
        guard let cache else { return nil }
        let paths = cache.previousPaths(withKey: key)
        guard !paths.isEmpty, paths.allSatisfy({ cache.reusable($0, key: key, page: false) != nil }) else { return nil }
        var linked: [String: OutputCache.Entry] = [:]
        for path in paths {
            guard let found = cache.reusable(path, key: key, page: false), try reuse(path, found, inputs: nil, key: key) else {
                // Changed under our feet: take back what was linked, generate all.
                for done in linked.keys { unlink(buildPath + "/" + done); cache.forget(done) }
                return nil
            }
            linked[path] = found.entry
        }
        return linked
    }

    private func reuse(_ relative: String, _ found: (path: String, entry: OutputCache.Entry), inputs: ContentHash?,
                       key: ContentHash?) throws(Failure) -> Bool {
        guard let cache else { return false }
        let (old, entry) = found
        let path = buildPath + "/" + relative
        if updatingShadow {
            if heldByShadow(relative, hash: entry.hash, size: entry.size, inputs: inputs, key: key) { return true }
            makeRoom(relative)
        }
        guard try linkOld(old, to: relative) else { return false }
        cache.record(relative, path: path, hash: entry.hash, size: entry.size, inputs: inputs, key: key)
        return true
    }

    /// Updating the shadow: whether it already holds these bytes at
    /// `relative`, then recorded as this build's file.
    private func heldByShadow(_ relative: String, hash: ContentHash, size: Int, inputs: ContentHash?,
                              key: ContentHash?) -> Bool {
        guard updatingShadow, let cache, cache.shadowHolds(relative, hash: hash, size: size) else { return false }
        cache.linkedOne()
        cache.recordHeld(relative, inputs: inputs, key: key)
        return true
    }

    /// In the shadow, clears the place of a file about to be replaced: the
    /// old file is unlinked (it may share its inode with the output), and
    /// whatever stands in the way of its path (a file where a folder
    /// belongs, a folder where the file belongs) is removed.
    private func makeRoom(_ relative: String) {
        let path = buildPath + "/" + relative
        if unlink(path) == 0 || errno == ENOENT { return }
        if errno == EISDIR || errno == EPERM {
            TreeRemover.remove(path)
            return
        }
        if errno == ENOTDIR {
            var prefix = buildPath
            for part in relative.split(separator: "/").dropLast() {
                prefix += "/" + part
                var info = stat()
                if lstat(prefix, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR {
                    unlink(prefix)
                    return
                }
            }
        }
    }

    private func linkOld(_ old: String, to relative: String) throws(Failure) -> Bool {
        let path = buildPath + "/" + relative
        var ok = link(old, path) == 0
        if !ok && errno == ENOENT {
            try createParents(of: relative)
            ok = link(old, path) == 0
        }
        if ok { cache?.linkedOne() }
        return ok
    }

    /// Returns what `fstat` says of the file written (nil if it could not
    /// say): the manifest records it without looking the path up again.
    @discardableResult
    private func writeBytes(_ relative: String, _ bytes: some ContiguousBytes) throws(Failure) -> stat? {
        let path = buildPath + "/" + relative
        var fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 && errno == ENOENT {
            try createParents(of: relative)
            fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { throw Failure(message: "kan \(relative) niet schrijven: \(Self.reason(errno))\(untouched)") }
        // A full disk or a file-size limit (with SIGXFSZ ignored) makes
        // write() fail; some file systems report it only on close().
        let written = bytes.withUnsafeBytes { writeFully(fd, $0) }
        let code = errno
        var info = stat()
        let stated = written && fstat(fd, &info) == 0
        let closed = close(fd) == 0
        if !written || !closed {
            throw Failure(message: "kan \(relative) niet schrijven: \(Self.reason(written ? errno : code))\(untouched)")
        }
        return stated ? info : nil
    }

    func write(_ relative: String, text: String, inputs: ContentHash? = nil, key: ContentHash? = nil) throws(Failure) {
        var text = text
        let result: Result<Void, Failure> = text.withUTF8 { buffer in
            Result { () throws(Failure) in try write(relative, UnsafeRawBufferPointer(buffer), inputs: inputs, key: key) }
        }
        try result.get()
    }

    /// Copies a file from an absolute path.
    func copy(from source: String, to relative: String) throws(Failure) {
        guard let data = FileManager.default.contents(atPath: source) else {
            throw Failure(message: "kan \(source) niet lezen")
        }
        try write(relative, data)
    }

    /// Puts the finished folder in place of the output. Where the file
    /// system can, one atomic exchange: at every instant `Output/` is the
    /// complete old tree or the complete new one, whenever the build is
    /// killed. Elsewhere two renames, with a `.Output.old-` that the next
    /// build puts back if a kill fell between them. The old tree is removed
    /// in the background (see `retire`).
    func commit() throws(Failure) {
        if updatingShadow { return try commitShadow() }
        if atomicExchange {
            switch AtomicSwap.exchange(temporaryPath, outputPath) {
            case .done:
                // The temporary name now holds the previous output.
                keepAsShadow(temporaryPath)
                return
            case .missing, .unsupported:
                break  // no output yet, or no exchange here: rename below
            case .failed(let code):
                discard()
                throw Failure(message: "kan de nieuwe uitvoermap niet op zijn plaats zetten: \(Self.reason(code))\(untouched)")
            }
        }
        let old = parentPath + "/." + outputName + ".old-\(getpid())"
        TreeRemover.remove(old)
        var hadOutput = false
        if rename(outputPath, old) == 0 {
            hadOutput = true
        } else if errno != ENOENT {
            let reason = Self.reason(errno)
            discard()
            throw Failure(message: "kan de oude uitvoermap niet opzij zetten: \(reason)\(untouched)")
        }
        guard rename(temporaryPath, outputPath) == 0 else {
            let reason = Self.reason(errno)
            if hadOutput { _ = rename(old, outputPath) }
            discard()
            throw Failure(message: "kan de nieuwe uitvoermap niet op zijn plaats zetten: \(reason)\(untouched)")
        }
        if hadOutput { keepAsShadow(old) }
    }

    /// The shadow, now up to date: what this build did not write goes,
    /// then it takes the output's place and the output becomes the shadow.
    private func commitShadow() throws(Failure) {
        guard let cache else { return }
        let tree = cache.finishedTree()
        removeStrays(written: tree.files, folders: tree.folders, shadowBuilt: cache.shadowBuilt)
        switch atomicExchange ? AtomicSwap.exchange(buildPath, outputPath) : .unsupported {
        case .done:
            cache.saveShadow()
        case .missing:
            // No output (removed by hand): the shadow simply becomes it.
            guard rename(buildPath, outputPath) == 0 else {
                throw Failure(message: "kan de nieuwe uitvoermap niet op zijn plaats zetten: \(Self.reason(errno))")
            }
        case .unsupported:
            let old = parentPath + "/." + outputName + ".old-\(getpid())"
            guard rename(outputPath, old) == 0 || errno == ENOENT else {
                throw Failure(message: "kan de oude uitvoermap niet opzij zetten: \(Self.reason(errno))\(untouched)")
            }
            guard rename(buildPath, outputPath) == 0 else {
                let reason = Self.reason(errno)
                _ = rename(old, outputPath)
                throw Failure(message: "kan de nieuwe uitvoermap niet op zijn plaats zetten: \(reason)\(untouched)")
            }
            keepAsShadow(old)
        case .failed(let code):
            throw Failure(message: "kan de nieuwe uitvoermap niet op zijn plaats zetten: \(Self.reason(code))\(untouched)")
        }
    }

    /// Removes from the shadow what this build did not write, listing only
    /// folders modified since the shadow's tree was complete: those not
    /// modified since hold exactly what its manifest lists, so their files
    /// this build did not write are known without a listing. A national
    /// site has 22,000 folders; a rebuild touches a few.
    private func removeStrays(written: [String: OutputCache.Entry].Keys, folders: Set<String>, shadowBuilt: Int64?) {
        guard let cache else { return }
        var strays = 0
        for path in cache.shadow.keys where !written.contains(path) {
            unlink(buildPath + "/" + path)
            strays += 1
        }
        // Usually the shadow held exactly the files written now: then its folders are these.
        let sameFiles = strays == 0 && cache.shadow.count == written.count
        // Folders this build does not use go whole, strays and all (unless
        // this build wrote a file by that name).
        let gone = sameFiles ? []
            : TreeListing.folders(of: cache.shadow.keys).subtracting(folders).filter { !written.contains($0) }.sorted()
        var removed: [String] = []
        for folder in gone where !removed.contains(where: { folder.hasPrefix($0 + "/") }) {
            TreeRemover.remove(buildPath + "/" + folder)
            removed.append(folder)
        }
        let root = buildPath
        // Looked up from the open tree, not from `/` each time.
        let tree = OutputCache.openFolder(root)
        defer { if tree >= 0 { close(tree) } }
        let changed = ([""] + Array(folders)).parallelMap { folder -> String? in
            var info = stat()
            guard tree >= 0, fstatat(tree, folder.isEmpty ? "." : folder, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
            guard let shadowBuilt else { return folder }  // time unknown: list every folder
            // A folder wrongly taken as changed is only listed.
            return FileIdentity.mayHaveChanged(OutputCache.mtime(info), after: shadowBuilt) ? folder : nil
        }.compactMap { $0 }
        _ = changed.parallelMap { folder -> Bool in
            for entry in TreeListing.children(root, folder) {
                if entry.isFolder ? !folders.contains(entry.path) : !written.contains(entry.path) {
                    if entry.isFolder { TreeRemover.remove(root + "/" + entry.path) } else { unlink(root + "/" + entry.path) }
                }
            }
            return true
        }
    }

    /// The previous output, swapped out: kept as the shadow when its
    /// manifest is known and it can live in the cache, else removed.
    private func keepAsShadow(_ previous: String) {
        var info = stat()
        guard let cache, cache.knowsOutput, lstat(cache.shadowPath, &info) != 0,
              rename(previous, cache.shadowPath) == 0 else {
            retire(previous)
            return
        }
        cache.saveShadow()
    }

    /// Drops the tree of a failed build. A half-updated shadow stays: its
    /// manifest is gone, so the next build removes it in the background.
    func discard() {
        if updatingShadow { return }
        TreeRemover.remove(temporaryPath)
    }

    private func sameFileSystem(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        let parent = (b as NSString).deletingLastPathComponent
        return lstat(a, &first) == 0 && stat(parent, &second) == 0 && first.st_dev == second.st_dev
    }

    /// Takes a tree that is no longer needed out of the way under a trash
    /// name of this process and removes it in the background: on a large
    /// site that takes longer than the whole build (see
    /// `TreeRemover.removeInBackground`). The rename also claims the tree,
    /// so two builds never remove the same one.
    private func retire(_ path: String) {
        let tag = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let trash = parentPath + "/." + outputName + ".trash-\(tag)-\(getpid())"
        guard rename(path, trash) == 0 else {
            TreeRemover.remove(path)
            return
        }
        TreeRemover.removeInBackground(trash, renamingWithPrefix: parentPath + "/." + outputName + ".trash-r-")
    }

    /// What a name beside the output is, for `removeStaleFolders`.
    enum Leftover: Equatable {
        case temporary, previous, trash
    }

    /// Parses `.Output.tmp-<pid>`, `.Output.old-<pid>` and
    /// `.Output.trash-<tag>-<pid>` for an output folder named `name`.
    static func leftover(_ entry: String, outputName name: String) -> (kind: Leftover, pid: pid_t)? {
        let base = "." + name + "."
        guard entry.hasPrefix(base) else { return nil }
        let parts = entry.dropFirst(base.count).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 2, let last = parts.last, !last.isEmpty, last.count <= 10,
              last.allSatisfy({ $0.isASCII && $0.isNumber }), let pid = pid_t(last), pid > 0 else { return nil }
        switch (parts[0], parts.count) {
        case ("tmp", 2): return (.temporary, pid)
        case ("old", 2): return (.previous, pid)
        case ("trash", 3) where !parts[1].isEmpty && parts[1].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }):
            return (.trash, pid)
        default: return nil
        }
    }

    /// Leftovers of builds that were killed (their process is gone). A
    /// `.Output.old-` without an `Output/` is the previous output of a
    /// build killed between its two renames: it is put back, never
    /// deleted. Trash of a live process (a build, or the `rm` removing it)
    /// is left alone.
    private func removeStaleFolders(in parent: String) {
        let name = outputName
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for entry in entries.sorted() {
            guard let (kind, pid) = Self.leftover(entry, outputName: name), pid != getpid() else { continue }
            guard kill(pid, 0) != 0 && errno == ESRCH else { continue }
            let path = parent + "/" + entry
            if kind == .previous, AtomicSwap.moveWithoutReplacing(path, outputPath) == .done { continue }
            retire(path)
        }
    }
}
