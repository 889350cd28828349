/// Byte-level writers for the index files: a small JSON writer (sorted,
/// escaped for use inside a script file) and the posting-list code.
///
/// A posting list is a string over the base64url alphabet holding, per
/// document in id order, one varint `gap << 4 | (weight - 1)`:
///   gap = id - previousId - 1 (previousId starts at -1);
///   weight = 1…16 (see `InvertedIndex.weight`);
///   varint = base-32 digits, most significant first, every digit but the
///   last with 32 added (digits 32…63 mean "more follows").
/// Consecutive ids cost one character per document, so a term found in
/// every document of the national corpus takes about 15 KB.
enum SearchEncoding {
    static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    /// Reverse of `alphabet` (255 = not a digit).
    static let digitValue: [UInt8] = {
        var table = [UInt8](repeating: 255, count: 256)
        for (i, c) in alphabet.enumerated() { table[Int(c)] = UInt8(i) }
        return table
    }()

    static func appendVarint(_ value: Int, to out: inout [UInt8]) {
        precondition(value >= 0)
        var shift = 0
        while value >> (shift + 5) > 0 { shift += 5 }
        while shift > 0 {
            out.append(alphabet[32 + ((value >> shift) & 31)])
            shift -= 5
        }
        out.append(alphabet[value & 31])
    }

    static func appendPosting(gap: Int, weight: Int, to out: inout [UInt8]) {
        precondition((1...16).contains(weight))
        appendVarint(gap << 4 | (weight - 1), to: &out)
    }

    /// Decodes a posting string into (id, weight) pairs (tests; `search.js`
    /// has the same loop).
    static func decodePostings(_ text: String) -> [(id: Int, weight: Int)] {
        var out: [(id: Int, weight: Int)] = []
        var previous = -1
        var it = text.utf8.makeIterator()
        while let first = it.next() {
            var d = Int(digitValue[Int(first)])
            var value = 0
            while d >= 32 {
                value = (value << 5) | (d - 32)
                d = Int(digitValue[Int(it.next()!)])
            }
            value = (value << 5) | d
            previous += (value >> 4) + 1
            out.append((previous, (value & 15) + 1))
        }
        return out
    }
}

/// Appends JSON to a byte buffer. Strings are escaped so that the output
/// is also a valid, inert JavaScript expression inside a `.js` file.
struct JSONBytes {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }
    mutating func byte(_ c: UInt8) { bytes.append(c) }
    mutating func int(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        let utf8 = Array(text.utf8)
        var i = 0
        while i < utf8.count {
            let c = utf8[i]
            switch c {
            case 0x22: raw("\\\"")
            case 0x5C: raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0x00..<0x20, 0x3C, 0x3E, 0x26, 0x7F: escape(UInt32(c))
            case 0xE2 where i + 2 < utf8.count && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9):
                // U+2028 and U+2029 end a line in older JavaScript.
                escape(utf8[i + 2] == 0xA8 ? 0x2028 : 0x2029)
                i += 2
            default: bytes.append(c)
            }
            i += 1
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ value: UInt32) {
        let hex = String(value, radix: 16)
        raw("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
    }

    /// A string whose bytes are known to need no escaping (posting codes).
    mutating func plainString(_ code: [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: code)
        bytes.append(UInt8(ascii: "\""))
    }
}
