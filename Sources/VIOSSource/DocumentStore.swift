#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
import VIOSCore

/// Checked documents of earlier builds, on disk, so a rebuild reads, parses
/// and checks only the files that changed since (issue 5): the same role
/// as `ParseCache` for a one-off process.
///
/// Two files in `.vios-cache/`: a pack of records (one per document: the
/// `Document` with its HTML and text, and its own diagnostics, in the code
/// of `DocumentCodec`) that only grows, and an index from each path to the
/// identity of the file it was read from (`FileIdentity`) and where its
/// record's two parts lie, with the meta's hash (the meta holds the texts'
/// digests). The index names the `key`
/// of what else the records depend on (the check context, the vios
/// executable); another key starts the store empty.
///
/// A build writes the texts of its new records as they come and their
/// metas together when it saves: the metas of a national site are under
/// a tenth of its 290 MB pack, and a rebuild, which decodes them all, maps
/// only those pages. (The kernel maps the 64 KB around each page touched:
/// with metas between texts the whole pack was mapped, 6,000 page faults
/// and 16 ms of teardown at exit; a national rebuild's peak memory went
/// from 490 to 225 MB.)
///
/// A record is used only when the file's identity is unchanged and the
/// record's bytes hash to what the index and its meta say; anything else (a damaged or
/// truncated file, a record written by a build that crashed) is a miss and
/// the document is read again. For a file changed within
/// `FileIdentity.racyWindow` before the index was written the identity is
/// not enough and its bytes are compared by hash, as git does for its "racily clean" index
/// entries. The caller holds the build lock, so no other vios process
/// writes the same files.
public final class DocumentStore: Sendable {
    struct Entry: Sendable {
        var identity: FileIdentity
        /// The record's meta part, and its hash.
        var offset: UInt64
        var length: UInt64
        var hash: ContentHash
        /// Hash of the source file's bytes.
        var source: ContentHash
        /// The record's texts (their digests are in the meta).
        var textOffset: UInt64
        var textLength: UInt64
    }

    private struct State {
        var end: UInt64
        var entries: [String: Entry] = [:]
        /// Records whose texts are written and whose metas wait for `save`,
        /// the metas one after the other in `metas` (where each starts).
        var pending: [(path: String, start: Int, entry: Entry)] = []
        var metas: [UInt8] = []
        var hits = 0
    }

    /// Index format version; any other is read as an empty store.
    private static let magic = "VIOS-documenten-10\n"

    private let indexPath: String
    private let key: ContentHash
    private let previous: [String: Entry]
    /// When the previous index was written (nanoseconds since 1970).
    private let previousSaved: Int64
    private let descriptor: Int32
    /// The pack as the previous index left it, mapped: records are hashed
    /// and decoded in place, and texts no page needs are never copied.
    private let mapped: SharedBytes?
    /// Whether the pack is still the file the previous index was saved
    /// with (same `FileIdentity`: device, inode, size, modification and
    /// change time). Its records are then the bytes that build wrote and
    /// hashed, as an unchanged source file is the one its record was made
    /// from; hashing 300 MB of records again was a sixth of a national
    /// rebuild's work. Any other pack has every record checked by hash.
    private let packUntouched: Bool
    private let state: Mutex<State>

    /// Opens (or starts) the store `<directory>/<name>.index` + `.pack`.
    /// Never fails: a store that cannot be used reads as empty and saves
    /// nothing.
    public init(directory: String, name: String, key: ContentHash) {
        indexPath = directory + "/" + name + ".index"
        self.key = key
        mkdir(directory, 0o755)
        var previous = Self.readIndex(indexPath, key: key)
        let packPath = directory + "/" + name + ".pack"
        var fd = open(packPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        var info = stat()
        var end: UInt64 = 0
        var mapped: SharedBytes?
        var untouched = false
        if fd >= 0, fstat(fd, &info) == 0 {
            let size = UInt64(info.st_size)
            let live = previous?.entries.values.reduce(0) { $0 + $1.length + $1.textLength } ?? 0
            // Start again when the pack is not the one the index describes,
            // or when more than half of it (and 32 MB) is records no
            // document uses any more: the next build then writes it anew.
            if previous == nil || previous!.pack.inode != UInt64(info.st_ino) || size < previous!.packSize
                || size - live > max(live, 32 << 20) {
                previous = nil
                unlink(indexPath)
                // A new file, not a truncated one: texts of earlier builds
                // may still point into a mapping of the old one.
                close(fd)
                unlink(packPath)
                fd = open(packPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
                end = 0
            } else {
                end = size
                mapped = Self.map(fd, length: Int(previous!.packSize))
                untouched = FileIdentity(info) == previous!.pack
            }
        }
        self.previous = previous?.entries ?? [:]
        previousSaved = previous?.saved ?? 0
        descriptor = fd
        self.mapped = mapped
        packUntouched = untouched
        var state = State(end: end)
        // Filled by every hit: grown once, not a dozen times under the lock.
        state.entries.reserveCapacity(self.previous.count)
        self.state = Mutex(state)
    }

    /// Forgets a store (`--no-cache`).
    public static func remove(directory: String, name: String) {
        unlink(directory + "/" + name + ".index")
        unlink(directory + "/" + name + ".pack")
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Documents served from the store in this build.
    public var hits: Int { state.withLock { $0.hits } }

    /// Where this build's record of `path` lies in the pack (after `save`).
    func parts(of path: String) -> (meta: Range<UInt64>, texts: Range<UInt64>)? {
        state.withLock { $0.entries[path] }.map {
            ($0.offset..<$0.offset + $0.length, $0.textOffset..<$0.textOffset + $0.textLength)
        }
    }

    /// The stored document and diagnostics for `path`, when its file still
    /// has `identity` and, if that cannot be trusted alone, its bytes
    /// still hash to what `source` returns.
    public func lookup(_ path: String, identity: FileIdentity,
                       source: () -> ContentHash?) -> (document: Document, diagnostics: [Diagnostic])? {
        guard descriptor >= 0, let entry = previous[path], entry.identity == identity,
              entry.length + entry.textLength <= UInt64(DocumentReader.maximumFileSize) * 4 else { return nil }
        if identity.newest >= previousSaved - FileIdentity.racyWindow {
            guard source() == entry.source else { return nil }
        }
        let decoded: (Document, [Diagnostic])?
        if let mapped {
            let meta = Int(entry.offset)..<Int(entry.offset + entry.length)
            let texts = Int(entry.textOffset)..<Int(entry.textOffset + entry.textLength)
            guard meta.upperBound <= mapped.count, texts.upperBound <= mapped.count,
                  packUntouched || mapped.withUnsafeBytes({ ContentHash(UnsafeRawBufferPointer(rebasing: $0[meta])) }) == entry.hash
            else {
                return nil
            }
            decoded = DocumentCodec.decode(mapped, meta: meta, texts: texts)
        } else {
            decoded = read(entry)
        }
        // The texts are checked against the digests in their (checked) meta.
        guard let decoded, decoded.0.path == path,
              packUntouched || (decoded.0.body.plainTextDigested.isIntact && decoded.0.htmlText?.isIntact != false)
        else { return nil }
        state.withLock {
            $0.entries[path] = entry
            $0.hits += 1
        }
        return decoded
    }

    /// A record read with `pread`, when the pack could not be mapped: its
    /// meta, then its texts, in one buffer.
    private func read(_ entry: Entry) -> (Document, [Diagnostic])? {
        let (metaLength, textLength) = (Int(entry.length), Int(entry.textLength))
        // Uninitialised: zero-filling 300 MB of records nationally only to overwrite them was measurable.
        var complete = false
        let bytes = [UInt8](unsafeUninitializedCapacity: metaLength + textLength) { buffer, initialized in
            var done = 0
            while done < buffer.count {
                let (offset, part) = done < metaLength ? (entry.offset + UInt64(done), metaLength - done)
                    : (entry.textOffset + UInt64(done - metaLength), buffer.count - done)
                let n = pread(descriptor, buffer.baseAddress! + done, part, off_t(offset))
                if n < 0, errno == EINTR { continue }
                if n <= 0 { break }
                done += n
            }
            complete = done == buffer.count
            // A short read leaves the rest unset: count only what was read.
            initialized = done
        }
        guard complete, bytes.withUnsafeBytes({ ContentHash(UnsafeRawBufferPointer(rebasing: $0[..<metaLength])) }) == entry.hash
        else { return nil }
        return DocumentCodec.decode(SharedBytes(bytes), meta: 0..<metaLength, texts: metaLength..<bytes.count)
    }

    private static func map(_ fd: Int32, length: Int) -> SharedBytes? {
        guard length > 0, let base = mmap(nil, length, PROT_READ, MAP_SHARED, fd, 0), base != MAP_FAILED else { return nil }
        return SharedBytes(mapping: UnsafeRawBufferPointer(start: base, count: length)) { munmap(UnsafeMutableRawPointer(mutating: $0.baseAddress), $0.count) }
    }

    /// Appends the texts of a document just read, parsed and checked; its
    /// meta waits for `save`.
    public func store(_ path: String, identity: FileIdentity, source: ContentHash, document: Document, diagnostics: [Diagnostic]) {
        guard descriptor >= 0 else { return }
        let record = DocumentCodec.encodeRecord(document, diagnostics)
        let hash = record.meta.withUnsafeBytes { ContentHash($0) }
        // Only the offset is taken under the lock; texts are written side by side.
        let offset = state.withLock { state -> UInt64 in
            defer { state.end += UInt64(record.textCount) }
            return state.end
        }
        guard record.plain.withUTF8({ write(UnsafeRawBufferPointer($0), at: offset) }),
              record.html?.withUTF8({ write(UnsafeRawBufferPointer($0), at: offset + UInt64(record.plainCount)) }) ?? true
        else { return }
        let entry = Entry(identity: identity, offset: 0, length: UInt64(record.meta.count), hash: hash, source: source,
                          textOffset: offset, textLength: UInt64(record.textCount))
        state.withLock { state in
            state.pending.append((path, state.metas.count, entry))
            state.metas += record.meta
        }
    }

    private func write(_ bytes: UnsafeRawBufferPointer, at offset: UInt64) -> Bool {
        var done = 0
        while done < bytes.count {
            let n = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset) + off_t(done))
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return false }
            done += n
        }
        return true
    }

    /// Writes the index of this build's documents (those looked up or
    /// stored); records of other documents become garbage.
    public func save() {
        guard descriptor >= 0 else { return }
        // The metas of this build's new records, one after the other.
        let (pending, metas, start) = state.withLock { state in
            defer {
                state.end += UInt64(state.metas.count)
                state.pending = []
                state.metas = []
            }
            return (state.pending, state.metas, state.end)
        }
        if !pending.isEmpty, metas.withUnsafeBytes({ write($0, at: start) }) {
            state.withLock { state in
                for var record in pending {
                    record.entry.offset = start + UInt64(record.start)
                    state.entries[record.path] = record.entry
                }
            }
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return }
        let (entries, end) = state.withLock { ($0.entries, $0.end) }
        CacheFile.write(indexPath, magic: Self.magic, capacity: 64 + entries.count * 128) { w in
            w.hash(key)
            w.int(Int(WallClock.now()))
            w.uint(end)
            // After the last record was written: what the next build compares.
            w.identity(FileIdentity(info))
            w.uint(UInt64(entries.count))
            // In the dictionary's order: it is read back into one, and
            // sorting 15,000 paths was a third of a rebuild's serial part of checking.
            for (path, e) in entries {
                w.string(path)
                w.identity(e.identity)
                w.uint(e.offset)
                w.uint(e.length)
                w.hash(e.hash)
                w.hash(e.source)
                w.uint(e.textOffset)
                w.uint(e.textLength)
            }
        }
    }

    private struct Index {
        /// Where this index's records end.
        var packSize: UInt64
        var pack: FileIdentity
        var saved: Int64
        var entries: [String: Entry]
    }

    /// nil for a missing, damaged or foreign index, or one of another key.
    private static func readIndex(_ path: String, key: ContentHash) -> Index? {
        CacheFile.read(path, magic: magic) { r -> Index? in
            guard r.hash() == key, let saved = r.int(), let size = r.uint(), let pack = r.identity(),
                  let count = r.count() else {
                return nil
            }
            var entries: [String: Entry] = [:]
            entries.reserveCapacity(count)
            for _ in 0..<count {
                guard let path = r.string(), let identity = r.identity(), let offset = r.uint(), let length = r.uint(),
                      let hash = r.hash(), let source = r.hash(), let textOffset = r.uint(), let textLength = r.uint(),
                      offset.addingReportingOverflow(length).overflow == false,
                      offset + length <= size, textOffset.addingReportingOverflow(textLength).overflow == false,
                      textOffset + textLength <= size else { return nil }
                entries[path] = Entry(identity: identity, offset: offset, length: length, hash: hash, source: source,
                                      textOffset: textOffset, textLength: textLength)
            }
            return Index(packSize: size, pack: pack, saved: Int64(saved), entries: entries)
        }
    }
}
