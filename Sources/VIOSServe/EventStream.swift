import Synchronization

/// The open `/__vios/events` connections (Server-Sent Events). Each holds
/// its socket until the page goes away; writes that fail drop the client.
final class EventStream: Sendable {
    private let clients = Mutex<[Int32]>([])

    var count: Int { clients.withLock { $0.count } }

    /// Takes over `fd` (the response head is already sent): greets it with
    /// the current build generation, read under the same lock a broadcast
    /// takes, so a client never misses the reload that follows.
    func adopt(_ fd: Int32, generation: @Sendable () -> Int) {
        clients.withLock { list in
            let hello = "retry: 500\nevent: hello\ndata: \(generation())\n\n"
            if Socket.sendAll(fd, Array(hello.utf8)) {
                list.append(fd)
            } else {
                Socket.closeQuietly(fd)
            }
        }
    }

    /// One event to every client.
    func send(event: String, data: String) {
        write(Array("event: \(event)\ndata: \(data)\n\n".utf8))
    }

    /// A comment line: keeps idle connections open through proxies and
    /// finds clients that left.
    func heartbeat() { write(Array(": ping\n\n".utf8)) }

    /// Closes the connections whose pages are gone.
    func pruneClosed() {
        clients.withLock { list in
            list.removeAll { fd in
                guard Socket.peerClosed(fd) else { return false }
                Socket.closeQuietly(fd)
                return true
            }
        }
    }

    func closeAll() {
        clients.withLock { list in
            for fd in list { Socket.closeQuietly(fd) }
            list.removeAll()
        }
    }

    private func write(_ bytes: [UInt8]) {
        clients.withLock { list in
            list.removeAll { fd in
                if Socket.sendAll(fd, bytes) { return false }
                Socket.closeQuietly(fd)
                return true
            }
        }
    }
}
