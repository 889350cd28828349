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

/// Pages are rendered in path order, except that a school's factsheet
/// follows its school's page (they share their values).
@Suite struct RenderingOrderTests {
    @Test func factsheetsFollowTheirSchoolsPageAndNothingIsLost() {
        let jobs = [
            PageJob(path: "factsheets/a.html", kind: .factsheet(0)),
            PageJob(path: "factsheets/b.html", kind: .factsheet(1)),
            PageJob(path: "factsheets/c.html", kind: .factsheet(2)),
            PageJob(path: "handreikingen/x/index.html", kind: .document(0)),
            PageJob(path: "scholen/a/incidentprotocol/index.html", kind: .document(1)),
            PageJob(path: "scholen/a/index.html", kind: .school(0)),
            PageJob(path: "scholen/a/veiligheidsplan/index.html", kind: .document(2)),
            PageJob(path: "scholen/b/index.html", kind: .school(1)),
        ]
        let order = PageJob.renderingOrder(Array(jobs.indices), of: jobs)
        #expect(order.map { jobs[$0].path } == [
            "handreikingen/x/index.html", "scholen/a/incidentprotocol/index.html", "scholen/a/index.html",
            "factsheets/a.html", "scholen/a/veiligheidsplan/index.html", "scholen/b/index.html", "factsheets/b.html",
            // No school page for c: its factsheet still comes, last.
            "factsheets/c.html",
        ])
        #expect(order.sorted() == Array(jobs.indices))
        // Only the indices given are ordered.
        #expect(PageJob.renderingOrder([0, 5], of: jobs) == [5, 0])
    }
}
