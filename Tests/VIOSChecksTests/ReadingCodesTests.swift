import Testing
import VIOSCore
import VIOSSource
@testable import VIOSChecks

/// VIOS101–104: the file cannot be read as frontmatter + body.
@Suite struct ReadingCodesTests {
    let gemeente = Samples.gemeente

    // MARK: VIOS101

    @Test func missingOpeningFenceIs101AtStart() {
        let sample = gemeente.replacing("---\ntype: gemeente", with: "type: gemeente")
        #expect(sample.briefs() == ["VIOS101 error 1:1"])
    }

    @Test func blankLineBeforeFenceIs101() {
        let sample = gemeente.replacing("---\ntype: gemeente", with: "\n---\ntype: gemeente")
        #expect(sample.briefs() == ["VIOS101 error 1:1"])
    }

    @Test func unclosedFrontmatterIs101AtStart() {
        let sample = gemeente.replacing("  toelichting: Scholen met een kernteam.\n---", with: "  toelichting: Scholen met een kernteam.")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS101 error 1:1"])
        #expect(diagnostics.first?.message.contains("niet afgesloten") == true)
    }

    @Test func emptyFileIs101() {
        let sample = Sample(path: gemeente.path, collection: .gemeenten, slug: "arnhem", text: "")
        #expect(sample.briefs() == ["VIOS101 error 1:1"])
    }

    @Test func fencesWithTrailingSpacesAreNot101() {
        let sample = gemeente.replacing("---\ntype: gemeente", with: "---  \ntype: gemeente")
            .replacing("kernteam.\n---\n", with: "kernteam.\n--- \t\n")
        #expect(sample.briefs() == [])
    }

    @Test func fourDashesDoNotCloseTheFrontmatter() {
        let sample = gemeente.replacing("kernteam.\n---\n", with: "kernteam.\n----\n")
        #expect(sample.briefs() == ["VIOS101 error 1:1"])
    }

    // MARK: VIOS102

    @Test func unclosedQuoteIs102AtTheOpeningQuote() {
        let sample = gemeente.replacing("naam: Arnhem", with: "naam: \"Arnhem")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS102 error \(sample.pos("\"Arnhem"))"])
        #expect(sample.pos("\"Arnhem") == "4:7")
    }

    @Test func unclosedSingleQuoteIs102AtTheOpeningQuote() {
        let sample = gemeente.replacing("fase: uitvoering", with: "fase: 'uitvoering")
        #expect(sample.briefs() == ["VIOS102 error \(sample.pos("'uitvoering"))"])
    }

    @Test func colonInPlainValueIs102AtTheColon() {
        let sample = gemeente.replacing("naam: Arnhem", with: "naam: Arnhem: Gelderland")
        #expect(sample.briefs() == ["VIOS102 error \(sample.pos(": Gelderland"))"])
    }

    @Test func tabIndentationIs102AtTheTab() {
        let sample = gemeente.replacing("  po: 10", with: "\tpo: 10")
        #expect(sample.briefs() == ["VIOS102 error \(sample.pos("\tpo"))"])
    }

    @Test func unclosedFlowListIs102() {
        let sample = gemeente.replacing("elementen: [schoolveiligheidsplan, kernteam, signaleringsoverleg]",
                                        with: "elementen: [schoolveiligheidsplan, kernteam, signaleringsoverleg")
        // Like an unclosed quote: the bracket left open is the place to fix.
        #expect(sample.briefs() == ["VIOS102 error \(sample.pos("[schoolveiligheidsplan"))"])
    }

    @Test func strayBracketIs102AtTheBracket() {
        let sample = gemeente.replacing("signaleringsoverleg]", with: "signaleringsoverleg]]")
        #expect(sample.pos("]]") == "7:65")
        #expect(sample.briefs() == ["VIOS102 error 7:66"])
    }

    @Test func duplicateKeyIs102AtTheSecondOccurrence() {
        let sample = gemeente.inserting("naam: Arnhem-Zuid", after: "fase: uitvoering")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS102 error \(sample.pos("naam: Arnhem-Zuid"))"])
        #expect(diagnostics.first?.message == "frontmatter is geen geldige YAML: dubbel veld: naam (eerder op regel 4)")
    }

    @Test func duplicateKeyInAListItemIs102AtTheSecondOccurrence() {
        let twice = Samples.plan.inserting("    naam: Bert Bakker", after: "email: a.jansen@delinde.example.nl")
        #expect(twice.briefs() == ["VIOS102 error \(twice.pos("naam: Bert Bakker"))"])
    }

    @Test func quotedColonIsNot102() {
        let sample = gemeente.replacing("naam: Arnhem", with: "naam: \"Arnhem: Gelderland\"")
        #expect(sample.briefs() == [])
    }

    // MARK: VIOS103

    @Test func invalidUTF8Is103AtTheBadByte() {
        var bytes = Array(gemeente.replacing("naam: Arnhem", with: "naam: Arnhém X").text.utf8)
        // Replace the X (after "Arnhém ") with a lone continuation byte.
        let x = bytes.firstIndex(of: UInt8(ascii: "X"))!
        bytes[x] = 0xFF
        let diagnostics = gemeente.diagnostics(bytes: bytes)
        // Line 4, "naam: Arnhém " is 13 characters (14 bytes): column 14.
        #expect(diagnostics.map(\.brief) == ["VIOS103 error 4:14"])
        #expect(diagnostics.first?.message.contains("positie \(x)") == true)
    }

    @Test func truncatedMultibyteSequenceIs103() {
        var bytes = Array("---\ntype: gemeente\n---\n\nCaf".utf8)
        bytes += [0xC3]  // first byte of é, then the file ends
        let diagnostics = gemeente.diagnostics(bytes: bytes)
        #expect(diagnostics.map(\.brief) == ["VIOS103 error 5:4"])
    }

    @Test func validMultibyteTextIsNot103() {
        let sample = gemeente.replacing("naam: Arnhem", with: "naam: Arnhém 🇳🇱 “citaat”")
        #expect(sample.briefs() == [])
    }

    // MARK: VIOS104

    @Test func listFrontmatterIs104AtTheList() {
        let sample = Sample(path: gemeente.path, collection: .gemeenten, slug: "arnhem",
                            text: "---\n- type: gemeente\n- naam: Arnhem\n---\n\nTekst.\n")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS104 error 2:1"])
        #expect(diagnostics.first?.message.contains("een lijst") == true)
    }

    @Test func scalarFrontmatterIs104() {
        let sample = Sample(path: gemeente.path, collection: .gemeenten, slug: "arnhem",
                            text: "---\n  Gemeente Arnhem\n---\n\nTekst.\n")
        #expect(sample.briefs() == ["VIOS104 error 2:3"])
    }

    @Test func emptyFrontmatterIs104() {
        let sample = Sample(path: gemeente.path, collection: .gemeenten, slug: "arnhem", text: "---\n---\n\nTekst.\n")
        #expect(sample.briefs() == ["VIOS104 error 2:1"])
    }

    @Test func commentOnlyFrontmatterIs104() {
        let sample = Sample(path: gemeente.path, collection: .gemeenten, slug: "arnhem", text: "---\n# nog invullen\n---\n\nTekst.\n")
        #expect(sample.briefs() == ["VIOS104 error 2:1"])
    }

    @Test func mappingFrontmatterIsNot104() {
        #expect(gemeente.diagnostics().with(.vios104).isEmpty)
        #expect(gemeente.parse().document.frontmatter?.pairs?.count == 9)
    }
}
