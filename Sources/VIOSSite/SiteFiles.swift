import Foundation
import VIOSCore
import VIOSSource

/// Every output file that is not a rendered page: open data, the search
/// index, the theme's static assets and the images and files content
/// links to.
struct SiteFile: Sendable {
    enum Content: Sendable {
        case bytes([UInt8])
        /// Absolute path of a file to copy.
        case copy(String)
    }

    /// Open data and search index: built from all documents, each reused
    /// as one group by a rebuild (see `SiteFiles.openDataKey`, `searchKey`).
    enum Group: Sendable {
        case openData, search
    }

    var path: String
    var content: Content
    var group: Group?
}

enum SiteFiles {
    /// File types from `Content/` that may be published. Never HTML, SVG,
    /// scripts or XML: those can carry script that would run on the site.
    static let publishable: Set<String> = [
        "png", "jpg", "jpeg", "gif", "webp", "avif", "pdf", "txt", "csv",
        "odt", "ods", "odp", "docx", "xlsx", "pptx", "doc", "xls", "ppt",
    ]

    /// Every file besides the pages, except the search index (built on its
    /// own, see `adding`). `openData` false leaves that group out (a
    /// rebuild whose key for it is unchanged reuses it).
    static func collect(model: SiteModel, templates: TemplateSet, inventory: ContentInventory,
                        jobs: [PageJob], openData: Bool = true) -> [SiteFile] {
        var files = openData ? openDataFiles(model) : []
        files += templates.assets

        for path in referencedAssets(model, inventory: inventory) {
            files.append(SiteFile(path: SitePaths.assetURL(path), content: .copy(inventory.absolute(path))))
        }

        // Generated pages win over copied files; one file per path.
        var taken = Set(jobs.map(\.path))
        return files.filter { taken.insert($0.path).inserted }.sorted { $0.path < $1.path }
    }

    /// `collected` (from `collect`, without the search index) with the
    /// search index's files, in the same order `collect` gives: by path.
    static func adding(_ search: [SiteFile], to collected: [SiteFile]) -> [SiteFile] {
        guard !search.isEmpty else { return collected }
        // The index's paths (`zoeken/index/…`) are its own: no page, asset or
        // open data file is written there.
        var taken = Set(search.map(\.path))
        return (search + collected.filter { taken.insert($0.path).inserted }).sorted { $0.path < $1.path }
    }

    static func openDataFiles(_ model: SiteModel) -> [SiteFile] {
        [SiteFile(path: "data/documenten.json", content: .bytes(OpenData.json(model)), group: .openData)]
    }

    /// `entries`: `searchEntries(model)` when the caller has them already.
    static func searchFiles(_ model: SiteModel, cache: SearchBatchCache? = nil, entries: [SearchEntry]? = nil) -> [SiteFile] {
        SearchIndex.files(for: entries ?? searchEntries(model), options: SearchIndex.Options(), cache: cache).map {
            SiteFile(path: $0.path, content: .bytes($0.bytes), group: .search)
        }
    }

    /// Everything `openDataFiles` reads (settings, paths, titles,
    /// frontmatter) is in the site-wide page key; a body edit leaves it alone.
    static func openDataKey(site: ContentHash) -> ContentHash {
        var key = KeyBytes()
        key.add("open data")
        key.add(site)
        return key.hash
    }

    /// Everything `searchFiles` reads: the site-wide page key (every
    /// document's frontmatter, title, summary and path, the settings,
    /// `--today`) and what the search index takes from each document.
    static func searchKey(_ entries: [SearchEntry], site: ContentHash) -> ContentHash {
        // The texts are 150 MB nationally: their digests, taken when parsed, stand in for them.
        // Each entry hashed on its own core, the hashes joined in order.
        let hashes = entries.parallelMap { entry -> ContentHash in
            var key = KeyBytes(capacity: 512)
            key.add([entry.url, entry.title, entry.kind, entry.gemeente ?? "\u{0}", entry.summary])
            key.add(entry.body.digest)
            return key.hash
        }
        var key = KeyBytes(capacity: 16 * (hashes.count + 1))
        key.add(site)
        for hash in hashes { key.add(hash) }
        return key.hash
    }

    static func searchEntries(_ model: SiteModel) -> [SearchEntry] {
        Array(model.documents.indices).parallelMap { i in
            SearchEntry(url: model.pageDirectories[i], title: model.title(i), kind: model.documents[i].kind?.label ?? "Document",
                        gemeente: model.gemeenteSlug(of: i).flatMap { model.gemeenteName($0) },
                        summary: model.summaries[i], body: model.documents[i].body.plainTextDigested)
        }
    }

    /// Files in `Content/` that published bodies link to or show, when
    /// their type may be published.
    static func referencedAssets(_ model: SiteModel, inventory: ContentInventory) -> [String] {
        var out = Set<String>()
        for i in model.documents.indices {
            let body = model.documents[i].body, documentPath = model.documents[i].path
            for (reference, isImage) in body.images.map({ ($0, true) }) + body.links.map({ ($0, false) }) {
                guard case .local(let target) = SitePaths.classify(reference.url, from: documentPath, isImage: isImage),
                      let path = target.path, !path.hasSuffix(".md"), inventory.assets.contains(path) else { continue }
                let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
                if path.contains("."), publishable.contains(ext) { out.insert(path) }
            }
        }
        return out.sorted()
    }

}
