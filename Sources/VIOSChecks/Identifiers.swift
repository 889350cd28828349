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
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].utf8.contains(46),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else { return false }
        let allowedLocal = { (c: Character) in c.isASCII && (c.isLetter || c.isNumber || "._%+-'".contains(c)) }
        let allowedDomain = { (c: Character) in c.isASCII && (c.isLetter || c.isNumber || ".-".contains(c)) }
        return parts[0].allSatisfy(allowedLocal) && parts[1].allSatisfy(allowedDomain) && !parts[1].contains("..")
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
