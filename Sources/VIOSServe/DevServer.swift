import Foundation
import Synchronization
import VIOSCore
import VIOSSite
import VIOSSource

/// `vios serve`: build into a private folder, serve it, watch `Content/`
/// and `Templates/`, rebuild on change and tell open pages to reload. A
/// failed build never replaces the served site: its diagnostics go to the
/// terminal (through `onEvent`) and, as an overlay, into every served page.
public final class DevServer: Sendable {
    public struct Configuration: Sendable {
        /// Absolute site root.
        public var root: String
        public var host: String
        /// 0 picks a free port.
        public var port: Int
        /// Absolute folder the site is built into and served from.
        public var output: String
        public var today: CalendarDate
        public var drafts: Bool
        public var strict: Bool
        /// Seconds between two looks at the watched folders.
        public var pollInterval: Double
        public var watched: [String]

        public init(root: String, host: String = "127.0.0.1", port: Int = 8000, output: String,
                    today: CalendarDate, drafts: Bool = false, strict: Bool = false,
                    pollInterval: Double = 0.1, watched: [String] = ["Content", "Templates"]) {
            self.root = root; self.host = host; self.port = port; self.output = output; self.today = today
            self.drafts = drafts; self.strict = strict; self.pollInterval = pollInterval; self.watched = watched
        }
    }

    /// What a good build reports.
    public struct BuildSummary: Sendable, Equatable {
        public var documents: Int
        public var files: Int
        /// Warnings (a good build has no errors).
        public var diagnostics: [Diagnostic]
        /// HTML pages, and how many this build rendered (nil: unknown).
        public var pages: Int?
        public var pagesRendered: Int?

        public init(documents: Int, files: Int, diagnostics: [Diagnostic] = [], pages: Int? = nil, pagesRendered: Int? = nil) {
            self.documents = documents; self.files = files; self.diagnostics = diagnostics
            self.pages = pages; self.pagesRendered = pagesRendered
        }
    }

    /// One build into `options.output`. The default is `SiteBuilder.build`;
    /// tests pass their own.
    public typealias Builder = @Sendable (BuildOptions) -> Result<BuildSummary, BuildProblem>

    /// What the command prints.
    public enum Event: Sendable {
        case rebuilding(changed: [String])
        case built(BuildSummary, seconds: Double, changed: [String])
        case failed(BuildProblem, seconds: Double, changed: [String])
    }

    /// `vios build`'s renderer, as a `Builder`.
    public static let siteBuilder: Builder = { options in
        do {
            let result = try SiteBuilder.build(options)
            return .success(BuildSummary(documents: result.documentsChecked, files: result.filesWritten,
                                         diagnostics: result.site.diagnostics, pages: result.pages,
                                         pagesRendered: result.pagesRendered))
        } catch let error as BuildError {
            switch error {
            case .content(let site):
                return .failure(BuildProblem(kind: .content, diagnostics: site.diagnostics, documents: site.documents.count))
            case .templates(let diagnostics):
                return .failure(BuildProblem(kind: .templates, diagnostics: diagnostics))
            case .failure(let message):
                return .failure(BuildProblem(kind: .failure, message: message))
            }
        } catch {
            return .failure(BuildProblem(kind: .failure, message: "\(error)"))
        }
    }

    public let configuration: Configuration
    private let builder: Builder
    private let onEvent: @Sendable (Event) -> Void
    private let state = PreviewStore()
    /// Unchanged documents are not parsed again on a rebuild.
    private let parseCache = ParseCache()
    private let events = EventStream()
    private let server: HTTPServer
    private let stopped = Atomic<Bool>(false)
    private let watching = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private let watcherDone = DispatchSemaphore(value: 0)
    private let firstBuild = DispatchSemaphore(value: 0)

    /// Binds the port at once, so a port in use fails before any build.
    public init(_ configuration: Configuration, builder: @escaping Builder = DevServer.siteBuilder,
                onEvent: @escaping @Sendable (Event) -> Void) throws(ServeError) {
        self.configuration = configuration
        self.builder = builder
        self.onEvent = onEvent
        let state = self.state
        let resolver = PathResolver(root: configuration.output)
        let generation: @Sendable () -> Int = { state.read().generation }
        server = try HTTPServer(host: configuration.host, port: configuration.port, events: events,
                                generation: generation) { request in
            PreviewResponder.respond(to: request, state: state.read(), resolver: resolver)
        }
    }

    public var port: Int { server.port }

    /// The address to open, e.g. `http://127.0.0.1:8000/`.
    public var url: String {
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        return "http://\(host):\(server.port)/"
    }

    public var currentState: PreviewState { state.read() }

    /// Serves (requests wait for the first build on a short page), runs the
    /// first build, then watches. Returns after the first build, or as soon
    /// as `stop()` is called during it.
    public func start() {
        server.start()
        watching.store(true, ordering: .sequentiallyConsistent)
        let thread = Thread { [self] in
            let snapshot = FolderSnapshot.take(root: configuration.root, folders: configuration.watched)
            build(changed: [])
            firstBuild.signal()
            watch(from: snapshot)
            watcherDone.signal()
        }
        thread.name = "vios-serve-watch"
        thread.start()
        firstBuild.wait()
        firstBuild.signal()
    }

    public var isStopped: Bool { stopped.load(ordering: .sequentiallyConsistent) }

    /// Ends serving at once and watching within a poll; safe to call from a
    /// signal handler's queue and more than once. A build still running
    /// after a second is abandoned: the next build clears its temporary
    /// folder (the build writes beside the served folder, then swaps).
    public func stop() {
        guard !stopped.exchange(true, ordering: .sequentiallyConsistent) else { return }
        server.stop()
        firstBuild.signal()
        if watching.load(ordering: .sequentiallyConsistent) {
            _ = watcherDone.wait(timeout: .now() + 1)
        }
        finished.signal()
    }

    /// Blocks until `stop()` has finished.
    public func waitUntilStopped() {
        finished.wait()
        finished.signal()
    }

    // MARK: Watching

    private func watch(from start: FolderSnapshot) {
        var snapshot = start
        var lastMaintenance = Date()
        var lastHeartbeat = Date()
        while !stopped.load(ordering: .relaxed) {
            Thread.sleep(forTimeInterval: configuration.pollInterval)
            if stopped.load(ordering: .relaxed) { break }
            var current = FolderSnapshot.take(root: configuration.root, folders: configuration.watched)
            var changed = current.changes(since: snapshot)
            if changed.isEmpty {
                if Date().timeIntervalSince(lastMaintenance) > 1 {
                    events.pruneClosed()
                    lastMaintenance = Date()
                }
                if Date().timeIntervalSince(lastHeartbeat) > 15 {
                    events.heartbeat()
                    lastHeartbeat = Date()
                }
                continue
            }
            // An editor may still be writing: wait until two looks agree.
            for _ in 0..<10 {
                Thread.sleep(forTimeInterval: 0.03)
                let again = FolderSnapshot.take(root: configuration.root, folders: configuration.watched)
                if again == current { break }
                changed = Array(Set(changed + again.changes(since: current))).sorted()
                current = again
            }
            snapshot = current
            onEvent(.rebuilding(changed: changed))
            build(changed: changed)
        }
    }

    // MARK: Building

    private func build(changed: [String]) {
        var options = BuildOptions(root: configuration.root, output: configuration.output, today: configuration.today,
                                   drafts: configuration.drafts, strict: configuration.strict)
        options.parseCache = parseCache
        let started = Date()
        let problem: BuildProblem
        switch builder(options) {
        case .success(let summary):
            let seconds = Date().timeIntervalSince(started)
            let generation = state.update { state -> Int in
                state.hasSite = true
                state.problem = nil
                state.overlay = nil
                state.generation += 1
                return state.generation
            }
            onEvent(.built(summary, seconds: seconds, changed: changed))
            events.send(event: "reload", data: String(generation))
            return
        case .failure(let failure):
            problem = failure
        }
        let seconds = Date().timeIntervalSince(started)
        let lines = SourceLines(root: configuration.root)
        let hasSite = state.read().hasSite
        let overlay = ErrorOverlay.fragment(problem, hasGoodSite: hasSite) { lines.line(file: $0, number: $1) }
        let generation = state.update { state -> Int in
            state.problem = problem
            state.overlay = overlay
            state.generation += 1
            return state.generation
        }
        onEvent(.failed(problem, seconds: seconds, changed: changed))
        events.send(event: "reload", data: String(generation))
    }
}

/// The preview state, shared by the builder and every connection thread.
final class PreviewStore: Sendable {
    private let mutex = Mutex(PreviewState())

    func read() -> PreviewState { mutex.withLock { $0 } }

    func update<T>(_ body: (inout PreviewState) -> T) -> T {
        mutex.withLock { body(&$0) }
    }
}

/// Source lines for the overlay, read from the file under the root as it
/// is now (BOM dropped, CRLF accepted), each file once.
final class SourceLines {
    private let root: String
    private var files: [String: [Substring]] = [:]

    init(root: String) { self.root = root }

    func line(file: String, number: Int) -> String? {
        if files[file] == nil {
            guard !file.split(separator: "/").contains(".."),
                  let data = FileManager.default.contents(atPath: root + "/" + file) else { return nil }
            var text = String(decoding: data, as: UTF8.self)
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            files[file] = text.split(separator: "\n", omittingEmptySubsequences: false).map {
                $0.hasSuffix("\r") ? $0.dropLast() : $0
            }
        }
        guard let lines = files[file], number >= 1, number <= lines.count else { return nil }
        return String(lines[number - 1])
    }
}
