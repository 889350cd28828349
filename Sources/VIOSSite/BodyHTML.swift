import Foundation

/// Adjusts a body's safe HTML (from cmark-gfm, safe mode + tagfilter) for
/// its page. Only tags cmark itself wrote are touched: in safe mode raw
/// HTML is omitted and text is escaped, so `<h1` and `<table>` occur only
/// as cmark's own tags.
enum BodyHTML {
    static func forPage(_ html: String) -> String {
        var text = html
        // One h1 per page (the page title): a `#` heading in a body becomes h2.
        if text.contains("<h1") {
            text = text.replacingAll("<h1 ", with: "<h2 ").replacingAll("<h1>", with: "<h2>").replacingAll("</h1>", with: "</h2>")
        }
        // Wide tables scroll inside a focusable, labelled region so a 320 px
        // screen never scrolls sideways (WCAG 1.4.10) and keyboards reach it.
        guard text.contains("<table>") else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 256)
        var rest = Substring(text)
        var number = 0
        while let open = rest.range(of: "<table>") {
            number += 1
            out += rest[..<open.lowerBound]
            out += "<div class=\"tabel-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Tabel \(number)\">"
            rest = rest[open.lowerBound...]
            if let close = rest.range(of: "</table>") {
                out += rest[..<close.upperBound]
                out += "</div>"
                rest = rest[close.upperBound...]
            } else {
                out += rest
                rest = ""
                out += "</div>"
            }
        }
        out += rest
        return out
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard contains(target) else { return self }
        var out = ""
        var rest = Substring(self)
        while let range = rest.range(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        out += rest
        return out
    }
}
