import Testing
@testable import VIOSServe

@Suite struct LiveReloadTests {
    func inject(_ html: String, _ snippet: String = "<s>") -> String {
        String(decoding: LiveReload.inject(snippet, into: Array(html.utf8)), as: UTF8.self)
    }

    @Test func goesBeforeTheLastClosingBody() {
        #expect(inject("<html><body><p>x</p></body></html>") == "<html><body><p>x</p><s></body></html>")
        #expect(inject("<BODY>a</BODY >\n") == "<BODY>a<s></BODY >\n")
        // A `</body>` inside text earlier on is not the end of the page.
        #expect(inject("<body><code>&lt;/body&gt;</code>\"</body>\"</body>") == "<body><code>&lt;/body&gt;</code>\"</body>\"<s></body>")
    }

    @Test func appendsWhenThereIsNoBody() {
        #expect(inject("<p>fragment</p>") == "<p>fragment</p><s>")
        #expect(inject("") == "<s>")
    }

    @Test func scriptListensForReloadAndKnowsItsBuild() {
        let script = LiveReload.script(generation: 7)
        #expect(script.contains("new EventSource(\"/__vios/events\")"))
        #expect(script.contains("\"reload\""))
        #expect(script.contains("var build = \"7\""))
        #expect(script.hasPrefix("<script"))
    }
}
