import Foundation
import Mustache
import VIOSCore

/// The theme: every `*.mustache` under `<root>/Templates`, compiled once;
/// a site without a `Templates/` folder gets the default theme built into
/// vios (the repository's `Templates/`, see `DefaultTheme`).
/// swift-mustache renders an unknown partial as nothing, silently, and
/// stops at the first bad file, so vios parses each file itself (all
/// syntax errors in one run) and checks every partial name at load time.
struct TemplateSet: Sendable {
    let library: MustacheLibrary
    /// Names of the loaded templates (`gemeente`, `partials/header`).
    let names: Set<String>
    /// Static theme files (`Templates/assets/…`), as output path → content.
    let assets: [SiteFile]
    /// Layout partials rendered once per layout key, per page template.
    let layoutUses: [String: [LayoutPartials.Use]]
    let layoutCache = RenderedTexts()
    /// Partials rendered once per document (see `SharedBlocks`).
    let blocks: SharedBlockRenderer?
    /// Names every input of rendering besides the context: the template
    /// files and the vios executable (its rendering code). Part of every
    /// page fingerprint (see `ContextFingerprint`).
    let fingerprint: ContentHash

    /// Page templates vios renders with; each must exist.
    static let required = [
        "home", "veiligheidsplan", "incidentprotocol", "convenant", "handreiking", "gemeente", "element",
        "school", "factsheet", "gemeenten", "modellen", "model", "themas", "thema", "evaluaties", "lijst", "scholen",
        "toegankelijkheid", "zoeken", "404", "sitemap", "feed",
    ]

    static func load(root: String, cacheLayout: Bool = true) throws(BuildError) -> TemplateSet {
        _ = HTMLEscaping.registered
        let folder = root + "/Templates"
        var isDirectory: ObjCBool = false
        let hasFolder = FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) && isDirectory.boolValue
        // Theme files as (path below Templates/, bytes or nil when unreadable).
        var themeFiles: [(path: String, bytes: [UInt8]?)] = []
        var assets: [SiteFile] = []
        if hasFolder {
            for path in listFiles(folder) {
                if path.hasPrefix("assets/") {
                    assets.append(SiteFile(path: path, content: .copy(folder + "/" + path)))
                } else if path.hasSuffix(".mustache") {
                    themeFiles.append((path, FileManager.default.contents(atPath: folder + "/" + path).map { [UInt8]($0) }))
                }
            }
        } else {
            for file in DefaultTheme.files {
                if file.path.hasPrefix("assets/") {
                    assets.append(SiteFile(path: file.path, content: .bytes(file.bytes)))
                } else if file.path.hasSuffix(".mustache") {
                    themeFiles.append((file.path, file.bytes))
                }
            }
        }
        let files = themeFiles.map(\.path)
        var templates: [String: MustacheTemplate] = [:]
        var texts: [(name: String, file: String, text: String)] = []
        var problems: [Diagnostic] = []
        for (relative, bytes) in themeFiles {
            let file = "Templates/" + relative
            let name = String(relative.dropLast(".mustache".count))
            guard let bytes, let text = String(validating: bytes, as: UTF8.self) else {
                problems.append(Diagnostic(.vios801, at: SourceLocation(file: file, line: 1, column: 1),
                                           "bestand kan niet gelezen worden of is geen geldige UTF-8"))
                continue
            }
            texts.append((name, file, text))
            // Every template escapes with vios' own HTML escaping (the pragma
            // line). Parsed once (the parser is slow: a tenth of a second for
            // a theme parsed three times); without the pragma only to report
            // an error, with its own line numbers.
            if let template = try? MustacheTemplate(string: HTMLEscaping.pragma + text) {
                templates[name] = template
                continue
            }
            do {
                _ = try MustacheTemplate(string: text)
                problems.append(Diagnostic(.vios801, at: SourceLocation(file: file, line: 1, column: 1),
                                           "sjabloon kan niet gelezen worden"))
            } catch let error as MustacheTemplate.ParserError {
                problems.append(Diagnostic(.vios801, at: SourceLocation(file: file, line: error.context.lineNumber,
                                                                       column: error.context.columnNumber),
                                           describe(error.error)))
            } catch {
                problems.append(Diagnostic(.vios801, at: SourceLocation(file: file, line: 1, column: 1), "\(error)"))
            }
        }
        let names = Set(texts.map(\.name))
        for (_, file, text) in texts {
            for reference in partialReferences(in: text) where !names.contains(reference.name) {
                problems.append(Diagnostic(.vios801, at: SourceLocation(file: file, line: reference.line, column: reference.column),
                                           "onbekend partial '\(reference.name)': Templates/\(reference.name).mustache bestaat niet"
                                           + Suggestion.didYouMean(reference.name, in: names.sorted(), maxDistance: 3)))
            }
        }
        for name in required where !names.contains(name) && !files.contains(name + ".mustache") {
            problems.append(Diagnostic(.vios801, at: SourceLocation(file: "Templates/\(name).mustache", line: 1, column: 1),
                                       "sjabloon '\(name)' ontbreekt; vios heeft het nodig om pagina's te maken"))
        }
        if !problems.isEmpty { throw .templates(problems.sortedForOutput()) }
        // Page templates (never included by another template) get their
        // layout partials from the cache.
        func compile(_ text: String) -> MustacheTemplate? { try? MustacheTemplate(string: HTMLEscaping.pragma + text) }
        var layoutUses: [String: [LayoutPartials.Use]] = [:]
        var blocks: [String: SharedBlocks.Block] = [:]
        if cacheLayout {
            var textByName: [String: String] = [:]
            for entry in texts { textByName[entry.name] = entry.text }
            let included = Set(texts.flatMap { partialReferences(in: $0.text).map(\.name) })
            let qualifying = LayoutPartials.qualifying(textByName)
            blocks = SharedBlocks.find(textByName.filter { included.contains($0.key) })
            for (name, _, text) in texts where required.contains(name) && !included.contains(name) {
                let (layout, uses) = LayoutPartials.rewrite(text, qualifying: qualifying)
                let rewritten = SharedBlocks.rewrite(layout, blocks: blocks)
                guard rewritten != text, let template = compile(rewritten) else { continue }
                templates[name] = template
                if !uses.isEmpty { layoutUses[name] = uses }
            }
        }
        var identity: [UInt8] = Array(ExecutableIdentity.current.utf8) + [0]
        for (path, bytes) in themeFiles {
            identity += Array(path.utf8) + [0] + withUnsafeBytes(of: UInt64(bytes?.count ?? 0).littleEndian, Array.init)
            identity += bytes ?? []
        }
        let library = MustacheLibrary(templates: templates)
        return TemplateSet(library: library, names: names, assets: assets, layoutUses: layoutUses,
                           blocks: blocks.isEmpty ? nil : SharedBlockRenderer(blocks: blocks, library: library),
                           fingerprint: identity.withUnsafeBytes { ContentHash($0) })
    }

    func render(_ name: String, _ context: [String: Any]) -> String {
        guard let uses = layoutUses[name] else { return MustacheScope.render(library, name, context, blocks: blocks) }
        var context = context
        var layout: [String: Any] = [:]
        for key in LayoutPartials.values { layout[key] = context[key] }
        let key = context[LayoutPartials.keyName] as? String
        for use in uses {
            // Stored without its final newline: the variable's own line ends in one.
            let render = { String(MustacheScope.render(library, use.partial, layout).dropLast()) }
            context[use.variable] = key.map { layoutCache.value(use.partial + "\u{1}" + $0, render: render) } ?? render()
        }
        return MustacheScope.render(library, name, context, blocks: blocks)
    }

    /// Regular files below `folder`, relative, sorted (byte order), without
    /// hidden files or folders.
    static func listFiles(_ folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var out: [String] = []
        for case let path as String in enumerator {
            if path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                out.append(path)
            }
        }
        return out.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    struct Reference: Equatable {
        var name: String
        var line: Int
        var column: Int
    }

    /// Every `{{> name}}` and `{{< name}}` (inheritance) with its 1-based
    /// position. Dynamic names (`{{>*name}}`) are resolved at render time
    /// and skipped; comments are skipped.
    static func partialReferences(in text: String) -> [Reference] {
        var out: [Reference] = []
        var line = 1, column = 1
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            if chars[i] == "{", i + 2 < chars.count, chars[i + 1] == "{" {
                var j = i + 2
                if j < chars.count, chars[j] == "{" { j += 1 }
                while j < chars.count, chars[j] == " " { j += 1 }
                if j < chars.count, chars[j] == "!" {
                    // Comment: skip to its end, keeping positions right.
                    var k = j
                    while k + 1 < chars.count, !(chars[k] == "}" && chars[k + 1] == "}") { k += 1 }
                    while i < k { advance(chars[i], &line, &column); i += 1 }
                    continue
                }
                if j < chars.count, chars[j] == ">" || chars[j] == "<" {
                    var k = j + 1
                    while k < chars.count, chars[k] == " " { k += 1 }
                    var name = ""
                    while k < chars.count, chars[k] != "}", chars[k] != " ", chars[k] != "\n" { name.append(chars[k]); k += 1 }
                    if !name.isEmpty, !name.hasPrefix("*") { out.append(Reference(name: name, line: line, column: column)) }
                }
            }
            advance(chars[i], &line, &column)
            i += 1
        }
        return out
    }

    private static func advance(_ ch: Character, _ line: inout Int, _ column: inout Int) {
        if ch == "\n" || ch == "\r\n" { line += 1; column = 1 } else { column += 1 }
    }

    static func describe(_ error: Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "ongeldige Mustache-syntaxis" }
        switch error {
        case .sectionCloseNameIncorrect: return "sectie wordt afgesloten met een andere naam dan waarmee ze begon"
        case .unfinishedName: return "tag is niet goed afgesloten (verwacht '}}')"
        case .expectedSectionEnd: return "sectie wordt niet afgesloten (verwacht '{{/naam}}')"
        case .invalidSetDelimiter: return "ongeldige wissel van scheidingstekens"
        case .transformAppliedToInheritanceSection: return "transformatie op een overervingssectie kan niet"
        case .illegalTokenInsideInheritSection: return "ongeldige tag binnen een overervingssectie"
        case .textInsideInheritSection: return "tekst binnen een overervingssectie kan niet"
        case .invalidConfigVariableSyntax: return "ongeldige configuratie-tag"
        case .unrecognisedConfigVariable: return "onbekende configuratie-tag"
        }
    }
}
