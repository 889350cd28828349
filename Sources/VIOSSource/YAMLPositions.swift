import VIOSCore

/// libyaml's positions → the positions a person sees in an editor.
/// libyaml counts columns in code points and breaks lines at CR, LF, CRLF,
/// NEL (U+0085), LS (U+2028) and PS (U+2029); vios counts characters
/// (grapheme clusters) and breaks lines at LF only (CRLF was normalised on
/// reading). For ASCII text without CR both agree and nothing is computed.
struct YAMLPositions {
    private let text: String
    /// The common case: positions pass through unchanged.
    private let identity: Bool
    /// For each libyaml line (0-based): our 0-based line and the code
    /// points between our line's start and the libyaml line's start.
    private var lineMap: [(line: Int, offset: Int)] = []
    /// Start of each of our lines.
    private var lineStarts: [String.Index] = []
    /// Last conversion on a line, to walk forward from it.
    private var cache: (line: Int, scalars: Int, index: String.Index, characters: Int)?

    init(_ text: String) {
        self.text = text
        identity = !ByteScan.contains(text, where: { $0 >= 0x80 || $0 == 13 })
        guard !identity else { return }
        var ourLine = 0, offset = 0
        var previousCR = false
        lineMap.append((0, 0))
        lineStarts.append(text.startIndex)
        var index = text.unicodeScalars.startIndex
        while index < text.unicodeScalars.endIndex {
            let scalar = text.unicodeScalars[index]
            let next = text.unicodeScalars.index(after: index)
            switch scalar.value {
            case 10:
                ourLine += 1
                offset = 0
                lineStarts.append(next)
                // CRLF is one break for libyaml: the CR already counted.
                if !previousCR { lineMap.append((ourLine, 0)) } else { lineMap[lineMap.count - 1] = (ourLine, 0) }
            case 13, 0x85, 0x2028, 0x2029:
                offset += 1
                lineMap.append((ourLine, offset))
            default:
                offset += 1
            }
            previousCR = scalar.value == 13
            index = next
        }
    }

    /// Our 1-based line and code-point column for libyaml's 1-based line
    /// and column.
    func scalarPosition(line: Int, column: Int) -> (line: Int, column: Int) {
        guard !identity, line >= 1, line <= lineMap.count else { return (line, column) }
        let entry = lineMap[line - 1]
        return (entry.line + 1, entry.offset + column)
    }

    /// Our 1-based line and character column for libyaml's 1-based line
    /// and column.
    mutating func position(line: Int, column: Int) -> (line: Int, column: Int) {
        guard !identity else { return (line, column) }
        let scalar = scalarPosition(line: line, column: column)
        return (scalar.line, characterColumn(line: scalar.line, scalarColumn: scalar.column))
    }

    /// Character column of a code-point column on our 1-based `line`.
    mutating func characterColumn(line: Int, scalarColumn: Int) -> Int {
        guard !identity, line >= 1, line <= lineStarts.count, scalarColumn > 1 else { return max(1, scalarColumn) }
        let scalars = text.unicodeScalars
        let lineEnd = line < lineStarts.count ? scalars.index(before: lineStarts[line]) : scalars.endIndex
        var (index, consumed, characters) = (lineStarts[line - 1], 0, 0)
        if let cache, cache.line == line, cache.scalars <= scalarColumn - 1 {
            (index, consumed, characters) = (cache.index, cache.scalars, cache.characters)
        }
        let start = index
        while consumed < scalarColumn - 1, index < lineEnd {
            index = scalars.index(after: index)
            consumed += 1
        }
        // Characters between the cached point and here (String rounds an
        // index inside a cluster down to the cluster's start).
        characters += text[start..<index].count
        // Kept only on a character boundary: counted on from inside a
        // cluster (a space and a zero-width joiner after it), the rest of
        // the cluster counted as a character of its own.
        if index.samePosition(in: text) != nil { cache = (line, consumed, index, characters) }
        return characters + 1
    }
}
