import Synchronization

/// Progress lines ("pagina's schrijven 500/1810") from many threads, at
/// most four a second; nothing at all for builds faster than that.
final class Progress: Sendable {
    private let callback: (@Sendable (String) -> Void)?
    private let done = Atomic<Int>(0)
    private let last: Mutex<ContinuousClock.Instant>

    init(_ callback: (@Sendable (String) -> Void)?, since start: ContinuousClock.Instant) {
        self.callback = callback
        last = Mutex(start)
    }

    func step(_ label: String, total: Int) {
        let n = done.add(1, ordering: .relaxed).newValue
        guard let callback, n % 16 == 0 || n == total else { return }
        let now = ContinuousClock.now
        let due = last.withLock { last -> Bool in
            guard now - last >= .milliseconds(250) else { return false }
            last = now
            return true
        }
        if due { callback("\(label) \(n)/\(total)") }
    }

    func reset() { done.store(0, ordering: .relaxed) }

    /// A stage line, only once the build has been running a while.
    func note(_ line: String) {
        guard let callback else { return }
        let now = ContinuousClock.now
        let due = last.withLock { last -> Bool in
            guard now - last >= .milliseconds(250) else { return false }
            last = now
            return true
        }
        if due { callback(line) }
    }
}
