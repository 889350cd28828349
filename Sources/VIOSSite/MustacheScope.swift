import Mustache

/// A context dictionary as swift-mustache sees it, in a plain struct.
/// Mustache casts every object on its context stack to its protocols for
/// every tag; for a generic `Dictionary<String, Any>` those casts go
/// through the runtime's conformance cache each time, for this struct they
/// are resolved far faster. Nested values are wrapped when Mustache asks
/// for them, not copied up front. Lookups and transforms are the
/// dictionary's own, so templates see exactly what they saw before.
///
/// Two names are added, both answered by every object so that they never
/// climb the context stack (a lookup tries each object on it, with two
/// protocol casts apiece): `root`, the page's own, which no object holds
/// otherwise; and `href`, on every object with a string `link` (site root
/// relative) and no `href` of its own, that `root` followed by the link:
/// one lookup where `{{root}}{{link}}` is two. An object holding a
/// document's list also answers the `vios_block_N` of `SharedBlocks`.
struct MustacheScope: MustacheParent, MustacheTransformable {
    let values: [String: Any]
    /// What every object of the page shares. Not retained: Mustache copies
    /// scopes for every cast, and a second reference to count was a
    /// hundredth of a build; `render` keeps it alive while it renders.
    private let shared: Unmanaged<Page>
    var page: Page { shared.takeUnretainedValue() }

    final class Page {
        /// The page's relative path to the site root (its context's `root`).
        let root: String?
        /// Answers `vios_block_N` (see `SharedBlocks`).
        let blocks: SharedBlockRenderer?

        init(root: String?, blocks: SharedBlockRenderer?) {
            self.root = root
            self.blocks = blocks
        }
    }

    /// Renders `template` with `context` as a page's context.
    static func render(_ library: MustacheLibrary, _ template: String, _ context: [String: Any],
                       blocks: SharedBlockRenderer? = nil) -> String {
        let page = Page(root: context["root"] as? String, blocks: blocks)
        return withExtendedLifetime(page) { render(library, template, values: context, page: page) }
    }

    /// Renders `template` with `values` as an object of the page `page`,
    /// which the caller keeps alive.
    static func render(_ library: MustacheLibrary, _ template: String, values: [String: Any], page: Page) -> String {
        library.render(MustacheScope(values: values, shared: .passUnretained(page)), withTemplate: template) ?? ""
    }

    private init(values: [String: Any], shared: Unmanaged<Page>) {
        self.values = values
        self.shared = shared
    }

    func child(named name: String) -> Any? {
        if let value = values[name] { return wrap(value) }
        let page = self.page
        if name == "root" { return page.root.map(MustacheText.init) }
        if name == "href", let link = values["link"], Swift.type(of: link) == String.self {
            return MustacheText((page.root ?? "") + (link as! String))
        }
        if let blocks = page.blocks, name.hasPrefix(SharedBlocks.variablePrefix) {
            return blocks.value(name, for: values, page: page)
        }
        return nil
    }

    func transform(_ name: String) -> Any? { values.transform(name) }

    private func wrap(_ value: Any) -> Any {
        // Exact type tests: cheap, unlike `as?` casts to protocols.
        let type = Swift.type(of: value)
        if type == String.self { return MustacheText(value as! String) }
        if type == [String: Any].self { return MustacheScope(values: value as! [String: Any], shared: shared) }
        if type == [[String: Any]].self { return (value as! [[String: Any]]).map { MustacheScope(values: $0, shared: shared) } }
        if type == [String].self { return (value as! [String]).map(MustacheText.init) }
        // Literals whose values are all strings are typed so.
        if type == [String: String].self { return MustacheScope(values: value as! [String: String], shared: shared) }
        if type == [[String: String]].self { return (value as! [[String: String]]).map { MustacheScope(values: $0, shared: shared) } }
        if type == [Any].self { return (value as! [Any]).map(wrap) }
        return value
    }
}

/// A string as swift-mustache sees it. A plain `String` is tried against
/// lambdas, optionals and then `String(describing:)` for every tag, and
/// looked through by reflection when it is a section's object; this one
/// renders itself and has no children. Transforms are the string's own.
struct MustacheText: MustacheCustomRenderable, MustacheParent, MustacheTransformable {
    let text: String

    init(_ text: String) { self.text = text }

    var renderText: String { text }
    // Spelled out: swift-mustache's default for it is not public.
    var isNull: Bool { false }

    func child(named name: String) -> Any? { nil }

    func transform(_ name: String) -> Any? { text.transform(name) }
}
