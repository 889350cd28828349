import Testing
import VIOSCore

/// `parallelMap` writes each result into its place in the new array from
/// several threads: order, count and the values' lifetimes must be those
/// of `map`.
@Suite struct ParallelTests {
    /// A class, so that a result copied, dropped or released twice shows.
    final class Box: Sendable {
        let value: String
        init(_ value: String) { self.value = value }
    }

    @Test func resultsInInputOrder() {
        for count in [0, 1, 2, 3, 17, 1000, 10_007] {
            let input = Array(0..<count)
            let output = input.parallelMap { i in (Box("n\(i)"), [i, i * 2]) }
            #expect(output.count == count)
            #expect(output.map(\.0.value) == input.map { "n\($0)" })
            #expect(output.map(\.1) == input.map { [$0, $0 * 2] })
        }
    }

    /// Nothing leaked (a result still referenced elsewhere) and nothing
    /// released early (the array's values all readable until it goes).
    @Test func resultsLiveExactlyAsLongAsTheArray() {
        weak var first: Box?
        do {
            let output = Array(0..<500).parallelMap { Box("\($0)") }
            first = output[0]
            #expect(first != nil)
            #expect(output.map(\.value) == (0..<500).map { "\($0)" })
        }
        #expect(first == nil)
    }

    @Test func unzippedResultsInInputOrder() {
        for count in [0, 1, 2, 3, 17, 1000, 10_007] {
            let input = Array(0..<count)
            let (boxes, lists) = input.parallelMapUnzipped { i in (Box("n\(i)"), [i, i * 2]) }
            #expect(boxes.count == count && lists.count == count)
            #expect(boxes.map(\.value) == input.map { "n\($0)" })
            #expect(lists == input.map { [$0, $0 * 2] })
        }
    }

    @Test func unzippedResultsLiveExactlyAsLongAsTheirArrays() {
        weak var first: Box?, second: Box?
        do {
            let (firsts, seconds) = Array(0..<500).parallelMapUnzipped { (Box("a\($0)"), Box("b\($0)")) }
            first = firsts[0]
            second = seconds[499]
            #expect(firsts.map(\.value) == (0..<500).map { "a\($0)" })
            #expect(seconds.map(\.value) == (0..<500).map { "b\($0)" })
        }
        #expect(first == nil && second == nil)
    }

    /// Tests never enable skipping teardown: `keep` then holds nothing,
    /// and a long-running process (`vios serve`) frees what it built.
    @Test func teardownKeepsNothingUnlessSkipped() {
        #expect(!ProcessTeardown.isSkipped)
        weak var kept: Box?
        do {
            let box = Box("x")
            kept = box
            ProcessTeardown.keep(box)
        }
        #expect(kept == nil)
    }
}
