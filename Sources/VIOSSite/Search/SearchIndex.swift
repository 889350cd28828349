import Foundation
import VIOSCore

/// Full-text search for a static host: a sharded index that `search.js`
/// loads piece by piece, so the first query downloads a manifest, the term
/// shard(s) holding the query's words and the metadata chunks of the first
/// page of results — never the whole index.
///
/// Files (all under `zoeken/index/`, each a script that calls
/// `__viosZoeken(name, data)`, so the index also works from `file://`;
/// `search.js` loads all but the manifest with `?v=<version>`):
///
/// - `manifest.js` — `{"format":1, "version", "docs", "chunk", "minPrefix",
///   "kinds":[[label, firstId, endId]…], "stopwords":[…], "shards":[firstTerm…]}`.
///   Documents are numbered in (kind, url) order, so each kind is one id
///   range (the kind filter needs no per-document data). Shard `i` holds the
///   terms `t` with `shards[i] <= t < shards[i+1]` (byte order, which is
///   JavaScript's string order for these terms), so a prefix's terms are in
///   consecutive shards.
/// - `t/<i>.js` — `[[term, postings]…]`, sorted by term; `postings` lists
///   every document holding the term with a weight 1…16 in the code of
///   `SearchEncoding` (see `InvertedIndex.weight`). Lists are never cut, so
///   AND queries are exact.
/// - `d/<i>.js` — documents `i*chunk ..< (i+1)*chunk`:
///   `[[url, title, gemeente, summary]…]` (gemeente `""` when none, summary
///   shortened).
///
/// The client folds and splits the query like `SearchTokenizer`, drops
/// stopwords, treats the last word as a prefix (at least `minPrefix`
/// characters, no space after it), ANDs the terms, scores a document by the
/// sum of weight × idf over the terms and breaks ties by document id.
public enum SearchIndex {
    public static let directory = "zoeken/index/"

    struct Options: Sendable {
        /// Target size of a term shard; a single larger term gets its own.
        var shardBytes = 16_000
        /// Documents per metadata chunk.
        var chunkDocs = 8
        /// Summaries are cut (at a word) to about this many characters.
        var summaryChars = 180
        /// Shortest last word that `search.js` expands as a prefix.
        var minPrefix = 3
    }

    public static func files(for entries: [SearchEntry]) -> [(path: String, bytes: [UInt8])] {
        files(for: entries, options: Options())
    }

    static func files(for entries: [SearchEntry], options: Options,
                      cache: SearchBatchCache? = nil) -> [(path: String, bytes: [UInt8])] {
        let docs = inDocumentOrder(entries)
        let inverted = InvertedIndex.build(docs, cache: cache)
        var files: [(path: String, bytes: [UInt8])] = []

        // Term shards.
        let encoded = inverted.encodedPostings()
        var shardStarts: [String] = []
        var shard = JSONBytes()
        var shardCount = 0
        func closeShard() {
            guard shardCount > 0 else { return }
            shard.raw("]);\n")
            files.append(("t/\(shardStarts.count - 1).js", shard.bytes))
            shardCount = 0
        }
        for (term, code) in zip(inverted.terms, encoded) {
            let size = term.utf8.count + code.count + 8
            if shardCount == 0 || shard.bytes.count + size > options.shardBytes {
                closeShard()
                shardStarts.append(shardStarts.isEmpty ? "" : term)
                shard = JSONBytes(capacity: max(options.shardBytes, size) + 64)
                shard.raw("__viosZoeken(\"t/\(shardStarts.count - 1)\",[")
            } else {
                shard.byte(UInt8(ascii: ","))
            }
            shard.byte(UInt8(ascii: "["))
            shard.string(term)
            shard.byte(UInt8(ascii: ","))
            shard.plainString(code)
            shard.byte(UInt8(ascii: "]"))
            shardCount += 1
        }
        closeShard()
        if shardStarts.isEmpty {  // no terms at all: one empty shard keeps the client simple
            shardStarts.append("")
            files.append(("t/0.js", Array("__viosZoeken(\"t/0\",[]);\n".utf8)))
        }

        // Metadata chunks.
        let chunk = max(1, options.chunkDocs)
        let summaryChars = options.summaryChars
        let chunks = Array(stride(from: 0, to: docs.count, by: chunk)).parallelMap { start -> [UInt8] in
            var out = JSONBytes(capacity: 320 * chunk)
            out.raw("__viosZoeken(\"d/\(start / chunk)\",[")
            for id in start..<min(docs.count, start + chunk) {
                let doc = docs[id]
                if id > start { out.byte(UInt8(ascii: ",")) }
                out.byte(UInt8(ascii: "["))
                out.string(doc.url); out.byte(UInt8(ascii: ","))
                out.string(doc.title); out.byte(UInt8(ascii: ","))
                out.string(doc.gemeente ?? ""); out.byte(UInt8(ascii: ","))
                out.string(shorten(doc.summary, to: summaryChars))
                out.byte(UInt8(ascii: "]"))
            }
            out.raw("]);\n")
            return out.bytes
        }
        for (i, bytes) in chunks.enumerated() { files.append(("d/\(i).js", bytes)) }

        // Manifest, versioned by the content of everything else.
        // Each file hashed on its own core (9 MB nationally), the hashes joined in order.
        let fileHashes = files.parallelMap { file -> ContentHash in
            let content = file.bytes.withUnsafeBytes { ContentHash($0) }
            var named = Array(file.path.utf8)
            withUnsafeBytes(of: content.a) { named += $0 }
            withUnsafeBytes(of: content.b) { named += $0 }
            return named.withUnsafeBytes { ContentHash($0) }
        }
        var all: [UInt64] = []
        all.reserveCapacity(2 * fileHashes.count)
        for h in fileHashes { all += [h.a, h.b] }
        let hash = all.withUnsafeBytes { ContentHash($0) }.a
        var m = JSONBytes(capacity: 4096)
        m.raw("__viosZoeken(\"manifest\",{\"format\":1,\"version\":")
        let hex = String(hash, radix: 16)
        m.string(String(repeating: "0", count: 16 - hex.count) + hex)
        m.raw(",\"docs\":"); m.int(docs.count)
        m.raw(",\"chunk\":"); m.int(chunk)
        m.raw(",\"minPrefix\":"); m.int(options.minPrefix)
        m.raw(",\"kinds\":[")
        var first = 0
        var kindCount = 0
        for id in 0...docs.count where id == docs.count || docs[id].kind != docs[first].kind {
            if id > first {
                if kindCount > 0 { m.byte(UInt8(ascii: ",")) }
                m.byte(UInt8(ascii: "[")); m.string(docs[first].kind)
                m.byte(UInt8(ascii: ",")); m.int(first)
                m.byte(UInt8(ascii: ",")); m.int(id)
                m.byte(UInt8(ascii: "]"))
                kindCount += 1
            }
            first = id
        }
        m.raw("],\"stopwords\":[")
        for (i, word) in SearchTokenizer.stopwords.enumerated() {
            if i > 0 { m.byte(UInt8(ascii: ",")) }
            m.string(word)
        }
        m.raw("],\"shards\":[")
        for (i, start) in shardStarts.enumerated() {
            if i > 0 { m.byte(UInt8(ascii: ",")) }
            m.string(start)
        }
        m.raw("]});\n")
        files.append(("manifest.js", m.bytes))

        return files
            .map { (path: directory + $0.path, bytes: $0.bytes) }
            .sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    /// `entries` sorted by `documentOrder`. Entries come in path order,
    /// which within a kind is nearly always url order already: grouped by
    /// kind, a group in order is kept as it is, and only others are sorted
    /// (15,000 string comparisons on one core instead of 200,000).
    static func inDocumentOrder(_ entries: [SearchEntry]) -> [SearchEntry] {
        var groups: [String: [Int]] = [:]
        for i in entries.indices { groups[entries[i].kind, default: []].append(i) }
        var out: [SearchEntry] = []
        out.reserveCapacity(entries.count)
        for kind in groups.keys.sorted() {
            var group = groups[kind]!
            if !group.indices.dropFirst().allSatisfy({ documentOrder(entries[group[$0 - 1]], entries[group[$0]]) }) {
                group.sort { documentOrder(entries[$0], entries[$1]) }
            }
            for i in group { out.append(entries[i]) }
        }
        return out
    }

    /// Kind, then url, then the rest: the document ids every file uses.
    static func documentOrder(_ a: SearchEntry, _ b: SearchEntry) -> Bool {
        if a.kind != b.kind { return a.kind < b.kind }
        if a.url != b.url { return a.url < b.url }
        if a.title != b.title { return a.title < b.title }
        if a.gemeente != b.gemeente { return (a.gemeente ?? "") < (b.gemeente ?? "") }
        if a.summary != b.summary { return a.summary < b.summary }
        return a.text < b.text
    }

    /// Whitespace collapsed; when longer than `limit` characters (scalars),
    /// cut at the last word boundary before it and ended with "…".
    /// Over UTF-8 bytes, without an array of scalars (a tenth of the search
    /// index's rebuild); tested against a scalar-by-scalar reference.
    static func shorten(_ text: String, to limit: Int) -> String {
        // Most summaries are short single-spaced sentences, given back as they are.
        if isShortAndSingleSpaced(text, limit: limit) { return text }
        var text = text
        return text.withUTF8 { bytes -> String in
            var out: [UInt8] = []
            out.reserveCapacity(min(bytes.count, 4 * limit + 4))
            var count = 0
            var lastSpace: Int?
            var pendingSpace = false
            var truncated = false
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                let length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                let end = min(bytes.count, i + length)
                if isSpace(UnsafeBufferPointer(rebasing: bytes[i..<end])) {
                    pendingSpace = count > 0
                    i = end
                    continue
                }
                if pendingSpace {
                    lastSpace = out.count
                    out.append(0x20)
                    count += 1
                    pendingSpace = false
                }
                if count >= limit { truncated = true; break }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<end]))
                count += 1
                i = end
            }
            if truncated, let cut = lastSpace { out.removeSubrange(cut...) }
            let result = String(decoding: out, as: UTF8.self)
            return truncated ? result + "…" : result
        }
    }

    /// Whether `shorten` gives `text` back unchanged: at most `limit` bytes
    /// (so never cut), words separated by single spaces, and no other
    /// white space (nor a byte that starts one: U+0085 and U+00A0 begin
    /// with 0xC2, the rest with 0xE1, 0xE2 or 0xE3).
    static func isShortAndSingleSpaced(_ text: String, limit: Int) -> Bool {
        let utf8 = text.utf8
        guard utf8.count <= limit else { return false }
        var previous: UInt8 = 0x20  // a leading space is dropped
        for byte in utf8 {
            if byte == 0x20 {
                if previous == 0x20 { return false }
            } else if byte < 0x20 || byte == 0xC2 || byte == 0xE1 || byte == 0xE2 || byte == 0xE3 {
                return false
            }
            previous = byte
        }
        return previous != 0x20  // so is a trailing one, and "" is not this case
    }

    /// Unicode White_Space, as UTF-8: tab to carriage return, space,
    /// U+0085, U+00A0, U+1680, U+2000…U+200A, U+2028, U+2029, U+202F,
    /// U+205F, U+3000.
    private static func isSpace(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        switch s.count {
        case 1: return s[0] == 0x20 || (0x09...0x0D).contains(s[0])
        case 2: return s[0] == 0xC2 && (s[1] == 0x85 || s[1] == 0xA0)
        case 3:
            switch (s[0], s[1]) {
            case (0xE1, 0x9A): return s[2] == 0x80
            case (0xE2, 0x80): return (0x80...0x8A).contains(s[2]) || s[2] == 0xA8 || s[2] == 0xA9 || s[2] == 0xAF
            case (0xE2, 0x81): return s[2] == 0x9F
            case (0xE3, 0x80): return s[2] == 0x80
            default: return false
            }
        default: return false
        }
    }
}
