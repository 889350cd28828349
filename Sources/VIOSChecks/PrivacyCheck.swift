import VIOSCore

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
    }

    /// `frontmatterText` is the YAML as written (file line 2 onwards): with
    /// it, findings in quoted, escaped and multi-line values are reported
    /// at their own line and column.
    static func run(_ document: Document, bodyText: Substring, frontmatterText: Substring = "") -> [Diagnostic] {
        let strictContacts = document.kind == .handreiking
        var out: [Diagnostic] = []
        func report(_ finding: Finding, line: Int, column: Int) {
            var severity: Severity?
            if finding.code == .vios502 || finding.code == .vios503 { severity = strictContacts ? .error : .warning }
            out.append(Diagnostic(finding.code, at: document.location(line: line, column: column), finding.text,
                                  severity: severity))
        }
        var lineNumber = document.bodyFirstLine
        let utf8 = bodyText.utf8
        var lineStart = utf8.startIndex
        while true {
            let lineEnd = utf8[lineStart...].firstIndex(of: 10) ?? utf8.endIndex
            for finding in scan(bodyText[lineStart..<lineEnd]) {
                report(finding, line: lineNumber, column: finding.offset + 1)
            }
            guard lineEnd < utf8.endIndex else { break }
            lineStart = utf8.index(after: lineEnd)
            lineNumber += 1
        }
        if let fm = document.frontmatter {
            lazy var source = frontmatterText.split(separator: "\n", omittingEmptySubsequences: false)
            for (node, contactField) in publishedStrings(fm, inContact: false) {
                guard case .scalar(let text, let plain) = node.value, !text.isEmpty else { continue }
                let singleLine = !text.contains("\n")
                var cursor = (line: node.line, column: node.column)
                for finding in scan(Substring(text)) {
                    // Contact fields are where contact details belong.
                    if contactField && (finding.code == .vios502 || finding.code == .vios503) { continue }
                    if let hit = locate(finding.text, in: source, from: cursor) {
                        report(finding, line: hit.line, column: hit.column)
                        cursor = (hit.line, hit.column + finding.text.count)
                    } else {
                        let column = singleLine ? node.column + finding.offset + (plain ? 0 : 1) : node.column
                        report(finding, line: node.line, column: column)
                    }
                }
            }
        }
        return out
    }

    /// Every finding needs an `@` (e-mail) or at least nine digits (BSN 9,
    /// phone 10, IBAN 12): a byte scan rules out almost every line before
    /// the character-level scan runs.
    static func mayHoldPersonalData(_ line: Substring) -> Bool {
        var digits = 0
        for byte in line.utf8 {
            if byte == 64 { return true }
            if byte >= 48 && byte <= 57 {
                digits += 1
                if digits >= 9 { return true }
            }
        }
        return false
    }

    /// File position of `needle` in the frontmatter source (`source[0]` is
    /// file line 2), at or after `from`, within the value's lines: the
    /// start line and the lines indented deeper than it (block scalars,
    /// folded plain and quoted values).
    static func locate(_ needle: String, in source: [Substring], from: (line: Int, column: Int)) -> (line: Int, column: Int)? {
        let first = from.line - 2
        guard first >= 0, first < source.count, !needle.isEmpty else { return nil }
        let indent = indentation(source[first])
        var index = first
        while index < source.count {
            let line = source[index]
            if index > first {
                let blank = line.allSatisfy { $0 == " " || $0 == "\t" }
                if !blank && indentation(line) <= indent { break }
            }
            var start = line.startIndex
            if index == first {
                start = line.index(line.startIndex, offsetBy: min(max(0, from.column - 1), line.count))
            }
            if let range = line[start...].range(of: needle) {
                return (index + 2, line.distance(from: line.startIndex, to: range.lowerBound) + 1)
            }
            index += 1
        }
        return nil
    }

    /// Leading spaces, counting a list item's `- ` as indentation.
    static func indentation(_ line: Substring) -> Int {
        var count = 0
        var rest = line[...]
        while let c = rest.first, c == " " || (c == "-" && rest.dropFirst().first == " ") {
            count += 1
            rest = rest.dropFirst()
        }
        return count
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

    /// All findings in one line of text.
    static func scan(_ line: Substring) -> [Finding] {
        guard mayHoldPersonalData(line) else { return [] }
        let chars = Array(line)
        var out: [Finding] = []
        var i = 0
        func isDigit(_ k: Int) -> Bool { k >= 0 && k < chars.count && chars[k].isASCII && chars[k].isNumber }
        func isWordChar(_ k: Int) -> Bool { k >= 0 && k < chars.count && (chars[k].isLetter || chars[k].isNumber) }
        while i < chars.count {
            let c = chars[i]
            // IBAN: NL + 2 digits + 4 letters + 10 digits, groups of 4 may be spaced.
            if (c == "N" || c == "n"), i + 1 < chars.count, chars[i + 1] == "L" || chars[i + 1] == "l", !isWordChar(i - 1) {
                var compact: [UInt8] = []
                var k = i
                while k < chars.count, compact.count < 18 {
                    let ch = chars[k]
                    if ch == " " { k += 1; continue }
                    guard ch.isASCII, ch.isLetter || ch.isNumber else { break }
                    compact.append(ch.uppercased().utf8.first!)
                    k += 1
                }
                if compact.count == 18, !isWordChar(k), IBAN.hasDutchShape(compact) {
                    // A Dutch account number: reported when its check digits
                    // hold; otherwise skipped whole, so its digit groups are
                    // not read as a phone number.
                    if IBAN.isValidDutch(compact) {
                        out.append(Finding(code: .vios504, text: String(chars[i..<k]), offset: i))
                    }
                    i = k
                    continue
                }
            }
            if c == "@" {
                var start = i
                while start > 0, chars[start - 1].isASCII, chars[start - 1].isLetter || chars[start - 1].isNumber || "._%+-".contains(chars[start - 1]) {
                    start -= 1
                }
                var end = i + 1
                while end < chars.count, chars[end].isASCII, chars[end].isLetter || chars[end].isNumber || ".-".contains(chars[end]) {
                    end += 1
                }
                while end > i + 1, chars[end - 1] == "." || chars[end - 1] == "-" { end -= 1 }
                let domain = chars[(i + 1)..<end]
                if start < i, domain.contains("."), domain.last?.isLetter == true {
                    out.append(Finding(code: .vios502, text: String(chars[start..<end]), offset: start))
                    i = end
                    continue
                }
            }
            // Numbers: BSN (9 digits, or 4.2.3 with dots) and phone numbers.
            if (c.isASCII && c.isNumber) || (c == "+" && isDigit(i + 1)) || (c == "(" && isDigit(i + 1)), !isDigit(i - 1), !(chars.indices.contains(i - 1) && chars[i - 1].isLetter) {
                var digits: [UInt8] = []
                var k = i
                var lastDigit = i
                var bracketOpen = false
                func isSeparator(_ k: Int) -> Bool { k < chars.count && (chars[k] == " " || chars[k] == "-") }
                while k < chars.count {
                    let ch = chars[k]
                    if ch.isASCII, ch.isNumber {
                        digits.append(ch.asciiValue! - 48)
                        lastDigit = k
                    } else if ch == "+" && k == i {
                    } else if ch == "(", !bracketOpen, k == i || chars[k - 1] == " ", isDigit(k + 1) {
                        // An area code in brackets: (026) 123 45 67, +31 (0)6 …
                        bracketOpen = true
                    } else if ch == ")", bracketOpen, isDigit(k + 1) || (isSeparator(k + 1) && isDigit(k + 2)) {
                        bracketOpen = false
                    } else if ch == " " || ch == "-" || ch == ".", isDigit(k + 1) || (ch == " " && k + 1 < chars.count && chars[k + 1] == "(" && isDigit(k + 2)) {
                    } else {
                        break
                    }
                    if digits.count > 13 { break }
                    k += 1
                }
                // An opening bracket that is never closed is punctuation:
                // "(123456782)" is the number 123456782.
                var start = i
                if chars[i] == "(" && !chars[i...lastDigit].contains(")") { start = i + 1 }
                let end = lastDigit + 1
                let raw = String(chars[start..<end])
                let followedByWord = end < chars.count && (chars[end].isLetter || chars[end].isNumber)
                if !followedByWord, let finding = classifyNumber(raw, digits: digits, offset: start) {
                    out.append(finding)
                    i = end
                    continue
                }
                // Skip the rest of this digit run so its tail is not read
                // as a number of its own.
                var skip = i + 1
                while isDigit(skip) { skip += 1 }
                i = skip
                continue
            }
            i += 1
        }
        return out
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
