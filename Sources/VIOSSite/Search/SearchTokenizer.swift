import Foundation

/// The folding and splitting that search uses, on UTF-8 bytes so that the
/// whole national corpus is tokenised in well under a second.
///
/// It mirrors `fold` and `parse` in `Templates/assets/search.js` exactly, so
/// a query's terms are the index's terms: NFKD, combining marks removed,
/// lowercase, `ß` `æ` `œ` `ø` `ł` `đ` spelled out (`ss`, `ae`, `oe`, `o`,
/// `l`, `d`); then tokens are runs of ASCII letters/digits and of the
/// letters in `isTokenScalar`, everything else separates. For Dutch text
/// this equals `TextFolding.fold` (`Coördinator` → `coordinator`). Tokens
/// shorter than 2 or longer than 40 characters are dropped; the indexer
/// drops stopwords.
struct SearchTokenizer {
    static let maxTokenChars = 40
    static let minTokenChars = 2

    /// Small Dutch stopword list; `search.js` receives it in the manifest.
    static let stopwords: [String] = [
        "aan", "al", "als", "bij", "dan", "dat", "de", "deze", "die", "dit", "door", "een", "en",
        "er", "had", "heb", "hebben", "heeft", "het", "hij", "hoe", "hun", "ik", "in", "is", "je",
        "kan", "maar", "me", "met", "na", "naar", "niet", "nog", "of", "om", "omdat", "ons", "ook",
        "op", "over", "te", "ten", "ter", "tot", "uit", "van", "voor", "was", "wat", "we", "wel",
        "werd", "wie", "wij", "wordt", "zal", "ze", "zich", "zij", "zijn", "zo", "zou",
    ]
    static let stopwordSet: Set<String> = Set(stopwords)

    /// ASCII byte → lowercase token byte, 0 for a separator.
    private static let asciiMap: [UInt8] = (0..<128).map { b -> UInt8 in
        switch b {
        case 48...57, 97...122: return UInt8(b)
        case 65...90: return UInt8(b + 32)
        default: return 0
        }
    }

    /// Folded bytes for U+0080…U+024F (see `foldScalar`).
    private static let latinMap: [[UInt8]] = (0x80..<0x250).map { v in
        foldScalar(Unicode.Scalar(UInt32(v))!)
    }

    /// Letters spelled out after lowercasing (as in search.js).
    private static let spelledOut: [UInt32: String] = [
        0xDF: "ss", 0xE6: "ae", 0x153: "oe", 0xF8: "o", 0x142: "l", 0x111: "d",
    ]

    /// Scalars that belong to tokens besides ASCII letters and digits; the
    /// same ranges as `SEP` in `search.js`.
    static func isTokenScalar(_ v: UInt32) -> Bool {
        switch v {
        case 0xD7, 0xF7: return false
        case 0xC0...0x1FFF, 0x2C00...0x2FFF, 0x3040...0xD7FF, 0xF900...0xFDFF, 0xFE70...0xFEFC:
            return true
        default: return false
        }
    }

    static func isCombiningMark(_ v: UInt32) -> Bool { v >= 0x300 && v <= 0x36F }

    /// The folded UTF-8 of one non-ASCII scalar, where a 0 byte separates
    /// tokens (`½` → `1`, 0, `2`); empty when the scalar folds to nothing.
    static func foldScalar(_ scalar: Unicode.Scalar) -> [UInt8] {
        var kept = String.UnicodeScalarView()
        for s in String(scalar).decomposedStringWithCompatibilityMapping.unicodeScalars
        where !isCombiningMark(s.value) {
            kept.append(s)
        }
        var out: [UInt8] = []
        for s in String(kept).lowercased().unicodeScalars {
            if let spelled = spelledOut[s.value] {
                out.append(contentsOf: spelled.utf8)
            } else if s.isASCII {
                out.append(asciiMap[Int(s.value)])
            } else if isTokenScalar(s.value) {
                out.append(contentsOf: String(s).utf8)
            } else {
                out.append(0)
            }
        }
        return out
    }

    private var cache: [UInt32: [UInt8]] = [:]
    private let buffer: UnsafeMutableBufferPointer<UInt8>

    init() {
        buffer = .allocate(capacity: 4 * (Self.maxTokenChars + 1))
    }

    func deallocate() { buffer.deallocate() }

    /// Calls `body` with each token's folded bytes, its hash (`hash`) and its
    /// length in characters. The bytes are only valid during the call.
    mutating func forEachToken(in text: String,
                               _ body: (UnsafeBufferPointer<UInt8>, UInt64, Int) -> Void) {
        var text = text
        text.withUTF8 { forEachToken(inUTF8: $0, body) }
    }

    /// The same over UTF-8 bytes (bytes that are not UTF-8 give odd tokens,
    /// never a crash).
    mutating func forEachToken(inUTF8 utf8: UnsafeBufferPointer<UInt8>,
                               _ body: (UnsafeBufferPointer<UInt8>, UInt64, Int) -> Void) {
        Self.asciiMap.withUnsafeBufferPointer { ascii in
            scan(utf8, ascii, body)
        }
    }

    private mutating func scan(_ p: UnsafeBufferPointer<UInt8>, _ ascii: UnsafeBufferPointer<UInt8>,
                               _ body: (UnsafeBufferPointer<UInt8>, UInt64, Int) -> Void) {
        let buf = buffer
        let limit = Self.maxTokenChars
        var len = 0, chars = 0
        var overflow = false
        let n = p.count
        var i = 0

        // The hash is taken per token, eight bytes at a time: per byte, its
        // multiply chain was a third of tokenising.
        @inline(__always) func flush() {
            if len > 0 {
                if !overflow && chars >= Self.minTokenChars {
                    let token = UnsafeBufferPointer(rebasing: buf[0..<len])
                    body(token, Self.hash(token), chars)
                }
                len = 0; chars = 0; overflow = false
            }
        }
        @inline(__always) func append(_ c: UInt8) {
            if overflow { return }
            if c < 0x80 || c >= 0xC0 {  // first byte of a character
                if chars == limit { overflow = true; return }
                chars += 1
            }
            buf[len] = c
            len += 1
        }

        while i < n {
            let b = p[i]
            if b < 0x80 {
                let c = ascii[Int(b)]
                if c == 0 {
                    flush()
                } else if chars < limit {
                    // An ASCII letter or digit: one byte, one character.
                    buf[len] = c
                    len += 1
                    chars += 1
                } else {
                    overflow = true
                }
                i += 1
                continue
            }
            // Decode one scalar (the String's UTF-8 is valid).
            var v: UInt32
            var width: Int
            if b < 0xE0 { v = UInt32(b & 0x1F); width = 2 }
            else if b < 0xF0 { v = UInt32(b & 0x0F); width = 3 }
            else { v = UInt32(b & 0x07); width = 4 }
            if i + width > n { break }
            for k in 1..<width { v = (v << 6) | UInt32(p[i + k] & 0x3F) }
            i += width
            if Self.isCombiningMark(v) { continue }
            let folded: [UInt8]
            if v < 0x250 {
                folded = Self.latinMap[Int(v) - 0x80]
            } else if let cached = cache[v] {
                folded = cached
            } else {
                folded = Unicode.Scalar(v).map(Self.foldScalar) ?? []
                cache[v] = folded
            }
            for c in folded {
                if c == 0 { flush(); continue }
                append(c)
            }
        }
        flush()
    }

    /// A token's hash for the term table: FNV-1a over eight-byte words,
    /// then a final mix so that the low bits (the table's slot) depend on
    /// every byte.
    @inline(__always)
    static func hash(_ token: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(token.count)
        let raw = UnsafeRawPointer(token.baseAddress!)
        var i = 0
        while i + 8 <= token.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x100_0000_01b3
            i += 8
        }
        if i < token.count {
            var last: UInt64 = 0
            var shift: UInt64 = 0
            while i < token.count { last |= UInt64(token[i]) << shift; shift += 8; i += 1 }
            h = (h ^ last) &* 0x100_0000_01b3
        }
        h ^= h >> 29
        h &*= 0xbf58_476d_1ce4_e5b9
        return h ^ (h >> 32)
    }

    /// Folded tokens of `text` in order, stopwords included (tests, queries).
    static func tokens(_ text: String) -> [String] {
        var tokenizer = SearchTokenizer()
        defer { tokenizer.deallocate() }
        var out: [String] = []
        tokenizer.forEachToken(in: text) { bytes, _, _ in
            out.append(String(decoding: bytes, as: UTF8.self))
        }
        return out
    }

    /// The terms a query or document contributes: tokens minus stopwords.
    static func terms(_ text: String) -> [String] {
        tokens(text).filter { !stopwordSet.contains($0) }
    }
}
