import VIOSCore

/// "Did you mean" and quoting of user text, bounded for hostile input: a
/// 10 MB field name or heading, or a document with 100,000 headings and
/// as many broken anchor links, must not turn a hint into minutes of edit
/// distances or a diagnostic into megabytes.
enum Hints {
    /// Past this many candidates no suggestion is computed.
    static let candidateLimit = 2_000

    /// Hints one check computes for one document: a typo is worth a hint,
    /// the 101st broken anchor is not (and 100,000 of them against 2,000
    /// headings would be 200 million edit distances).
    static let perDocument = 100

    /// `Suggestion.nearest`, skipping candidates whose length alone puts
    /// them out of reach (the edit distance is at least the difference in
    /// length), so the result is the same at a fraction of the cost.
    static func nearest(_ word: String, in candidates: [String], maxDistance: Int = 2) -> String? {
        guard candidates.count <= candidateLimit else { return nil }
        let length = word.count
        let near = candidates.filter { abs($0.count - length) <= maxDistance }
        return near.isEmpty ? nil : Suggestion.nearest(word, in: near, maxDistance: maxDistance)
    }

    /// "; bedoelt u 'x'?" or "".
    static func didYouMean(_ word: String, in candidates: [String], maxDistance: Int = 2) -> String {
        guard let hit = nearest(word, in: candidates, maxDistance: maxDistance) else { return "" }
        return "; bedoelt u '\(hit)'?"
    }

    /// User text as quoted in a message: at most `limit` characters.
    static func clip(_ text: String, limit: Int = 120) -> String {
        guard text.utf8.count > limit else { return text }
        var clipped = ""
        for (index, character) in text.enumerated() {
            if index == limit {
                clipped += "…"
                break
            }
            clipped.append(character)
        }
        return clipped
    }
}
