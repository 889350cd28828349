import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VIOSCore

/// vios's own binary files in `.vios-cache/` (`DocumentStore`'s index, the
/// search batches, the build stamp): a magic line naming the format, the
/// body, and a hash of both. Written under a temporary name and renamed into
/// place, so a reader finds a whole file or none; a file that is damaged,
/// cut short, of another format or not read to its end reads as missing.
public enum CacheFile {
    @discardableResult
    public static func write(_ path: String, magic: String, capacity: Int = 4096, body: (inout ByteWriter) -> Void) -> Bool {
        var w = ByteWriter(capacity: capacity)
        w.raw(Array(magic.utf8))
        body(&w)
        w.hash(w.bytes.withUnsafeBytes { ContentHash($0) })
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        return replace(path, with: w.bytes)
    }

    /// Writes `bytes` under a temporary name and renames it to `path`.
    /// `FileManager.createFile` copied them into a `Data` first (8 MB of
    /// search batches, 5 MB of manifest, on every rebuild).
    public static func replace(_ path: String, with bytes: [UInt8]) -> Bool {
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        let written = bytes.withUnsafeBytes { writeFully(descriptor, $0) }
        guard close(descriptor) == 0, written, rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }

    /// The whole of one of vios's own files, read straight into an array
    /// (Foundation read it into `Data`, which was then copied). Nil when it
    /// cannot be read whole.
    public static func bytes(atPath path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(info.st_size)
        guard size > 0 else { return [] }
        var complete = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = readFully(descriptor, into: UnsafeMutableRawBufferPointer(buffer)) ?? 0
            complete = count == size
        }
        return complete ? bytes : nil
    }

    /// `parse` reads the body; nil unless it succeeds and reads all of it.
    public static func read<T>(_ path: String, magic: String, _ parse: (inout ByteReader) -> T?) -> T? {
        let magic = Array(magic.utf8)
        guard let bytes = bytes(atPath: path), bytes.count >= magic.count + 16 else { return nil }
        guard Array(bytes[..<magic.count]) == magic else { return nil }
        return bytes.withUnsafeBytes { all -> T? in
            let body = UnsafeRawBufferPointer(rebasing: all[..<(all.count - 16)])
            var trailer = ByteReader(all, offset: all.count - 16)
            guard trailer.hash() == ContentHash(body) else { return nil }
            var r = ByteReader(body, offset: magic.count)
            guard let value = parse(&r), r.isAtEnd else { return nil }
            return value
        }
    }
}
