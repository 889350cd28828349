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
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(w.bytes)) else { return false }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }

    /// `parse` reads the body; nil unless it succeeds and reads all of it.
    public static func read<T>(_ path: String, magic: String, _ parse: (inout ByteReader) -> T?) -> T? {
        let magic = Array(magic.utf8)
        guard let data = FileManager.default.contents(atPath: path), data.count >= magic.count + 16 else { return nil }
        let bytes = [UInt8](data)
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
