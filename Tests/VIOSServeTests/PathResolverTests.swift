import Foundation
import Testing
@testable import VIOSServe

/// Nothing outside the site folder is ever served, however the path is spelled.
@Suite struct PathResolverTests {
    /// site/ with index.html, a folder with and without index, a hidden
    /// file, and symlinks pointing inside and outside.
    static func makeSite() throws -> (site: URL, outside: URL) {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("vios-resolver-\(UUID().uuidString)")
        let site = base.appendingPathComponent("site")
        let fm = FileManager.default
        try fm.createDirectory(at: site.appendingPathComponent("gemeenten/arnhem"), withIntermediateDirectories: true)
        try fm.createDirectory(at: site.appendingPathComponent("assets"), withIntermediateDirectories: true)
        try fm.createDirectory(at: site.appendingPathComponent("zoek index"), withIntermediateDirectories: true)
        try Data("home".utf8).write(to: site.appendingPathComponent("index.html"))
        try Data("arnhem".utf8).write(to: site.appendingPathComponent("gemeenten/arnhem/index.html"))
        try Data("css".utf8).write(to: site.appendingPathComponent("assets/vios.css"))
        try Data("spatie".utf8).write(to: site.appendingPathComponent("zoek index/a b.json"))
        try Data("secret".utf8).write(to: site.appendingPathComponent(".env"))
        try Data("outside".utf8).write(to: base.appendingPathComponent("secret.txt"))
        try fm.createSymbolicLink(atPath: site.appendingPathComponent("lek.txt").path, withDestinationPath: base.appendingPathComponent("secret.txt").path)
        try fm.createSymbolicLink(atPath: site.appendingPathComponent("lekmap").path, withDestinationPath: base.path)
        try fm.createSymbolicLink(atPath: site.appendingPathComponent("stijl.css").path, withDestinationPath: "assets/vios.css")
        return (site, base)
    }

    @Test func servesFilesAndFolderIndexes() throws {
        let (site, base) = try Self.makeSite()
        defer { try? FileManager.default.removeItem(at: base) }
        let resolver = PathResolver(root: site.path)
        let real = PathResolver.realPath(site.path)!
        #expect(resolver.resolve("/") == .file(real + "/index.html"))
        #expect(resolver.resolve("/?q=1") == .file(real + "/index.html"))
        #expect(resolver.resolve("/gemeenten/arnhem/") == .file(real + "/gemeenten/arnhem/index.html"))
        #expect(resolver.resolve("/assets/vios.css") == .file(real + "/assets/vios.css"))
        #expect(resolver.resolve("//assets///vios.css") == .file(real + "/assets/vios.css"))
        #expect(resolver.resolve("/zoek%20index/a%20b.json") == .file(real + "/zoek index/a b.json"))
        // A symlink that stays inside the site is followed.
        #expect(resolver.resolve("/stijl.css") == .file(real + "/assets/vios.css"))
    }

    @Test func foldersWithoutSlashRedirectAndFoldersWithoutIndexAreNotListed() throws {
        let (site, base) = try Self.makeSite()
        defer { try? FileManager.default.removeItem(at: base) }
        let resolver = PathResolver(root: site.path)
        #expect(resolver.resolve("/gemeenten/arnhem") == .redirect("/gemeenten/arnhem/"))
        #expect(resolver.resolve("/gemeenten/arnhem?x=1") == .redirect("/gemeenten/arnhem/?x=1"))
        #expect(resolver.resolve("/zoek%20index") == .redirect("/zoek%20index/"))
        // `//host/x` must not turn into a redirect to another host.
        try FileManager.default.createDirectory(at: site.appendingPathComponent("evil.example/x"), withIntermediateDirectories: true)
        #expect(resolver.resolve("//evil.example/x") == .redirect("/evil.example/x/"))
        #expect(resolver.resolve("/assets/") == .notFound)
        #expect(resolver.resolve("/gemeenten/") == .notFound)
        #expect(resolver.resolve("/bestaat-niet.html") == .notFound)
    }

    @Test(arguments: [
        "/../secret.txt", "/../../etc/passwd", "/gemeenten/../../secret.txt", "/./index.html",
        "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/.%2e/secret.txt", "/%2e./secret.txt",
        "/..%2fsecret.txt", "/..%2Fsecret.txt", "/assets%2Fvios.css", "/assets%2fvios.css",
        "/..\\secret.txt", "/assets\\vios.css", "/%5c..%5csecret.txt", "/..%5csecret.txt",
        "/index.html%00.css", "/%zz", "/%2", "/%c0%ae%c0%ae/secret.txt", "/.env", "/lek.txt",
        "/lekmap/secret.txt", "/lekmap/", "index.html", "*", "",
    ])
    func refusesEverythingOutsideTheSite(target: String) throws {
        let (site, base) = try Self.makeSite()
        defer { try? FileManager.default.removeItem(at: base) }
        #expect(PathResolver(root: site.path).resolve(target) == .notFound, "\(target)")
    }

    @Test func segmentsAreDecodedStrictly() {
        #expect(PathResolver.segments(ofTarget: "/a/b%20c/") == ["a", "b c"])
        #expect(PathResolver.segments(ofTarget: "/caf%C3%A9") == ["café"])
        #expect(PathResolver.segments(ofTarget: "/%FF") == nil)
        #expect(PathResolver.segments(ofTarget: "/a%2Fb") == nil)
        #expect(PathResolver.segments(ofTarget: "/a/..") == nil)
        #expect(PathResolver.segments(ofTarget: "/") == [])
    }

    @Test func missingRootServesNothing() {
        #expect(PathResolver(root: "/nonexistent/vios-site").resolve("/") == .notFound)
    }
}
