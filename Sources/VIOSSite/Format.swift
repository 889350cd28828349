import VIOSCore

/// Small value formatting for templates (dates, phone links, statuses).
/// Never markup: templates decide how values look.
enum Format {
    /// `{iso, long}` for `<time datetime="{{iso}}">{{long}}</time>`.
    static func date(_ date: CalendarDate?) -> [String: Any]? {
        guard let date else { return nil }
        return ["iso": date.description, "long": date.dutchLong]
    }

    /// `tel:` link for something that looks like a phone number
    /// (`026-1234560`, `112`, `+31 26 123 4560`); nil for other text.
    static func telHref(_ text: String) -> String? {
        var digits = ""
        for (index, ch) in text.enumerated() {
            if ch.isASCII, ch.isNumber { digits.append(ch) }
            else if ch == "+" && index == 0 { digits.append(ch) }
            else if ch == " " || ch == "-" || ch == "(" || ch == ")" || ch == "." { continue }
            else { return nil }
        }
        return digits.filter(\.isNumber).count >= 3 ? "tel:" + digits : nil
    }

    enum ReviewStatus: String {
        case overdue, due, ok
        var label: String {
            switch self {
            case .overdue: return "Evaluatie verlopen"
            case .due: return "Evaluatie binnenkort"
            case .ok: return "Op schema"
            }
        }
    }

    /// Overdue when the date has passed; due within three months of today.
    static func reviewStatus(_ date: CalendarDate, today: CalendarDate) -> ReviewStatus {
        if date < today { return .overdue }
        if date <= today.adding(months: 3) { return .due }
        return .ok
    }

    static func status(_ date: CalendarDate?, today: CalendarDate) -> [String: Any]? {
        guard let date else { return nil }
        let status = reviewStatus(date, today: today)
        return ["label": status.label, "code": status.rawValue, "attention": status != .ok]
    }

    /// ISO 8601 timestamp of a content date (midnight UTC) for Atom.
    static func timestamp(_ date: CalendarDate) -> String { date.description + "T00:00:00Z" }

    static func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
}

/// Mustache looks a missing key up in the enclosing contexts, so an absent
/// value inside a list item could show the page's value of the same name.
/// Absent values are stored as `false`, which renders nothing.
func orFalse(_ value: Any?) -> Any { value ?? false }
