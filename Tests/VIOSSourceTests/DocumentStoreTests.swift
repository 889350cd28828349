import Foundation
import Testing
import VIOSCore
@testable import VIOSSource

/// The on-disk store of checked documents (`DocumentStore`): records read
/// back exactly, only for an unchanged file and the same key, and anything
/// damaged is a miss, never a crash or a stale document.
@Suite struct DocumentStoreTests {
    static let demoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// Every demo document, parsed with HTML, plus a diagnostic with and
    /// one without a suggestion.
    static func demoDocuments() throws -> [(Document, [Diagnostic])] {
        let inventory = try ContentInventory.scan(root: demoRoot)
        let render = MarkdownParser.RenderOptions { _, url in url }
        let results = DocumentReader.read(inventory, render: render) { ($0.document, $0.diagnostics) }
        #expect(results.count > 20)
        return results.enumerated().map { i, result in
            var diagnostics = result.1
            let at = result.0.location(line: i + 1, column: 3)
            diagnostics.append(Diagnostic(.vios402, at: at, "#anker", "een onbekend anker", suggestion: i % 2 == 0 ? "kijk hier" : nil))
            diagnostics.append(Diagnostic(.vios301, at: at, "Doel", severity: .warning))
            return (result.0, diagnostics)
        }
    }

    /// A record's meta and texts one after the other in one buffer, as the
    /// store's fallback reads them, cut to `length` bytes.
    static func decode(_ record: DocumentCodec.Record, bytes: [UInt8]? = nil,
                       length: Int? = nil) -> (Document, [Diagnostic])? {
        let bytes = Array((bytes ?? record.meta + record.texts).prefix(length ?? .max))
        let metaEnd = min(record.meta.count, bytes.count)
        return DocumentCodec.decode(SharedBytes(bytes), meta: 0..<metaEnd, texts: metaEnd..<bytes.count)
    }

    @Test func recordsReadBackExactly() throws {
        let documents = try Self.demoDocuments()
        #expect(documents.contains { $0.0.html != nil && !$0.0.body.links.isEmpty && $0.0.frontmatter != nil })
        for (document, diagnostics) in documents {
            let record = DocumentCodec.encodeRecord(document, diagnostics)
            #expect(record.texts.count == document.body.plainText.utf8.count + (document.html?.utf8.count ?? 0))
            let decoded = Self.decode(record)
            #expect(decoded?.0 == document, "\(document.path)")
            #expect(decoded?.1 == diagnostics, "\(document.path)")
        }
    }

    @Test func damagedRecordsAreRejectedWithoutATrap() throws {
        let (document, diagnostics) = try #require(Self.demoDocuments().first { $0.0.frontmatter != nil && $0.0.html != nil })
        let record = DocumentCodec.encodeRecord(document, diagnostics)
        let bytes = record.meta + record.texts
        // Every cut is incomplete: of the meta, or of the texts it describes.
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 400)) {
            #expect(Self.decode(record, length: length) == nil)
        }
        // Flipped bytes either decode to something or to nil; never trap.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            var damaged = bytes
            damaged[Int.random(in: 0..<damaged.count, using: &generator)] ^= UInt8.random(in: 1...255, using: &generator)
            // Texts decoded later repair what is not UTF-8.
            if let (decoded, _) = Self.decode(record, bytes: damaged) {
                _ = (decoded.html, decoded.body.plainText)
            }
        }
    }

    /// A store in a fresh folder.
    final class Place {
        let directory = NSTemporaryDirectory() + "vios-store-" + UUID().uuidString
        deinit { try? FileManager.default.removeItem(atPath: directory) }
        func open(_ key: ContentHash = ContentHash(a: 1, b: 2)) -> DocumentStore {
            DocumentStore(directory: directory, name: "documents-test", key: key)
        }
        var pack: String { directory + "/documents-test.pack" }
        var index: String { directory + "/documents-test.index" }
    }

    /// File times long before any index was written: not racy.
    static func identity(_ n: UInt64, modified: Int64 = 1_000_000_000) -> FileIdentity {
        FileIdentity(device: 1, inode: n, size: 100 + n, modified: modified, changed: modified)
    }

    static let source = ContentHash(a: 7, b: 7)

    func fill(_ place: Place, _ documents: [(Document, [Diagnostic])], modified: Int64 = 1_000_000_000) {
        let store = place.open()
        for (i, (document, diagnostics)) in documents.enumerated() {
            store.store(document.path, identity: Self.identity(UInt64(i), modified: modified), source: Self.source,
                        document: document, diagnostics: diagnostics)
        }
        store.save()
    }

    @Test func unchangedFilesHitAndChangedOnesMiss() throws {
        let documents = try Self.demoDocuments()
        let place = Place()
        fill(place, documents)

        let store = place.open()
        var sourceReads = 0
        for (i, (document, diagnostics)) in documents.enumerated() {
            let hit = store.lookup(document.path, identity: Self.identity(UInt64(i)), source: { sourceReads += 1; return nil })
            #expect(hit?.document == document)
            #expect(hit?.diagnostics == diagnostics)
        }
        // Old file times: the identity alone decides, the file is not read.
        #expect(sourceReads == 0)
        #expect(store.hits == documents.count)
        // Another size, inode or time: a miss.
        let path = documents[0].0.path
        var other = Self.identity(0)
        other.size += 1
        #expect(store.lookup(path, identity: other, source: { Self.source }) == nil)
        other = Self.identity(0); other.changed += 1
        #expect(store.lookup(path, identity: other, source: { Self.source }) == nil)
        #expect(store.lookup("Content/gemeenten/onbekend.md", identity: Self.identity(0), source: { Self.source }) == nil)

        // Another key (other structures, --today, executable): empty.
        let rekeyed = place.open(ContentHash(a: 1, b: 3))
        #expect(rekeyed.lookup(path, identity: Self.identity(0), source: { Self.source }) == nil)
    }

    /// A build's metas lie together after its texts: a rebuild decodes
    /// every meta and touches the pages of a text only when it reads it.
    @Test func metasLieTogetherAfterTheTextsOfTheirBuild() throws {
        let documents = try Self.demoDocuments()
        let place = Place()
        let first = place.open()
        for (i, (document, diagnostics)) in documents.enumerated() {
            first.store(document.path, identity: Self.identity(UInt64(i)), source: Self.source, document: document,
                        diagnostics: diagnostics)
        }
        first.save()
        let parts = try documents.map { try #require(first.parts(of: $0.0.path)) }
        let metas = parts.map(\.meta).sorted { $0.lowerBound < $1.lowerBound }
        let textsEnd = try #require(parts.map(\.texts.upperBound).max())
        #expect(metas.first?.lowerBound == textsEnd)
        for (a, b) in zip(metas, metas.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
        #expect(parts.contains { $0.texts.count > 1000 && $0.meta.count < $0.texts.count })
        // The next build appends the texts of what changed, then its metas;
        // the others' records stay where they were.
        let second = place.open()
        for (i, (document, _)) in documents.enumerated() where i > 0 {
            #expect(second.lookup(document.path, identity: Self.identity(UInt64(i)), source: { nil }) != nil)
        }
        var changed = documents[0].0
        changed.html = (changed.html ?? "") + "<p>Nieuw.</p>"
        second.store(changed.path, identity: Self.identity(99), source: Self.source, document: changed, diagnostics: [])
        second.save()
        let moved = try #require(second.parts(of: changed.path))
        #expect(moved.texts.lowerBound == metas.last?.upperBound)
        #expect(moved.meta.lowerBound == moved.texts.upperBound)
        #expect(second.parts(of: documents[1].0.path)?.meta == parts[1].meta)
        let reread = place.open().lookup(changed.path, identity: Self.identity(99), source: { nil })
        #expect(reread?.document == changed)
    }

    /// Texts read from the store point into the mapped pack; a later store
    /// that starts over must not pull the file from under them.
    @Test func textsOfAnEarlierBuildOutliveAStoreThatStartsOver() throws {
        let documents = try Self.demoDocuments()
        let place = Place()
        fill(place, documents)
        let store = place.open()
        let (i, original) = try #require(documents.enumerated().first { $0.element.0.html?.isEmpty == false }.map { ($0.offset, $0.element.0) })
        let hit = try #require(store.lookup(original.path, identity: Self.identity(UInt64(i)), source: { nil }))
        // Another key starts the store over, and fills it with other bytes.
        let rekeyed = place.open(ContentHash(a: 1, b: 3))
        for (n, (document, diagnostics)) in documents.reversed().enumerated() {
            var changed = document
            changed.html = String(repeating: "x", count: 50)
            rekeyed.store(document.path, identity: Self.identity(UInt64(n)), source: Self.source, document: changed, diagnostics: diagnostics)
        }
        rekeyed.save()
        #expect(hit.document.html == original.html)
        #expect(hit.document.body.plainText == original.body.plainText)
    }

    /// A file system with fine timestamps stamps a later change at most a
    /// clock tick early; one with whole seconds may stamp it a second early.
    @Test func racyTimesDependOnTheirResolution() {
        let built: Int64 = 1_700_000_000_500_000_000
        // Fine: a change after `built` (even a tick early) counts, one a second before does not.
        #expect(FileIdentity.mayHaveChanged(built + 1_234, after: built))
        #expect(FileIdentity.mayHaveChanged(built - 4_000_000, after: built))
        #expect(!FileIdentity.mayHaveChanged(built - 1_000_000_001, after: built))
        // Whole seconds: the truncated stamp of a change after `built` still counts.
        #expect(FileIdentity.mayHaveChanged(1_700_000_000_000_000_000, after: built))
        #expect(FileIdentity.mayHaveChanged(1_699_999_998_000_000_000, after: built))
        #expect(!FileIdentity.mayHaveChanged(1_699_999_997_000_000_000, after: built))
    }

    @Test func recentlyChangedFilesAreComparedByContent() throws {
        let documents = Array(try Self.demoDocuments().prefix(3))
        let place = Place()
        // File times "now": within the racy window of the index written next.
        let now = Int64(Date().timeIntervalSince1970 * 1e9)
        fill(place, documents, modified: now)
        let store = place.open()
        let path = documents[1].0.path
        let identity = Self.identity(1, modified: now)
        // Same identity, other bytes (written twice in one clock tick): a miss.
        #expect(store.lookup(path, identity: identity, source: { ContentHash(a: 9, b: 9) }) == nil)
        #expect(store.lookup(path, identity: identity, source: { nil }) == nil)
        #expect(store.lookup(path, identity: identity, source: { Self.source })?.document == documents[1].0)
    }

    @Test func onlyThisBuildsDocumentsAreKept() throws {
        let documents = Array(try Self.demoDocuments().prefix(4))
        let place = Place()
        fill(place, documents)
        let store = place.open()
        // This build sees documents 0 and 1 only.
        #expect(store.lookup(documents[0].0.path, identity: Self.identity(0), source: { nil }) != nil)
        #expect(store.lookup(documents[1].0.path, identity: Self.identity(1), source: { nil }) != nil)
        store.save()
        let next = place.open()
        #expect(next.lookup(documents[1].0.path, identity: Self.identity(1), source: { nil }) != nil)
        #expect(next.lookup(documents[2].0.path, identity: Self.identity(2), source: { nil }) == nil)
    }

    @Test func damagedFilesReadAsAnEmptyStore() throws {
        let documents = Array(try Self.demoDocuments().prefix(4))
        let path = documents[2].0.path

        // Bytes of the pack overwritten: the record's hash no longer matches.
        var place = Place()
        fill(place, documents)
        var pack = try Data(contentsOf: URL(fileURLWithPath: place.pack))
        for i in stride(from: 0, to: pack.count, by: 97) { pack[i] ^= 0x5A }
        try pack.write(to: URL(fileURLWithPath: place.pack))
        #expect(place.open().lookup(path, identity: Self.identity(2), source: { Self.source }) == nil)

        // Pack truncated: the index no longer describes it.
        place = Place()
        fill(place, documents)
        pack = try Data(contentsOf: URL(fileURLWithPath: place.pack))
        try pack.prefix(pack.count / 2).write(to: URL(fileURLWithPath: place.pack))
        #expect(place.open().lookup(path, identity: Self.identity(2), source: { Self.source }) == nil)

        // Index cut short or changed: ignored.
        for damage in [{ (d: Data) in d.prefix(d.count - 5) }, { (d: Data) in var d = d; d[d.count / 2] ^= 1; return d }] {
            place = Place()
            fill(place, documents)
            let index = try Data(contentsOf: URL(fileURLWithPath: place.index))
            try damage(index).write(to: URL(fileURLWithPath: place.index))
            let store = place.open()
            #expect(store.lookup(path, identity: Self.identity(2), source: { Self.source }) == nil)
            // And the store works again from scratch.
            store.store(path, identity: Self.identity(2), source: Self.source, document: documents[2].0, diagnostics: [])
            store.save()
            #expect(place.open().lookup(path, identity: Self.identity(2), source: { Self.source })?.document == documents[2].0)
        }
    }

    /// An untouched pack's records are not hashed again (`packUntouched`);
    /// bytes changed in place, even with the modification time put back,
    /// change the pack's change time, and every record is checked again.
    @Test func packChangedInPlaceIsCheckedByHash() throws {
        let documents = Array(try Self.demoDocuments().prefix(4))
        let path = documents[2].0.path
        let place = Place()
        fill(place, documents)
        #expect(place.open().lookup(path, identity: Self.identity(2), source: { Self.source })?.document == documents[2].0)
        var before = stat()
        #expect(stat(place.pack, &before) == 0)
        // Past the clock tick of the last write: the kernel stamps times coarsely.
        usleep(50_000)
        // One letter of the document's HTML: the record still decodes, to other text.
        let html = try #require(documents[2].0.html)
        let pack = try Data(contentsOf: URL(fileURLWithPath: place.pack))
        let range = try #require(pack.range(of: Data(html.utf8)))
        let handle = try #require(FileHandle(forUpdatingAtPath: place.pack))
        try handle.seek(toOffset: UInt64(range.lowerBound + html.utf8.count / 2))
        handle.write(Data("#".utf8))
        try handle.close()
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, place.pack, &times, 0) == 0)
        var after = stat()
        #expect(stat(place.pack, &after) == 0)
        #expect(after.st_size == before.st_size && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)
        #expect(place.open().lookup(path, identity: Self.identity(2), source: { Self.source }) == nil)
    }

    @Test func aFolderThatCannotBeWrittenMeansNoStore() throws {
        let store = DocumentStore(directory: "/proc/vios-geen-map", name: "documents-test", key: ContentHash(a: 1, b: 2))
        let documents = Array(try Self.demoDocuments().prefix(1))
        store.store(documents[0].0.path, identity: Self.identity(0), source: Self.source, document: documents[0].0, diagnostics: [])
        store.save()
        #expect(store.lookup(documents[0].0.path, identity: Self.identity(0), source: { Self.source }) == nil)
    }
}
