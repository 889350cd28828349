/// Dutch IBAN: `NL` + 2 check digits + 4 letters + 10 digits, valid when
/// the ISO 13616 mod-97 check gives 1.
enum IBAN {
    /// `compact` is the IBAN without spaces, uppercase.
    static func isValidDutch(_ compact: [UInt8]) -> Bool {
        guard hasDutchShape(compact) else { return false }
        let isDigit = { (b: UInt8) in b >= 48 && b <= 57 }
        let rearranged = Array(compact[4...]) + Array(compact[..<4])
        var remainder = 0
        for byte in rearranged {
            if isDigit(byte) {
                remainder = (remainder * 10 + Int(byte - 48)) % 97
            } else {
                remainder = (remainder * 100 + Int(byte - 55)) % 97
            }
        }
        return remainder == 1
    }

    /// `NL`, 2 digits, 4 letters, 10 digits, whatever the check digits say.
    static func hasDutchShape(_ compact: [UInt8]) -> Bool {
        guard compact.count == 18, compact[0] == 78, compact[1] == 76 else { return false }
        let isDigit = { (b: UInt8) in b >= 48 && b <= 57 }
        let isUpper = { (b: UInt8) in b >= 65 && b <= 90 }
        return isDigit(compact[2]) && isDigit(compact[3]) && compact[4..<8].allSatisfy(isUpper)
            && compact[8...].allSatisfy(isDigit)
    }
}
