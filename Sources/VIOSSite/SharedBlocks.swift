import Mustache

/// Partials that show one document's list (a plan's contacts, a
/// protocol's escalation ladder) appear on three pages each: the school
/// page, the document's page and the factsheet. Rendering them once per
/// document instead of once per page saves about 0.3 s of CPU on a
/// national site (14,000 of the 21,000 renders).
///
/// It is an optimisation only, and keeps Mustache's meaning exactly:
/// - a partial qualifies when, outside its one list section
///   (`{{#contacten}}…{{/contacten}}`), it holds plain text only, uses no
///   partials, set-delimiters, inheritance, pragmas or transforms, and
///   ends in a plain text line;
/// - a standalone, unindented `{{> partial}}` line in a page template
///   becomes a section over `vios_block_N` that writes the shared text,
///   and an inverted one that includes the partial as before;
/// - an object answers `vios_block_N` (see `MustacheScope`) only when it
///   carries a `vios_id` (the document, naming the cache entry), holds the
///   list as a list of objects, and every item holds every name the
///   partial uses inside it. Then every lookup in the partial ends at that
///   object or an item, wherever the partial is included, so its text
///   depends on them alone. Otherwise the partial is included as usual.
struct SharedBlocks: Sendable {
    static let variablePrefix = "vios_block_"

    struct Block: Sendable {
        var partial: String
        var list: String
        /// Names used inside the list section (first component of dotted ones).
        var itemNames: Set<String>
    }

    /// By variable name (`vios_block_0`).
    let blocks: [String: Block]

    /// The blocks among `texts` (partial name → template text).
    static func find(_ texts: [String: String]) -> [String: Block] {
        var out: [String: Block] = [:]
        for name in texts.keys.sorted() {
            guard let text = texts[name], let block = qualifying(name, text) else { continue }
            out[variablePrefix + String(out.count)] = block
        }
        return out
    }

    static func qualifying(_ name: String, _ text: String) -> Block? {
        guard LayoutPartials.endsInPlainTextLine(text) else { return nil }
        var list: String?
        var depth = 0
        var names = Set<String>()
        for tag in LayoutPartials.tags(in: text) {
            switch tag.kind {
            case "!": continue
            case "=", "<", "$", "%", ">": return nil
            case "#", "^":
                if depth == 0 {
                    // Only sections over the one list at the top: an inverted
                    // one would look its names up outside the items.
                    guard tag.kind == "#", list == nil || list == tag.name, isPlain(tag.name) else { return nil }
                    list = tag.name
                } else {
                    guard isPlain(tag.name) else { return nil }
                    names.insert(first(tag.name))
                }
                depth += 1
            case "/":
                depth -= 1
                guard depth >= 0 else { return nil }
            default:
                guard depth > 0, tag.name == "." || isPlain(tag.name) else { return nil }
                if tag.name != "." { names.insert(first(tag.name)) }
            }
        }
        guard depth == 0, let list else { return nil }
        return Block(partial: name, list: list, itemNames: names)
    }

    private static func isPlain(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".") && !name.contains("(") && name != "."
    }

    private static func first(_ name: String) -> String {
        String(name.split(separator: ".", omittingEmptySubsequences: false).first ?? "")
    }

    /// A page template with each standalone `{{> partial}}` line of a block
    /// partial replaced (see the type's comment).
    static func rewrite(_ text: String, blocks: [String: Block]) -> String {
        let variables = Dictionary(blocks.map { ($0.value.partial, $0.key) }, uniquingKeysWith: min)
        guard !variables.isEmpty else { return text }
        var out = ""
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            let isLast = index == lines.count - 1
            if !isLast, let name = LayoutPartials.standalonePartial(line), let variable = variables[name], !line.hasSuffix("\r") {
                out += "{{#\(variable)}}\n{{{.}}}\n{{/\(variable)}}\n{{^\(variable)}}\n\(line)\n{{/\(variable)}}\n"
                continue
            }
            out += line
            if !isLast { out += "\n" }
        }
        return out
    }
}

/// Rendered blocks by partial and document, shared by the rendering
/// threads of one build.
final class SharedBlockRenderer: Sendable {
    let blocks: [String: SharedBlocks.Block]
    let library: MustacheLibrary
    private let cache = RenderedTexts()

    init(blocks: [String: SharedBlocks.Block], library: MustacheLibrary) {
        self.blocks = blocks
        self.library = library
    }

    /// Texts rendered so far.
    var rendered: Int { cache.count }

    /// The block's text for the object `values`, or nil when it does not
    /// qualify (the partial is then included as usual).
    func value(_ variable: String, for values: [String: Any], page: MustacheScope.Page) -> Any? {
        guard let block = blocks[variable], let id = values["vios_id"] as? String,
              let list = values[block.list], Swift.type(of: list) == [[String: Any]].self else { return nil }
        for item in list as! [[String: Any]] {
            for name in block.itemNames where item[name] == nil { return nil }
        }
        // Stored without its final newline: the `{{{.}}}` line ends in one.
        return MustacheText(cache.value(block.partial + "\u{1}" + id) {
            String(MustacheScope.render(library, block.partial, values: values, page: page).dropLast())
        })
    }
}
