import Foundation
import Synchronization

/// A small HTTP/1.1 server over POSIX sockets: one thread accepts, one
/// thread per connection (a browser opens a handful), keep-alive, GET and
/// HEAD only. Long-lived event streams are handed to `EventStream`. Enough
/// for a preview on the author's own machine, with no dependency to build.
final class HTTPServer: Sendable {
    typealias Handler = @Sendable (HTTPRequest) -> HTTPResponse

    let port: Int
    private let listener: Int32
    private let handler: Handler
    let events: EventStream
    private let generation: @Sendable () -> Int
    private let stopped = Atomic<Bool>(false)
    private let connections = Mutex<Set<Int32>>([])
    private let acceptDone = Mutex<Bool>(false)
    private let accepting = Atomic<Bool>(false)

    /// The most connections served at once; more are closed at once.
    static let maxConnections = 256
    /// Largest request head accepted.
    static let maxHead = 32 * 1024
    /// Idle keep-alive connections are closed after this many seconds.
    static let idleSeconds = 15

    init(host: String, port: Int, events: EventStream, generation: @escaping @Sendable () -> Int,
         handler: @escaping Handler) throws(ServeError) {
        let (fd, bound) = try Socket.listen(host: host, port: port)
        self.listener = fd
        self.port = bound
        self.events = events
        self.generation = generation
        self.handler = handler
    }

    func start() {
        accepting.store(true, ordering: .sequentiallyConsistent)
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "vios-serve-accept"
        thread.start()
    }

    /// Stops accepting, closes every connection; returns when the accept
    /// loop has ended.
    func stop() {
        guard !stopped.exchange(true, ordering: .sequentiallyConsistent) else { return }
        if accepting.load(ordering: .sequentiallyConsistent) {
            // The accept loop looks at `stopped` every 100 ms.
            for _ in 0..<50 where !acceptDone.withLock({ $0 }) { usleep(10_000) }
        }
        close(listener)
        connections.withLock { set in
            for fd in set { shutdown(fd, Int32(SHUT_RDWR)) }
        }
        events.closeAll()
    }

    private func acceptLoop() {
        defer { acceptDone.withLock { $0 = true } }
        while !stopped.load(ordering: .sequentiallyConsistent) {
            guard Socket.waitReadable(listener, milliseconds: 100) else { continue }
            let fd = accept(listener, nil, nil)
            guard fd >= 0 else { continue }
            let admitted = connections.withLock { set -> Bool in
                guard set.count < Self.maxConnections else { return false }
                set.insert(fd)
                return true
            }
            guard admitted else { Socket.closeQuietly(fd); continue }
            Socket.setTimeouts(fd, receive: Self.idleSeconds, send: 10)
            let thread = Thread { [self] in serve(fd) }
            thread.name = "vios-serve-connection"
            thread.start()
        }
    }

    private func serve(_ fd: Int32) {
        var keepSocket = false
        defer {
            connections.withLock { _ = $0.remove(fd) }
            if !keepSocket { Socket.closeQuietly(fd) }
        }
        var buffer: [UInt8] = []
        while !stopped.load(ordering: .relaxed) {
            guard let end = Self.readHead(fd, into: &buffer) else { return }
            guard end >= 0 else {
                Socket.sendAll(fd, HTTPResponse.text(431, "Verzoek te groot.\n").head(keepAlive: false))
                return
            }
            let head = buffer[..<end]
            let request: HTTPRequest
            do {
                request = try HTTPRequest.parse(head: head)
            } catch {
                let status = error == .unsupportedVersion ? 505 : 400
                let response = HTTPResponse.text(status, "Ongeldig verzoek.\n")
                Socket.sendAll(fd, response.head(keepAlive: false) + response.body)
                return
            }
            buffer.removeFirst(min(buffer.count, end + 4))
            // Bodies are not used (GET and HEAD only): read past a small one,
            // refuse a large one.
            var bodyLeft = request.contentLength
            if bodyLeft > 1 << 20 || request.header("transfer-encoding") != nil {
                let response = HTTPResponse.text(413, "Verzoek met inhoud wordt niet ondersteund.\n")
                Socket.sendAll(fd, response.head(keepAlive: false) + response.body)
                return
            }
            let fromBuffer = min(bodyLeft, buffer.count)
            buffer.removeFirst(fromBuffer)
            bodyLeft -= fromBuffer
            while bodyLeft > 0 {
                guard let chunk = Socket.receive(fd, count: min(bodyLeft, 65536)) else { return }
                bodyLeft -= chunk.count
            }

            let response = handler(request)
            if response.isEventStream && request.method == "GET" {
                guard Socket.sendAll(fd, response.head(keepAlive: true)) else { return }
                // The socket now belongs to the event stream.
                Socket.setTimeouts(fd, receive: 0, send: 2)
                connections.withLock { _ = $0.remove(fd) }
                events.adopt(fd, generation: generation)
                keepSocket = true
                return
            }
            let keepAlive = request.keepAlive
            let bytes = response.head(keepAlive: keepAlive) + (request.method == "HEAD" ? [] : response.body)
            guard Socket.sendAll(fd, bytes), keepAlive else { return }
        }
    }

    /// Reads until a complete request head is in `buffer`; returns the index
    /// of its blank line, -1 when it grows too large, nil when the peer
    /// closed or went quiet.
    static func readHead(_ fd: Int32, into buffer: inout [UInt8]) -> Int? {
        var searchFrom = 0
        while true {
            if let end = headEnd(buffer, from: searchFrom) { return end }
            if buffer.count > maxHead { return -1 }
            searchFrom = max(0, buffer.count - 3)
            guard let chunk = Socket.receive(fd) else { return nil }
            buffer += chunk
        }
    }

    /// Index of the `\r\n\r\n` that ends a head.
    static func headEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= 4 else { return nil }
        var i = start
        while i + 3 < bytes.count {
            if bytes[i] == 13, bytes[i + 1] == 10, bytes[i + 2] == 13, bytes[i + 3] == 10 { return i }
            i += 1
        }
        return nil
    }
}
