import Synchronization

/// Parsed documents of the previous build, for a process that builds again
/// and again (`vios serve`): a file whose bytes are unchanged is not decoded,
/// parsed and rendered to HTML a second time. Keyed by path and the bytes
/// themselves (compared in full, so a stale entry can never be returned)
/// and by whether bodies were rendered.
public final class ParseCache: Sendable {
    private struct Entry: Sendable {
        var bytes: [UInt8]
        var rendered: Bool
        var parsed: DocumentParser.Parsed
    }

    private let entries = Mutex<[String: Entry]>([:])

    public init() {}

    func lookup(_ path: String, bytes: [UInt8], rendered: Bool) -> DocumentParser.Parsed? {
        guard let entry = entries.withLock({ $0[path] }), entry.rendered == rendered, entry.bytes == bytes else { return nil }
        return entry.parsed
    }

    func store(_ path: String, bytes: [UInt8], rendered: Bool, parsed: DocumentParser.Parsed) {
        entries.withLock { $0[path] = Entry(bytes: bytes, rendered: rendered, parsed: parsed) }
    }

    /// Forgets documents that are gone, so the cache never outgrows the site.
    public func keep(only paths: Set<String>) {
        entries.withLock { entries in entries = entries.filter { paths.contains($0.key) } }
    }

    /// Documents held (for tests).
    public var count: Int { entries.withLock { $0.count } }
}
