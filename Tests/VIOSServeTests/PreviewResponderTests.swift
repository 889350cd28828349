import Foundation
import Testing
import VIOSCore
@testable import VIOSServe

/// Responses from the served folder and the preview state, without sockets.
@Suite struct PreviewResponderTests {
    static func makeSite(with404: Bool = true) throws -> URL {
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("vios-responder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: site.appendingPathComponent("a"), withIntermediateDirectories: true)
        try Data("<html><body><h1>Home</h1></body></html>".utf8).write(to: site.appendingPathComponent("index.html"))
        try Data("body{}".utf8).write(to: site.appendingPathComponent("a/s.css"))
        if with404 {
            try Data("<html><body><h1>Niet gevonden</h1></body></html>".utf8).write(to: site.appendingPathComponent("404.html"))
        }
        return site
    }

    func get(_ target: String, _ state: PreviewState, _ site: URL, method: String = "GET") -> HTTPResponse {
        PreviewResponder.respond(to: HTTPRequest(method: method, target: target), state: state,
                                 resolver: PathResolver(root: site.path))
    }

    func text(_ response: HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    @Test func servesPagesWithTheReloadScriptAndOtherFilesUntouched() throws {
        let site = try Self.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let state = PreviewState(generation: 3, hasSite: true)
        let page = get("/", state, site)
        #expect(page.status == 200)
        #expect(page.header("Content-Type") == "text/html; charset=utf-8")
        #expect(page.header("Cache-Control") == "no-store")
        #expect(text(page).contains("<h1>Home</h1><script data-vios-live-reload>"))
        #expect(text(page).contains("var build = \"3\""))
        #expect(!text(page).contains("vios-overlay"))
        let css = get("/a/s.css", state, site)
        #expect(css.status == 200)
        #expect(text(css) == "body{}")
        #expect(css.header("Content-Type") == "text/css; charset=utf-8")
        // The file on disk (what `vios build` wrote) is never changed.
        let onDisk = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!onDisk.contains("vios-live-reload"))
    }

    @Test func missingPagesGetTheSites404PageWithStatus404() throws {
        let site = try Self.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let response = get("/niet/hier", PreviewState(generation: 1, hasSite: true), site)
        #expect(response.status == 404)
        #expect(text(response).contains("Niet gevonden"))
        #expect(text(response).contains("data-vios-live-reload"))
        let traversal = get("/../../etc/passwd", PreviewState(generation: 1, hasSite: true), site)
        #expect(traversal.status == 404)
        let plain = try Self.makeSite(with404: false)
        defer { try? FileManager.default.removeItem(at: plain) }
        let bare = get("/x", PreviewState(generation: 1, hasSite: true), plain)
        #expect(bare.status == 404)
        #expect(text(bare) == "Pagina niet gevonden.\n")
    }

    @Test func folderWithoutSlashRedirects() throws {
        let site = try Self.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let response = get("/a", PreviewState(generation: 1, hasSite: true), site)
        #expect(response.status == 302)
        #expect(response.header("Location") == "/a/")
        // ... and a folder without index.html is not listed.
        #expect(get("/a/", PreviewState(generation: 1, hasSite: true), site).status == 404)
    }

    @Test func failedBuildPutsTheOverlayOverTheLastGoodPage() throws {
        let site = try Self.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let state = PreviewState(generation: 4, hasSite: true, problem: BuildProblem(kind: .failure, message: "x"),
                                 overlay: "<div id=\"vios-overlay\">OVERLAY</div>")
        let page = text(get("/", state, site))
        #expect(page.contains("<h1>Home</h1><div id=\"vios-overlay\">OVERLAY</div><script data-vios-live-reload>"))
        let missing = get("/weg", state, site)
        #expect(missing.status == 404)
        #expect(text(missing).contains("OVERLAY"))
        #expect(text(get("/a/s.css", state, site)) == "body{}")
    }

    @Test func withoutAGoodBuildEveryPathShowsTheOverlayPage() throws {
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("vios-responder-none-\(UUID().uuidString)")
        let state = PreviewState(generation: 1, hasSite: false, problem: BuildProblem(kind: .failure, message: "x"),
                                 overlay: "<div id=\"vios-overlay\">OVERLAY</div>")
        for target in ["/", "/gemeenten/arnhem/", "/assets/x.css", "/../etc/passwd"] {
            let response = get(target, state, site)
            #expect(response.status == 500)
            #expect(text(response).contains("OVERLAY"))
            #expect(text(response).contains("data-vios-live-reload"))
        }
        let waiting = get("/", PreviewState(), site)
        #expect(waiting.status == 503)
        #expect(text(waiting).contains("wordt gebouwd"))
    }

    @Test func eventsPathIsAStreamAndOnlyGetAndHeadAreAllowed() throws {
        let site = try Self.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let events = get("/__vios/events", PreviewState(generation: 1, hasSite: true), site)
        #expect(events.isEventStream)
        #expect(events.header("Content-Type") == "text/event-stream; charset=utf-8")
        let post = get("/", PreviewState(generation: 1, hasSite: true), site, method: "POST")
        #expect(post.status == 405)
        #expect(post.header("Allow") == "GET, HEAD")
    }
}

@Suite struct ErrorOverlayTests {
    @Test func listsEveryDiagnosticWithItsSourceLineAllEscaped() {
        let problem = BuildProblem(kind: .content, diagnostics: [
            Diagnostic(.vios204, at: SourceLocation(file: "Content/b.md", line: 2, column: 3), "gemente", "; bedoelt u 'gemeente'?"),
            Diagnostic(.vios202, at: SourceLocation(file: "Content/a.md", line: 5, column: 12), "<script>alert(1)</script> & co"),
        ], documents: 2)
        let html = ErrorOverlay.fragment(problem, hasGoodSite: true) { file, line in
            file == "Content/a.md" && line == 5 ? "onderwijs: <b>v0</b>" : nil
        }
        #expect(html.contains("role=\"alertdialog\""))
        #expect(html.contains("aria-labelledby=\"vios-overlay-title\""))
        #expect(html.contains("De site is niet bijgewerkt: 1 fout, 1 waarschuwing"))
        #expect(!html.contains("<script>alert(1)"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"))
        #expect(html.contains("Content/a.md:5:12"))
        #expect(html.contains("fout VIOS202"))
        #expect(html.contains("waarschuwing VIOS204"))
        #expect(html.contains("onbekend veld &#39;gemente&#39;; bedoelt u &#39;gemeente&#39;?"))
        #expect(html.contains("   5 | onderwijs: &lt;b&gt;v0&lt;/b&gt;\n     |            ^"))
        // Sorted by file: a.md before b.md.
        let a = html.range(of: "Content/a.md")!.lowerBound, b = html.range(of: "Content/b.md")!.lowerBound
        #expect(a < b)
    }

    @Test func failureWithoutPositionShowsItsMessage() {
        let html = ErrorOverlay.fragment(BuildProblem(kind: .failure, message: "kan <Output> niet schrijven"),
                                         hasGoodSite: false) { _, _ in nil }
        #expect(html.contains("De site kon niet worden gebouwd"))
        #expect(html.contains("kan &lt;Output&gt; niet schrijven"))
        #expect(html.contains("Er is nog geen versie van de site die lukte."))
    }
}

@Suite struct HTTPMessageTests {
    @Test func parsesARequestHeadAsSent() throws {
        let head = "GET /../a%2Fb?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Spaced:  waarde  "
        let request = try HTTPRequest.parse(head: Array(head.utf8)[...])
        #expect(request.method == "GET")
        #expect(request.target == "/../a%2Fb?x=1")
        #expect(request.header("host") == "127.0.0.1")
        #expect(request.header("X-Spaced") == "waarde")
        #expect(!request.keepAlive)
        #expect(try HTTPRequest.parse(head: Array("GET / HTTP/1.1\r\nHost: x".utf8)[...]).keepAlive)
        #expect(try !HTTPRequest.parse(head: Array("GET / HTTP/1.0".utf8)[...]).keepAlive)
    }

    @Test func rejectsMalformedHeads() {
        #expect(throws: HTTPRequest.ParseError.malformed) { try HTTPRequest.parse(head: Array("GET /".utf8)[...]) }
        #expect(throws: HTTPRequest.ParseError.unsupportedVersion) { try HTTPRequest.parse(head: Array("GET / HTTP/2".utf8)[...]) }
        #expect(throws: HTTPRequest.ParseError.malformed) { try HTTPRequest.parse(head: Array("GET / HTTP/1.1\r\nNoColon".utf8)[...]) }
    }

    @Test func responseHeadCarriesLengthAndConnection() {
        let response = HTTPResponse.text(404, "weg\n")
        let head = String(decoding: response.head(keepAlive: true), as: UTF8.self)
        #expect(head.hasPrefix("HTTP/1.1 404 Not Found\r\n"))
        #expect(head.contains("Content-Length: 4\r\n"))
        #expect(head.contains("Connection: keep-alive\r\n"))
        #expect(head.hasSuffix("\r\n\r\n"))
        #expect(HTTPServer.headEnd(Array("GET / HTTP/1.1\r\n\r\nrest".utf8), from: 0) == 14)
    }
}

@Suite struct FolderSnapshotTests {
    @Test func seesAddedChangedAndRemovedFilesButNotEditorDroppings() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("vios-snapshot-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.appendingPathComponent("Content/gemeenten")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        try Data("a".utf8).write(to: content.appendingPathComponent("arnhem.md"))
        try Data("b".utf8).write(to: content.appendingPathComponent("delft.md"))
        let first = FolderSnapshot.take(root: root.path, folders: ["Content", "Templates"])
        #expect(first.files.count == 2)
        try Data("aa".utf8).write(to: content.appendingPathComponent("arnhem.md"))
        try FileManager.default.removeItem(at: content.appendingPathComponent("delft.md"))
        try Data("c".utf8).write(to: content.appendingPathComponent("zwolle.md"))
        try Data("swap".utf8).write(to: content.appendingPathComponent(".arnhem.md.swp"))
        try Data("backup".utf8).write(to: content.appendingPathComponent("arnhem.md~"))
        let second = FolderSnapshot.take(root: root.path, folders: ["Content", "Templates"])
        #expect(second.changes(since: first) == ["Content/gemeenten/arnhem.md", "Content/gemeenten/delft.md",
                                                 "Content/gemeenten/zwolle.md"])
        #expect(FolderSnapshot.take(root: root.path, folders: ["Content"]).changes(since: second).isEmpty)
    }
}
