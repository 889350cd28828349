#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VIOSCore

/// What `stat` says about a file, enough to tell that it was not written
/// since: any write changes the modification and change times (the change
/// time also moves on rename and chmod, and cannot be set back by tools
/// like `touch -d` or `git checkout`).
public struct FileIdentity: Hashable, Sendable {
    public var device: UInt64
    public var inode: UInt64
    public var size: UInt64
    public var modified: Int64
    public var changed: Int64

    public init(device: UInt64, inode: UInt64, size: UInt64, modified: Int64, changed: Int64) {
        self.device = device; self.inode = inode; self.size = size; self.modified = modified; self.changed = changed
    }

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = UInt64(info.st_size)
        #if canImport(Darwin)
        modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        changed = Int64(info.st_ctimespec.tv_sec) * 1_000_000_000 + Int64(info.st_ctimespec.tv_nsec)
        #else
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        #endif
    }

    /// A file changed less than this before a cache was written may change
    /// again without its times moving (they tick in steps of a few ms, on
    /// some file systems seconds): such a file's identity is not trusted
    /// alone. Generous, since the price of distrust is a little work.
    public static let racyWindow: Int64 = 3_000_000_000

    /// Whether a time `modified` read from the file system may stand for a
    /// change made after `time` (both nanoseconds since 1970). A time with
    /// a sub-second part comes from a file system with fine timestamps,
    /// where a later change is stamped at most a clock tick (a few ms)
    /// early; a whole-second time may be truncated, so it gets the whole
    /// `racyWindow`. A tree built in the seconds before `time` is then not
    /// taken as changed in all its folders.
    public static func mayHaveChanged(_ modified: Int64, after time: Int64) -> Bool {
        let window = modified % 1_000_000_000 == 0 ? racyWindow : fineRacyWindow
        return modified >= time - window
    }

    public static let fineRacyWindow: Int64 = 100_000_000

    /// The later of the two times: when the file last changed.
    public var newest: Int64 { max(modified, changed) }

    /// The identity of a regular file at `path` (symlinks followed, as
    /// `DocumentReader` follows them); nil for anything else.
    public static func of(_ path: String) -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return FileIdentity(info)
    }
}

extension ByteWriter {
    public mutating func identity(_ identity: FileIdentity) {
        for value in [identity.device, identity.inode, identity.size,
                      UInt64(bitPattern: identity.modified), UInt64(bitPattern: identity.changed)] {
            uint(value)
        }
    }
}

extension ByteReader {
    public mutating func identity() -> FileIdentity? {
        guard let device = uint(), let inode = uint(), let size = uint(), let modified = uint(), let changed = uint() else {
            return nil
        }
        return FileIdentity(device: device, inode: inode, size: size,
                            modified: Int64(bitPattern: modified), changed: Int64(bitPattern: changed))
    }
}
