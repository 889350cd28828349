import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// Order-preserving map over all cores. Each result is written straight
    /// into its place in the new array by exactly one iteration, so the
    /// shared buffer needs no lock, and no result is copied afterwards (a
    /// copy retains every part of, say, a document: 15,000 of them nationally).
    ///
    /// Elements are handed out in chunks, an eighth of each core's share
    /// by default; `chunkSize` makes them smaller where elements differ
    /// much in cost, so that no core is left finishing a long chunk alone.
    public func parallelMap<T: Sendable>(chunkSize: Int? = nil, _ transform: @Sendable (Element) -> T) -> [T] {
        if count < 2 { return map(transform) }
        let count = count
        let chunk = Swift.max(1, chunkSize ?? count / (ProcessInfo.processInfo.activeProcessorCount * 8))
        let chunks = (count + chunk - 1) / chunk
        return withUnsafeBufferPointer { input in
            nonisolated(unsafe) let input = input
            return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                nonisolated(unsafe) let output = buffer.baseAddress!
                DispatchQueue.concurrentPerform(iterations: chunks) { c in
                    let end = Swift.min(count, (c + 1) * chunk)
                    for i in (c * chunk)..<end { (output + i).initialize(to: transform(input[i])) }
                }
                initialized = count
            }
        }
    }
}

extension Array where Element: Sendable {
    /// `parallelMap` for a transform with two results, kept apart: each
    /// goes straight into its own array, where unzipping an array of pairs
    /// would copy (and retain every part of) each first result.
    public func parallelMapUnzipped<A: Sendable, B: Sendable>(_ transform: @Sendable (Element) -> (A, B)) -> ([A], [B]) {
        let count = count
        let chunk = Swift.max(1, count / (ProcessInfo.processInfo.activeProcessorCount * 8))
        let chunks = (count + chunk - 1) / chunk
        var second: [B] = []
        let first = withUnsafeBufferPointer { input in
            nonisolated(unsafe) let input = input
            return [A](unsafeUninitializedCapacity: count) { firstBuffer, firstInitialized in
                nonisolated(unsafe) let firsts = firstBuffer.baseAddress
                second = [B](unsafeUninitializedCapacity: count) { secondBuffer, secondInitialized in
                    nonisolated(unsafe) let seconds = secondBuffer.baseAddress
                    DispatchQueue.concurrentPerform(iterations: chunks) { c in
                        let end = Swift.min(count, (c + 1) * chunk)
                        for i in (c * chunk)..<end {
                            let (a, b) = transform(input[i])
                            (firsts! + i).initialize(to: a)
                            (seconds! + i).initialize(to: b)
                        }
                    }
                    secondInitialized = count
                }
                firstInitialized = count
            }
        }
        return (first, second)
    }
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
