import Foundation
import VIOSCore

/// Terms and postings of a set of documents, built in parallel batches of
/// consecutive document ids and merged in id order.
struct InvertedIndex {
    /// Sorted by UTF-8 bytes (= JavaScript string order for these terms).
    var terms: [String]
    /// Per term, the batches' posting lists in document order. A posting is
    /// `id << 32 | titleCount << 16 | otherCount`.
    var postings: [[[UInt64]]]
    /// Tokens per document (stopwords included), for length normalisation.
    var lengths: [Int32]

    static func build(_ docs: [SearchEntry], cache: SearchBatchCache? = nil) -> InvertedIndex {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        // Batches of about 64 documents: an edit tokenises its batch again
        // (256 documents took a rebuild's longest wait), and merging many
        // batches costs little next to tokenising.
        let batchCount = max(1, min(docs.count / 32, max(cores * 4, docs.count / 64)))
        let per = (docs.count + batchCount - 1) / max(1, batchCount)
        let ranges: [Range<Int>] = (0..<batchCount).map { b in
            min(docs.count, b * per)..<min(docs.count, (b + 1) * per)
        }
        let keyed = ranges.parallelMap { range -> (key: ContentHash, batch: Batch) in
            let key = batchKey(docs, range)
            return (key, cache?.batch(for: key) ?? Batch.index(docs, range))
        }
        // Written only when it changed (not for a build that re-tokenised nothing).
        if let cache, !cache.holdsExactly(keyed.map(\.key)) { cache.save(keyed) }
        let batches = keyed.map(\.batch)

        var ids: [String: Int] = [:]
        var terms: [String] = []
        var postings: [[[UInt64]]] = []
        var lengths: [Int32] = []
        lengths.reserveCapacity(docs.count)
        for batch in batches {
            lengths += batch.lengths
            for (term, list) in zip(batch.terms, batch.postings) where !list.isEmpty {
                if let id = ids[term] {
                    postings[id].append(list)
                } else {
                    ids[term] = terms.count
                    terms.append(term)
                    postings.append([list])
                }
            }
        }
        let order = terms.indices.sorted { terms[$0].utf8.lexicographicallyPrecedes(terms[$1].utf8) }
        return InvertedIndex(terms: order.map { terms[$0] }, postings: order.map { postings[$0] },
                             lengths: lengths)
    }

    /// Everything `Batch.index` reads for `range`: the ids and, per
    /// document, the fields it tokenises (the text by its digest).
    static func batchKey(_ docs: [SearchEntry], _ range: Range<Int>) -> ContentHash {
        var key = KeyBytes(capacity: 128 * range.count + 16)
        key.add(UInt64(range.lowerBound))
        key.add(UInt64(range.upperBound))
        for doc in docs[range] {
            key.add([doc.title, doc.kind, doc.gemeente ?? "", doc.summary])
            key.add(doc.gemeente == nil ? "geen" : "wel")
            key.add(doc.body.digest)
        }
        return key.hash
    }

    /// The posting code of every term (see `SearchEncoding`), in term order.
    func encodedPostings() -> [[UInt8]] {
        let lengths = self.lengths
        let average = max(1, Double(lengths.reduce(0) { $0 + Int($1) }) / Double(max(1, lengths.count)))
        return postings.parallelMap { lists -> [UInt8] in
            var out: [UInt8] = []
            out.reserveCapacity(lists.reduce(0) { $0 + $1.count } * 2)
            var previous = -1
            for list in lists {
                for posting in list {
                    let id = Int(posting >> 32)
                    let weight = Self.weight(title: Int((posting >> 16) & 0xFFFF), other: Int(posting & 0xFFFF),
                                             length: Int(lengths[id]), average: average)
                    SearchEncoding.appendPosting(gap: id - previous - 1, weight: weight, to: &out)
                    previous = id
                }
            }
            return out
        }
    }

    /// How well a term describes a document, 1…16: BM25 term frequency
    /// (k1 1.2, b 0.75) with title occurrences counted three times, plus a
    /// bonus when the term is in the title. `search.js` multiplies it by the
    /// term's idf and adds it up over the query's terms.
    static func weight(title: Int, other: Int, length: Int, average: Double) -> Int {
        let k1 = 1.2, b = 0.75
        let tf = Double(3 * title + other)
        let norm = k1 * (1 - b + b * Double(length) / average)
        let score = tf * (k1 + 1) / (tf + norm) + (title > 0 ? 1.5 : 0)   // 0 … 3.7
        return min(16, max(1, Int((score * 4.3).rounded())))
    }
}

/// One batch of consecutive documents, tokenised on one thread.
struct Batch: Sendable, Equatable {
    var terms: [String] = []
    var postings: [[UInt64]] = []
    var lengths: [Int32] = []

    static func index(_ docs: [SearchEntry], _ range: Range<Int>) -> Batch {
        var tokenizer = SearchTokenizer()
        defer { tokenizer.deallocate() }
        var table = TermTable()
        // Per term, one word: a stopword flag, then this document's title
        // and other counts (16 bits each); one array read and write per
        // token where three arrays took up to six checked accesses.
        var states: [UInt64] = []
        let stopword: UInt64 = 1 << 63
        var termNames: [String] = []
        var postings: [[UInt64]] = []
        var touched: [Int32] = []
        var lengths: [Int32] = []
        lengths.reserveCapacity(range.count)

        for id in range {
            let doc = docs[id]
            var length: Int32 = 0
            for field in 0..<5 {
                let step: UInt64 = field == 0 ? 1 << 16 : 1
                let full: UInt64 = 0xFFFF * step
                // Closures passed straight on: a nested function capturing
                // these tables had every access checked for exclusivity at
                // run time, for each of 20 million tokens.
                withField(field, of: doc) { utf8 in
                    tokenizer.forEachToken(inUTF8: utf8) { bytes, hash, _ in
                        let (term, isNew) = table.lookup(bytes, hash)
                        let t = Int(term)
                        if isNew {
                            let name = String(decoding: bytes, as: UTF8.self)
                            termNames.append(name)
                            states.append(SearchTokenizer.stopwordSet.contains(name) ? stopword : 0)
                            postings.append([])
                        }
                        length &+= 1
                        let state = states[t]
                        if state & stopword != 0 { return }
                        if state == 0 { touched.append(term) }
                        if state & full != full { states[t] = state &+ step }
                    }
                }
            }
            for term in touched {
                let t = Int(term)
                let state = states[t]
                postings[t].append(UInt64(id) << 32 | (state & 0xFFFF_FFFF))
                states[t] = 0
            }
            touched.removeAll(keepingCapacity: true)
            lengths.append(length)
        }
        return Batch(terms: termNames, postings: postings, lengths: lengths)
    }

    /// The UTF-8 of a document's field: title, kind, gemeente, summary, then
    /// the body, read as the bytes it is kept as.
    private static func withField(_ field: Int, of doc: SearchEntry, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text: String
        switch field {
        case 0: text = doc.title
        case 1: text = doc.kind
        case 2: text = doc.gemeente ?? ""
        case 3: text = doc.summary
        default: return doc.body.withUTF8(body)
        }
        text.withUTF8(body)
    }
}

/// Open-addressing table from token bytes to a dense id.
private struct TermTable {
    private var arena: [UInt8] = []
    private var starts: [Int32] = []
    private var lengths: [UInt8] = []
    private var hashes: [UInt64] = []
    private var slots: [Int32] = Array(repeating: -1, count: 1 << 12)

    mutating func lookup(_ bytes: UnsafeBufferPointer<UInt8>, _ hash: UInt64) -> (Int32, Bool) {
        var mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index]
            if slot < 0 { break }
            let s = Int(slot)
            if hashes[s] == hash && Int(lengths[s]) == bytes.count && matches(s, bytes) {
                return (slot, false)
            }
            index = (index + 1) & mask
        }
        let id = Int32(starts.count)
        starts.append(Int32(arena.count))
        lengths.append(UInt8(bytes.count))
        hashes.append(hash)
        arena.append(contentsOf: bytes)
        if starts.count * 2 > slots.count {
            slots = Array(repeating: -1, count: slots.count * 2)
            mask = slots.count - 1
            for (s, h) in hashes.enumerated() {
                var i = Int(truncatingIfNeeded: h) & mask
                while slots[i] >= 0 { i = (i + 1) & mask }
                slots[i] = Int32(s)
            }
        } else {
            slots[index] = id
        }
        return (id, true)
    }

    private func matches(_ s: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(starts[s])
        // Terms are short: eight bytes at a time, inline (a call to memcmp
        // per token cost more than the comparison).
        return arena.withUnsafeBytes { a in
            let x = a.baseAddress! + start, y = UnsafeRawPointer(bytes.baseAddress!)
            var i = 0
            while i + 8 <= bytes.count {
                if x.loadUnaligned(fromByteOffset: i, as: UInt64.self) != y.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
                i += 8
            }
            while i < bytes.count {
                if x.load(fromByteOffset: i, as: UInt8.self) != y.load(fromByteOffset: i, as: UInt8.self) { return false }
                i += 1
            }
            return true
        }
    }
}
