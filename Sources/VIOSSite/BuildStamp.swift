import Foundation
import VIOSCore
import VIOSSource

/// What the last successful build of an output saw and reported
/// (`.vios-cache/stamp-<output>`), so that a build whose inputs are all
/// unchanged does nothing at all, as `make` does: the identity of every
/// file under `Content/` and `Templates/` (`FileIdentity`), the options,
/// `--today` and the executable, with the diagnostics and counts to report
/// again. It is used only while the output folder still holds exactly the
/// files its manifest lists, untouched, and no folder of it has changed
/// since (a file added by hand changes its folder). It is only written when
/// no input was changed within `FileIdentity.racyWindow` of the build (a
/// file changed again within one tick of the file clock keeps its times:
/// then the next build runs in full), and after `folderSlack` has passed
/// since any output folder changed.
struct BuildStamp: Equatable {
    var key: ContentHash
    /// The manifest the stamp belongs to (`OutputCache`'s build time).
    var manifestBuilt: Int64
    /// The newest modification time of the output's folders when stamped.
    var foldersNewest: Int64
    var documents: Int
    var files: Int
    var pages: Int
    var diagnostics: [Diagnostic]

    /// File times lag the real clock by up to one tick (1–10 ms).
    static let folderSlack: Int64 = 20_000_000
    private static let magic = "VIOS-stempel-2\n"

    /// The key of everything a build reads, and the newest time any of the
    /// inputs was changed (ns since 1970).
    static func inputs(_ inventory: ContentInventory, options: BuildOptions, outputPath: String)
        -> (key: ContentHash, newest: Int64) {
        var w = ByteWriter(capacity: 96 * inventory.identities.count + 4096)
        var newest = Int64.min
        w.string(ExecutableIdentity.current)
        w.string(outputPath)
        w.string("\(options.today)")
        w.bool(options.drafts); w.bool(options.strict); w.bool(options.pdf)
        func add(_ path: String, _ identity: FileIdentity?) {
            w.string(path)
            guard let identity else { w.byte(0); return }
            w.byte(1)
            w.identity(identity)
            newest = max(newest, identity.newest)
        }
        let content = inventory.identities.keys.sorted()
        w.uint(UInt64(content.count))
        for path in content { add(path, inventory.identities[path]) }
        w.uint(UInt64(inventory.diagnostics.count))
        for d in inventory.diagnostics { w.string(d.location.file); w.string(d.message) }
        // Exactly the files `TemplateSet.load` reads, and whether the folder
        // exists (an empty one is not the built-in theme).
        let templates = inventory.root + "/Templates"
        var isFolder: ObjCBool = false
        w.bool(FileManager.default.fileExists(atPath: templates, isDirectory: &isFolder) && isFolder.boolValue)
        let templateFiles = TemplateSet.listFiles(templates)
        w.uint(UInt64(templateFiles.count))
        for path in templateFiles { add("Templates/" + path, FileIdentity.of(templates + "/" + path)) }
        return (w.bytes.withUnsafeBytes { ContentHash($0) }, newest)
    }

    static func load(_ path: String) -> BuildStamp? {
        CacheFile.read(path, magic: magic) { r in
            guard let key = r.hash(), let built = r.int(), let folders = r.int(), let documents = r.int(),
                  let files = r.int(), let pages = r.int(), let diagnostics = DocumentCodec.decodeDiagnostics(&r) else { return nil }
            return BuildStamp(key: key, manifestBuilt: Int64(built), foldersNewest: Int64(folders), documents: documents,
                              files: files, pages: pages, diagnostics: diagnostics)
        }
    }

    func save(_ path: String) {
        CacheFile.write(path, magic: Self.magic) { w in
            w.hash(key)
            w.int(Int(manifestBuilt)); w.int(Int(foldersNewest)); w.int(documents); w.int(files); w.int(pages)
            DocumentCodec.encode(diagnostics, &w)
        }
    }
}
