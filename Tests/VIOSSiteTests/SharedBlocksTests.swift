import Mustache
import Testing
@testable import VIOSSite

/// A partial rendered once per document must give exactly the bytes
/// Mustache writes when it includes the partial on every page, and fall
/// back to that include whenever it cannot be sure.
@Suite struct SharedBlocksTests {
    static let contacts = "<table>\n{{#contacten}}\n<tr><td>{{rol}}</td><td>{{#email}}<a href=\"mailto:{{.}}\">{{.}}</a>{{/email}}{{^email}}—{{/email}}</td></tr>\n{{/contacten}}\n</table>\n"

    @Test func onlyPartialsThatLiveInsideOneListQualify() {
        #expect(SharedBlocks.qualifying("c", Self.contacts)?.list == "contacten")
        #expect(SharedBlocks.qualifying("c", Self.contacts)?.itemNames == ["rol", "email"])
        let refused = [
            "{{title}}\n{{#contacten}}{{rol}}{{/contacten}}\n</p>\n",                 // a name outside the list
            "{{^contacten}}geen{{/contacten}}{{#contacten}}{{rol}}{{/contacten}}\n</p>\n", // inverted list section
            "{{#contacten}}{{> rij}}{{/contacten}}\n</p>\n",                            // a partial
            "{{#contacten}}{{uppercased(rol)}}{{/contacten}}\n</p>\n",                  // a transform
            "{{#a}}{{x}}{{/a}}{{#b}}{{y}}{{/b}}\n</p>\n",                               // two lists
            "{{#contacten}}{{rol}}{{/contacten}}\n",                                     // ends in a tag line
            "{{=<% %>=}}<%#contacten%><%rol%><%/contacten%>\n</p>\n",                  // delimiters
            "<p>alleen tekst</p>\n",                                                     // no list
        ]
        for text in refused { #expect(SharedBlocks.qualifying("c", text) == nil, "\(text)") }
    }

    @Test func onlyStandaloneUnindentedLinesAreRewritten() {
        let blocks = ["vios_block_0": SharedBlocks.Block(partial: "c", list: "contacten", itemNames: ["rol"])]
        let text = "{{#plan}}\n{{> c}}\n  {{> c}}\n<p>{{> c}}</p>\n{{/plan}}\n{{> d}}\n"
        #expect(SharedBlocks.rewrite(text, blocks: blocks) ==
                "{{#plan}}\n{{#vios_block_0}}\n{{{.}}}\n{{/vios_block_0}}\n{{^vios_block_0}}\n{{> c}}\n{{/vios_block_0}}\n"
                + "  {{> c}}\n<p>{{> c}}</p>\n{{/plan}}\n{{> d}}\n")
    }

    private func pair(_ page: String) throws -> (shared: (([String: Any]) -> String), plain: (([String: Any]) -> String), renderer: SharedBlockRenderer) {
        let blocks = SharedBlocks.find(["c": Self.contacts])
        let plainLibrary = MustacheLibrary(templates: ["c": try MustacheTemplate(string: Self.contacts),
                                                       "page": try MustacheTemplate(string: page)])
        let sharedLibrary = MustacheLibrary(templates: [
            "c": try MustacheTemplate(string: Self.contacts),
            "page": try MustacheTemplate(string: SharedBlocks.rewrite(page, blocks: blocks)),
        ])
        let renderer = SharedBlockRenderer(blocks: blocks, library: sharedLibrary)
        return ({ MustacheScope.render(sharedLibrary, "page", $0, blocks: renderer) },
                { MustacheScope.render(plainLibrary, "page", $0) }, renderer)
    }

    @Test func sharedTextEqualsTheIncludeOnEveryPage() throws {
        let page = "<h1>{{title}}</h1>\n{{#school}}\n{{#plan}}\n{{> c}}\n{{/plan}}\n{{/school}}\n<p>eind</p>\n"
        let (shared, plain, renderer) = try pair(page)
        let plan: [String: Any] = ["vios_id": "Content/scholen/a/veiligheidsplan.md", "contacten": [
            ["rol": "Mentor <1>", "email": "m@a.nl"], ["rol": "Directie", "email": false],
        ] as [[String: Any]]]
        let first: [String: Any] = ["title": "School", "root": "../", "school": ["plan": plan] as [String: Any]]
        let second: [String: Any] = ["title": "Factsheet", "root": "../../", "school": ["plan": plan] as [String: Any]]
        #expect(shared(first) == plain(first))
        #expect(shared(second) == plain(second))
        #expect(shared(first).contains("<td>Mentor &lt;1&gt;</td><td><a href=\"mailto:m@a.nl\">m@a.nl</a></td>"))
        // The second page took the text the first one rendered.
        #expect(renderer.rendered == 1)
    }

    @Test func fallsBackToTheIncludeWhenItCannotBeSure() throws {
        let page = "{{#plan}}\n{{> c}}\n{{/plan}}\n"
        let (shared, plain, renderer) = try pair(page)
        // An item without `email`: Mustache finds the page's. No block then.
        let incomplete: [String: Any] = ["email": "pagina@x.nl", "plan": [
            "vios_id": "p", "contacten": [["rol": "Mentor"]] as [[String: Any]],
        ] as [String: Any]]
        #expect(shared(incomplete) == plain(incomplete))
        #expect(shared(incomplete).contains("pagina@x.nl"))
        // No document to name it by, or no list of objects: no block either.
        let anonymous: [String: Any] = ["plan": ["contacten": [["rol": "A", "email": false]] as [[String: Any]]] as [String: Any]]
        let noList: [String: Any] = ["plan": ["vios_id": "p", "contacten": false] as [String: Any]]
        for context in [anonymous, noList] { #expect(shared(context) == plain(context)) }
        let page0 = MustacheScope.Page(root: nil, blocks: nil)
        #expect(renderer.value("vios_block_0", for: incomplete["plan"] as! [String: Any], page: page0) == nil)
        #expect(renderer.value("vios_block_0", for: anonymous["plan"] as! [String: Any], page: page0) == nil)
        #expect(renderer.value("vios_block_0", for: noList["plan"] as! [String: Any], page: page0) == nil)
        #expect(renderer.rendered == 0)
    }
}
