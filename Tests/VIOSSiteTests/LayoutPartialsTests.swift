import Testing
import VIOSChecks
import VIOSCore
import VIOSSource
@testable import VIOSSite

/// Layout partials rendered once per layout key must give exactly the
/// bytes Mustache writes when it renders them on every page.
@Suite struct LayoutPartialsTests {
    @Test func cachedLayoutGivesTheSameBytes() throws {
        let root = SiteFixture.packageRoot
        let site = try Validator.run(root: root, today: SiteFixture.today, render: MarkdownParser.RenderOptions { path, url in
            LinkRewriter.rewrite(documentPath: path, url: url)
        })
        let model = SiteModel(documents: site.documents, config: site.config, today: SiteFixture.today, drafts: false,
                              planStructures: site.context.planStructures)
        let jobs = PagePlan.jobs(model)
        let cached = try TemplateSet.load(root: root)
        let plain = try TemplateSet.load(root: root, cacheLayout: false)
        #expect(!cached.layoutUses.isEmpty)
        #expect(cached.layoutUses["gemeente"]?.map(\.partial) == ["partials/header", "partials/footer"])
        #expect(plain.layoutUses.isEmpty)
        #expect(cached.blocks?.blocks.values.map(\.partial).sorted() == ["partials/contacten", "partials/escalatie"])
        #expect(plain.blocks == nil)
        let a = PageRenderer(model: model, templates: cached, jobs: jobs)
        let b = PageRenderer(model: model, templates: plain, jobs: jobs)
        for job in jobs {
            let x = a.render(job), y = b.render(job)
            if x != y {
                let xs = x.split(separator: "\n", omittingEmptySubsequences: false), ys = y.split(separator: "\n", omittingEmptySubsequences: false)
                let n = zip(xs, ys).prefix { $0 == $1 }.count
                Issue.record("\(job.path) line \(n): \(xs.dropFirst(n).prefix(2)) vs \(ys.dropFirst(n).prefix(2))")
                break
            }
        }
        // Each plan's contacts and each protocol's ladder were rendered once.
        #expect(cached.blocks?.rendered == model.documents.filter { $0.kind == .veiligheidsplan || $0.kind == .incidentprotocol }.count)
    }

    @Test func onlyPartialsThatUseLayoutValuesQualify() {
        let texts = [
            "header": "<a href=\"{{root}}index.html\">{{site.title}}</a>{{#nav}}{{title}}{{link}}{{/nav}}{{> inner}}\n</header>\n",
            "inner": "{{#site.contact}}{{email}}{{/site.contact}}\n<p>\n",
            "head": "<title>{{page.title}}</title>\n",
            "sneaky": "{{#nav}}{{summary}}{{/nav}}\n</p>\n",
            "delims": "{{=<% %>=}}<% root %>\n</p>\n",
            "uses-head": "{{root}}{{> head}}\n</p>\n",
            "ends-in-tag": "{{root}}\n",
            "no-newline": "{{root}}</p>",
        ]
        #expect(LayoutPartials.qualifying(texts) == ["header", "inner"])
    }

    @Test func onlyStandaloneTopLevelLinesAreReplaced() {
        let text = "{{> header}}\n<main>{{> header}}</main>\n  {{> header}}\n{{#x}}\n{{> header}}\n{{/x}}\n{{> head}}\n{{> header}}\n"
        let (out, uses) = LayoutPartials.rewrite(text, qualifying: ["header"])
        #expect(out == "{{{vios_layout_0}}}\n<main>{{> header}}</main>\n  {{> header}}\n{{#x}}\n{{> header}}\n{{/x}}\n{{> head}}\n{{{vios_layout_1}}}\n")
        #expect(uses.map(\.partial) == ["header", "header"])
    }
}
