import Foundation
import Mustache
import Synchronization

/// Layout partials (header, footer) whose output depends only on values
/// that are the same for thousands of pages: `root`, `site`, `nav` and
/// `isSearchPage`. Rendering them once per distinct value instead of once
/// per page takes about a third off the rendering time of a national site.
///
/// It is an optimisation only, and it keeps Mustache's meaning exactly:
/// - a partial qualifies only when every name it (or a partial it includes)
///   uses is one of those values or a field of their items, found by
///   reading its tags; anything else (other names, set-delimiters,
///   inheritance, pragmas, transforms) leaves it a normal partial;
/// - it is rendered with a context holding only those values, so the cache
///   key covers everything the output can depend on;
/// - only standalone, unindented `{{> name}}` lines at the top level of a
///   page template are replaced, by a triple-brace variable on its own
///   line; the partial must end in a plain text line, and the cached text
///   is stored without that final newline: the bytes are those Mustache
///   itself would write.
enum LayoutPartials {
    /// Context key holding what the layout values depend on (see PageFrame).
    static let keyName = "vios_layout_key"
    static let values: Set<String> = ["root", "site", "nav", "isSearchPage"]
    /// Fields of the items of sections over layout values.
    static let itemKeys: [String: Set<String>] = [
        "nav": ["title", "link", "current", "active"],
        "site": ["title", "description", "organisation", "contact"],
        "site.contact": ["email", "telefoon", "telefoonHref", "adres", "url"],
    ]

    struct Use: Sendable {
        var variable: String
        var partial: String
    }

    /// Names of the partials that qualify.
    static func qualifying(_ texts: [String: String]) -> Set<String> {
        var verdict: [String: Bool] = [:]
        func check(_ name: String, _ visiting: inout Set<String>) -> Bool {
            if let known = verdict[name] { return known }
            guard let text = texts[name], visiting.insert(name).inserted else { return false }
            var ok = endsInPlainTextLine(text)
            var sections: [String] = []
            for tag in tags(in: text) where ok {
                switch tag.kind {
                case "!": continue
                case "=", "<", "$", "%": ok = false
                case ">": ok = check(tag.name, &visiting)
                case "/": if !sections.isEmpty { sections.removeLast() }
                case "#", "^":
                    ok = allowed(tag.name, in: sections)
                    sections.append(tag.name)
                default: ok = allowed(tag.name, in: sections)
                }
            }
            visiting.remove(name)
            verdict[name] = ok
            return ok
        }
        var out = Set<String>()
        for name in texts.keys.sorted() {
            var visiting = Set<String>()
            if check(name, &visiting) { out.insert(name) }
        }
        return out
    }

    /// Whether `text` ends in a line of plain text and a newline, so that
    /// what it renders always ends in "\n" (stored without it, see above).
    static func endsInPlainTextLine(_ text: String) -> Bool {
        let lastLine = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false).last ?? ""
        return text.hasSuffix("\n") && !lastLine.contains("{{")
    }

    static func allowed(_ name: String, in sections: [String]) -> Bool {
        if name == "." { return true }
        if name.contains("(") || name.isEmpty { return false }
        let first = String(name.split(separator: ".", omittingEmptySubsequences: false).first ?? "")
        if values.contains(first) { return true }
        return sections.contains { itemKeys[$0]?.contains(first) == true }
    }

    /// Rewrites a page template: standalone top-level `{{> partial}}` lines
    /// of qualifying partials become `{{{vios_layout_N}}}`.
    static func rewrite(_ text: String, qualifying: Set<String>) -> (String, [Use]) {
        var uses: [Use] = []
        var out = ""
        var depth = 0
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            let isLast = index == lines.count - 1
            if depth == 0, let name = standalonePartial(line), qualifying.contains(name), !isLast {
                let variable = "vios_layout_\(uses.count)"
                uses.append(Use(variable: variable, partial: name))
                out += "{{{\(variable)}}}\n"
                continue
            }
            for tag in tags(in: String(line)) {
                if tag.kind == "#" || tag.kind == "^" { depth += 1 }
                if tag.kind == "/" { depth = max(0, depth - 1) }
            }
            out += line
            if !isLast { out += "\n" }
        }
        return (out, uses)
    }

    /// `partials/header` for a line that is exactly `{{> partials/header}}`.
    static func standalonePartial(_ line: Substring) -> String? {
        var s = line
        if s.hasSuffix("\r") { s = s.dropLast() }
        guard s.hasPrefix("{{>"), s.hasSuffix("}}") else { return nil }
        let name = s.dropFirst(3).dropLast(2).trimmingCharacters(in: .whitespaces)
        return name.isEmpty || name.contains("}") || name.contains(" ") ? nil : name
    }

    struct Tag {
        var kind: Character
        var name: String
    }

    /// Tags with the default delimiters, in order.
    static func tags(in text: String) -> [Tag] {
        var out: [Tag] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            var triple = false
            if rest.first == "{" { triple = true; rest = rest.dropFirst() }
            guard let close = rest.range(of: triple ? "}}}" : "}}") else { break }
            var body = rest[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            rest = rest[close.upperBound...]
            var kind: Character = triple ? "&" : " "
            if !triple, let first = body.first, "#^/>!<$=%&{".contains(first) {
                kind = first
                body = String(body.dropFirst()).trimmingCharacters(in: .whitespaces)
            }
            if kind == "{" { kind = "&" }
            out.append(Tag(kind: kind, name: body))
        }
        return out
    }
}

/// Rendered texts by key, shared by the rendering threads: layout
/// partials by partial and layout key, shared blocks by partial and
/// document (`SharedBlocks`).
final class RenderedTexts: Sendable {
    private let entries = Mutex<[String: String]>([:])

    func value(_ key: String, render: () -> String) -> String {
        if let hit = entries.withLock({ $0[key] }) { return hit }
        let text = render()
        entries.withLock { $0[key] = text }
        return text
    }

    /// Texts rendered so far.
    var count: Int { entries.withLock { $0.count } }
}
