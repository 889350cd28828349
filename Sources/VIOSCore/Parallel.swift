import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// Order-preserving map over all cores. Each slot of the result is
    /// written by exactly one iteration, so the shared buffer needs no lock.
    public func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        if count < 2 { return map(transform) }
        let box = ResultSlots<T>(count: count)
        let chunk = Swift.max(1, count / (ProcessInfo.processInfo.activeProcessorCount * 8))
        let chunks = (count + chunk - 1) / chunk
        self.withUnsafeBufferPointer { input in
            nonisolated(unsafe) let input = input
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                let end = Swift.min(count, (c + 1) * chunk)
                for i in (c * chunk)..<end { box.set(i, transform(input[i])) }
            }
        }
        return box.values()
    }
}

/// Disjoint-index writes from `concurrentPerform`; `@unchecked` because
/// every index is written once by one thread and read only after the join.
private final class ResultSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<T?>
    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }
    deinit {
        slots.deinitialize()
        slots.deallocate()
    }
    func set(_ index: Int, _ value: T) { slots[index] = value }
    func values() -> [T] { slots.map { $0! } }
}

/// Work started on another thread now and collected later: `value()`
/// waits for it. For independent stages that would otherwise run one after
/// the other on one core (templates load while documents are checked).
public final class Background<T: Sendable>: @unchecked Sendable {
    // @unchecked: `result` is written once before `done` is signalled and
    // read only after waiting for it.
    private let done = DispatchSemaphore(value: 0)
    private var result: T?

    public init(_ work: @escaping @Sendable () -> T) {
        DispatchQueue.global(qos: .userInitiated).async {
            self.result = work()
            self.done.signal()
        }
    }

    public func value() -> T {
        done.wait()
        done.signal()
        return result!
    }
}
