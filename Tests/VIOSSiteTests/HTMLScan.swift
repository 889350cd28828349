import Foundation

/// A tiny, tolerant HTML parser for tests (Foundation's XMLDocument is not
/// available on Linux): tags with attributes into a tree, text with the
/// common entities decoded, plus the structural problems it met (stray end
/// tags, elements never closed).
final class HTMLNode {
    let name: String
    var attributes: [String: String]
    var children: [HTMLNode] = []
    /// Text content for `#text` nodes.
    var content: String = ""
    weak var parent: HTMLNode?

    init(name: String, attributes: [String: String] = [:]) {
        self.name = name
        self.attributes = attributes
    }

    subscript(attribute: String) -> String? { attributes[attribute] }

    /// Text of all descendants, whitespace collapsed.
    var text: String {
        var parts: [String] = []
        func walk(_ node: HTMLNode) {
            if node.name == "#text" { parts.append(node.content) }
            for child in node.children { walk(child) }
        }
        walk(self)
        return parts.joined().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Descendants (depth first, document order) with this tag name.
    func all(_ name: String) -> [HTMLNode] { descendants.filter { $0.name == name } }
    func first(_ name: String) -> HTMLNode? { all(name).first }

    var descendants: [HTMLNode] {
        var out: [HTMLNode] = []
        func walk(_ node: HTMLNode) {
            for child in node.children {
                out.append(child)
                walk(child)
            }
        }
        walk(self)
        return out
    }

    var elements: [HTMLNode] { descendants.filter { $0.name != "#text" && $0.name != "#comment" } }

    func hasClass(_ cls: String) -> Bool {
        (attributes["class"] ?? "").split(separator: " ").contains { $0 == cls }
    }

    var ancestors: [HTMLNode] {
        var out: [HTMLNode] = []
        var node = parent
        while let n = node { out.append(n); node = n.parent }
        return out
    }

    /// Rows of a table as cell texts (th and td).
    var rows: [[String]] {
        all("tr").map { row in row.children.filter { $0.name == "td" || $0.name == "th" }.map(\.text) }
    }
}

struct HTMLDocument {
    let root: HTMLNode
    var problems: [String]
    let source: String

    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                                            "meta", "source", "track", "wbr"]
    /// End tags the HTML parser infers (so their absence is not a problem).
    static let optionalEnd: Set<String> = ["p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "option"]

    init(_ html: String) {
        source = html
        root = HTMLNode(name: "#document")
        problems = []
        var stack: [HTMLNode] = [root]
        let chars = Array(html.unicodeScalars)
        var i = 0
        var text = ""
        func flushText() {
            guard !text.isEmpty else { return }
            let node = HTMLNode(name: "#text")
            node.content = Self.decode(text)
            node.parent = stack.last
            stack.last!.children.append(node)
            text = ""
        }
        func starts(_ s: String, at index: Int) -> Bool {
            let needle = Array(s.unicodeScalars)
            guard index + needle.count <= chars.count else { return false }
            for (k, c) in needle.enumerated() where Character(chars[index + k]).lowercased() != Character(c).lowercased() { return false }
            return true
        }
        while i < chars.count {
            if chars[i] == "<" {
                if starts("<!--", at: i) {
                    flushText()
                    var j = i + 4
                    while j < chars.count, !starts("-->", at: j) { j += 1 }
                    let node = HTMLNode(name: "#comment")
                    node.content = String(String.UnicodeScalarView(chars[(i + 4)..<min(j, chars.count)]))
                    stack.last!.children.append(node)
                    i = j + 3
                    continue
                }
                if starts("<!", at: i) || starts("<?", at: i) {
                    flushText()
                    while i < chars.count, chars[i] != ">" { i += 1 }
                    i += 1
                    continue
                }
                // Tag.
                var j = i + 1
                var quote: Unicode.Scalar?
                while j < chars.count {
                    if let q = quote { if chars[j] == q { quote = nil } } else if chars[j] == "\"" || chars[j] == "'" { quote = chars[j] } else if chars[j] == ">" { break }
                    j += 1
                }
                let inside = String(String.UnicodeScalarView(chars[(i + 1)..<min(j, chars.count)]))
                i = j + 1
                flushText()
                if inside.hasPrefix("/") {
                    let name = inside.dropFirst().trimmingCharacters(in: .whitespaces).lowercased()
                    if let index = stack.lastIndex(where: { $0.name == name }), index > 0 {
                        for open in stack[(index + 1)...] where !Self.optionalEnd.contains(open.name) {
                            problems.append("<\(open.name)> not closed before </\(name)>")
                        }
                        stack.removeSubrange(index...)
                    } else {
                        problems.append("stray end tag </\(name)>")
                    }
                    continue
                }
                let (name, attributes, selfClosing) = Self.parseTag(inside)
                let node = HTMLNode(name: name, attributes: attributes)
                node.parent = stack.last
                stack.last!.children.append(node)
                if !selfClosing && !Self.voidElements.contains(name) {
                    stack.append(node)
                    if name == "script" || name == "style" {
                        // Raw text until the end tag.
                        var k = i
                        while k < chars.count, !starts("</\(name)", at: k) { k += 1 }
                        let raw = HTMLNode(name: "#text")
                        raw.content = String(String.UnicodeScalarView(chars[i..<min(k, chars.count)]))
                        node.children.append(raw)
                        i = k
                    }
                }
            } else {
                text.unicodeScalars.append(chars[i])
                i += 1
            }
        }
        flushText()
        for open in stack.dropFirst() where !Self.optionalEnd.contains(open.name) && open.name != "html" && open.name != "body" {
            problems.append("<\(open.name)> never closed")
        }
    }

    static func parseTag(_ inside: String) -> (String, [String: String], Bool) {
        var s = Substring(inside)
        var selfClosing = false
        if s.hasSuffix("/") { selfClosing = true; s = s.dropLast() }
        let name = String(s.prefix { !$0.isWhitespace }).lowercased()
        s = s.dropFirst(name.count)
        var attributes: [String: String] = [:]
        while true {
            s = s.drop(while: \.isWhitespace)
            guard !s.isEmpty else { break }
            let key = String(s.prefix { !$0.isWhitespace && $0 != "=" }).lowercased()
            s = s.dropFirst(key.count).drop(while: \.isWhitespace)
            var value = ""
            if s.first == "=" {
                s = s.dropFirst().drop(while: \.isWhitespace)
                if let q = s.first, q == "\"" || q == "'" {
                    s = s.dropFirst()
                    value = String(s.prefix { $0 != q })
                    s = s.dropFirst(value.count + 1)
                } else {
                    value = String(s.prefix { !$0.isWhitespace })
                    s = s.dropFirst(value.count)
                }
            }
            if key.isEmpty { s = s.dropFirst(); continue }
            attributes[key] = decode(value)
        }
        return (name, attributes, selfClosing)
    }

    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            rest = rest[amp...]
            guard let semi = rest.firstIndex(of: ";"), rest.distance(from: amp, to: semi) < 12 else {
                out += "&"; rest = rest.dropFirst(); continue
            }
            let name = rest[rest.index(after: amp)..<semi]
            var replacement: String?
            switch name {
            case "amp": replacement = "&"
            case "lt": replacement = "<"
            case "gt": replacement = ">"
            case "quot": replacement = "\""
            case "apos": replacement = "'"
            case "nbsp": replacement = "\u{A0}"
            default:
                if name.hasPrefix("#x"), let v = UInt32(name.dropFirst(2), radix: 16), let u = Unicode.Scalar(v) { replacement = String(u) }
                else if name.hasPrefix("#"), let v = UInt32(name.dropFirst()), let u = Unicode.Scalar(v) { replacement = String(u) }
            }
            if let replacement {
                out += replacement
                rest = rest[rest.index(after: semi)...]
            } else {
                out += "&"; rest = rest.dropFirst()
            }
        }
        return out + rest
    }

    func all(_ name: String) -> [HTMLNode] { root.all(name) }
    func first(_ name: String) -> HTMLNode? { root.first(name) }
    var elements: [HTMLNode] { root.elements }
    func element(id: String) -> HTMLNode? { elements.first { $0["id"] == id } }
}
