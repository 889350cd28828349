import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VIOSCore

/// Reads and parses every document of an inventory on all cores. What to
/// do with each parsed file (checks, in the same worker while its text is
/// still at hand) is the caller's; only Swift values cross threads.
public enum DocumentReader {
    /// Documents larger than this are not parsed (resource limit, issue 7).
    public static let maximumFileSize = 20 * 1024 * 1024

    public static func read<T: Sendable>(
        _ inventory: ContentInventory,
        render: MarkdownParser.RenderOptions? = nil,
        cache: ParseCache? = nil,
        progress: (@Sendable (_ total: Int) -> Void)? = nil,
        inspect: @escaping @Sendable (DocumentParser.Parsed) -> T
    ) -> [T] {
        cache?.keep(only: Set(inventory.documents.map(\.path)))
        let total = inventory.documents.count
        return inventory.documents.parallelMap { entry in
            defer { progress?(total) }
            return inspect(read(entry, root: inventory.root, render: render, cache: cache).parsed)
        }
    }

    /// The file a document was read from: its identity and the hash of
    /// its bytes (for `DocumentStore`).
    public struct Source: Sendable {
        public var identity: FileIdentity
        public var hash: ContentHash
    }

    /// One document of the inventory, with the file it was read from (nil
    /// when it could not be read: the VIOS101 is in `parsed.diagnostics`).
    public static func read(_ entry: ContentInventory.Entry, root: String, render: MarkdownParser.RenderOptions? = nil,
                            cache: ParseCache? = nil) -> (parsed: DocumentParser.Parsed, source: Source?) {
        switch readFile(root + "/" + entry.path) {
        case .success(let (bytes, identity)):
            let source = Source(identity: identity, hash: bytes.withUnsafeBytes { ContentHash($0) })
            if let hit = cache?.lookup(entry.path, bytes: bytes, rendered: render != nil) { return (hit, source) }
            let parsed = DocumentParser.parse(path: entry.path, bytes: bytes, collection: entry.collection,
                                              slug: entry.slug, render: render)
            cache?.store(entry.path, bytes: bytes, rendered: render != nil, parsed: parsed)
            return (parsed, source)
        case .failure(let message):
            let document = Document(path: entry.path, collection: entry.collection, slug: entry.slug)
            return (DocumentParser.Parsed(document: document, bodyText: "",
                                          diagnostics: [Diagnostic(.vios101, at: document.start, message.text)]), nil)
        }
    }

    /// The bytes of a regular file of at most `maximumFileSize` bytes.
    /// Never blocks on a named pipe or device, and never holds more than
    /// the limit in memory, even for a file that grows while it is read.
    public static func readBytes(_ path: String) -> Result<[UInt8], ReadFailureMessage> {
        readFile(path).map(\.bytes)
    }

    /// The bytes, with the identity of the file they were read from.
    static func readFile(_ path: String) -> Result<(bytes: [UInt8], identity: FileIdentity), ReadFailureMessage> {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(ReadFailureMessage("bestand kan niet gelezen worden")) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(ReadFailureMessage("bestand kan niet gelezen worden")) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            return .failure(ReadFailureMessage("geen gewoon bestand (een map, named pipe of apparaat); vios leest het niet"))
        }
        let size = Int(info.st_size)
        if size > maximumFileSize { return .failure(.tooLarge(size)) }
        // Straight into the array, one byte more than the size: a file that
        // did not grow is read without a zeroed chunk or a copy.
        let first = min(size, maximumFileSize) + 1
        var failed = false
        var bytes = [UInt8](unsafeUninitializedCapacity: first) { buffer, count in
            let read = readFully(descriptor, into: UnsafeMutableRawBufferPointer(buffer))
            failed = read == nil
            count = read ?? 0
        }
        if failed { return .failure(ReadFailureMessage("bestand kan niet gelezen worden")) }
        // It grew while it was read: the rest in chunks, up to the limit.
        if bytes.count == first {
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while bytes.count <= maximumFileSize {
                let wanted = min(chunk.count, maximumFileSize + 1 - bytes.count)
                guard let count = chunk.withUnsafeMutableBytes({
                    readFully(descriptor, into: UnsafeMutableRawBufferPointer(rebasing: $0[..<wanted]))
                }) else { return .failure(ReadFailureMessage("bestand kan niet gelezen worden")) }
                bytes.append(contentsOf: chunk[0..<count])
                if count < wanted { break }
            }
        }
        if bytes.count > maximumFileSize { return .failure(.tooLarge(bytes.count)) }
        return .success((bytes, FileIdentity(info)))
    }

    public struct ReadFailureMessage: Error, Sendable {
        public var text: String
        init(_ text: String) { self.text = text }

        static func tooLarge(_ size: Int) -> ReadFailureMessage {
            // Tenths of a MB, rounded up: a file just over the limit must
            // not read as "20,0 MB; maximaal 20 MB".
            let tenths = (size * 10 + 1_048_575) / 1_048_576
            return ReadFailureMessage("bestand is te groot om te controleren (\(tenths / 10),\(tenths % 10) MB; "
                                      + "maximaal \(maximumFileSize / 1_048_576) MB): "
                                      + "splits het document of haal grote ingeplakte inhoud eruit")
        }
    }
}
