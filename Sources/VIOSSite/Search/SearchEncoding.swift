/// Byte-level writers for the index files: a small JSON writer (sorted,
/// escaped for use inside a script file) and the posting-list code.
///
/// Posting lists are strings over the base64url alphabet. Each posting is
/// a varint gap followed by one weight digit:
///   gap = id - previousId - 1 (previousId starts at -1), written as base-32
///         digits, most significant first; every digit but the last has 32
///         added (so digits 32…63 mean "more follows");
///   weight = 1…63, one digit.
/// A term that occurs in every document costs two characters per document.
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

    /// Decodes a posting string into (id, weight) pairs (tests; `search.js`
    /// has the same loop).
    static func decodePostings(_ text: String) -> [(id: Int, weight: Int)] {
        var out: [(id: Int, weight: Int)] = []
        var previous = -1
        var it = text.utf8.makeIterator()
        while let first = it.next() {
            var d = Int(digitValue[Int(first)])
            var gap = 0
            while d >= 32 {
                gap = (gap << 5) | (d - 32)
                d = Int(digitValue[Int(it.next()!)])
            }
            gap = (gap << 5) | d
            let weight = Int(digitValue[Int(it.next()!)])
            previous += gap + 1
            out.append((previous, weight))
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
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: raw("\\\"")
            case 0x5C: raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0x00..<0x20, 0x3C, 0x3E, 0x26, 0x2028, 0x2029, 0x7F:
                let hex = String(scalar.value, radix: 16)
                raw("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default:
                bytes.append(contentsOf: String(scalar).utf8)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A string whose bytes are known to need no escaping (posting codes).
    mutating func plainString(_ code: [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: code)
        bytes.append(UInt8(ascii: "\""))
    }
}
