/// Burgerservicenummer eleven-test (elfproef): 9 digits d1…d9 valid when
/// 9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 (mod 11); 000000000 is not a BSN.
enum BSN {
    static func isValid(_ digits: [UInt8]) -> Bool {
        guard digits.count == 9, digits.contains(where: { $0 != 0 }) else { return false }
        var sum = 0
        for (i, d) in digits.prefix(8).enumerated() { sum += (9 - i) * Int(d) }
        sum -= Int(digits[8])
        return sum % 11 == 0
    }
}
