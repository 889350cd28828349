import Testing
@testable import VIOSCore

/// The caret display's line lookup: the same lines a text editor shows.
struct LazyLinesTests {
    func lines(_ text: String) -> LazyLines { LazyLines(Array(text.utf8)) }

    @Test func findsLinesInAnyOrder() {
        var source = lines("---\ntype: veiligheidsplan\nnaam: De Linde\n---\n")
        #expect(source.line(3) == "naam: De Linde")
        #expect(source.line(1) == "---")
        #expect(source.line(2) == "type: veiligheidsplan")
        #expect(source.line(5) == "")
        #expect(source.line(6) == nil)
        #expect(source.line(0) == nil)
    }

    @Test func lastLineWithoutNewline() {
        var source = lines("a\nb")
        #expect(source.line(2) == "b")
        #expect(source.line(3) == nil)
        var empty = lines("")
        #expect(empty.line(1) == "")
        #expect(empty.line(2) == nil)
    }

    @Test func windowsLineEndsAndByteOrderMark() {
        var source = lines("\u{FEFF}---\r\ntitel: Één\r\n\r\n")
        #expect(source.line(1) == "---")
        #expect(source.line(2) == "titel: Één")
        #expect(source.line(3) == "")
        #expect(source.line(4) == "")
    }

    @Test func invalidUTF8IsRepairedPerLine() {
        var source = LazyLines([0x61, 0xFF, 0x0A, 0x62])
        #expect(source.line(1) == "a\u{FFFD}")
        #expect(source.line(2) == "b")
    }
}
