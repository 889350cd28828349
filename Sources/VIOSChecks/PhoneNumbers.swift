/// Dutch phone numbers and the public service numbers that are not
/// personal data (112, politie 0900-8844, Veilig Thuis 0800-2000, …).
enum PhoneNumbers {
    static let publicService: Set<String> = ["112", "09008844", "08002000", "08007000", "08000432", "08001113",
                                             "0900112", "08000113", "113"]

    /// `digits` without separators.
    static func isPublicService(_ digits: String) -> Bool {
        // Every 0800 (free) and 0900 (service) number belongs to an
        // organisation, not a person.
        publicService.contains(digits) || digits.hasPrefix("0800") || digits.hasPrefix("0900")
    }
}
