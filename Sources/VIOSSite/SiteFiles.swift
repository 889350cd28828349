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

    var path: String
    var content: Content
}

enum SiteFiles {
    /// File types from `Content/` that may be published. Never HTML, SVG,
    /// scripts or XML: those can carry script that would run on the site.
    static let publishable: Set<String> = [
        "png", "jpg", "jpeg", "gif", "webp", "avif", "pdf", "txt", "csv",
        "odt", "ods", "odp", "docx", "xlsx", "pptx", "doc", "xls", "ppt",
    ]

    static func collect(model: SiteModel, templates: TemplateSet, inventory: ContentInventory,
                        jobs: [PageJob]) throws(OutputWriter.Failure) -> [SiteFile] {
        var files: [SiteFile] = []
        files.append(SiteFile(path: "data/documenten.json", content: .bytes(Array(OpenData.json(model).utf8))))

        for file in SearchIndex.files(for: searchEntries(model)) {
            files.append(SiteFile(path: file.path, content: .bytes(file.bytes)))
        }

        files += templates.assets

        for path in referencedAssets(model, inventory: inventory) {
            files.append(SiteFile(path: SitePaths.assetURL(path), content: .copy(inventory.absolute(path))))
        }

        // Generated pages win over copied files; one file per path.
        var taken = Set(jobs.map(\.path))
        return files.filter { taken.insert($0.path).inserted }.sorted { $0.path < $1.path }
    }

    static func searchEntries(_ model: SiteModel) -> [SearchEntry] {
        model.documents.indices.map { i in
            let d = model.documents[i]
            return SearchEntry(url: model.pageDirectories[i], title: model.title(i), kind: d.kind?.label ?? "Document",
                               gemeente: model.gemeenteSlug(of: i).flatMap(model.gemeenteName),
                               summary: model.summaries[i], text: d.body.plainText)
        }
    }

    /// Files in `Content/` that published bodies link to or show, when
    /// their type may be published.
    static func referencedAssets(_ model: SiteModel, inventory: ContentInventory) -> [String] {
        var out = Set<String>()
        for d in model.documents {
            for (reference, isImage) in d.body.images.map({ ($0, true) }) + d.body.links.map({ ($0, false) }) {
                guard case .local(let target) = SitePaths.classify(reference.url, from: d.path, isImage: isImage),
                      let path = target.path, !path.hasSuffix(".md"), inventory.assets.contains(path) else { continue }
                let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
                if path.contains("."), publishable.contains(ext) { out.insert(path) }
            }
        }
        return out.sorted()
    }

}
