import Testing
@testable import VIOSSite

/// Values shared by a school's pages are made once and dropped after
/// their last expected use.
@Suite struct ValuesMemoTests {
    final class Counter: @unchecked Sendable { var made = 0 }

    @Test func valuesAreMadeOnceForTheirUsesThenDropped() {
        let memo = ValuesMemo()
        let counter = Counter()
        let key = ValuesMemo.Key(index: 7, other: 2)
        func ask() -> [String: Any] {
            memo.values(key, uses: 3) { counter.made += 1; return ["title": "Plan \(counter.made)"] }
        }
        // Three pages share one making.
        #expect((0..<3).map { _ in ask()["title"] as? String } == ["Plan 1", "Plan 1", "Plan 1"])
        #expect(counter.made == 1)
        // After the last expected use nothing is kept: a fourth ask makes them again.
        #expect(ask()["title"] as? String == "Plan 2")
        #expect(counter.made == 2)
    }

    @Test func valuesUsedOnceAreNeverKept() {
        let memo = ValuesMemo()
        let counter = Counter()
        for _ in 0..<2 {
            _ = memo.values(.init(index: 1, other: -1), uses: 1) { counter.made += 1; return [:] }
        }
        #expect(counter.made == 2)
    }

    @Test func keysKeepValuesApart() {
        let memo = ValuesMemo()
        let a = memo.values(.init(index: 1, other: 1), uses: 2) { ["n": 1] }
        let b = memo.values(.init(index: 1, other: 2), uses: 2) { ["n": 2] }
        #expect(a["n"] as? Int == 1 && b["n"] as? Int == 2)
        #expect(memo.values(.init(index: 1, other: 1), uses: 2) { ["n": 3] }["n"] as? Int == 1)
    }
}
