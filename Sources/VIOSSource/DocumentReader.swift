import Foundation
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
        inspect: @escaping @Sendable (DocumentParser.Parsed) -> T
    ) -> [T] {
        let root = inventory.root
        return inventory.documents.parallelMap { entry in
            let parsed: DocumentParser.Parsed
            switch readBytes(root + "/" + entry.path) {
            case .success(let bytes):
                parsed = DocumentParser.parse(path: entry.path, bytes: bytes, collection: entry.collection,
                                              slug: entry.slug, render: render)
            case .failure(let message):
                let document = Document(path: entry.path, collection: entry.collection, slug: entry.slug)
                parsed = DocumentParser.Parsed(document: document, bodyText: "",
                                               diagnostics: [Diagnostic(.vios101, at: document.start, message.text)])
            }
            return inspect(parsed)
        }
    }

    public static func readBytes(_ path: String) -> Result<[UInt8], ReadFailureMessage> {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(ReadFailureMessage("bestand kan niet gelezen worden"))
        }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()).map(Int.init) ?? 0
        if size > maximumFileSize {
            return .failure(ReadFailureMessage("bestand is te groot (\(size / 1_048_576) MB; maximaal \(maximumFileSize / 1_048_576) MB)"))
        }
        try? handle.seek(toOffset: 0)
        guard let data = try? handle.readToEnd() else { return .success([]) }
        return .success([UInt8](data))
    }

    public struct ReadFailureMessage: Error, Sendable {
        public var text: String
        init(_ text: String) { self.text = text }
    }
}
