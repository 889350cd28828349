import Foundation
import Testing
import VIOSCore
import VIOSSite
@testable import VIOSServe

/// The serve loop with a stand-in builder (no renderer): watch, rebuild,
/// reload event, overlay on failure and its removal, over real sockets.
@Suite(.serialized) struct DevServerTests {
    /// Saves like most editors: a new file renamed into place, so the
    /// watcher never sees half a file.
    static func save(_ text: String, to url: URL) throws {
        try Data(text.utf8).write(to: url, options: .atomic)
    }

    /// Asks for `target` until `check` holds (a rebuild may still be
    /// running); at most `seconds`.
    static func page(port: Int, _ target: String = "/", seconds: Double = 5,
                     until check: (RawHTTP.Response) -> Bool) throws -> RawHTTP.Response {
        let deadline = Date().addingTimeInterval(seconds)
        var response = try RawHTTP.get(port: port, target)
        while !check(response) && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            response = try RawHTTP.get(port: port, target)
        }
        return response
    }

    /// Copies Content/page.txt into index.html; a line "FOUT" in it fails
    /// the build with a diagnostic on that line.
    static let builder: DevServer.Builder = { options in
        let source = options.root + "/Content/page.txt"
        let text = (try? String(contentsOfFile: source, encoding: .utf8)) ?? ""
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if let index = lines.firstIndex(of: "FOUT") {
            return .failure(BuildProblem(kind: .content, diagnostics: [
                Diagnostic(.vios202, at: SourceLocation(file: "Content/page.txt", line: index + 1, column: 1), "regel met FOUT")
            ], documents: 1))
        }
        try? FileManager.default.createDirectory(atPath: options.output, withIntermediateDirectories: true)
        try? Data("<html><body><p>\(text)</p></body></html>".utf8).write(to: URL(fileURLWithPath: options.output + "/index.html"))
        return .success(.init(documents: 1, files: 1))
    }

    @Test func rebuildsOnChangeReloadsAndShowsAndClearsTheOverlay() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("vios-devserver-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Content"), withIntermediateDirectories: true)
        let page = root.appendingPathComponent("Content/page.txt")
        try Data("eerste".utf8).write(to: page)
        let configuration = DevServer.Configuration(root: root.path, port: 0, output: root.path + "/.vios-cache/serve",
                                                    today: CalendarDate(iso: "2026-01-15")!, pollInterval: 0.05)
        let server = try DevServer(configuration, builder: Self.builder) { _ in }
        server.start()
        defer { server.stop() }
        #expect(server.url == "http://127.0.0.1:\(server.port)/")

        let first = try RawHTTP.get(port: server.port, "/")
        #expect(first.status == 200)
        #expect(first.body.contains("<p>eerste</p>"))

        let stream = try RawHTTP.EventStream(port: server.port)
        #expect(stream.read(seconds: 3) { $0.contains("event: hello\ndata: 1\n\n") })

        try Self.save("tweede", to: page)
        #expect(stream.read(seconds: 5) { $0.contains("event: reload\ndata: 2\n\n") })
        #expect(try RawHTTP.get(port: server.port, "/").body.contains("<p>tweede</p>"))

        try Self.save("tweede\nFOUT\n", to: page)
        #expect(stream.read(seconds: 5) { $0.contains("event: reload\ndata: 3\n\n") })
        let broken = try RawHTTP.get(port: server.port, "/")
        #expect(broken.status == 200)
        #expect(broken.body.contains("<p>tweede</p>"), "the last good page stays behind the overlay")
        #expect(broken.body.contains("role=\"alertdialog\""))
        #expect(broken.body.contains("Content/page.txt:2:1"))
        #expect(broken.body.contains("   2 | FOUT\n"))
        #expect(server.currentState.problem?.diagnostics.first?.location.line == 2)

        try Self.save("derde", to: page)
        #expect(stream.read(seconds: 5) { $0.contains("event: reload\ndata: 4\n\n") })
        let fixed = try RawHTTP.get(port: server.port, "/")
        #expect(fixed.body.contains("<p>derde</p>"))
        #expect(!fixed.body.contains("vios-overlay"))

        // Written in place (truncate, then write): a half-written file may be
        // built once, but the next look sees the rest and builds again.
        try Data("vierde".utf8).write(to: page)
        #expect(try Self.page(port: server.port) { $0.body.contains("<p>vierde</p>") }.body.contains("<p>vierde</p>"))
        #expect(stream.read(seconds: 5) { $0.contains("event: reload\ndata: 5\n\n") })
    }

    @Test func firstBuildFailingServesTheOverlayEverywhereUntilFixed() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("vios-devserver-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Content"), withIntermediateDirectories: true)
        let page = root.appendingPathComponent("Content/page.txt")
        try Data("FOUT\n".utf8).write(to: page)
        let configuration = DevServer.Configuration(root: root.path, port: 0, output: root.path + "/.vios-cache/serve",
                                                    today: CalendarDate(iso: "2026-01-15")!, pollInterval: 0.05)
        let server = try DevServer(configuration, builder: Self.builder) { _ in }
        server.start()
        defer { server.stop() }
        for target in ["/", "/elders/", "/x.css"] {
            let response = try RawHTTP.get(port: server.port, target)
            #expect(response.status == 500)
            #expect(response.body.contains("Content/page.txt:1:1"))
        }
        let stream = try RawHTTP.EventStream(port: server.port)
        try Self.save("goed", to: page)
        #expect(stream.read(seconds: 5) { $0.contains("event: reload\ndata: 2\n\n") })
        let response = try RawHTTP.get(port: server.port, "/")
        #expect(response.status == 200)
        #expect(response.body.contains("<p>goed</p>"))
    }

    @Test func aBusyPortIsReportedBeforeAnyBuild() throws {
        let configuration = DevServer.Configuration(root: "/tmp", port: 0, output: "/tmp/none",
                                                    today: CalendarDate(iso: "2026-01-15")!)
        let first = try DevServer(configuration, builder: Self.builder) { _ in }
        var second = configuration
        second.port = first.port
        #expect(throws: ServeError.portInUse(first.port)) {
            _ = try DevServer(second, builder: Self.builder) { _ in }
        }
        first.stop()
    }

    @Test func manyConcurrentRequestsWhileAStreamIsOpen() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("vios-devserver-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Content"), withIntermediateDirectories: true)
        try Data("parallel".utf8).write(to: root.appendingPathComponent("Content/page.txt"))
        let configuration = DevServer.Configuration(root: root.path, port: 0, output: root.path + "/.vios-cache/serve",
                                                    today: CalendarDate(iso: "2026-01-15")!, pollInterval: 0.05)
        let server = try DevServer(configuration, builder: Self.builder) { _ in }
        server.start()
        defer { server.stop() }
        let streams = try (0..<3).map { _ in try RawHTTP.EventStream(port: server.port) }
        for stream in streams { #expect(stream.read(seconds: 3) { $0.contains("event: hello") }) }
        let port = server.port
        let ok = (0..<40).map { $0 }.parallelMap { _ in
            (try? RawHTTP.get(port: port, "/"))?.body.contains("<p>parallel</p>") == true
        }
        #expect(ok.allSatisfy { $0 })
    }
}
