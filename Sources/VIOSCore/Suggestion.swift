/// "Did you mean": the nearest candidate within an edit distance.
public enum Suggestion {
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// The closest candidate, if within `maxDistance` (ties: first in list).
    public static func nearest(_ word: String, in candidates: [String], maxDistance: Int = 2) -> String? {
        var best: (String, Int)?
        let lowered = word.lowercased()
        for candidate in candidates {
            let distance = editDistance(lowered, candidate.lowercased())
            if distance <= maxDistance, best == nil || distance < best!.1 {
                best = (candidate, distance)
            }
        }
        return best?.0
    }

    /// "; bedoelt u 'x'?" or "".
    public static func didYouMean(_ word: String, in candidates: [String], maxDistance: Int = 2) -> String {
        guard let hit = nearest(word, in: candidates, maxDistance: maxDistance) else { return "" }
        return "; bedoelt u '\(hit)'?"
    }
}
