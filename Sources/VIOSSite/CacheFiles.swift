import Foundation
import VIOSCore
import VIOSSource

/// Where an output folder's caches live in the site's `.vios-cache/`, each
/// named after the output path, so two outputs of one site never share.
struct CacheFiles {
    let directory: String
    private let slug: String

    init(root: String, outputPath: String) {
        directory = root + "/.vios-cache"
        slug = TextFolding.slugify(outputPath)
    }

    /// `DocumentStore`'s two files are `<name>.index` and `<name>.pack`.
    var documentStoreName: String { "documents-" + slug }
    var searchBatches: String { directory + "/search-" + slug + ".batches" }
    var stamp: String { directory + "/stamp-" + slug }

    /// `--no-cache`: these start over (the manifests are `OutputCache`'s).
    func removeAll() {
        DocumentStore.remove(directory: directory, name: documentStoreName)
        unlink(searchBatches)
        unlink(stamp)
    }
}
