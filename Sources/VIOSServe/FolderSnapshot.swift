import Foundation

/// What the watcher compares: every file under the watched folders with its
/// modification time, size and inode (an editor that saves by renaming a
/// new file into place changes the inode even within one clock tick).
/// Polling works the same on every platform and costs a few milliseconds
/// for a 700-school site.
public struct FolderSnapshot: Equatable, Sendable {
    public struct Stamp: Equatable, Sendable {
        var seconds: Int
        var nanoseconds: Int
        var size: Int64
        var inode: UInt64
    }

    public private(set) var files: [String: Stamp] = [:]

    public init() {}

    /// Lists `folders` (relative to `root`); a missing folder is empty.
    public static func take(root: String, folders: [String]) -> FolderSnapshot {
        var snapshot = FolderSnapshot()
        for folder in folders { snapshot.walk(root + "/" + folder, relative: folder) }
        return snapshot
    }

    /// Paths (relative to the root) added, removed or changed since `old`.
    public func changes(since old: FolderSnapshot) -> [String] {
        var changed: [String] = []
        for (path, stamp) in files where old.files[path] != stamp { changed.append(path) }
        for path in old.files.keys where files[path] == nil { changed.append(path) }
        return changed.sorted()
    }

    /// Editor droppings that are not content: swap, backup and temp files.
    static func isIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx")
            || name.hasPrefix("#") || name == "4913"
    }

    private mutating func walk(_ directory: String, relative: String) {
        guard let handle = opendir(directory) else { return }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." || Self.isIgnored(name) { continue }
            let path = directory + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            let type = info.st_mode & S_IFMT
            if type == S_IFDIR {
                walk(path, relative: relative + "/" + name)
                continue
            }
            // A symlink is stamped by what it points at (not followed into
            // folders: the inventory decides what a link may reach).
            if type == S_IFLNK, stat(path, &info) != 0 { continue }
            guard info.st_mode & S_IFMT == S_IFREG else { continue }
            files[relative + "/" + name] = Stamp(info)
        }
    }
}

extension FolderSnapshot.Stamp {
    init(_ info: stat) {
        #if canImport(Darwin)
        self.init(seconds: Int(info.st_mtimespec.tv_sec), nanoseconds: Int(info.st_mtimespec.tv_nsec),
                  size: Int64(info.st_size), inode: UInt64(info.st_ino))
        #else
        self.init(seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec),
                  size: Int64(info.st_size), inode: UInt64(info.st_ino))
        #endif
    }
}
