import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VIOSCore

/// Lists the files below a folder of the site without ever leaving the
/// site root: a symbolic link is followed only when its target lies inside
/// the root (VIOS105 otherwise), a link back up to a folder being listed
/// (a loop) is not followed, and only regular files are listed (a named
/// pipe would block a reader forever). `ContentInventory` lists `Content/`
/// with it; whatever reads `Templates/` should too.
public enum RootedListing {
    public struct Listing: Sendable {
        /// Relative to the root, `/`-separated, sorted: `Content/img/plein.jpg`.
        public var files: [String] = []
        public var diagnostics: [Diagnostic] = []
        /// What `stat` said of each listed file while listing (the target's,
        /// for a link), so readers need not ask again.
        public var identities: [String: FileIdentity] = [:]
    }

    /// Folders nested deeper than this are not listed (a path that deep is
    /// a mistake, and the walk recurses once per level).
    public static let depthLimit = 64

    /// Files below `folder` (relative to `root`, e.g. `Content`). Hidden
    /// names (starting with `.`) are skipped. `root` must be absolute.
    public static func list(_ folder: String, root: String) -> Listing {
        var listing = Listing()
        guard let realRoot = realPath(root) else { return listing }
        let start = realRoot + "/" + folder
        guard let realFolder = realPath(start) else { return listing }
        guard isInside(realFolder, realRoot) else {
            listing.diagnostics.append(Diagnostic(.vios105, at: SourceLocation(file: folder, line: 1, column: 1), folder))
            return listing
        }
        // Every folder from the root down to the listed one is an ancestor:
        // a link back to any of them is a loop.
        var ancestors: Set<String> = [realRoot, realFolder]
        var parent = realFolder
        while parent.count > realRoot.count, let slash = parent.lastIndex(of: "/") {
            parent = String(parent[..<slash])
            ancestors.insert(parent)
        }
        walk(realFolder, relative: folder, root: realRoot, ancestors: ancestors, depth: 0, into: &listing)
        listing.files.sort()
        return listing
    }

    /// The canonical absolute path (every symlink resolved), or nil when
    /// it does not exist.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    public static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    private enum Kind { case file, directory, other, missing }

    /// What the entry `name` of an open folder is, the entry itself (a link is not followed).
    private static func kind(_ name: String, in folder: Int32) -> (Kind, isLink: Bool, info: stat) {
        var info = stat()
        guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return (.missing, false, info) }
        return classify(info, isLink: info.st_mode & S_IFMT == S_IFLNK)
    }

    private static func classify(_ info: stat, isLink: Bool) -> (Kind, isLink: Bool, info: stat) {
        switch info.st_mode & S_IFMT {
        case S_IFREG: return (.file, isLink, info)
        case S_IFDIR: return (.directory, isLink, info)
        default: return (.other, isLink, info)
        }
    }

    /// The same for an absolute path (a link's resolved target).
    private static func kind(_ path: String) -> (Kind, isLink: Bool, info: stat) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return (.missing, false, info) }
        return classify(info, isLink: info.st_mode & S_IFMT == S_IFLNK)
    }

    /// `opened`: the folder, already opened relative to its parent (a
    /// descriptor, negative when that failed); nil to open `directory`.
    private static func walk(_ directory: String, relative: String, root: String, ancestors: Set<String>, depth: Int,
                             opened: Int32? = nil, into listing: inout Listing) {
        let here = SourceLocation(file: relative, line: 1, column: 1)
        guard depth < depthLimit else {
            if let opened, opened >= 0 { close(opened) }
            listing.diagnostics.append(Diagnostic(.vios101, at: here,
                                                  "map '\(relative)' ligt meer dan \(depthLimit) mappen diep; vios leest haar niet"))
            return
        }
        let opening: OpaquePointer? = if let opened { opened >= 0 ? fdopendir(opened) : nil } else { opendir(directory) }
        guard let dir = opening else {
            if let opened, opened >= 0 { close(opened) }
            listing.diagnostics.append(Diagnostic(.vios404, at: here, relative))
            return
        }
        defer { closedir(dir) }
        let names = entries(of: dir)
        // Entries are looked at relative to their folder: a national site's
        // 22,000 full paths walked from the root again were most of listing.
        let folder = dirfd(dir)
        // A folder of thousands of school folders is listed on every core;
        // the parts are joined in name order, as one walk would list them.
        let visible = names.sorted { $0.name < $1.name }.filter { !$0.name.hasPrefix(".") }
        let visit: @Sendable (ArraySlice<(name: String, isFolder: Bool)>, inout Listing) -> Void = { entries, listing in
            for entry in entries {
                visitEntry(entry.name, in: directory, folder: folder, relative: relative, root: root, ancestors: ancestors,
                           depth: depth, isFolder: entry.isFolder, into: &listing)
            }
        }
        guard visible.count >= 64 else { return visit(visible[...], &listing) }
        // Each core lists runs of 32 entries into a listing of its own (one
        // per entry was two collections per file to make and merge).
        let runs = Array(stride(from: 0, to: visible.count, by: 32))
        let parts = runs.parallelMap { start -> Listing in
            var part = Listing()
            visit(visible[start..<min(visible.count, start + 32)], &part)
            return part
        }
        // Grown once: 7,000 school folders' merges grew it a dozen times.
        listing.files.reserveCapacity(listing.files.count + parts.reduce(0) { $0 + $1.files.count })
        listing.identities.reserveCapacity(listing.identities.count + parts.reduce(0) { $0 + $1.identities.count })
        for part in parts {
            listing.files += part.files
            listing.diagnostics += part.diagnostics
            listing.identities.merge(part.identities) { first, _ in first }
        }
    }

    /// The names in a folder, without `.` and `..`. `readdir` directly:
    /// Foundation's listing cost more than the `lstat` of every entry on a
    /// national site.
    /// Each with whether the folder says it is a folder (not a link to
    /// one): those need no `stat` to be told apart (7,000 school folders
    /// nationally).
    private static func entries(of dir: OpaquePointer) -> [(name: String, isFolder: Bool)] {
        var names: [(name: String, isFolder: Bool)] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            guard name != "." && name != ".." else { continue }
            names.append((name, entry.pointee.d_type == UInt8(DT_DIR)))
        }
        return names
    }

    private static func visitEntry(_ name: String, in directory: String, folder: Int32, relative: String, root: String,
                                   ancestors: Set<String>, depth: Int, isFolder: Bool, into listing: inout Listing) {
        let absolute = directory + "/" + name
        let rel = relative + "/" + name
        let at = SourceLocation(file: rel, line: 1, column: 1)
        var (kind, isLink, info) = isFolder ? (Kind.directory, false, stat()) : kind(name, in: folder)
        var target = absolute
        if isLink {
            guard let resolved = realPath(absolute) else {
                // A link to nothing: name it, it is what the author sees.
                listing.diagnostics.append(Diagnostic(.vios404, at: at, rel))
                return
            }
            guard isInside(resolved, root) else {
                listing.diagnostics.append(Diagnostic(.vios105, at: at, rel))
                return
            }
            target = resolved
            (kind, _, info) = Self.kind(resolved)
        }
        switch kind {
        case .file:
            listing.files.append(rel)
            listing.identities[rel] = FileIdentity(info)
        case .directory:
            // `directory` is a real path, so a folder in it that is not a link is one too.
            let real = isLink ? target : absolute
            guard !ancestors.contains(real) else {
                listing.diagnostics.append(Diagnostic(.vios101, at: at,
                                                      "'\(rel)' is een symbolische link naar een map erboven (een lus); die wordt niet gevolgd"))
                return
            }
            // A folder (not a link) is opened from its parent's descriptor, not walked to from `/`.
            let opened: Int32? = isLink ? nil : openat(folder, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            walk(real, relative: rel, root: root, ancestors: ancestors.union([real]), depth: depth + 1, opened: opened,
                 into: &listing)
        case .other:
            listing.diagnostics.append(Diagnostic(.vios101, at: at,
                                                  "'\(rel)' is geen gewoon bestand (named pipe, socket of apparaat); vios leest het niet"))
        case .missing:
            return
        }
    }
}
