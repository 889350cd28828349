import Foundation
import Testing
import VIOSCore
@testable import VIOSSite

/// A site in a temporary folder: by default a copy of the repository's
/// demo `Content/` and `Templates/`, changed per test.
struct SiteFixture {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    static let today = CalendarDate(iso: "2026-01-15")!

    let root: String

    init(copyDemo: Bool = true, files: [String: String] = [:]) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("vios-site-\(UUID().uuidString)").path
        let fm = FileManager.default
        try fm.createDirectory(atPath: root, withIntermediateDirectories: true)
        if copyDemo {
            try fm.copyItem(atPath: Self.packageRoot + "/Content", toPath: root + "/Content")
            try fm.copyItem(atPath: Self.packageRoot + "/Templates", toPath: root + "/Templates")
        }
        for (path, text) in files { try write(path, text) }
    }

    func write(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: root + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOfFile: root + "/" + path, encoding: .utf8)
    }

    func remove(_ path: String) throws { try FileManager.default.removeItem(atPath: root + "/" + path) }

    func cleanUp() { try? FileManager.default.removeItem(atPath: root) }

    @discardableResult
    /// Builds with `verifyPageKeys`: a page skipped by its dependency key
    /// whose context did change is a test failure wherever it happens.
    func build(output: String = "Output", drafts: Bool = false, strict: Bool = false) throws(BuildError) -> BuildResult {
        var options = BuildOptions(root: root, output: output, today: Self.today, drafts: drafts, strict: strict)
        options.verifyPageKeys = true
        let result = try SiteBuilder.build(options)
        #expect(result.pageKeyMismatches.isEmpty, "pages skipped by key whose context changed: \(result.pageKeyMismatches)")
        return result
    }

    /// Every file under a folder, relative path → bytes.
    static func snapshot(_ folder: String) -> [String: Data] {
        var out: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return out }
        for case let path as String in enumerator {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                out[path] = FileManager.default.contents(atPath: folder + "/" + path)
            }
        }
        return out
    }

    func page(_ path: String, output: String = "Output") throws -> HTMLDocument {
        HTMLDocument(try read(output + "/" + path))
    }

    /// A handreiking that passes every check (spec 3.4).
    static func handreiking(titel: String, samenvatting: String = "Een korte samenvatting.", extraFields: String = "",
                            body: String = "") -> String {
        """
        ---
        type: handreiking
        titel: "\(titel)"
        themas: [vapes]
        doelgroep: [docenten]
        bijgewerkt: 2025-11-01
        samenvatting: "\(samenvatting)"
        \(extraFields)---

        Inleiding.
        \(body)
        ## Casus

        Een school merkt iets op.

        ## Signalen

        Leerlingen vertellen het.

        ## Handelingsperspectief

        De school handelt.

        ## Partners

        De gemeente helpt.

        """
    }
}

/// The one built demo site, shared by the read-only tests.
enum DemoBuild {
    static let output: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vios-demo-\(UUID().uuidString)").path
        do {
            _ = try SiteBuilder.build(BuildOptions(root: SiteFixture.packageRoot, output: path, today: SiteFixture.today))
        } catch {
            Issue.record("demo build failed: \(error)")
        }
        return path
    }()

    static func page(_ path: String) throws -> HTMLDocument {
        HTMLDocument(try String(contentsOfFile: output + "/" + path, encoding: .utf8))
    }

    static func text(_ path: String) throws -> String {
        try String(contentsOfFile: output + "/" + path, encoding: .utf8)
    }

    static var htmlFiles: [String] {
        SiteFixture.snapshot(output).keys.filter { $0.hasSuffix(".html") }.sorted()
    }
}
