import Foundation
import VIOSCore

/// What is under `Content/`: documents with their collection and slug,
/// site settings, custom structures and other files (images, PDFs). The
/// one place that lists the disk; everything after works on this value.
public struct ContentInventory: Sendable {
    public struct Entry: Sendable, Hashable {
        /// Relative to the site root: `Content/gemeenten/arnhem.md`.
        public var path: String
        public var collection: Collection?
        public var slug: String

        public init(path: String, collection: Collection?, slug: String) {
            self.path = path; self.collection = collection; self.slug = slug
        }
    }

    /// Absolute path of the site root.
    public var root: String
    public var documents: [Entry] = []
    public var siteConfig: String?
    /// `Content/structuren/<slug>.yml`, by slug.
    public var structures: [(slug: String, path: String)] = []
    /// Every other file, relative to the root (`Content/img/plein.jpg`).
    public var assets: Set<String> = []
    /// Problems found while listing: malformed slugs, links leaving the site.
    public var diagnostics: [Diagnostic] = []
    /// What `stat` said of each file while listing (`DocumentStore` keys on it).
    public var identities: [String: FileIdentity] = [:]

    /// An inventory built by hand (tests, tools that list files themselves).
    public init(root: String, documents: [Entry] = [], siteConfig: String? = nil,
                structures: [(slug: String, path: String)] = [], assets: Set<String> = [],
                diagnostics: [Diagnostic] = []) {
        self.root = root; self.documents = documents; self.siteConfig = siteConfig
        self.structures = structures; self.assets = assets; self.diagnostics = diagnostics
    }

    public enum Failure: Error, Equatable {
        case noContentFolder(String)
        case unreadable(String)
    }

    public static func scan(root: String) throws(Failure) -> ContentInventory {
        let rootURL = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath()
        let contentURL = rootURL.appendingPathComponent("Content")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: contentURL.path, isDirectory: &isDirectory),
              isDirectory.boolValue else {
            throw .noContentFolder(contentURL.path)
        }
        var inventory = ContentInventory(root: RootedListing.realPath(rootURL.path) ?? rootURL.path)
        // Never leaves the site: symlinks out of the root (VIOS105), loops,
        // pipes and devices are reported and skipped.
        let listing = RootedListing.list("Content", root: inventory.root)
        inventory.diagnostics = listing.diagnostics
        inventory.identities = listing.identities
        // Classified on every core (15,000 paths nationally), collected in listing order.
        for (path, kind) in zip(listing.files, listing.files.parallelMap(Self.classify)) {
            switch kind {
            case .siteConfig: inventory.siteConfig = path
            case .structure(let slug): inventory.structures.append((slug, path))
            case .asset: inventory.assets.insert(path)
            case .document(let collection, let slug): inventory.documents.append(Entry(path: path, collection: collection, slug: slug))
            case .problem(let diagnostic): inventory.diagnostics.append(diagnostic)
            }
        }
        return inventory
    }

    /// What one listed file is.
    private enum Kind: Sendable {
        case siteConfig
        case structure(slug: String)
        case asset
        case document(Collection?, slug: String)
        case problem(Diagnostic)
    }

    private static func classify(_ path: String) -> Kind {
        // Split as bytes: '/' and the suffixes are ASCII.
        let parts = path.utf8.split(separator: UInt8(ascii: "/")).map { String(Substring($0)) }  // ["Content", …]
        let name = parts.last ?? ""
        if parts.count == 2 && name == "site.yml" { return .siteConfig }
        if parts.count == 3 && parts[1] == "structuren" && name.utf8.suffix(4).elementsEqual(".yml".utf8) {
            let slug = String(Substring(name.utf8.dropLast(4)))
            if let problem = slugProblem(slug, path: path) { return .problem(problem) }
            return .structure(slug: slug)
        }
        guard name.utf8.suffix(3).elementsEqual(".md".utf8) else { return .asset }
        let collection = parts.count > 2 ? Collection(rawValue: parts[1]) : nil
        var slug = String(Substring(name.utf8.dropLast(3)))
        if collection == .scholen {
            // A school's documents live in its folder; the folder is the slug.
            guard parts.count >= 4 else {
                return .problem(Diagnostic(.vios202, at: SourceLocation(file: path, line: 1, column: 1),
                                           "documenten van een school horen in een eigen map: Content/scholen/<school>/\(name)"))
            }
            slug = parts[2]
        }
        if let problem = slugProblem(slug, path: path, folder: collection == .scholen) { return .problem(problem) }
        return .document(collection, slug: slug)
    }

    /// A slug is the file name (for a school, its folder name) and part of
    /// the page's URL: spaces, capitals and accents are a rename, not a crash.
    private static func slugProblem(_ slug: String, path: String, folder: Bool = false) -> Diagnostic? {
        if TextFolding.isValidSlug(slug) { return nil }
        let suggestion = TextFolding.slugify(slug)
        let what = folder ? "mapnaam" : "bestandsnaam"
        return Diagnostic(.vios202, at: SourceLocation(file: path, line: 1, column: 1),
                          "\(what) '\(slug)' is geen geldige slug: gebruik alleen kleine letters a-z, cijfers en '-'"
                          + (suggestion.isEmpty ? "" : "; hernoem naar '\(suggestion)'"))
    }

    /// Absolute path of a file in the inventory.
    public func absolute(_ relative: String) -> String { root + "/" + relative }
}
