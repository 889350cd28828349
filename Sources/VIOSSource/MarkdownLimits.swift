#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bounds on a body before it reaches cmark-gfm. The system library
/// (Debian 0.29.0.gfm.6) has inputs that take polynomial time or memory,
/// fixed upstream only in later releases (GHSA-29g3-96g3-jg6c,
/// GHSA-24f7-9frr-5h2r, GHSA-66g8-4hjf-77xh, GHSA-r8vr-c48j-fcc5), and
/// measured here: 40 KB of `- - - … x` and blank lines takes 16 s, 240 KB
/// of `![[]()` 18 s, 32 KB of table rows 2,000 cells wide 11 s and 1 GB,
/// 3 MB of `a@` 25 s. Each limit below is far above what a real document
/// holds and far below where those costs start; a body over one is
/// reported (VIOS101) and not parsed.
public enum MarkdownLimits {
    public struct Problem: Equatable, Sendable {
        /// 1-based line within the body.
        public var line: Int
        public var message: String
    }

    /// `[` per block (a run of non-blank lines, an upper bound for a
    /// paragraph), squared and summed: cmark's bracket handling is
    /// quadratic within one paragraph, linear across paragraphs. The limit
    /// is one block of 20,000 (about 0.8 s) or many smaller ones.
    public static let maximumBracketWork = 400_000_000
    public static let maximumAtSigns = 50_000
    /// `@` on a line times the line's length: the e-mail autolinker scans
    /// on from every `@` (4,900 `@` before 5 MB of letters took 15 s).
    public static let maximumAtSignWork = 1_000_000_000
    /// `*` and `_` per block, squared and summed (unmatched delimiters are
    /// quadratic within a paragraph): one block of a million at most.
    public static let maximumEmphasisWork = 1_000_000_000_000
    public static let maximumPipesPerLine = 500
    public static let maximumTableCells = 200_000
    public static let maximumNesting = 100
    /// Blank lines times the depth of the lists they sit in: cmark walks
    /// every open list for every blank line.
    public static let maximumBlankLineWork = 20_000_000

    static func number(_ value: Int) -> String {
        var digits = String(value)
        var out = ""
        while digits.count > 3 {
            out = "." + digits.suffix(3) + out
            digits = String(digits.dropLast(3))
        }
        return digits + out
    }

    public static func check(_ body: Substring) -> Problem? {
        var body = body
        return body.withUTF8 { check(bytes: $0) }
    }

    /// The bytes the per-line counts look at: `[ @ * _ |`, all rare in prose.
    private static let counted: [Bool] = (0..<256).map { [91, 64, 42, 95, 124].contains($0) }
    /// The bytes a table's delimiter row may hold (`|---|:--:|`), besides
    /// the counted ones (the estimate has always let those pass).
    private static let delimiterRowBytes: [Bool] = (0..<256).map { [91, 64, 42, 95, 124, 45, 58, 32, 9].contains($0) }

    static func check(bytes b: UnsafeBufferPointer<UInt8>) -> Problem? {
        let n = b.count
        var atSigns = 0, atSignWork = 0, blankWork = 0, tableCells = 0
        // Per block (run of non-blank lines) and the squares of blocks done.
        var brackets = 0, emphasis = 0, bracketWork = 0, emphasisWork = 0
        var deepest = 0          // deepest nesting estimate so far (markers + indentation / 2)
        var tableColumns = 0     // columns of the table being read, 0 outside a table
        var previousPipes = 0    // pipes on the previous line (a table's header)
        var line = 1
        var start = 0
        let base = b.baseAddress
        let counted = Self.counted
        while start <= n {
            var end = n
            if start < n, let base, let hit = memchr(base + start, 10, n - start) {
                end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
            // Container markers at the start of the line: `>`, `-`, `*`,
            // `+`, `1.`, `1)`, each followed by a space (or the end).
            var i = start
            var indentation = 0
            while i < end, b[i] == 32 || b[i] == 9 { indentation += b[i] == 9 ? 4 : 1; i += 1 }
            var markers = 0
            while i < end {
                let c = b[i]
                var next = i + 1
                if c == 62 {  // >
                } else if c == 45 || c == 42 || c == 43 {  // - * +
                    guard next == end || b[next] == 32 || b[next] == 9 else { break }
                } else if c >= 48 && c <= 57 {
                    while next < end, next - i < 9, b[next] >= 48 && b[next] <= 57 { next += 1 }
                    guard next < end, b[next] == 46 || b[next] == 41 else { break }  // . )
                    next += 1
                    guard next == end || b[next] == 32 || b[next] == 9 else { break }
                } else {
                    break
                }
                markers += 1
                i = next
                while i < end, b[i] == 32 || b[i] == 9 { i += 1 }
            }
            if markers > maximumNesting {
                return Problem(line: line, message: "lijsten of citaten zijn hier meer dan \(maximumNesting) niveaus diep genest; "
                               + "zo diep kan vios ze niet verwerken: maak de opbouw minder diep")
            }
            deepest = max(deepest, markers + indentation / 2)
            let blank = i == end
            if blank {
                blankWork += deepest
                tableColumns = 0
                bracketWork += brackets * brackets
                emphasisWork += emphasis * emphasis
                brackets = 0
                emphasis = 0
                if blankWork > maximumBlankLineWork {
                    return Problem(line: line, message: "te veel lege regels binnen diep geneste lijsten; "
                                   + "haal lege regels weg of maak de lijsten minder diep")
                }
            }
            // Counts over the rest of the line.
            var pipes = 0, lineAtSigns = 0
            var k = i
            while k < end {
                // Most bytes are letters or spaces: one table lookup, no switch.
                guard counted[Int(b[k])] else {
                    k += 1
                    continue
                }
                switch b[k] {
                case 91: brackets += 1                            // [
                case 64: atSigns += 1; lineAtSigns += 1           // @
                case 42, 95: emphasis += 1                        // * _
                default: pipes += 1                               // |
                }
                k += 1
            }
            if lineAtSigns > 0 {
                atSignWork += lineAtSigns * (end - start)
                if atSignWork > maximumAtSignWork {
                    return Problem(line: line, message: "te veel tekens '@' in lange regels: zo'n tekst kan vios niet veilig "
                                   + "verwerken; splits de regels of het document")
                }
            }
            if pipes > maximumPipesPerLine {
                return Problem(line: line, message: "regel met meer dan \(maximumPipesPerLine) tekens '|': een tabel met zoveel kolommen "
                               + "kan vios niet verwerken")
            }
            if bracketWork + brackets * brackets > maximumBracketWork {
                return Problem(line: line, message: "te veel haken '[' in één alinea of lijst: zoveel links of afbeeldingen "
                               + "bij elkaar kan vios niet veilig verwerken; zet lege regels tussen de alinea's of splits het document")
            }
            if atSigns > maximumAtSigns {
                return Problem(line: line, message: "meer dan \(number(maximumAtSigns)) tekens '@' in de tekst; splits het document")
            }
            if emphasisWork + emphasis * emphasis > maximumEmphasisWork {
                return Problem(line: line, message: "te veel tekens '*' of '_' in één alinea; zet lege regels tussen de alinea's "
                               + "of splits het document")
            }
            // GFM tables: a delimiter row (`|---|:--:|`) under a header row
            // starts one; every row is padded to the header's width.
            if tableColumns > 0, !blank {
                tableCells += tableColumns
            } else if !blank, previousPipes > 0, isDelimiterRow(b, from: i, to: end) {
                tableColumns = max(pipes, previousPipes) + 1
                tableCells += 2 * tableColumns
            }
            if tableCells > maximumTableCells {
                return Problem(line: line, message: "tabellen met meer dan \(number(maximumTableCells)) cellen: "
                               + "zo'n grote tabel kan vios niet verwerken; splits de tabel")
            }
            previousPipes = pipes
            line += 1
            start = end + 1
        }
        return nil
    }

    /// Whether `b[from..<end]` holds a `-` and only delimiter-row bytes;
    /// looked at only under a line with pipes, so prose is read once.
    private static func isDelimiterRow(_ b: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> Bool {
        var dashes = 0
        for k in from..<end {
            guard delimiterRowBytes[Int(b[k])] else { return false }
            if b[k] == 45 { dashes += 1 }
        }
        return dashes > 0
    }
}
