import VIOSCore

/// Bytes → text, as the spec asks: UTF-8 only, a BOM dropped, CRLF read as
/// LF. Neither changes line numbers, and columns count characters.
public enum TextDecoding {
    public enum Failure: Error, Equatable {
        /// 1-based line and column of the first invalid byte, and its offset.
        case invalidUTF8(line: Int, column: Int, offset: Int)
    }

    public static func decode(_ bytes: [UInt8]) -> Result<String, Failure> {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        let body = bytes[start...]
        // The standard library validates in bulk; only a failure pays for
        // the scalar-by-scalar walk that finds the position.
        if let valid = String(validating: body, as: UTF8.self) {
            return .success(ByteScan.contains(valid, 13) ? normalizeNewlines(valid) : valid)
        }
        if let offset = firstInvalidByte(body) {
            // Position: count lines and characters in the valid prefix.
            let prefix = String(decoding: bytes[start..<offset], as: UTF8.self)
            var line = 1, column = 1
            for ch in prefix {
                if ch == "\n" || ch == "\r\n" { line += 1; column = 1 } else { column += 1 }
            }
            return .failure(.invalidUTF8(line: line, column: column, offset: offset))
        }
        var text = String(decoding: body, as: UTF8.self)
        if ByteScan.contains(text, 13) {
            text = normalizeNewlines(text)
        }
        return .success(text)
    }

    /// Index of the first byte that is not valid UTF-8, or nil.
    static func firstInvalidByte(_ bytes: ArraySlice<UInt8>) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = bytes.startIndex
        // Track the offset by re-encoding each scalar's length.
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                return nil
            case .error:
                return offset
            }
        }
    }

    /// CRLF → LF; a lone CR stays (it is not a line break for the spec).
    static func normalizeNewlines(_ text: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count)
        var previousCR = false
        for byte in text.utf8 {
            if previousCR && byte != 10 { out.append(13) }
            previousCR = byte == 13
            if !previousCR { out.append(byte) }
        }
        if previousCR { out.append(13) }
        return String(decoding: out, as: UTF8.self)
    }
}
