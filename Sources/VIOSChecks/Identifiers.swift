import VIOSCore

/// Formats of Dutch identifiers (docs/domain.md).
enum Identifiers {
    /// BRIN: 2 digits + 2 uppercase letters, optionally + 2 digits.
    static func isBRIN(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard b.count == 4 || b.count == 6 else { return false }
        let digit = { (x: UInt8) in x >= 48 && x <= 57 }
        let upper = { (x: UInt8) in x >= 65 && x <= 90 }
        return digit(b[0]) && digit(b[1]) && upper(b[2]) && upper(b[3]) && (b.count == 4 || (digit(b[4]) && digit(b[5])))
    }

    static func isCBSCode(_ text: String) -> Bool {
        let b = Array(text.utf8)
        return b.count == 6 && text.hasPrefix("GM") && b[2...].allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    static func isEmail(_ text: String) -> Bool {
        // On bytes: every allowed character is ASCII, so a Unicode letter or a
        // combined character fails here as it would as a `Character`.
        func isAlnum(_ c: UInt8) -> Bool { (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) }
        let bytes = Array(text.utf8)
        guard let at = bytes.firstIndex(of: 64), !bytes[(at + 1)...].contains(64) else { return false }
        let local = bytes[..<at], domain = bytes[(at + 1)...]
        guard !local.isEmpty, domain.contains(46), domain.first != 46, domain.last != 46 else { return false }
        let localExtra: Set<UInt8> = [46, 95, 37, 43, 45, 39]  // . _ % + - '
        guard local.allSatisfy({ isAlnum($0) || localExtra.contains($0) }),
              domain.allSatisfy({ isAlnum($0) || $0 == 46 || $0 == 45 }) else { return false }
        return !zip(domain, domain.dropFirst()).contains { $0 == 46 && $1 == 46 }
    }

    /// Dutch numbers: 10 digits starting with 0 (separators allowed), or
    /// +31 / 0031 and 9 digits; short public service numbers too.
    static func isPhone(_ text: String) -> Bool {
        guard text.allSatisfy({ $0.isNumber || " -()+".contains($0) }) else { return false }
        let digits = text.filter(\.isNumber)
        if PhoneNumbers.isPublicService(digits) { return true }
        if text.hasPrefix("+31") { return digits.count == 11 }
        if digits.hasPrefix("0031") { return digits.count == 13 }
        return digits.count == 10 && digits.hasPrefix("0")
    }
}
