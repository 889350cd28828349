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

    /// A JSON string literal. Works on UTF-8 bytes: every byte that needs
    /// an escape is ASCII, or the first of U+2028/U+2029 (E2 80 A8/A9).
    static func string(_ text: String) -> String {
        var text = text
        return text.withUTF8 { utf8 -> String in
            var out: [UInt8] = []
            out.reserveCapacity(utf8.count + 2)
            out.append(UInt8(ascii: "\""))
            var i = 0
            while i < utf8.count {
                let byte = utf8[i]
                switch byte {
                case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
                case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
                case UInt8(ascii: "\n"): out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
                case UInt8(ascii: "\r"): out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
                case UInt8(ascii: "\t"): out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 15)]]
                case 0xE2 where i + 2 < utf8.count && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9):
                    out += Array((utf8[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                    i += 2
                default:
                    out.append(byte)
                }
                i += 1
            }
            out.append(UInt8(ascii: "\""))
            return String(decoding: out, as: UTF8.self)
        }
    }
}
