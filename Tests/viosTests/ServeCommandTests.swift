import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `vios serve` as a process: a temp site on a free port, pages over raw
/// sockets, an edit that reloads, a broken file that shows the overlay at
/// its line, the fix that clears it, and paths that try to leave the site.
/// The server is always killed at the end, whatever happened.
@Suite(.serialized)
struct ServeCommandTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The fixture site plus the project's own theme.
    static func makeSite() throws -> FixtureSite {
        let site = try FixtureSite(["Content/site.yml": FixtureSite.siteYML,
                                    "Content/gemeenten/arnhem.md": FixtureSite.gemeente,
                                    "Content/scholen/het-baken/veiligheidsplan.md": FixtureSite.plan()])
        let templates = packageRoot.appendingPathComponent("Templates")
        try FileManager.default.copyItem(at: templates, to: site.root.appendingPathComponent("Templates"))
        return site
    }

    /// Saves like an editor: the whole new text renamed into place.
    static func save(_ text: String, _ path: String, in site: FixtureSite) throws {
        try Data(text.utf8).write(to: site.root.appendingPathComponent(path), options: .atomic)
    }

    /// Asks for `target` until `check` holds (a rebuild may still be
    /// finishing when the event arrives); at most `seconds`.
    static func page(_ port: Int, _ target: String, seconds: Double = 10,
                     until check: (RawClient.Response) -> Bool) throws -> RawClient.Response {
        let deadline = Date().addingTimeInterval(seconds)
        var response = try RawClient.get(port: port, target)
        while !check(response) && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            response = try RawClient.get(port: port, target)
        }
        return response
    }

    @Test func editReloadBreakOverlayFixAndStayInsideTheSite() throws {
        let site = try Self.makeSite()
        defer { site.remove() }
        let server = try ServeProcess(arguments: ["serve", "--root", site.root.path, "--port", "0", "--today", "2026-11-29"])
        defer { server.kill() }
        let port = try server.waitForPort(seconds: 60)

        // Pages: the home page with the reload script, a document, a folder
        // redirect, the 404 page, correct types.
        let home = try RawClient.get(port: port, "/")
        #expect(home.status == 200)
        #expect(home.headers["content-type"] == "text/html; charset=utf-8")
        #expect(home.body.contains("<script data-vios-live-reload>"))
        let gemeente = try RawClient.get(port: port, "/gemeenten/arnhem/")
        #expect(gemeente.status == 200)
        #expect(gemeente.body.contains("Kernteams per school."))
        let redirect = try RawClient.get(port: port, "/gemeenten/arnhem")
        #expect(redirect.status == 302)
        #expect(redirect.headers["location"] == "/gemeenten/arnhem/")
        let missing = try RawClient.get(port: port, "/bestaat-niet/")
        #expect(missing.status == 404)
        #expect(missing.headers["content-type"] == "text/html; charset=utf-8")
        let css = try RawClient.get(port: port, "/assets/vios.css")
        #expect(css.status == 200)
        #expect(css.headers["content-type"] == "text/css; charset=utf-8")
        // The private build folder, not Output/; no script in the files.
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("Output").path))
        let built = try String(contentsOf: site.root.appendingPathComponent(".vios-cache/serve/index.html"), encoding: .utf8)
        #expect(!built.contains("vios-live-reload"))

        // Paths that try to leave the site, sent exactly as written.
        for target in ["/../Content/site.yml", "/../../etc/passwd", "/%2e%2e/Content/site.yml",
                       "/%2E%2E/%2E%2E/etc/passwd", "/..%2fContent/site.yml", "/assets%2F..%2F..%2FContent%2Fsite.yml",
                       "/..\\Content\\site.yml", "/assets/..%5c..%5cContent/site.yml", "/.vios-cache/"] {
            let response = try RawClient.get(port: port, target)
            #expect(response.status == 404, "\(target)")
            #expect(!response.body.contains("base-url"), "\(target)")
        }

        // An edit reaches the page, announced on the event stream.
        let events = try RawClient.EventStream(port: port)
        #expect(events.read(seconds: 5) { $0.contains("event: hello") })
        try Self.save(FixtureSite.gemeente.replacingOccurrences(of: "Kernteams per school.", with: "Kernteams en straatcoaches per school."),
                      "Content/gemeenten/arnhem.md", in: site)
        #expect(events.read(seconds: 10) { $0.components(separatedBy: "event: reload").count >= 2 }, "\(events.received)")
        #expect(try Self.page(port, "/gemeenten/arnhem/") { $0.body.contains("straatcoaches") }
            .body.contains("Kernteams en straatcoaches per school."))

        // A broken file: the overlay names the file, line, column and code and
        // shows the line; the last good page stays behind it.
        let broken = FixtureSite.gemeente.replacingOccurrences(of: "fase: uitvoering", with: "fase: klaar")
        let line = broken.components(separatedBy: "\n").firstIndex(of: "fase: klaar")! + 1
        try Self.save(broken, "Content/gemeenten/arnhem.md", in: site)
        #expect(events.read(seconds: 10) { $0.components(separatedBy: "event: reload").count >= 3 }, "\(events.received)")
        let overlaid = try Self.page(port, "/gemeenten/arnhem/") { $0.body.contains("vios-overlay") }
        #expect(overlaid.body.contains("role=\"alertdialog\""))
        #expect(overlaid.body.contains("Content/gemeenten/arnhem.md:\(line):7"))
        #expect(overlaid.body.contains("fout VIOS202"))
        #expect(overlaid.body.contains("\(line) | fase: klaar"))
        #expect(overlaid.body.contains("Kernteams en straatcoaches per school."), "last good page behind the overlay")
        #expect(try RawClient.get(port: port, "/").body.contains("vios-overlay"), "on every page")
        #expect(server.waitForOutput(seconds: 5) { $0.contains("Content/gemeenten/arnhem.md:\(line):7: fout VIOS202:") })

        // Fixed: the next build clears the overlay.
        try Self.save(FixtureSite.gemeente, "Content/gemeenten/arnhem.md", in: site)
        #expect(events.read(seconds: 10) { $0.components(separatedBy: "event: reload").count >= 4 }, "\(events.received)")
        let fixed = try Self.page(port, "/gemeenten/arnhem/") { !$0.body.contains("vios-overlay") }
        #expect(!fixed.body.contains("vios-overlay"))
        #expect(fixed.body.contains("Kernteams per school."))

        // Ctrl-C (SIGINT) stops it cleanly.
        #expect(server.interrupt(seconds: 10) == 0)
        #expect(server.output.contains("gestopt"))
    }

    @Test func templateErrorShowsTheOverlayAndAFirstFailedBuildShowsItEverywhere() throws {
        let site = try Self.makeSite()
        defer { site.remove() }
        // Starts broken: the overlay on every path until fixed.
        try Self.save(FixtureSite.gemeente.replacingOccurrences(of: "fase: uitvoering", with: "fase: klaar"),
                      "Content/gemeenten/arnhem.md", in: site)
        let server = try ServeProcess(arguments: ["serve", "--root", site.root.path, "--port", "0", "--today", "2026-11-29"])
        defer { server.kill() }
        let port = try server.waitForPort(seconds: 60)
        for target in ["/", "/gemeenten/arnhem/", "/assets/vios.css"] {
            let response = try RawClient.get(port: port, target)
            #expect(response.status == 500, "\(target)")
            #expect(response.body.contains("VIOS202"), "\(target)")
        }
        let events = try RawClient.EventStream(port: port)
        #expect(events.read(seconds: 5) { $0.contains("event: hello") })
        try Self.save(FixtureSite.gemeente, "Content/gemeenten/arnhem.md", in: site)
        #expect(events.read(seconds: 10) { $0.contains("event: reload") })
        #expect(try Self.page(port, "/gemeenten/arnhem/") { $0.status == 200 }.status == 200)

        // A template that cannot be parsed: VIOS801 in the overlay.
        let template = site.root.appendingPathComponent("Templates/gemeente.mustache")
        let good = try String(contentsOf: template, encoding: .utf8)
        try Data((good + "\n{{#kapot}}\n").utf8).write(to: template, options: .atomic)
        #expect(events.read(seconds: 10) { $0.components(separatedBy: "event: reload").count >= 3 }, "\(events.received)")
        let page = try Self.page(port, "/gemeenten/arnhem/") { $0.body.contains("VIOS801") }
        #expect(page.status == 200)
        #expect(page.body.contains("VIOS801"))
        #expect(page.body.contains("Templates/gemeente.mustache"))
        try Data(good.utf8).write(to: template, options: .atomic)
        #expect(events.read(seconds: 10) { $0.components(separatedBy: "event: reload").count >= 4 }, "\(events.received)")
        #expect(!(try Self.page(port, "/gemeenten/arnhem/") { !$0.body.contains("vios-overlay") }.body.contains("vios-overlay")))
    }

    @Test func portInUseAndMissingSiteExitTwo() throws {
        let site = try Self.makeSite()
        defer { site.remove() }
        let first = try ServeProcess(arguments: ["serve", "--root", site.root.path, "--port", "0", "--today", "2026-11-29"])
        defer { first.kill() }
        let port = try first.waitForPort(seconds: 60)
        let second = try ProcessRunner.run(["serve", "--root", site.root.path, "--port", String(port)])
        #expect(second.status == 2)
        #expect(second.stderr.contains("poort \(port) is al in gebruik"))
        let missing = try ProcessRunner.run(["serve", "--root", "/nonexistent/vios-site", "--port", "0"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("Content/"))
    }
}

/// A running `vios serve` with its output collected as it comes.
final class ServeProcess: @unchecked Sendable {
    // @unchecked: `buffer` is guarded by `lock`; the reader thread appends.
    private let process = Process()
    private let lock = NSLock()
    private var buffer = ""

    init(arguments: [String]) throws {
        process.executableURL = ProcessRunner.executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "VIOS_TODAY")
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let handle = pipe.fileHandleForReading
        let reader = Thread { [self] in
            while true {
                let data = handle.availableData
                if data.isEmpty { break }
                lock.lock(); buffer += String(decoding: data, as: UTF8.self); lock.unlock()
            }
        }
        reader.start()
    }

    var output: String { lock.lock(); defer { lock.unlock() }; return buffer }

    func waitForOutput(seconds: Double, _ check: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !check(output) {
            if Date() > deadline || !process.isRunning && !check(output) { return check(output) }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return true
    }

    /// The port from the printed URL.
    func waitForPort(seconds: Double) throws -> Int {
        struct NoURL: Error, CustomStringConvertible { var description: String }
        _ = waitForOutput(seconds: seconds) { $0.contains("http://127.0.0.1:") && $0.contains("/  (") }
        guard let range = output.range(of: "http://127.0.0.1:") else { throw NoURL(description: output) }
        let digits = output[range.upperBound...].prefix { $0.isNumber }
        guard let port = Int(digits) else { throw NoURL(description: output) }
        return port
    }

    /// SIGINT, as Ctrl-C; the exit status, or nil when it did not stop.
    func interrupt(seconds: Double) -> Int32? {
        guard process.isRunning else { return process.terminationStatus }
        Foundation.kill(process.processIdentifier, SIGINT)
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// Always stops it: SIGTERM, then SIGKILL after five seconds.
    func kill() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}

/// Raw-socket HTTP for the end-to-end test: the target goes out exactly as
/// written (a client library would normalise `/../`), every read times out.
enum RawClient {
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    static func connect(port: Int, timeout: Int = 10) throws -> Int32 {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Failure(description: "socket") }
        var tv = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                systemConnect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard status == 0 else { close(fd); throw Failure(description: "connect \(port)") }
        return fd
    }

    static func send(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { systemSend(fd, $0.baseAddress, $0.count) }
    }

    static func get(port: Int, _ target: String) throws -> Response {
        let fd = try connect(port: port)
        defer { close(fd) }
        send(fd, "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0 { throw Failure(description: "timeout reading \(target)") }
            if n == 0 { break }
            data += chunk[..<n]
        }
        let text = String(decoding: data, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw Failure(description: "no head: \(text)") }
        let lines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { throw Failure(description: lines[0]) }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Response(status: status, headers: headers, body: String(text[split.upperBound...]))
    }

    /// An open `/__vios/events` stream.
    final class EventStream {
        let fd: Int32
        private(set) var received = ""

        init(port: Int) throws {
            fd = try RawClient.connect(port: port, timeout: 1)
            RawClient.send(fd, "GET /__vios/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        }

        deinit { close(fd) }

        /// Reads until `done(received)` or `seconds` pass.
        func read(seconds: Double, until done: (String) -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            var chunk = [UInt8](repeating: 0, count: 4096)
            while !done(received) {
                if Date() > deadline { return false }
                let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if n > 0 { received += String(decoding: chunk[..<n], as: UTF8.self) }
                if n == 0 { return done(received) }
            }
            return true
        }
    }
}

#if canImport(Glibc)
private func systemConnect(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    Glibc.connect(fd, address, length)
}
private func systemSend(_ fd: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    Glibc.send(fd, bytes, count, Int32(MSG_NOSIGNAL))
}
#else
private func systemConnect(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    Darwin.connect(fd, address, length)
}
private func systemSend(_ fd: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    Darwin.send(fd, bytes, count, 0)
}
#endif
