import Foundation
import VIOSCore

/// Section structures as data (spec 4.3): the built-ins ship as resources
/// in the same YAML format as `Content/structuren/<slug>.yml`.
public enum StructureReader {
    /// Reads one structure definition; problems are reported on `path`.
    public static func read(path: String, slug: String, bytes: [UInt8]) -> (SectionStructure?, [Diagnostic]) {
        let at = { (line: Int, column: Int) in SourceLocation(file: path, line: line, column: column) }
        guard case .success(let text) = TextDecoding.decode(bytes) else {
            return (nil, [Diagnostic(.vios103, at: at(1, 1), "0")])
        }
        let root: YAMLNode
        switch YAMLReader.read(text, firstLine: 1) {
        case .failure(let failure):
            return (nil, [Diagnostic(.vios102, at: at(failure.line, failure.column), failure.message)])
        case .success(nil):
            return (nil, [Diagnostic(.vios104, at: at(1, 1), "leeg")])
        case .success(let node?):
            root = node
        }
        guard let pairs = root.pairs else {
            return (nil, [Diagnostic(.vios104, at: at(root.line, root.column), "geen lijst van velden")])
        }
        var diagnostics: [Diagnostic] = []
        for pair in pairs {
            let key = pair.key.string ?? ""
            if !["titel", "secties", "extra"].contains(key) {
                diagnostics.append(Diagnostic(.vios204, at: at(pair.key.line, pair.key.column), key,
                                              Suggestion.didYouMean(key, in: ["titel", "secties", "extra"])))
            }
        }
        guard let title = root["titel"]?.string, !title.isEmpty else {
            diagnostics.append(Diagnostic(.vios201, at: at(1, 1), "titel", ""))
            return (nil, diagnostics)
        }
        guard let items = root["secties"]?.items, !items.isEmpty else {
            let node = root["secties"]
            if let node {
                diagnostics.append(Diagnostic(.vios202, at: at(node.line, node.column),
                                              "'secties' moet een lijst van secties zijn ({titel, aliassen?, verplicht?})"))
            } else {
                diagnostics.append(Diagnostic(.vios201, at: at(1, 1), "secties", ""))
            }
            return (nil, diagnostics)
        }
        var sections: [SectionStructure.Section] = []
        for item in items {
            guard let sectionTitle = item["titel"]?.string ?? item.string, !sectionTitle.isEmpty else {
                diagnostics.append(Diagnostic(.vios201, at: at(item.line, item.column), "titel", " in sectie"))
                continue
            }
            for pair in item.pairs ?? [] {
                let key = pair.key.string ?? ""
                let known = ["titel", "aliassen", "verplicht", "toelichting"]
                if !known.contains(key) {
                    diagnostics.append(Diagnostic(.vios204, at: at(pair.key.line, pair.key.column), key,
                                                  Suggestion.didYouMean(key, in: known)))
                }
            }
            let aliases = item["aliassen"]?.items?.compactMap(\.string) ?? []
            var required = true
            if let flag = item["verplicht"] {
                if let value = flag.bool { required = value } else {
                    diagnostics.append(Diagnostic(.vios202, at: at(flag.line, flag.column),
                                                  "'verplicht' moet true of false zijn"))
                }
            }
            sections.append(.init(title: sectionTitle, aliases: aliases, required: required,
                                  hint: item["toelichting"]?.string))
        }
        let extra = root["extra"]?.items?.compactMap(\.string) ?? []
        return (SectionStructure(slug: slug, title: title, sections: sections, extra: extra), diagnostics)
    }

    /// The structures shipped with vios, by slug: the two plan structures
    /// and, under `documenten/`, the fixed sections per document kind.
    public static let builtIn: (plans: [String: SectionStructure], kinds: [DocumentKind: SectionStructure]) = {
        var plans: [String: SectionStructure] = [:]
        var kinds: [DocumentKind: SectionStructure] = [:]
        guard let base = Bundle.module.resourceURL?.appendingPathComponent("Structures") else { return (plans, kinds) }
        for slug in ["digitaal-veiligheidsplan", "sass"] {
            if let structure = load(base.appendingPathComponent("\(slug).yml"), slug: slug) { plans[slug] = structure }
        }
        for kind in DocumentKind.allCases where kind != .veiligheidsplan {
            let url = base.appendingPathComponent("documenten/\(kind.rawValue).yml")
            if let structure = load(url, slug: kind.rawValue) { kinds[kind] = structure }
        }
        return (plans, kinds)
    }()

    private static func load(_ url: URL, slug: String) -> SectionStructure? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return read(path: url.lastPathComponent, slug: slug, bytes: [UInt8](data)).0
    }
}
