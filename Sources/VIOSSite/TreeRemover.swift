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

    /// Removes `path` without waiting for it, so `vios build` can exit
    /// while a large old tree (tens of thousands of files; a minute on a
    /// disk mounted with `discard`) is still being removed.
    ///
    /// `/bin/sh` starts a second shell in the background and exits at once
    /// (reaped here, so no zombie is left in a long-running `vios serve`);
    /// that shell, in a session of its own (Ctrl-C does not reach it) and
    /// with no descriptors of ours, renames the tree to `<prefix><its pid>`
    /// and becomes `rm -rf`. The name thus carries the pid of the live
    /// remover, and a later build leaves it alone until that is gone.
    /// With `VIOS_SYNC_CLEANUP=1`, or when no shell can be started, the
    /// tree is removed here and now.
    static func removeInBackground(_ path: String, renamingWithPrefix prefix: String) {
        if let value = getenv("VIOS_SYNC_CLEANUP"), String(cString: value) == "1" {
            remove(path)
            return
        }
        if !spawnRemover(path, prefix: prefix) { remove(path) }
    }

    private static func spawnRemover(_ path: String, prefix: String) -> Bool {
        let remover = #"if /bin/mv -f -- "$1" "$2$$"; then exec /bin/rm -rf -- "$2$$"; else exec /bin/rm -rf -- "$1"; fi"#
        let launcher = "/bin/sh -c '\(remover)' sh \"$1\" \"$2\" &"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // The build lock and sockets of `vios serve` must not live on in rm.
        if let closeFrom = addCloseFrom { _ = closeFrom(&actions, 3) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        ProcessSpawn.resetSignals(&attributes)
        posix_spawnattr_setflags(&attributes, Int16(spawnSetSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var child: pid_t = 0
        let arguments = ["/bin/sh", "-c", launcher, "sh", path, prefix]
        guard ProcessSpawn.withArgv(arguments, { posix_spawn(&child, "/bin/sh", &actions, &attributes, $0, environ) }) == 0 else {
            return false
        }
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 {
            // Someone else reaped it: the launcher ran, trust it.
            if errno != EINTR { return true }
        }
        // Exited normally with status 0 (WIFEXITED && WEXITSTATUS == 0).
        return status == 0
    }

    #if os(Linux)
    private static let spawnSetSID: Int32 = 0x80  // POSIX_SPAWN_SETSID, glibc 2.26
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
    /// `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34), if present.
    private static let addCloseFrom: AddCloseFrom? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: AddCloseFrom.self)
    }()
    #else
    private static let spawnSetSID: Int32 = 0x400  // POSIX_SPAWN_SETSID on Darwin
    private static let addCloseFrom: ((UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32)? = nil
    #endif

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
