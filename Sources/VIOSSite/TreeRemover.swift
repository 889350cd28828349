import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Removes a folder tree with plain `unlink`/`rmdir`, top-level entries on
/// all cores. `FileManager.removeItem` is an order of magnitude slower on
/// Linux for the tens of thousands of files of a national site. Symlinks
/// are removed, never followed.
enum TreeRemover {
    static func remove(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            unlink(path)
            return
        }
        let entries = list(path)
        DispatchQueue.concurrentPerform(iterations: entries.count) { i in
            removeRecursively(path + "/" + entries[i])
        }
        rmdir(path)
    }

    private static func removeRecursively(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            for name in list(path) { removeRecursively(path + "/" + name) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }

    private static func list(_ path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
