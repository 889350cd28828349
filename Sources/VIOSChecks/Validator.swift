import VIOSCore
import VIOSSource

/// The validate stage: load the inventory, read structures and site
/// settings, parse every document on all cores with its own checks in the
/// same worker, then run the checks that need the whole site.
public struct ValidatedSite: Sendable {
    public var inventory: ContentInventory
    public var config: SiteConfig
    /// Every parsed document (drafts included), in path order.
    public var documents: [Document]
    public var context: CheckContext
    /// All diagnostics, sorted as the spec prescribes.
    public var diagnostics: [Diagnostic]
    /// Documents taken from the `DocumentStore` instead of read and parsed.
    public var documentsFromStore = 0

    public init(inventory: ContentInventory, config: SiteConfig, documents: [Document], context: CheckContext,
                diagnostics: [Diagnostic], documentsFromStore: Int = 0) {
        self.inventory = inventory; self.config = config; self.documents = documents; self.context = context
        self.diagnostics = diagnostics; self.documentsFromStore = documentsFromStore
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

public enum Validator {
    /// `progress` is called once per document read, with the total.
    public static func run(root: String, today: CalendarDate, render: MarkdownParser.RenderOptions? = nil,
                           cache: ParseCache? = nil,
                           progress: (@Sendable (_ total: Int) -> Void)? = nil) throws(ContentInventory.Failure) -> ValidatedSite {
        let inventory = try ContentInventory.scan(root: root)
        return run(inventory: inventory, today: today, render: render, cache: cache, progress: progress)
    }

    /// Where `run` keeps checked documents between processes
    /// (`DocumentStore`): a folder, a file name, and a description of the
    /// render options (the closure itself cannot be compared).
    public struct StoreLocation: Sendable {
        public var directory: String
        public var name: String
        public var renderSeed: String
        public init(directory: String, name: String, renderSeed: String) {
            self.directory = directory; self.name = name; self.renderSeed = renderSeed
        }
    }

    public static func run(inventory: ContentInventory, today: CalendarDate,
                           render: MarkdownParser.RenderOptions? = nil, cache: ParseCache? = nil,
                           store location: StoreLocation? = nil,
                           progress: (@Sendable (_ total: Int) -> Void)? = nil) -> ValidatedSite {
        var diagnostics = inventory.diagnostics

        // Site settings.
        var configNode: YAMLNode?
        if let path = inventory.siteConfig {
            let (node, text, problems) = readYAMLFile(inventory, path)
            diagnostics += problems
            if let node {
                configNode = node
                diagnostics += SchemaCheck.checkSiteConfig(node, path: path)
                // Every page shows the site's title, description and contact
                // point: they pass the same privacy gate as documents.
                diagnostics += PrivacyCheck.run(yamlFile: path, node, text: text)
            }
        } else {
            diagnostics.append(Diagnostic(.vios201, at: SourceLocation(file: "Content/site.yml", line: 1, column: 1),
                                          "site.yml", ": maak Content/site.yml met ten minste 'titel' en 'base-url'"))
        }

        // Structures: built-in plus custom.
        var plans = StructureReader.builtIn.plans
        var structureBytes: [(path: String, bytes: [UInt8])] = []
        for (slug, path) in inventory.structures {
            let bytes: [UInt8]
            switch DocumentReader.readBytes(inventory.absolute(path)) {
            case .success(let read): bytes = read; structureBytes.append((path, read))
            case .failure(let failure):
                diagnostics.append(Diagnostic(.vios101, at: SourceLocation(file: path, line: 1, column: 1), failure.text))
                continue
            }
            let (structure, problems) = StructureReader.read(path: path, slug: slug, bytes: bytes)
            diagnostics += problems
            if let structure { plans[slug] = structure }
            // Section titles and the structure's name are published on plan pages.
            if case .success(let text) = TextDecoding.decode(bytes), case .success(let node?) = YAMLReader.read(text, firstLine: 1) {
                diagnostics += PrivacyCheck.run(yamlFile: path, node, text: Substring(text))
            }
        }

        let context = CheckContext(today: today, planStructures: plans, inventory: inventory)
        let store = location.map {
            DocumentStore(directory: $0.directory, name: $0.name,
                          key: storeKey(inventory, today: today, structures: structureBytes, renderSeed: $0.renderSeed))
        }
        cache?.keep(only: Set(inventory.documents.map(\.path)))
        let total = inventory.documents.count
        let (documents, found) = inventory.documents.parallelMapUnzipped { entry -> (Document, [Diagnostic]) in
            defer { progress?(total) }
            let path = inventory.absolute(entry.path)
            if let store, let identity = inventory.identities[entry.path] ?? FileIdentity.of(path),
               let hit = store.lookup(entry.path, identity: identity, source: {
                   guard case .success(let bytes) = DocumentReader.readBytes(path) else { return nil }
                   return bytes.withUnsafeBytes { ContentHash($0) }
               }) {
                return hit
            }
            let (parsed, source) = DocumentReader.read(entry, root: inventory.root, render: render, cache: cache)
            let result = (parsed.document, parsed.diagnostics + DocumentChecks.run(parsed, context: context))
            if let store, let source {
                store.store(entry.path, identity: source.identity, source: source.hash, document: result.0, diagnostics: result.1)
            }
            return result
        }
        // The store's index is written while the site-wide checks run.
        let saving = store.map { store in Background { store.save() } }
        for problems in found { diagnostics += problems }
        diagnostics += SiteChecks.run(documents, context: context)
        if let store, let saving {
            saving.value()
            ProcessTeardown.keep(store)
        }
        return ValidatedSite(inventory: inventory, config: SiteConfig(configNode), documents: documents,
                             context: context, diagnostics: diagnostics.sortedForOutput(),
                             documentsFromStore: store?.hits ?? 0)
    }

    /// Everything a document's checks and rendering read besides its own
    /// bytes: the `CheckContext` (its inputs, since it holds dictionaries
    /// whose order is not stable) and the executable.
    static func storeKey(_ inventory: ContentInventory, today: CalendarDate,
                         structures: [(path: String, bytes: [UInt8])], renderSeed: String) -> ContentHash {
        var w = ByteWriter(capacity: 64 * (inventory.documents.count + inventory.assets.count) + 1024)
        w.string(ExecutableIdentity.current)
        w.string(renderSeed)
        w.string("\(today)")
        w.uint(UInt64(structures.count))
        for s in structures { w.string(s.path); w.hash(s.bytes.withUnsafeBytes { ContentHash($0) }) }
        w.uint(UInt64(inventory.documents.count))
        for d in inventory.documents { w.string(d.path); w.optionalString(d.collection?.rawValue); w.string(d.slug) }
        let assets = inventory.assets.sorted()
        w.uint(UInt64(assets.count))
        for a in assets { w.string(a) }
        return w.bytes.withUnsafeBytes { ContentHash($0) }
    }

    private static func readYAMLFile(_ inventory: ContentInventory, _ path: String) -> (YAMLNode?, Substring, [Diagnostic]) {
        let start = SourceLocation(file: path, line: 1, column: 1)
        switch DocumentReader.readBytes(inventory.absolute(path)) {
        case .failure(let failure):
            return (nil, "", [Diagnostic(.vios101, at: start, failure.text)])
        case .success(let bytes):
            switch TextDecoding.decode(bytes) {
            case .failure(.invalidUTF8(let line, let column, let offset)):
                return (nil, "", [Diagnostic(.vios103, at: SourceLocation(file: path, line: line, column: column), String(offset))])
            case .success(let text):
                switch YAMLReader.read(text, firstLine: 1) {
                case .failure(let f):
                    return (nil, "", [Diagnostic(.vios102, at: SourceLocation(file: path, line: f.line, column: f.column), f.message)])
                case .success(nil):
                    return (nil, "", [Diagnostic(.vios104, at: start, "leeg")])
                case .success(let node?):
                    guard node.pairs != nil else { return (nil, "", [Diagnostic(.vios104, at: start, "geen lijst van velden")]) }
                    return (node, Substring(text), [])
                }
            }
        }
    }
}
