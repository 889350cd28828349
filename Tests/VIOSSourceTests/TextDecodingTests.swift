import Testing
import VIOSCore
@testable import VIOSSource

@Suite struct TextDecodingTests {
    @Test func plainUTF8IsUnchanged() throws {
        #expect(try TextDecoding.decode(Array("a\nb é\n".utf8)).get() == "a\nb é\n")
    }

    @Test func bomIsDropped() throws {
        #expect(try TextDecoding.decode([0xEF, 0xBB, 0xBF] + Array("---\n".utf8)).get() == "---\n")
    }

    @Test func crlfBecomesLFButALoneCRStays() throws {
        #expect(try TextDecoding.decode(Array("a\r\nb\r\n\r\nc\rd\r".utf8)).get() == "a\nb\n\nc\rd\r")
    }

    @Test func invalidByteIsReportedAtItsLineAndCharacterColumn() {
        // Line 2 holds "é€" (5 bytes, 2 characters) before the bad byte.
        let bytes = Array("eerste\né€".utf8) + [0xFF] + Array("rest".utf8)
        #expect(TextDecoding.decode(bytes) == .failure(.invalidUTF8(line: 2, column: 3, offset: 12)))
    }

    @Test func invalidByteAfterBOMAndCRLFCountsLinesTheSame() {
        let bytes = [0xEF, 0xBB, 0xBF] + Array("a\r\nb\r\nxy".utf8) + [0xC0, 0x80]
        // Offset counts file bytes, BOM included: 3 + 8.
        #expect(TextDecoding.decode(bytes) == .failure(.invalidUTF8(line: 3, column: 3, offset: 11)))
    }

    @Test func overlongAndSurrogateEncodingsAreInvalid() {
        #expect(TextDecoding.decode([0x61, 0xC0, 0xAF]) == .failure(.invalidUTF8(line: 1, column: 2, offset: 1)))
        #expect(TextDecoding.decode([0xED, 0xA0, 0x80]) == .failure(.invalidUTF8(line: 1, column: 1, offset: 0)))
    }

    @Test func truncatedSequenceAtTheEndIsInvalid() {
        #expect(TextDecoding.decode(Array("ab".utf8) + [0xE2, 0x82]) == .failure(.invalidUTF8(line: 1, column: 3, offset: 2)))
    }

    @Test func utf16FileIsInvalidAtItsFirstByte() {
        #expect(TextDecoding.decode([0xFF, 0xFE, 0x2D, 0x00]) == .failure(.invalidUTF8(line: 1, column: 1, offset: 0)))
    }

    @Test func aBOMInTheMiddleIsText() throws {
        #expect(try TextDecoding.decode(Array("a".utf8) + [0xEF, 0xBB, 0xBF]).get() == "a\u{FEFF}")
    }
}

@Suite struct FrontmatterTests {
    @Test func splitsYAMLAndBodyWithTheirLines() throws {
        let text = "---\ntype: gemeente\nnaam: Arnhem\n---\n\n## Aanpak\n"
        let split = try Frontmatter.split(text).get()
        #expect(split.yaml == "type: gemeente\nnaam: Arnhem\n")
        #expect(split.yamlFirstLine == 2)
        #expect(split.body == "\n## Aanpak\n")
        #expect(split.bodyFirstLine == 5)
    }

    @Test func fileEndingRightAfterTheClosingFence() throws {
        let split = try Frontmatter.split("---\na: 1\n---").get()
        #expect(split.yaml == "a: 1\n")
        #expect(split.body == "")
        #expect(split.bodyFirstLine == 4)
    }

    @Test func emptyFrontmatter() throws {
        let split = try Frontmatter.split("---\n---\nTekst\n").get()
        #expect(split.yaml == "")
        #expect(split.bodyFirstLine == 3)
    }

    @Test func fencesWithTrailingSpacesAreFences() throws {
        let split = try Frontmatter.split("---  \na: 1\n---\t \nTekst\n").get()
        #expect(split.yaml == "a: 1\n")
        #expect(split.body == "Tekst\n")
        #expect(split.bodyFirstLine == 4)
    }

    @Test func missingOpeningFence() {
        #expect(Frontmatter.split("type: gemeente\n---\n") == .failure(.missingOpening))
        #expect(Frontmatter.split("") == .failure(.missingOpening))
        #expect(Frontmatter.split(" ---\na: 1\n---\n") == .failure(.missingOpening))
        #expect(Frontmatter.split("----\na: 1\n----\n") == .failure(.missingOpening))
        #expect(Frontmatter.split("--- a\na: 1\n---\n") == .failure(.missingOpening))
    }

    @Test func unclosedFrontmatter() {
        #expect(Frontmatter.split("---\na: 1\n") == .failure(.unclosed))
        #expect(Frontmatter.split("---") == .failure(.unclosed))
        #expect(Frontmatter.split("---\na: 1\n----\n -- -\n") == .failure(.unclosed))
    }

    @Test func onlyTheFirstClosingFenceCounts() throws {
        let split = try Frontmatter.split("---\na: 1\n---\n\n---\n\nTekst\n").get()
        #expect(split.yaml == "a: 1\n")
        #expect(split.body == "\n---\n\nTekst\n")
    }

    @Test func aLoneCRIsNotALineBreak() {
        #expect(Frontmatter.split("---\ra: 1\n---\n") == .failure(.missingOpening))
    }
}
