import VIOSCore
import VIOSSource

/// The tokenised batches of the last search index built for an output
/// (`.vios-cache/search-<output>.batches`): a body edit changes one batch of
/// the eight, and tokenising 150 MB of text is most of the index's cost.
/// A batch is keyed by its id range and what `Batch.index` reads of each of
/// its documents (`InvertedIndex.batchKey`); the file is written by one
/// build at a time (the build lock) and anything unreadable is a miss.
final class SearchBatchCache: Sendable {
    private static let magic = "VIOS-zoekbatches-1\n"
    private let path: String
    private let batches: [ContentHash: Batch]

    init(path: String) {
        self.path = path
        batches = Self.load(path) ?? [:]
    }

    func batch(for key: ContentHash) -> Batch? { batches[key] }

    /// Whether the file holds exactly the batches under `keys`.
    func holdsExactly(_ keys: [ContentHash]) -> Bool {
        keys.count == batches.count && keys.allSatisfy { batches[$0] != nil }
    }

    /// Batches read from the file (for tests).
    var count: Int { batches.count }

    /// Replaces the file with this build's batches.
    func save(_ current: [(key: ContentHash, batch: Batch)]) {
        CacheFile.write(path, magic: Self.magic, capacity: 1 << 20) { w in
            w.string(ExecutableIdentity.current)
            w.uint(UInt64(current.count))
            for (key, batch) in current {
                w.hash(key)
                w.uint(UInt64(batch.terms.count))
                for (term, list) in zip(batch.terms, batch.postings) {
                    w.string(term)
                    w.uint(UInt64(list.count))
                    for posting in list { w.uint(posting) }
                }
                w.uint(UInt64(batch.lengths.count))
                for length in batch.lengths { w.uint(UInt64(UInt32(bitPattern: length))) }
            }
        }
    }

    private static func load(_ path: String) -> [ContentHash: Batch]? {
        CacheFile.read(path, magic: magic) { r -> [ContentHash: Batch]? in
            guard r.string() == ExecutableIdentity.current, let count = r.count() else { return nil }
            var out: [ContentHash: Batch] = [:]
            for _ in 0..<count {
                guard let key = r.hash(), let termCount = r.count() else { return nil }
                var batch = Batch()
                batch.terms.reserveCapacity(termCount)
                batch.postings.reserveCapacity(termCount)
                for _ in 0..<termCount {
                    guard let term = r.string(), let n = r.count() else { return nil }
                    var list: [UInt64] = []
                    list.reserveCapacity(n)
                    for _ in 0..<n {
                        guard let posting = r.uint() else { return nil }
                        list.append(posting)
                    }
                    batch.terms.append(term)
                    batch.postings.append(list)
                }
                guard let lengthCount = r.count() else { return nil }
                for _ in 0..<lengthCount {
                    guard let length = r.uint(), length <= UInt64(UInt32.max) else { return nil }
                    batch.lengths.append(Int32(bitPattern: UInt32(length)))
                }
                out[key] = batch
            }
            return out
        }
    }
}
