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

    static func run(_ document: Document, bodyText: Substring) -> [Diagnostic] {
        let strictContacts = document.kind == .handreiking
        var out: [Diagnostic] = []
        func report(_ finding: Finding, line: Int, column: Int) {
            var severity: Severity?
            if finding.code == .vios502 || finding.code == .vios503 { severity = strictContacts ? .error : .warning }
            out.append(Diagnostic(finding.code, at: document.location(line: line, column: column), finding.text,
                                  severity: severity))
        }
        var lineNumber = document.bodyFirstLine
        for line in bodyText.split(separator: "\n", omittingEmptySubsequences: false) {
            for finding in scan(line) { report(finding, line: lineNumber, column: finding.offset + 1) }
            lineNumber += 1
        }
        if let fm = document.frontmatter {
            for (node, contactField) in publishedStrings(fm, inContact: false) {
                guard case .scalar(let text, let plain) = node.value, !text.isEmpty else { continue }
                let singleLine = !text.contains("\n")
                for finding in scan(Substring(text)) {
                    // Contact fields are where contact details belong.
                    if contactField && (finding.code == .vios502 || finding.code == .vios503) { continue }
                    let column = singleLine ? node.column + finding.offset + (plain ? 0 : 1) : node.column
                    report(finding, line: node.line, column: column)
                }
            }
        }
        return out
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
        let chars = Array(line)
        guard chars.contains(where: { $0.isNumber || $0 == "@" }) else { return [] }
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
                if compact.count == 18, !isWordChar(k), IBAN.isValidDutch(compact) {
                    out.append(Finding(code: .vios504, text: String(chars[i..<k]), offset: i))
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
                while k < chars.count {
                    let ch = chars[k]
                    if ch.isASCII, ch.isNumber {
                        digits.append(ch.asciiValue! - 48)
                        lastDigit = k
                    } else if ch == "+" && k == i {
                    } else if (ch == " " || ch == "-" || ch == "." || ch == "(" || ch == ")"), isDigit(k + 1) || (ch == " " && k + 1 < chars.count && chars[k + 1] == "(") {
                    } else {
                        break
                    }
                    if digits.count > 13 { break }
                    k += 1
                }
                let end = lastDigit + 1
                let raw = String(chars[i..<end])
                let followedByWord = end < chars.count && (chars[end].isLetter || chars[end].isNumber)
                if !followedByWord, let finding = classifyNumber(raw, digits: digits, offset: i) {
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
        if raw.hasPrefix("+31"), digits.count == 11 { return Finding(code: .vios503, text: raw, offset: offset) }
        if raw.hasPrefix("0031"), digits.count == 13 { return Finding(code: .vios503, text: raw, offset: offset) }
        let national = raw.hasPrefix("0") || raw.hasPrefix("(0")
        if national, digits.count == 10, digits[1] != 0 { return Finding(code: .vios503, text: raw, offset: offset) }
        return nil
    }
}
