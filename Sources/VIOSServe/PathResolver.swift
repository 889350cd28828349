import Foundation

/// Maps a request target to a file under the site folder and never to
/// anything outside it: `..` and `.` segments, their percent-encoded forms,
/// an encoded `/` (`%2F`), backslashes and NUL are refused before the disk
/// is asked, and a symlink that resolves outside the folder is refused after.
/// Folders are served by their `index.html`; there is no directory listing.
public struct PathResolver: Sendable {
    public enum Resolution: Equatable, Sendable {
        /// Absolute, symlink-free path of a regular file inside the root.
        case file(String)
        /// A folder asked for without its trailing slash: the Location.
        case redirect(String)
        case notFound
    }

    /// Absolute path of the site folder.
    public let root: String

    public init(root: String) { self.root = root }

    /// The path part of a request target, without query and fragment.
    public static func pathPart(_ target: String) -> Substring {
        let end = target.firstIndex { $0 == "?" || $0 == "#" } ?? target.endIndex
        return target[..<end]
    }

    /// The decoded segments of a request target, or nil when the target may
    /// not be served. Empty segments (`//`) are dropped.
    public static func segments(ofTarget target: String) -> [String]? {
        let path = pathPart(target)
        guard path.hasPrefix("/"), !path.contains("\\") else { return nil }
        var segments: [String] = []
        for raw in path.split(separator: "/", omittingEmptySubsequences: true) {
            guard let decoded = percentDecoded(raw) else { return nil }
            // Hidden files and the dot segments, decoded or not, never leave
            // the root; neither does a decoded separator.
            guard !decoded.hasPrefix("."),
                  !decoded.contains(where: { $0 == "/" || $0 == "\\" || $0 == "\0" || $0.asciiValue.map { $0 < 32 } == true })
            else { return nil }
            segments.append(decoded)
        }
        return segments
    }

    /// Strict percent-decoding: a malformed escape or invalid UTF-8 is nil.
    static func percentDecoded(_ text: Substring) -> String? {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.first {
            iterator = iterator.dropFirst()
            guard byte == 37 else { bytes.append(byte); continue }
            guard iterator.count >= 2, let high = hex(iterator[iterator.startIndex]),
                  let low = hex(iterator[iterator.startIndex + 1]) else { return nil }
            bytes.append(high << 4 | low)
            iterator = iterator.dropFirst(2)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: return byte - 48
        case 65...70: return byte - 55
        case 97...102: return byte - 87
        default: return nil
        }
    }

    public func resolve(_ target: String) -> Resolution {
        guard let segments = Self.segments(ofTarget: target), let realRoot = Self.realPath(root) else { return .notFound }
        let candidate = segments.isEmpty ? realRoot : realRoot + "/" + segments.joined(separator: "/")
        guard let real = Self.realPath(candidate), Self.isInside(real, realRoot) else { return .notFound }
        switch Self.fileKind(real) {
        case .directory:
            guard Self.pathPart(target).hasSuffix("/") else {
                // Built from the checked segments, never from the raw target:
                // `//host/x` must not become a redirect to another host.
                let encoded = segments.map(Self.percentEncoded).joined(separator: "/")
                return .redirect("/" + encoded + "/" + Self.queryPart(target))
            }
            let index = real + "/index.html"
            guard let realIndex = Self.realPath(index), Self.isInside(realIndex, realRoot),
                  Self.fileKind(realIndex) == .file else { return .notFound }
            return .file(realIndex)
        case .file:
            return .file(real)
        case .other:
            return .notFound
        }
    }

    static func queryPart(_ target: String) -> Substring {
        guard let q = target.firstIndex(of: "?") else { return "" }
        let end = target[q...].firstIndex(of: "#") ?? target.endIndex
        return target[q..<end]
    }

    static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    enum Kind { case file, directory, other }

    static func fileKind(_ path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .other }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    static func percentEncoded(_ segment: String) -> String {
        var out = ""
        for byte in segment.utf8 {
            let ch = Character(UnicodeScalar(byte))
            if byte < 128, ch.isLetter || ch.isNumber || "-._~!$&'()*+,;=:@".contains(ch) {
                out.append(ch)
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return out
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
