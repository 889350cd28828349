import VIOSCore

/// `data/documenten.json`: every published document's frontmatter and URL,
/// as open data. Deterministic: documents in path order, fixed keys first,
/// frontmatter keys sorted; one document per line so diffs stay readable.
enum OpenData {
    /// The file's bytes: they are written as they are made (as a String
    /// they were validated and copied twice more, 12 MB nationally).
    static func json(_ model: SiteModel) -> [UInt8] {
        // Each document's line is written into one byte buffer: joining
        // small strings per value cost twice as much.
        let lines = Array(model.documents.indices).parallelMap { i -> [UInt8] in
            var out: [UInt8] = []
            out.reserveCapacity(1024)
            let d = model.documents[i]
            out += "{\"url\": ".utf8; string(PageFrame.absoluteURL(model.config, model.pageFile(i)), into: &out)
            out += ", \"pad\": ".utf8; string(d.path, into: &out)
            out += ", \"type\": ".utf8; string(d.kind?.rawValue ?? "", into: &out)
            out += ", \"slug\": ".utf8; string(d.slug, into: &out)
            out += ", \"titel\": ".utf8; string(model.title(i), into: &out)
            out += ", \"frontmatter\": ".utf8
            if let frontmatter = d.frontmatter { value(frontmatter, into: &out) } else { out += "null".utf8 }
            out += "}".utf8
            return out
        }
        var out: [UInt8] = []
        out.reserveCapacity(lines.reduce(256) { $0 + $1.count + 2 })
        out += "{\n\"versie\": 1,\n\"titel\": ".utf8; string(model.config.title, into: &out)
        out += ",\n\"base-url\": ".utf8; string(model.config.baseURL, into: &out)
        out += ",\n\"documenten\": [".utf8
        for (n, line) in lines.enumerated() {
            out += (n == 0 ? "\n" : ",\n").utf8
            out += line
        }
        out += "\n]\n}\n".utf8
        return out
    }

    static func value(_ node: YAMLNode) -> String {
        var out: [UInt8] = []
        value(node, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func value(_ node: YAMLNode, into out: inout [UInt8]) {
        switch node.value {
        case .mapping(let pairs):
            // Sorted by key, the first of a repeated key kept: ordered by
            // (key, position), then equal neighbours skipped (a set per
            // mapping was a third of this file's time).
            var entries: [(key: String, index: Int)] = []
            entries.reserveCapacity(pairs.count)
            for (index, pair) in pairs.enumerated() {
                if let key = pair.key.string { entries.append((key, index)) }
            }
            entries.sort { $0.key != $1.key ? $0.key < $1.key : $0.index < $1.index }
            out.append(UInt8(ascii: "{"))
            var previous: String?
            for entry in entries where entry.key != previous {
                if previous != nil { out += ", ".utf8 }
                previous = entry.key
                string(entry.key, into: &out)
                out += ": ".utf8
                value(pairs[entry.index].value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .sequence(let items):
            out.append(UInt8(ascii: "["))
            for (n, item) in items.enumerated() {
                if n > 0 { out += ", ".utf8 }
                value(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .scalar(let text, let plain):
            guard plain else { return string(text, into: &out) }
            if node.isNull { out += "null".utf8; return }
            switch text {
            case "true", "True", "TRUE": out += "true".utf8; return
            case "false", "False", "FALSE": out += "false".utf8; return
            default: break
            }
            // Numbers only when they read back the same (keeps `0261234560`).
            if let n = Int(text), String(n) == text { out += text.utf8; return }
            string(text, into: &out)
        }
    }

    /// A JSON string literal. Works on UTF-8 bytes: every byte that needs
    /// an escape is ASCII, or the first of U+2028/U+2029 (E2 80 A8/A9).
    static func string(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 2)
        string(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func string(_ text: String, into out: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            out.append(UInt8(ascii: "\""))
            var i = 0
            while i < utf8.count {
                // Runs that need no escape are copied whole.
                var end = i
                while end < utf8.count, utf8[end] >= 0x20, utf8[end] != 0x22, utf8[end] != 0x5C, utf8[end] != 0xE2 { end += 1 }
                if end > i {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[i..<end]))
                    i = end
                    continue
                }
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
        }
    }
}
