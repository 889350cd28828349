import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Headless Chromium as a PDF printer: one browser process for a whole
/// build, driven over the DevTools protocol (`--remote-debugging-pipe`:
/// JSON messages ending in a NUL byte, the browser reads fd 3 and writes
/// fd 4; here both are one end of a Unix socket pair, so a browser that
/// dies cannot raise SIGPIPE in vios). Pages are printed in several tabs
/// at once, one worker thread per tab.
final class ChromiumPrinter: @unchecked Sendable {
    // @unchecked: `condition` guards `nextID`, `responses`, `events`,
    // `closed` and `buffer`; everything else is set once in `init`.
    struct Failure: Error {
        var message: String
    }

    /// Browser names looked up on PATH, in order.
    static let candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"]

    static let notFoundMessage = "Chromium niet gevonden. Voor --pdf maakt vios de PDF's met een Chromium-browser "
        + "zonder venster: installeer 'chromium' (Debian: apt-get install chromium) of zet het pad in VIOS_CHROMIUM."

    /// `$VIOS_CHROMIUM`, else the first candidate on PATH.
    static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let explicit = environment["VIOS_CHROMIUM"], !explicit.isEmpty {
            return access(explicit, X_OK) == 0 ? explicit : nil
        }
        let folders = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in candidates {
            for folder in folders where !folder.isEmpty {
                let path = folder + "/" + name
                var info = stat()
                if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, access(path, X_OK) == 0 { return path }
            }
        }
        return nil
    }

    /// What `Page.printToPDF` gets: A4 unless the page's CSS says otherwise,
    /// backgrounds, a tagged PDF with the headings as its outline.
    static var printParameters: [String: Any] { [
        "paperWidth": 8.27, "paperHeight": 11.69, "preferCSSPageSize": true, "printBackground": true,
        "generateTaggedPDF": true, "generateDocumentOutline": true, "transferMode": "ReturnAsBase64",
    ] }

    /// Links in a printed page would point into the build's temporary
    /// folder (file://); they become absolute URLs on the published site
    /// (from the page's canonical URL), or plain text without one.
    static let absoluteLinks = """
        (function () {
          var canonical = document.querySelector('link[rel="canonical"]');
          document.querySelectorAll('a[href]').forEach(function (a) {
            var href = a.getAttribute('href');
            if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.charAt(0) === '#') return;
            if (canonical) a.setAttribute('href', new URL(href, canonical.href).href);
            else a.removeAttribute('href');
          });
          return true;
        })()
        """

    private let pid: pid_t
    private let socket: Int32
    private let workFolder: String
    private let condition = NSCondition()
    private var nextID = 1
    private var responses: [Int: [String: Any]] = [:]
    /// Per session id: the events a waiter may still ask for.
    private var events: [String: [[String: Any]]] = [:]
    private var closed: String?
    private let writeLock = NSLock()
    private var reader: Thread?

    /// Starts the browser and waits until it answers.
    init(browser: String, timeout: Duration = .seconds(60)) throws(Failure) {
        let temporary = FileManager.default.temporaryDirectory.path
        Self.removeStaleFolders(in: temporary)
        workFolder = temporary + "/vios-chromium-\(getpid())-\(UUID().uuidString.prefix(8))"
        guard mkdir(workFolder, 0o700) == 0 else {
            throw Failure(message: "kan tijdelijke map \(workFolder) niet maken: \(String(cString: strerror(errno)))")
        }
        var pair: [Int32] = [-1, -1]
        #if canImport(Glibc)
        let streamType = Int32(SOCK_STREAM.rawValue)
        #else
        let streamType = SOCK_STREAM
        #endif
        guard socketpair(AF_UNIX, streamType, 0, &pair) == 0 else {
            TreeRemover.remove(workFolder)
            throw Failure(message: "kan geen verbinding met Chromium maken: \(String(cString: strerror(errno)))")
        }
        // Our end stays out of the browser; its end moves above the
        // standard descriptors so dup2 to 3 and 4 never clobbers it.
        _ = fcntl(pair[0], F_SETFD, FD_CLOEXEC)
        let childEnd = fcntl(pair[1], F_DUPFD_CLOEXEC, 10)
        close(pair[1])
        socket = pair[0]

        var arguments = [
            browser, "--headless", "--remote-debugging-pipe", "--user-data-dir=\(workFolder)/profiel",
            "--no-first-run", "--no-default-browser-check", "--disable-gpu", "--disable-extensions",
            "--disable-background-networking", "--disable-component-update", "--disable-default-apps",
            "--disable-sync", "--disable-dev-shm-usage", "--mute-audio", "--hide-scrollbars",
            "--force-device-scale-factor=1", "--lang=nl-NL",
        ]
        if geteuid() == 0 { arguments.append("--no-sandbox") }  // Chromium refuses to run as root otherwise
        arguments.append("about:blank")

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, workFolder + "/stderr.txt", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, childEnd, 3)
        posix_spawn_file_actions_adddup2(&actions, childEnd, 4)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own process group, so the browser and its helpers can be
        // stopped together.
        ProcessSpawn.resetSignals(&attributes)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var child: pid_t = 0
        let spawned = ProcessSpawn.withArgv(arguments) { posix_spawn(&child, browser, &actions, &attributes, $0, environ) }
        close(childEnd)
        guard spawned == 0 else {
            close(socket)
            TreeRemover.remove(workFolder)
            throw Failure(message: "kan \(browser) niet starten: \(String(cString: strerror(spawned)))")
        }
        pid = child
        let thread = Thread { [unowned self] in self.readLoop() }
        thread.name = "vios-chromium"
        reader = thread
        thread.start()
        do {
            _ = try call("Browser.getVersion", timeout: timeout)
        } catch {
            let reason = error.message
            stop()
            throw Failure(message: reason)
        }
    }

    deinit { stop() }

    // MARK: printing

    /// Prints each URL to PDF in `tabs` tabs at once; `done` is called
    /// (from worker threads) after each page. Throws the first failure.
    func printPDFs(_ urls: [URL], tabs: Int, timeout: Duration = .seconds(90),
                   done: @escaping @Sendable (Int) -> Void = { _ in }) throws(Failure) -> [[UInt8]] {
        let results = PrintResults(count: urls.count)
        let workers = max(1, min(tabs, urls.count))
        let finished = DispatchGroup()
        for _ in 0..<workers {
            finished.enter()
            let thread = Thread { [self] in
                defer { finished.leave() }
                do throws(Failure) {
                    let session = try openTab()
                    defer { closeTab(session) }
                    while let index = results.next() {
                        results.set(index, .success(try printOne(urls[index], session: session, timeout: timeout)))
                        done(index)
                    }
                } catch {
                    results.fail(error.message)
                }
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        finished.wait()
        return try results.values().get()
    }

    private func openTab() throws(Failure) -> (target: String, session: String) {
        let target = try call("Target.createTarget", ["url": "about:blank"])
        guard let targetId = target["targetId"] as? String else { throw Failure(message: "Chromium gaf geen tabblad") }
        let attached = try call("Target.attachToTarget", ["targetId": targetId, "flatten": true])
        guard let session = attached["sessionId"] as? String else { throw Failure(message: "Chromium gaf geen sessie") }
        _ = try call("Page.enable", session: session)
        _ = try call("Page.setLifecycleEventsEnabled", ["enabled": true], session: session)
        return (targetId, session)
    }

    private func closeTab(_ tab: (target: String, session: String)) {
        _ = try? call("Target.closeTarget", ["targetId": tab.target], timeout: .seconds(5))
        condition.lock()
        events[tab.session] = nil
        condition.unlock()
    }

    private func printOne(_ url: URL, session tab: (target: String, session: String),
                          timeout: Duration) throws(Failure) -> [UInt8] {
        let navigation = try call("Page.navigate", ["url": url.absoluteString], session: tab.session, timeout: timeout)
        if let problem = navigation["errorText"] as? String, !problem.isEmpty {
            throw Failure(message: "\(url.lastPathComponent) laden mislukt: \(problem)")
        }
        let loader = navigation["loaderId"] as? String
        _ = try waitForEvent(session: tab.session, timeout: timeout) { event in
            guard event["method"] as? String == "Page.lifecycleEvent",
                  let params = event["params"] as? [String: Any], params["name"] as? String == "load" else { return false }
            return loader == nil || params["loaderId"] as? String == loader
        }
        _ = try call("Runtime.evaluate", ["expression": Self.absoluteLinks, "returnByValue": true],
                     session: tab.session, timeout: timeout)
        let printed = try call("Page.printToPDF", Self.printParameters, session: tab.session, timeout: timeout)
        guard let text = printed["data"] as? String, let data = Data(base64Encoded: text), data.starts(with: Array("%PDF".utf8)) else {
            throw Failure(message: "Chromium gaf geen PDF voor \(url.lastPathComponent)")
        }
        return [UInt8](data)
    }

    // MARK: the protocol

    /// Sends one command and waits for its answer (`result`).
    @discardableResult
    func call(_ method: String, _ params: [String: Any] = [:], session: String? = nil,
              timeout: Duration = .seconds(60)) throws(Failure) -> [String: Any] {
        condition.lock()
        let id = nextID
        nextID += 1
        let alreadyClosed = closed
        condition.unlock()
        if let alreadyClosed { throw Failure(message: alreadyClosed) }
        var message: [String: Any] = ["id": id, "method": method, "params": params]
        if let session { message["sessionId"] = session }
        guard var bytes = try? JSONSerialization.data(withJSONObject: message) else {
            throw Failure(message: "kan opdracht \(method) niet coderen")
        }
        bytes.append(0)
        try send(bytes)

        let deadline = Date().addingTimeInterval(seconds(timeout))
        condition.lock()
        defer { condition.unlock() }
        while responses[id] == nil && closed == nil {
            if !condition.wait(until: deadline) && responses[id] == nil {
                throw Failure(message: "Chromium antwoordt niet op \(method) (na \(Int(seconds(timeout))) s)")
            }
        }
        guard let response = responses.removeValue(forKey: id) else { throw Failure(message: closed ?? "Chromium is gestopt") }
        if let error = response["error"] as? [String: Any] {
            throw Failure(message: "Chromium: \(method): \(error["message"] as? String ?? "fout")")
        }
        return response["result"] as? [String: Any] ?? [:]
    }

    /// Waits for (and removes) the first buffered event of a session that
    /// matches; a crashed tab fails at once.
    private func waitForEvent(session: String, timeout: Duration,
                              _ matches: ([String: Any]) -> Bool) throws(Failure) -> [String: Any] {
        let deadline = Date().addingTimeInterval(seconds(timeout))
        condition.lock()
        defer { condition.unlock() }
        while true {
            var queue = events[session] ?? []
            if let index = queue.firstIndex(where: matches) {
                let event = queue[index]
                queue.removeSubrange(0...index)
                events[session] = queue
                return event
            }
            if queue.contains(where: { $0["method"] as? String == "Inspector.targetCrashed" }) {
                throw Failure(message: "het tabblad van Chromium is vastgelopen")
            }
            if let closed { throw Failure(message: closed) }
            if !condition.wait(until: deadline) {
                throw Failure(message: "pagina laadt niet binnen \(Int(seconds(timeout))) s")
            }
        }
    }

    private func send(_ bytes: Data) throws(Failure) {
        writeLock.lock()
        defer { writeLock.unlock() }
        let ok = bytes.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                #if canImport(Glibc)
                let n = Glibc.send(socket, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                #else
                let n = Darwin.send(socket, buffer.baseAddress! + offset, buffer.count - offset, 0)
                #endif
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        if !ok { throw Failure(message: "verbinding met Chromium verbroken: \(String(cString: strerror(errno)))" + browserLog()) }
    }

    /// Reads NUL-terminated messages until the browser closes its end.
    private func readLoop() {
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress!, $0.count, 0) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            var start = pending.count
            pending.append(contentsOf: chunk[0..<n])
            var consumed = 0
            while let end = pending[start...].firstIndex(of: 0) {
                deliver(pending[consumed..<end])
                consumed = end + 1
                start = consumed
            }
            if consumed > 0 { pending.removeSubrange(0..<consumed) }
        }
        condition.lock()
        if closed == nil { closed = "Chromium is onverwacht gestopt" + browserLog() }
        condition.broadcast()
        condition.unlock()
    }

    private func deliver(_ bytes: ArraySlice<UInt8>) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else { return }
        condition.lock()
        defer { condition.unlock() }
        if let id = object["id"] as? Int {
            responses[id] = object
        } else if let method = object["method"] as? String,
                  method == "Page.lifecycleEvent" || method == "Inspector.targetCrashed" {
            // Only what a waiter may ask for; other events are dropped.
            if method == "Page.lifecycleEvent", (object["params"] as? [String: Any])?["name"] as? String != "load" { return }
            events[object["sessionId"] as? String ?? "", default: []].append(object)
        } else {
            return
        }
        condition.broadcast()
    }

    /// The last lines Chromium wrote to stderr, for error messages.
    private func browserLog() -> String {
        guard let data = FileManager.default.contents(atPath: workFolder + "/stderr.txt"), !data.isEmpty else { return "" }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").suffix(5)
        return "\n" + lines.map { "  chromium: " + $0 }.joined(separator: "\n")
    }

    // MARK: stopping

    private let stopped = NSLock()
    private var isStopped = false

    /// Closes the browser (politely, then by force) and removes its
    /// profile. Safe to call more than once.
    func stop() {
        stopped.lock()
        defer { stopped.unlock() }
        guard !isStopped else { return }
        isStopped = true
        condition.lock()
        let running = closed == nil
        condition.unlock()
        if running { _ = try? call("Browser.close", timeout: .seconds(5)) }
        var status: Int32 = 0
        var exited = false
        for _ in 0..<100 {
            if waitpid(pid, &status, WNOHANG) == pid { exited = true; break }
            usleep(20_000)
        }
        kill(-pid, SIGKILL)  // the whole group: renderers, zygotes, GPU helper
        if !exited { _ = waitpid(pid, &status, 0) }
        shutdown(socket, Int32(SHUT_RDWR))
        close(socket)
        if let reader { while !reader.isFinished { usleep(1000) } }
        TreeRemover.remove(workFolder)
    }

    /// Profiles left by a vios that was killed while printing (its
    /// browser stops by itself once the pipe closes).
    private static func removeStaleFolders(in folder: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for entry in entries where entry.hasPrefix("vios-chromium-") {
            let parts = entry.split(separator: "-")
            guard parts.count >= 3, let owner = Int32(parts[2]), owner != getpid() else { continue }
            if kill(owner, 0) != 0 && errno == ESRCH { TreeRemover.remove(folder + "/" + entry) }
        }
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// Work queue and result slots shared by the printing threads.
private final class PrintResults: @unchecked Sendable {
    // @unchecked: every member is guarded by `lock`.
    private let lock = NSLock()
    private var slots: [Result<[UInt8], ChromiumPrinter.Failure>?]
    private var cursor = 0
    private var failure: String?

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// The next page to print, or nil when all are taken or one failed.
    func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard failure == nil, cursor < slots.count else { return nil }
        cursor += 1
        return cursor - 1
    }

    func set(_ index: Int, _ value: Result<[UInt8], ChromiumPrinter.Failure>) {
        lock.lock(); defer { lock.unlock() }
        slots[index] = value
    }

    func fail(_ message: String) {
        lock.lock(); defer { lock.unlock() }
        if failure == nil { failure = message }
    }

    func values() -> Result<[[UInt8]], ChromiumPrinter.Failure> {
        lock.lock(); defer { lock.unlock() }
        if let failure { return .failure(ChromiumPrinter.Failure(message: failure)) }
        var out: [[UInt8]] = []
        for slot in slots {
            switch slot {
            case .success(let bytes): out.append(bytes)
            case .failure(let error): return .failure(error)
            case nil: return .failure(ChromiumPrinter.Failure(message: "niet alle factsheets zijn geprint"))
            }
        }
        return .success(out)
    }
}
