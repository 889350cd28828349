#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VIOSCore
import VIOSSource

/// Personal data in published text (spec 5, VIOS5xx; AVG): BSN, IBAN,
/// e-mail addresses and phone numbers. Scans the body as written (tables,
/// link and alt texts, code included: all of it is published) and every
/// published frontmatter string.
enum PrivacyCheck {
    struct Finding: Equatable {
        var code: DiagnosticCode
        var text: String
        /// Character offset in the scanned line.
        var offset: Int

        /// Identity of what was found, whatever its spelling: digits and
        /// letters only, uppercased.
        var key: String {
            code.rawValue + ":" + String(text.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
                .map { Character($0).uppercased() }.joined())
        }
    }

    /// `frontmatterText` is the YAML as written (file line
    /// `frontmatterFirstLine` onwards): with it, findings in quoted,
    /// escaped and multi-line values are reported at their own line and
    /// column. `textRuns` is the body as published (entities decoded,
    /// markup gone): what it shows beyond the source is reported too.
    static func run(_ document: Document, bodyText: Substring, frontmatterText: Substring = "",
                    frontmatterFirstLine: Int = 2, textRuns: [MarkdownParser.TextRun] = []) -> [Diagnostic] {
        let strictContacts = document.kind == .handreiking
        var out: [Diagnostic] = []
        func report(_ finding: Finding, line: Int, column: Int) {
            var severity: Severity?
            if finding.code == .vios502 || finding.code == .vios503 { severity = strictContacts ? .error : .warning }
            out.append(Diagnostic(finding.code, at: document.location(line: line, column: column), finding.text,
                                  severity: severity))
        }
        // 1. The body as written, line by line (tables, link and alt texts,
        // code: all of it is published).
        var seen = Set<String>()
        for (lineNumber, range) in candidateLines(bodyText, firstLine: document.bodyFirstLine) {
            for finding in scan(bodyText[range]) {
                report(finding, line: lineNumber, column: finding.offset + 1)
                seen.insert(finding.key)
            }
        }
        // 2. The body as published: `123&#52;56782`, `1234*5*6782` or
        // `naam&#64;school.nl` show a number or address the source hides.
        // Reported at the block, unless the source scan already found it.
        // The reader passes only blocks that `ByteScan.mayHoldPersonalData`.
        for run in textRuns {
            let text = visibleText(run.text)
            for finding in scan(Substring(text)) where !seen.contains(finding.key) {
                seen.insert(finding.key)
                report(finding, line: run.line, column: 1)
            }
        }
        // 3. Every published frontmatter string.
        if let fm = document.frontmatter {
            var source = FrontmatterSource(text: frontmatterText, firstLine: frontmatterFirstLine)
            for (node, contactField) in publishedStrings(fm, inContact: false) {
                guard case .scalar(let text, let plain) = node.value, !text.isEmpty else { continue }
                // Bytes, not `String.contains`: that goes through Foundation per scalar.
                let singleLine = !text.utf8.contains(10)
                var cursor: (line: Int, byte: Int)?
                for finding in scan(Substring(text)) {
                    // Contact fields are where contact details belong.
                    if contactField && (finding.code == .vios502 || finding.code == .vios503) { continue }
                    if cursor == nil { cursor = source.start(line: node.line, column: node.column) }
                    if let from = cursor, let hit = source.locate(finding.text, from: from) {
                        report(finding, line: hit.line, column: hit.column)
                        cursor = (hit.line, hit.byte + finding.text.utf8.count)
                    } else {
                        // Not found as written (escaped, or folded from lines
                        // indented less than the key): its offset in the value
                        // if that is still on the value's line, else the value.
                        var column = singleLine ? node.column + finding.offset + (plain ? 0 : 1) : node.column
                        if column > (source.length(ofLine: node.line) ?? 0) + 1 { column = node.column }
                        report(finding, line: node.line, column: column)
                    }
                }
            }
        }
        // 4. The slug is part of the page's URL.
        for finding in scan(Substring(document.slug)) where !seen.contains(finding.key) {
            report(finding, line: 1, column: 1)
        }
        return out
    }

    /// A YAML file that is published as a whole (`site.yml`, a custom
    /// structure): every string in it, at its position in the file.
    static func run(yamlFile path: String, _ node: YAMLNode, text: Substring) -> [Diagnostic] {
        let document = Document(path: path, collection: nil, slug: "", frontmatter: node)
        return run(document, bodyText: "", frontmatterText: text, frontmatterFirstLine: 1)
    }

    /// Zero-width characters and soft hyphens are invisible on the page:
    /// `1234\u{200B}56782` reads as one number.
    static func visibleText(_ text: String) -> String {
        // Every invisible one is a C2 or E2/EF sequence: most text has none.
        guard ByteScan.contains(text, where: { $0 == 0xC2 || $0 == 0xE2 || $0 == 0xEF }) else { return text }
        let invisible: Set<UInt32> = [0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF]
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !invisible.contains(scalar.value) { scalars.append(scalar) }
        return String(scalars)
    }

    /// Every finding needs an `@` (e-mail) or at least nine digits (BSN 9,
    /// phone 10, IBAN 12): a byte scan rules out almost every line before
    /// the character-level scan runs.
    static func mayHoldPersonalData(_ line: Substring) -> Bool {
        line.utf8.withContiguousStorageIfAvailable(ByteScan.mayHoldPersonalData)
            ?? Array(line.utf8).withUnsafeBufferPointer(ByteScan.mayHoldPersonalData)
    }

    /// The lines of `text` that `mayHoldPersonalData`, with their numbers:
    /// one pass over the bytes; the rest of the body is never sliced.
    static func candidateLines(_ text: Substring, firstLine: Int) -> [(Int, Range<Substring.Index>)] {
        func collect(_ buffer: UnsafeBufferPointer<UInt8>) -> [(line: Int, start: Int, end: Int)] {
            var found: [(line: Int, start: Int, end: Int)] = []
            var line = firstLine, start = 0
            while start <= buffer.count {
                var end = buffer.count
                if start < buffer.count, let base = buffer.baseAddress, let hit = memchr(base + start, 10, buffer.count - start) {
                    end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                }
                if ByteScan.mayHoldPersonalData(UnsafeBufferPointer(rebasing: buffer[start..<end])) {
                    found.append((line, start, end))
                }
                start = end + 1
                line += 1
            }
            return found
        }
        let offsets = text.utf8.withContiguousStorageIfAvailable(collect)
            ?? Array(text.utf8).withUnsafeBufferPointer(collect)
        let utf8 = text.utf8
        return offsets.map { item in
            let from = utf8.index(utf8.startIndex, offsetBy: item.start)
            return (item.line, from..<utf8.index(from, offsetBy: item.end - item.start))
        }
    }

    /// Frontmatter scalars with whether they sit in a contact field.
    static func publishedStrings(_ node: YAMLNode, inContact: Bool) -> [(YAMLNode, Bool)] {
        switch node.value {
        case .scalar: return [(node, inContact)]
        case .sequence(let items): return items.flatMap { publishedStrings($0, inContact: inContact) }
        case .mapping(let pairs):
            return pairs.flatMap { pair -> [(YAMLNode, Bool)] in
                let key = pair.key.string ?? ""
                let contact = inContact || ["contacten", "contact", "email", "telefoon"].contains(key)
                return publishedStrings(pair.value, inContact: contact)
            }
        }
    }

    /// All findings in one line of text. Works on UTF-8 bytes (every
    /// pattern is ASCII; only word boundaries look at other letters) and
    /// reports character offsets: a 10 MB line of numbers stays fast.
    static func scan(_ line: Substring) -> [Finding] {
        guard mayHoldPersonalData(line) else { return [] }
        let b = Array(line.utf8)
        let n = b.count
        var out: [(code: DiagnosticCode, start: Int, end: Int, text: String)] = []
        func isDigit(_ k: Int) -> Bool { k >= 0 && k < n && b[k] >= 48 && b[k] <= 57 }
        func isASCIILetter(_ k: Int) -> Bool { k >= 0 && k < n && ((b[k] | 0x20) >= 97 && (b[k] | 0x20) <= 122) }
        func isASCIIAlnum(_ k: Int) -> Bool { isDigit(k) || isASCIILetter(k) }
        func text(_ range: Range<Int>) -> String { String(decoding: b[range], as: UTF8.self) }
        /// Letter or number (any script) that ends just before byte `k`.
        func wordCharBefore(_ k: Int) -> Bool {
            guard k > 0, k <= n else { return false }
            if b[k - 1] < 128 { return isASCIIAlnum(k - 1) }
            var start = k - 1
            while start > 0, b[start] & 0xC0 == 0x80 { start -= 1 }
            return isWordScalar(b[start..<k])
        }
        /// Letter or number (any script) that starts at byte `k`.
        func wordCharAt(_ k: Int) -> Bool {
            guard k >= 0, k < n else { return false }
            if b[k] < 128 { return isASCIIAlnum(k) }
            var end = k + 1
            while end < n, b[end] & 0xC0 == 0x80 { end += 1 }
            return isWordScalar(b[k..<end])
        }
        /// A letter (any script) ends just before byte `k`.
        func letterBefore(_ k: Int) -> Bool {
            guard k > 0 else { return false }
            if b[k - 1] < 128 { return isASCIILetter(k - 1) }
            return wordCharBefore(k)
        }
        var i = 0
        while i < n {
            let c = b[i]
            // IBAN: NL + 2 digits + 4 letters + 10 digits, groups of 4 may be spaced.
            if c | 0x20 == 110, i + 1 < n, b[i + 1] | 0x20 == 108, !wordCharBefore(i) {
                var compact: [UInt8] = []
                var k = i
                while k < n, compact.count < 18 {
                    if b[k] == 32 { k += 1; continue }
                    guard isASCIIAlnum(k) else { break }
                    compact.append(isASCIILetter(k) ? b[k] & 0xDF : b[k])
                    k += 1
                }
                if compact.count == 18, !wordCharAt(k), IBAN.hasDutchShape(compact) {
                    // A Dutch account number: reported when its check digits
                    // hold; otherwise skipped whole, so its digit groups are
                    // not read as a phone number.
                    if IBAN.isValidDutch(compact) { out.append((.vios504, i, k, text(i..<k))) }
                    i = k
                    continue
                }
            }
            if c == 64 {  // @
                let localChars: Set<UInt8> = [46, 95, 37, 43, 45]  // . _ % + -
                var start = i
                while start > 0, isASCIIAlnum(start - 1) || localChars.contains(b[start - 1]) { start -= 1 }
                var end = i + 1
                while end < n, isASCIIAlnum(end) || b[end] == 46 || b[end] == 45 { end += 1 }
                while end > i + 1, b[end - 1] == 46 || b[end - 1] == 45 { end -= 1 }
                let domain = b[(i + 1)..<end]
                if start < i, domain.contains(46), isASCIILetter(end - 1) {
                    out.append((.vios502, start, end, text(start..<end)))
                    i = end
                    continue
                }
            }
            // Numbers: BSN (9 digits, or 4.2.3 with dots) and phone numbers.
            if isDigit(i) || (c == 43 && isDigit(i + 1)) || (c == 40 && isDigit(i + 1)), !isDigit(i - 1), !letterBefore(i) {
                var digits: [UInt8] = []
                var k = i
                var lastDigit = i
                var bracketOpen = false
                /// Where each group of digits ends, with the digits so far.
                var groupEnds: [(end: Int, count: Int)] = []
                func isSeparator(_ k: Int) -> Bool { k < n && (b[k] == 32 || b[k] == 45) }
                while k < n {
                    let ch = b[k]
                    if isDigit(k) {
                        digits.append(ch - 48)
                        lastDigit = k
                        if !isDigit(k + 1) { groupEnds.append((k + 1, digits.count)) }
                    } else if ch == 43 && k == i {
                    } else if ch == 40, !bracketOpen, k == i || b[k - 1] == 32, isDigit(k + 1) {
                        // An area code in brackets: (026) 123 45 67, +31 (0)6 …
                        bracketOpen = true
                    } else if ch == 41, bracketOpen, isDigit(k + 1) || (isSeparator(k + 1) && isDigit(k + 2)) {
                        bracketOpen = false
                    } else if ch == 32 || ch == 45 || ch == 46,
                              isDigit(k + 1) || (ch == 32 && k + 1 < n && b[k + 1] == 40 && isDigit(k + 2)) {
                    } else {
                        break
                    }
                    if digits.count > 13 { break }
                    k += 1
                }
                // An opening bracket that is never closed is punctuation:
                // "(123456782)" is the number 123456782.
                var start = i
                if b[i] == 40 && !b[i...lastDigit].contains(41) { start = i + 1 }
                let end = lastDigit + 1
                // BSN has 9 digits, a phone number 10 to 13: nothing else
                // can be a finding (the common case, so decided first).
                if (9...13).contains(digits.count), !wordCharAt(end),
                   let finding = classifyNumber(text(start..<end), digits: digits, offset: start) {
                    out.append((finding.code, start, end, finding.text))
                    i = end
                    continue
                }
                // Numbers written one after another ("123456782 123456782",
                // "06-12345678 06-87654321") run together above: try the run
                // cut at a space, longest first.
                var found = false
                for cut in groupEnds.reversed() where cut.end < end && b[cut.end] == 32 && (9...13).contains(cut.count) {
                    if let finding = classifyNumber(text(start..<cut.end), digits: Array(digits.prefix(cut.count)), offset: start) {
                        out.append((finding.code, start, cut.end, finding.text))
                        i = cut.end
                        found = true
                        break
                    }
                }
                if found { continue }
                // Skip the rest of this digit run so its tail is not read
                // as a number of its own.
                var skip = i + 1
                while isDigit(skip) { skip += 1 }
                i = skip
                continue
            }
            i += 1
        }
        // Byte offsets → character offsets, counting forward once.
        var findings: [Finding] = []
        findings.reserveCapacity(out.count)
        var byte = 0, character = 0
        for hit in out {
            if hit.start > byte {
                character += String(decoding: b[byte..<hit.start], as: UTF8.self).count
                byte = hit.start
            }
            findings.append(Finding(code: hit.code, text: hit.text, offset: character))
        }
        return findings
    }

    /// A letter, digit or combining mark: part of a word.
    static func isWordScalar(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let scalar = String(decoding: bytes, as: UTF8.self).unicodeScalars.first else { return false }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return properties.isAlphabetic || properties.numericType != nil
        }
    }

    static func classifyNumber(_ raw: String, digits: [UInt8], offset: Int) -> Finding? {
        let plain = raw.allSatisfy { $0.isNumber }
        let dotted = raw.count == 11 && raw.split(separator: ".").map(\.count) == [4, 2, 3]
        if digits.count == 9, plain || dotted {
            return BSN.isValid(digits) ? Finding(code: .vios501, text: raw, offset: offset) : nil
        }
        let text = digits.map(String.init).joined()
        if PhoneNumbers.isPublicService(text) { return nil }
        let separators = raw.filter { !$0.isNumber }
        // Only spaces, dashes and brackets in phone numbers; dots mean
        // amounts or identifiers.
        guard !separators.contains(".") else { return nil }
        if raw.hasPrefix("+31"), digits.count == 11 || (digits.count == 12 && raw.contains("(0)")) {
            return Finding(code: .vios503, text: raw, offset: offset)
        }
        if raw.hasPrefix("0031"), digits.count == 13 { return Finding(code: .vios503, text: raw, offset: offset) }
        let national = raw.hasPrefix("0") || raw.hasPrefix("(0")
        if national, digits.count == 10, digits[1] != 0 { return Finding(code: .vios503, text: raw, offset: offset) }
        return nil
    }
}
