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
struct OutputWriter: Sendable {
    /// Absolute path of the final output folder.
    let outputPath: String
    /// Absolute path of the folder being built.
    let temporaryPath: String
    /// The previous build's files, to hard-link instead of re-writing
    /// unchanged ones; `nil` under `--no-cache`.
    var cache: OutputCache?

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
    }

    /// Creates an empty temporary folder (and the parent of the output).
    func prepare() throws(Failure) {
        let fm = FileManager.default
        let parent = (temporaryPath as NSString).deletingLastPathComponent
        removeStaleFolders(in: parent)
        TreeRemover.remove(temporaryPath)
        do {
            try fm.createDirectory(atPath: temporaryPath, withIntermediateDirectories: true)
        } catch {
            throw Failure(message: "kan de tijdelijke map \(temporaryPath) niet maken: \(error.localizedDescription)")
        }
    }

    /// Creates the folders of a relative file path (several threads may
    /// race to create the same folder; that is fine).
    private func createParents(of relative: String) throws(Failure) {
        let parts = relative.split(separator: "/").dropLast()
        var path = temporaryPath
        for part in parts {
            path += "/" + part
            if mkdir(path, 0o755) != 0 && errno != EEXIST {
                throw Failure(message: "kan map \(path.dropFirst(temporaryPath.count + 1)) niet maken: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Writes one file, creating its folders when they do not exist yet.
    /// With a cache, a file whose bytes equal the previous build's is
    /// hard-linked from the current output instead of written.
    func write(_ relative: String, _ bytes: some ContiguousBytes) throws(Failure) {
        guard let cache else { return try writeBytes(relative, bytes) }
        let path = temporaryPath + "/" + relative
        let (hash, size) = bytes.withUnsafeBytes { (ContentHash($0), $0.count) }
        if let old = cache.reusable(relative, hash: hash, size: size) {
            var ok = link(old, path) == 0
            if !ok && errno == ENOENT {
                try createParents(of: relative)
                ok = link(old, path) == 0
            }
            if ok {
                cache.linkedOne()
                cache.record(relative, path: path, hash: hash, size: size)
                return
            }
        }
        try writeBytes(relative, bytes)
        cache.record(relative, path: path, hash: hash, size: size)
    }

    private func writeBytes(_ relative: String, _ bytes: some ContiguousBytes) throws(Failure) {
        let path = temporaryPath + "/" + relative
        var fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if fd < 0 && errno == ENOENT {
            try createParents(of: relative)
            fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        guard fd >= 0 else { throw Failure(message: "kan \(relative) niet schrijven: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let ok = bytes.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let n = systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        if !ok { throw Failure(message: "kan \(relative) niet schrijven: \(String(cString: strerror(errno)))") }
    }

    func write(_ relative: String, text: String) throws(Failure) {
        var text = text
        let result: Result<Void, Failure> = text.withUTF8 { buffer in
            Result { () throws(Failure) in try write(relative, UnsafeRawBufferPointer(buffer)) }
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

    /// Swaps the finished folder into place: old output aside, new one in,
    /// old one removed. Renames within one folder are atomic.
    func commit() throws(Failure) {
        let fm = FileManager.default
        let old = (temporaryPath as NSString).deletingLastPathComponent + "/."
            + (outputPath as NSString).lastPathComponent + ".old-\(getpid())"
        var hadOutput = false
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: outputPath, isDirectory: &isDirectory) {
            TreeRemover.remove(old)
            guard rename(outputPath, old) == 0 else {
                discard()
                throw Failure(message: "kan de oude uitvoermap niet opzij zetten: \(String(cString: strerror(errno)))")
            }
            hadOutput = true
        }
        guard rename(temporaryPath, outputPath) == 0 else {
            let reason = String(cString: strerror(errno))
            if hadOutput { _ = rename(old, outputPath) }
            discard()
            throw Failure(message: "kan de nieuwe uitvoermap niet op zijn plaats zetten: \(reason)")
        }
        if hadOutput { TreeRemover.remove(old) }
    }

    func discard() {
        TreeRemover.remove(temporaryPath)
    }

    /// Leftovers of builds that were killed (their process is gone).
    private func removeStaleFolders(in parent: String) {
        let name = (outputPath as NSString).lastPathComponent
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for entry in entries where entry.hasPrefix("." + name + ".tmp-") || entry.hasPrefix("." + name + ".old-") {
            guard let pid = Int32(entry.split(separator: "-").last ?? ""), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                TreeRemover.remove(parent + "/" + entry)
            }
        }
    }
}

private func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, pointer, count)
    #else
    return Darwin.write(fd, pointer, count)
    #endif
}
