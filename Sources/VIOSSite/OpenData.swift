import VIOSCore

/// `data/documenten.json`: every published document's frontmatter and URL,
/// as open data. Deterministic: documents in path order, fixed keys first,
/// frontmatter keys sorted; one document per line so diffs stay readable.
enum OpenData {
    static func json(_ model: SiteModel) -> String {
        let lines = Array(model.documents.indices).parallelMap { i -> String in
            let d = model.documents[i]
            return "{\"url\": " + string(PageFrame.absoluteURL(model.config, model.pageFile(i)))
                + ", \"pad\": " + string(d.path)
                + ", \"type\": " + string(d.kind?.rawValue ?? "")
                + ", \"slug\": " + string(d.slug)
                + ", \"titel\": " + string(model.title(i))
                + ", \"frontmatter\": " + (d.frontmatter.map(value) ?? "null") + "}"
        }
        return "{\n\"versie\": 1,\n\"titel\": " + string(model.config.title)
            + ",\n\"base-url\": " + string(model.config.baseURL) + ",\n\"documenten\": ["
            + (lines.isEmpty ? "" : "\n" + lines.joined(separator: ",\n")) + "\n]\n}\n"
    }

    static func value(_ node: YAMLNode) -> String {
        switch node.value {
        case .mapping(let pairs):
            var seen = Set<String>()
            var entries: [(String, YAMLNode)] = []
            for pair in pairs {
                guard let key = pair.key.string, seen.insert(key).inserted else { continue }
                entries.append((key, pair.value))
            }
            entries.sort { $0.0 < $1.0 }
            return "{" + entries.map { string($0.0) + ": " + value($0.1) }.joined(separator: ", ") + "}"
        case .sequence(let items):
            return "[" + items.map(value).joined(separator: ", ") + "]"
        case .scalar(let text, let plain):
            guard plain else { return string(text) }
            if node.isNull { return "null" }
            switch text {
            case "true", "True", "TRUE": return "true"
            case "false", "False", "FALSE": return "false"
            default: break
            }
            // Numbers only when they read back the same (keeps `0261234560`).
            if let n = Int(text), String(n) == text { return text }
            return string(text)
        }
    }

    /// A JSON string literal.
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
