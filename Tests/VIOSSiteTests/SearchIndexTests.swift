import Foundation
import Testing
@testable import VIOSSite

/// Reads the index files the way `Templates/assets/search.js` does: manifest,
/// then only the term shards of the query, then metadata chunks.
private struct SearchClient {
    let files: [String: [UInt8]]
    let manifest: [String: Any]
    var loaded: Set<String> = []

    init(_ list: [(path: String, bytes: [UInt8])]) throws {
        var files: [String: [UInt8]] = [:]
        for file in list { files[file.path] = file.bytes }
        self.files = files
        manifest = try #require(try Self.payload(files, "manifest") as? [String: Any])
    }

    /// The JSON inside `__viosZoeken("name",JSON);`.
    static func payload(_ files: [String: [UInt8]], _ name: String) throws -> Any {
        let bytes = try #require(files["zoeken/index/\(name).js"], "missing \(name)")
        let text = String(decoding: bytes, as: UTF8.self)
        let head = "__viosZoeken(\"\(name)\","
        #expect(text.hasPrefix(head))
        #expect(text.hasSuffix(");\n"))
        let json = text.dropFirst(head.count).dropLast(3)
        return try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
    }

    var docs: Int { manifest["docs"] as! Int }
    var shards: [String] { manifest["shards"] as! [String] }
    var kinds: [(label: String, start: Int, end: Int)] {
        (manifest["kinds"] as! [[Any]]).map { ($0[0] as! String, $0[1] as! Int, $0[2] as! Int) }
    }

    func shard(of term: String) -> Int {
        var index = 0
        for (i, start) in shards.enumerated() where !term.utf8.lexicographicallyPrecedes(start.utf8) {
            index = i
        }
        return index
    }

    mutating func rows(_ shard: Int) throws -> [(term: String, code: String)] {
        loaded.insert("t/\(shard)")
        let rows = try #require(try Self.payload(files, "t/\(shard)") as? [[String]])
        return rows.map { ($0[0], $0[1]) }
    }

    /// Ranked urls of the documents matching every term of `query`.
    mutating func search(_ query: String, kind: String? = nil) throws -> [String] {
        let stop = Set(manifest["stopwords"] as! [String])
        let minPrefix = manifest["minPrefix"] as! Int
        let tokens = SearchTokenizer.tokens(query)
        let endsInWord = query.last.map { $0.isLetter || $0.isNumber } ?? false
        var terms: [(term: String, prefix: Bool)] = []
        for (i, token) in tokens.enumerated() where !stop.contains(token) && !terms.contains(where: { $0.term == token }) {
            terms.append((token, i == tokens.count - 1 && endsInWord && token.count >= minPrefix))
        }
        guard !terms.isEmpty else { return [] }
        var score: [Int: Double] = [:]
        var hits: [Int: Int] = [:]
        for (g, group) in terms.enumerated() {
            let first = shard(of: group.term)
            let last = group.prefix ? shard(of: group.term + "\u{FFFF}") : first
            var best: [Int: Double] = [:]
            for s in first...last {
                for row in try rows(s) {
                    let exact = row.term == group.term
                    guard exact || (group.prefix && row.term.hasPrefix(group.term)) else { continue }
                    let postings = SearchEncoding.decodePostings(row.code)
                    let df = Double(postings.count), n = Double(docs)
                    let idf = log(1 + (n - df + 0.5) / (df + 0.5)) * (exact ? 1 : 0.8)
                    for p in postings where (hits[p.id] ?? 0) == g {
                        best[p.id] = max(best[p.id] ?? 0, Double(p.weight) * idf)
                    }
                }
            }
            for (id, s) in best { hits[id] = g + 1; score[id, default: 0] += s }
        }
        let range = kind.flatMap { k in kinds.first { $0.label == k } }.map { $0.start..<$0.end } ?? 0..<docs
        let ids = hits.filter { $0.value == terms.count && range.contains($0.key) }.map(\.key)
            .sorted { (score[$0]!, -$0) > (score[$1]!, -$1) }
        return try ids.map { try meta($0)[0] }
    }

    /// `[url, title, gemeente, summary]` of document `id`.
    mutating func meta(_ id: Int) throws -> [String] {
        let chunk = manifest["chunk"] as! Int
        loaded.insert("d/\(id / chunk)")
        let rows = try #require(try Self.payload(files, "d/\(id / chunk)") as? [[String]])
        return rows[id % chunk]
    }
}

private func entry(_ url: String, _ title: String, kind: String = "Veiligheidsplan", gemeente: String? = "Arnhem",
                   summary: String = "", text: String) -> SearchEntry {
    SearchEntry(url: url, title: title, kind: kind, gemeente: gemeente, summary: summary, text: text)
}

private let sample: [SearchEntry] = [
    entry("scholen/de-linde/veiligheidsplan/", "Veiligheidsplan De Linde",
          summary: "Plan van De Linde.", text: "De coordinator overlegt met het kernteam en de politie."),
    entry("scholen/de-linde/incidentprotocol/", "Incidentprotocol De Linde", kind: "Incidentprotocol",
          text: "Bij een incident belt de Coördinator de wijkagent. Vapes worden ingenomen."),
    entry("scholen/het-baken/veiligheidsplan/", "Veiligheidsplan Het Baken", gemeente: "Delft",
          text: "Het kernteam komt maandelijks bijeen. Jongerenwerk en leerplicht."),
    entry("gemeenten/arnhem/", "VIOS-Arnhem", kind: "Gemeente", gemeente: "Arnhem",
          summary: "Arnhemse aanpak.", text: "Convenant met politie, jongerenwerk en scholen over vapes en vuurwerk."),
    entry("handreikingen/vapes/", "Handreiking vapes", kind: "Handreiking", gemeente: nil,
          summary: "Wat te doen bij vapes op school.", text: "Vapes in de klas: signalen en handelen."),
]

@Suite("Search index")
struct SearchIndexTests {
    @Test func foldedTermsMatchBothWays() throws {
        var client = try SearchClient(SearchIndex.files(for: sample))
        let expected: Set = ["scholen/de-linde/veiligheidsplan/", "scholen/de-linde/incidentprotocol/"]
        #expect(Set(try client.search("coördinator")) == expected)
        #expect(Set(try client.search("coordinator")) == expected)
        #expect(Set(try client.search("COÖRDINATOR ")) == expected)
        // Decomposed diacritic (o + combining diaeresis) folds the same way.
        #expect(Set(try client.search("coo\u{308}rdinator")) == expected)
    }

    @Test func lastWordIsAPrefix() throws {
        var client = try SearchClient(SearchIndex.files(for: sample))
        #expect(Set(try client.search("coord")).count == 2)
        #expect(try client.search("wijkag") == ["scholen/de-linde/incidentprotocol/"])
        // A finished word (space after it) is matched exactly.
        #expect(try client.search("coord ").isEmpty)
        #expect(try client.search("coordinatorx").isEmpty)
    }

    @Test func termsAreCombinedWithAnd() throws {
        var client = try SearchClient(SearchIndex.files(for: sample))
        #expect(Set(try client.search("kernteam")) == ["scholen/de-linde/veiligheidsplan/", "scholen/het-baken/veiligheidsplan/"])
        #expect(Set(try client.search("politie")) == ["scholen/de-linde/veiligheidsplan/", "gemeenten/arnhem/"])
        #expect(try client.search("kernteam politie") == ["scholen/de-linde/veiligheidsplan/"])
        #expect(try client.search("Kernteam, de POLITIE!") == ["scholen/de-linde/veiligheidsplan/"])
        #expect(try client.search("kernteam vuurwerk").isEmpty)
        // Gemeente and kind label are searchable too.
        #expect(try client.search("delft kernteam") == ["scholen/het-baken/veiligheidsplan/"])
    }

    @Test func titleMatchesRankFirst() throws {
        var client = try SearchClient(SearchIndex.files(for: sample))
        let results = try client.search("vapes")
        #expect(results.first == "handreikingen/vapes/")
        #expect(Set(results) == ["handreikingen/vapes/", "gemeenten/arnhem/", "scholen/de-linde/incidentprotocol/"])
    }

    @Test func kindFilterData() throws {
        var client = try SearchClient(SearchIndex.files(for: sample))
        #expect(client.kinds.map(\.label) == ["Gemeente", "Handreiking", "Incidentprotocol", "Veiligheidsplan"])
        #expect(client.kinds.map { $0.end - $0.start } == [1, 1, 1, 2])
        #expect(client.kinds.first?.start == 0 && client.kinds.last?.end == sample.count)
        #expect(try client.search("vapes", kind: "Gemeente") == ["gemeenten/arnhem/"])
        #expect(try client.search("kernteam", kind: "Incidentprotocol").isEmpty)
        // Metadata carries what a result shows.
        let id = try #require(client.kinds.first { $0.label == "Handreiking" }).start
        #expect(try client.meta(id) == ["handreikingen/vapes/", "Handreiking vapes", "",
                                        "Wat te doen bij vapes op school."])
    }

    @Test func outputIsDeterministic() throws {
        let first = SearchIndex.files(for: sample)
        let second = SearchIndex.files(for: sample)
        let shuffled = SearchIndex.files(for: sample.reversed())
        #expect(first.map(\.path) == second.map(\.path))
        #expect(first.map(\.bytes) == second.map(\.bytes))
        #expect(first.map(\.bytes) == shuffled.map(\.bytes))
        #expect(first.map(\.path) == first.map(\.path).sorted())
        #expect(first.allSatisfy { $0.path.hasPrefix("zoeken/index/") && $0.path.hasSuffix(".js") })
    }

    @Test func cachedBatchesGiveTheSameIndex() throws {
        // 600 documents: nine batches on any machine with two cores or more.
        var entries = (0..<600).map { i in
            SearchEntry(url: "handreikingen/h\(i)/", title: "Handreiking \(i)", kind: i % 3 == 0 ? "Convenant" : "Handreiking",
                        gemeente: i % 2 == 0 ? "Arnhem" : nil, summary: "Samenvatting \(i).",
                        text: "Tekst over vapes, pesten en woord\(i % 37) in document \(i).")
        }
        let folder = NSTemporaryDirectory() + "vios-search-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/search.batches"
        func files(_ cache: SearchBatchCache?) -> [[UInt8]] {
            SearchIndex.files(for: entries, options: SearchIndex.Options(), cache: cache).map(\.bytes)
        }
        let cold = files(nil)
        #expect(SearchBatchCache(path: path).count == 0)
        #expect(files(SearchBatchCache(path: path)) == cold)
        let stored = SearchBatchCache(path: path).count
        #expect(stored >= 2)
        #expect(files(SearchBatchCache(path: path)) == cold)

        // One text edited: its batch is tokenised again, the others may come from the file; the index is the same.
        entries[450].text = "Een heel andere tekst over vuurwerk."
        let edited = files(nil)
        #expect(edited != cold)
        #expect(files(SearchBatchCache(path: path)) == edited)
        #expect(files(SearchBatchCache(path: path)) == edited)

        // A damaged file is ignored.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[bytes.count / 2] ^= 0x41
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(SearchBatchCache(path: path).count == 0)
        #expect(files(SearchBatchCache(path: path)) == edited)
    }

    @Test func stopwordsAreNotIndexed() throws {
        let files = SearchIndex.files(for: sample)
        var client = try SearchClient(files)
        #expect(try client.search("de het een").isEmpty)
        for s in client.shards.indices {
            let terms = try client.rows(s).map(\.term)
            #expect(!terms.contains("de") && !terms.contains("het") && !terms.contains("en"))
            #expect(terms == terms.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        }
    }

    @Test func textIsEscapedForScriptFiles() throws {
        let hostile = entry("scholen/x/veiligheidsplan/", "Plan </script><img src=x onerror=alert(1)> \"quote\" \\",
                            summary: "Regel\u{2028}scheiding & <b>", text: "veilig")
        let files = SearchIndex.files(for: [hostile])
        for file in files {
            let text = String(decoding: file.bytes, as: UTF8.self)
            #expect(!text.contains("<") && !text.contains(">") && !text.contains("\u{2028}"))
        }
        var client = try SearchClient(files)
        #expect(try client.meta(0)[1] == hostile.title)
        #expect(try client.meta(0)[3] == "Regel scheiding & <b>")
    }

    @Test func shardsAndLongPostingListsAtScale() throws {
        // 3,000 documents, small shards: ids > 1024 need multi-digit gaps and
        // prefixes span several shards.
        let entries = (0..<3000).map { i in
            entry("scholen/s\(i)/", "School \(i)", kind: i % 3 == 0 ? "Veiligheidsplan" : "Incidentprotocol",
                  text: "woord\(i) gedeeld" + (i % 7 == 0 ? " zeldzaam" : "") + (i == 2999 ? " laatste" : ""))
        }
        var options = SearchIndex.Options()
        options.shardBytes = 2_000
        let files = SearchIndex.files(for: entries, options: options)
        var client = try SearchClient(files)
        #expect(client.shards.count > 20)
        #expect(try client.search("gedeeld").count == 3000)
        #expect(Set(try client.search("zeldzaam ")) == Set((0..<3000).filter { $0 % 7 == 0 }.map { "scholen/s\($0)/" }))
        #expect(try client.search("laatste") == ["scholen/s2999/"])
        #expect(try client.search("woord1234 ") == ["scholen/s1234/"])
        #expect(Set(try client.search("woord123")) == ["scholen/s123/", "scholen/s1230/", "scholen/s1231/", "scholen/s1232/",
                                                     "scholen/s1233/", "scholen/s1234/", "scholen/s1235/",
                                                     "scholen/s1236/", "scholen/s1237/", "scholen/s1238/", "scholen/s1239/"])
        // A one-term query loads one term shard, not the index.
        client.loaded = []
        _ = try client.search("laatste")
        #expect(client.loaded.filter { $0.hasPrefix("t/") }.count == 1)
    }

    @Test func emptyIndex() throws {
        let files = SearchIndex.files(for: [])
        #expect(files.map(\.path) == ["zoeken/index/manifest.js", "zoeken/index/t/0.js"])
        var client = try SearchClient(files)
        #expect(client.docs == 0)
        #expect(try client.search("vapes").isEmpty)
    }

    @Test func tokenizerFoldsDutch() {
        #expect(SearchTokenizer.tokens("Coördinator CONCIËRGE café") == ["coordinator", "concierge", "cafe"])
        #expect(SearchTokenizer.tokens("auto’s en politie-inzet 0800-2000") == ["auto", "en", "politie", "inzet", "0800", "2000"])
        #expect(SearchTokenizer.tokens("Straße Æther Øresund Ĳssel") == ["strasse", "aether", "oresund", "ijssel"])
        #expect(SearchTokenizer.tokens("a b cd " + String(repeating: "x", count: 41)) == ["cd"])
        #expect(SearchTokenizer.terms("de het coördinator van") == ["coordinator"])
    }

    @Test func theManifestVersionFollowsEveryFile() {
        func version(_ entries: [SearchEntry]) -> String? {
            let manifest = SearchIndex.files(for: entries).first { $0.path.hasSuffix("/manifest.js") }.map { String(decoding: $0.bytes, as: UTF8.self) }
            guard let manifest, let range = manifest.range(of: #""version":"[0-9a-f]{16}""#, options: .regularExpression) else { return nil }
            return String(manifest[range])
        }
        var entries = (0..<40).map { SearchEntry(url: "h/\($0)/", title: "Handreiking \($0)", kind: "Handreiking", summary: "s", text: "tekst \($0)") }
        let first = version(entries)
        #expect(first != nil)
        #expect(version(entries) == first)
        entries[17].text = "tekst 17 en vuurwerk"
        #expect(version(entries) != first)
    }

    @Test func documentOrderIsTheSortedOrderWhateverTheInput() {
        var rng = SystemRandomNumberGenerator()
        let kinds = ["Veiligheidsplan", "Incidentprotocol", "Gemeente", "Convenant"]
        var entries = (0..<300).map { i in
            SearchEntry(url: "pad/\(Int.random(in: 0..<1000, using: &rng))-\(i)/", title: "T\(i % 7)", kind: kinds[i % 4],
                        summary: "s", text: "tekst \(i)")
        }
        let sorted = entries.sorted(by: SearchIndex.documentOrder)
        // In order already, in path order (the usual input), and shuffled.
        #expect(SearchIndex.inDocumentOrder(sorted).map(\.url) == sorted.map(\.url))
        entries.sort { $0.url < $1.url }
        #expect(SearchIndex.inDocumentOrder(entries).map(\.url) == sorted.map(\.url))
        entries.shuffle(using: &rng)
        #expect(SearchIndex.inDocumentOrder(entries).map(\.url) == sorted.map(\.url))
    }

    /// The reference `SearchIndex.shorten` is tested against: whitespace
    /// collapsed, cut at the last space before `limit` scalars, "…".
    static func scalarShorten(_ text: String, to limit: Int) -> String {
        var scalars: [Unicode.Scalar] = []
        var lastSpace: Int?
        var pendingSpace = false
        var truncated = false
        for s in text.unicodeScalars {
            let isSpace = s.value < 0x80 ? s.value == 0x20 || (0x09...0x0D).contains(s.value)
                                         : s.properties.isWhitespace
            if isSpace { pendingSpace = !scalars.isEmpty; continue }
            if pendingSpace {
                lastSpace = scalars.count
                scalars.append(" ")
                pendingSpace = false
            }
            if scalars.count >= limit { truncated = true; break }
            scalars.append(s)
        }
        if truncated, let cut = lastSpace { scalars.removeSubrange(cut...) }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars)
        return truncated ? String(out) + "…" : String(out)
    }

    @Test func summariesAreShortenedAtWords() {
        #expect(SearchIndex.shorten("  Kort   en\n goed. ", to: 20) == "Kort en goed.")
        #expect(SearchIndex.shorten("een twee drie vier", to: 12) == "een twee…")
        #expect(SearchIndex.shorten("een twee drie", to: 13) == "een twee drie")
        #expect(SearchIndex.shorten("Coördinatorvoorbeeldwoord", to: 5) == "Coörd…")
        #expect(SearchIndex.shorten("", to: 5) == "")
        // The byte path gives what the scalar-by-scalar reference gives.
        var rng = SystemRandomNumberGenerator()
        let pieces = ["a", "b", " ", "  ", "\n", "\t", ".", "é", "e\u{301}", "€", "’", "𝄞", "\u{A0}", "\u{85}", "\u{1680}",
                      "\u{2003}", "\u{200B}", "\u{2028}", "\u{202F}", "\u{205F}", "\u{3000}", "ß"]
        for _ in 0..<4_000 {
            let text = (0..<Int.random(in: 0...40, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let limit = Int.random(in: 1...25, using: &rng)
            #expect(SearchIndex.shorten(text, to: limit) == Self.scalarShorten(text, to: limit), "\(text.debugDescription) \(limit)")
        }
        #expect(SearchIndex.shorten("Coördinator en € 5", to: 40) == "Coördinator en € 5")
        // The short way back, taken only where the long one changes nothing.
        #expect(SearchIndex.isShortAndSingleSpaced("Een leerling verkoopt vapes in de pauze.", limit: 180))
        for text in ["a  b", " a", "a ", "a\tb", "a\u{A0}b", "a\u{2003}b", "", "abcdef"] {
            #expect(!SearchIndex.isShortAndSingleSpaced(text, limit: 5))
        }
    }

    @Test func postingCodeRoundTrips() {
        var code: [UInt8] = []
        let ids = [0, 1, 2, 3, 40, 1_100, 40_000, 1_000_000]
        var previous = -1
        for (i, id) in ids.enumerated() {
            SearchEncoding.appendPosting(gap: id - previous - 1, weight: 16 - i, to: &code)
            previous = id
        }
        // Consecutive ids cost one character each.
        #expect(code.prefix(4).count == 4 && SearchEncoding.digitValue[Int(code[4])] < 64)
        let decoded = SearchEncoding.decodePostings(String(decoding: code, as: UTF8.self))
        #expect(decoded.map(\.id) == ids)
        #expect(decoded.map(\.weight) == ids.indices.map { 16 - $0 })
        #expect(SearchEncoding.decodePostings("ABCD").map(\.id) == [0, 1, 2, 3])
    }

    @Test func weightsFavourTitles() {
        let inTitle = InvertedIndex.weight(title: 1, other: 0, length: 100, average: 100)
        let once = InvertedIndex.weight(title: 0, other: 1, length: 100, average: 100)
        let often = InvertedIndex.weight(title: 0, other: 10, length: 100, average: 100)
        let longDoc = InvertedIndex.weight(title: 0, other: 1, length: 1000, average: 100)
        #expect(inTitle > often && often > once && once > longDoc)
        #expect(InvertedIndex.weight(title: 60_000, other: 60_000, length: 1, average: 1) == 16)
        #expect(longDoc >= 1)
    }

    @Test func searchScriptInsertsNoMarkup() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let url = root.appendingPathComponent("Templates/assets/search.js")
        let script = try String(contentsOf: url, encoding: .utf8)
        #expect(script.utf8.count < 8_192)
        for sink in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"] {
            #expect(!script.contains(sink), "search.js uses \(sink)")
        }
        #expect(script.contains("textContent"))
        #expect(script.contains("zoekresultaten") && script.contains("zoek-soort"))
        #expect(script.contains("document.currentScript"))
        // No requests to other hosts.
        #expect(!script.contains("http:") && !script.contains("https:") && !script.contains("//cdn"))
    }
}
