import Testing
import VIOSCore
import VIOSSource
@testable import VIOSChecks

/// VIOS701–702: what never reaches the site.
@Suite struct SafetyCodesTests {
    let element = Samples.element

    func elementSaying(_ text: String) -> Sample { element.appending("\n\(text)\n") }

    // MARK: VIOS701 raw HTML

    @Test func htmlBlockIs701AtItsStart() {
        let sample = elementSaying("<div class=\"kader\">\nLet op.\n</div>")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS701 warning \(sample.pos("<div"))"])
        #expect(diagnostics[0].message == "HTML in de tekst wordt niet gepubliceerd: <div class=\"kader\">…")
    }

    @Test func indentedHtmlBlockIs701AtTheTag() {
        let sample = elementSaying("  <iframe src=\"https://example.nl\"></iframe>")
        #expect(sample.briefs() == ["VIOS701 warning \(sample.pos("<iframe"))"])
    }

    @Test func inlineTagIs701AtTheTag() {
        let sample = elementSaying("Dit is <span style=\"color:red\">belangrijk</span> en <b>vet</b>.")
        #expect(sample.briefs() == ["VIOS701 warning \(sample.pos("<span"))", "VIOS701 warning \(sample.pos("<b>"))"])
    }

    @Test func inlineTagAfterTheSameTagInCodeIsReportedAtTheTag() {
        let sample = elementSaying("Schrijf niet `<b>` maar gebruik <b>vet</b>.")
        #expect(sample.briefs() == ["VIOS701 warning \(sample.pos("<b>", occurrence: 2))"])
    }

    @Test func inlineTagAfterMultibyteTextHasACharacterColumn() {
        let sample = elementSaying("Coördinatie – “zie” <br> hieronder")
        #expect(sample.briefs() == ["VIOS701 warning \(sample.pos("<br>"))"])
        #expect(sample.pos("<br>").hasSuffix(":21"))
    }

    @Test func scriptInAListItemIs701() {
        let sample = elementSaying("- eerste\n- tweede <script>alert(1)</script>")
        #expect(sample.briefs() == ["VIOS701 warning \(sample.pos("<script>"))"])
    }

    @Test(arguments: [
        "<!-- redactie: nog nakijken -->",
        "Tekst <!-- inline commentaar --> en meer.",
        "Code: `<div>` en\n\n    <div>ingesprongen code</div>",
        "```html\n<div>in een codeblok</div>\n```",
        "Een autolink <https://example.nl> en 3 < 4 > 2.",
        "Een \\<div> met backslash.",
    ])
    func noPublishedHtmlIsNot701(text: String) {
        #expect(elementSaying(text).briefs() == [])
    }

    // MARK: VIOS702 unsafe link scheme

    @Test(arguments: ["javascript:alert(1)", "JavaScript:void(0)", "vbscript:msgbox", "data:text/html,<b>x</b>", "data:text/html;base64,PGI+"])
    func unsafeLinkIs702AtTheLink(url: String) {
        let sample = elementSaying("Klik [hier](\(url)) voor meer.")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.with(.vios702).map(\.brief) == ["VIOS702 error \(sample.pos("[hier]"))"])
    }

    @Test func unsafeMessageNamesTheScheme() {
        let diagnostics = elementSaying("[x](javascript:alert(1))").diagnostics()
        #expect(diagnostics.map(\.message) == ["link met onveilig schema 'javascript:' wordt niet gepubliceerd"])
    }

    @Test func unsafeImageIs702() {
        let sample = elementSaying("Zie ![plaatje](data:text/html,x).")
        #expect(sample.briefs() == ["VIOS702 error \(sample.pos("![plaatje]"))"])
    }

    @Test func unsafeAutolinkIs702AtTheAutolink() {
        let sample = elementSaying("Niet doen: <javascript:alert(1)>.")
        #expect(sample.briefs() == ["VIOS702 error \(sample.pos("<javascript"))"])
    }

    @Test func unsafeReferenceLinkIs702AtTheLinkText() {
        let sample = elementSaying("Klik [hier][gevaar].\n\n[gevaar]: javascript:alert(1)")
        #expect(sample.briefs() == ["VIOS702 error \(sample.pos("[hier]"))"])
    }

    @Test func secondLinkOnALineIsReportedAtItsColumn() {
        let sample = elementSaying("Zie [veilig](https://example.nl) of [onveilig](javascript:x) of [ook veilig](https://example.nl).")
        #expect(sample.briefs() == ["VIOS702 error \(sample.pos("[onveilig]"))"])
    }

    @Test(arguments: [
        "![logo](data:image/png;base64,iVBORw0KGgo=)",
        "![logo](data:image/jpeg;base64,/9j/4AAQ)",
        "[site](https://example.nl/javascript:x)",
        "[tel](tel:112) en [pad](javascript-uitleg.md)",
        "`[x](javascript:alert(1))` in code",
    ])
    func safeLinksAreNot702(text: String) {
        #expect(elementSaying(text).diagnostics().with(.vios702).isEmpty)
    }
}
