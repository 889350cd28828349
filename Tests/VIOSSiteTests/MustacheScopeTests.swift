import Mustache
import Testing
@testable import VIOSSite

/// Contexts reach swift-mustache as `MustacheScope`s: they must render
/// exactly what the plain dictionaries render, plus `root` and `href`.
@Suite struct MustacheScopeTests {
    private func render(_ template: String, _ context: [String: Any], scoped: Bool) throws -> String {
        let library = MustacheLibrary(templates: ["t": try MustacheTemplate(string: template)])
        return scoped ? MustacheScope.render(library, "t", context) : library.render(context, withTemplate: "t") ?? "?"
    }

    @Test func rendersWhatThePlainDictionaryRenders() throws {
        let context: [String: Any] = [
            "root": "../../", "title": "Pagina <1>", "leeg": "", "vlag": true, "uit": false, "aantal": 3,
            "plan": ["title": "Plan", "summary": "Kort", "draft": false] as [String: Any],
            "contacten": [["rol": "Mentor", "email": "a@b.nl"], ["rol": "Directie"]] as [[String: Any]],
            "labels": ["x", "y"], "tekst": ["a": "b"] as [String: String],
            "gemengd": ["los", ["title": "In lijst"] as [String: Any]] as [Any],
        ]
        let templates = [
            "{{title}}|{{{title}}}|{{aantal}}|{{#vlag}}ja{{/vlag}}{{^uit}}nee{{/uit}}",
            "{{#leeg}}[{{.}}]{{/leeg}}{{^leeg}}geen{{/leeg}}|{{#ontbreekt}}x{{/ontbreekt}}{{^ontbreekt}}leeg{{/ontbreekt}}",
            "{{#plan}}{{title}}/{{summary}}/{{#draft}}c{{/draft}}/{{aantal}}/{{root}}{{/plan}}|{{plan.title}}|{{plan.ontbreekt}}",
            "{{#contacten}}{{rol}}:{{#email}}{{.}}{{/email}}{{^email}}-{{/email}};{{/contacten}}",
            "{{#labels}}<{{.}}>{{/labels}}|{{#tekst}}{{a}}{{/tekst}}|{{#gemengd}}({{title}}){{/gemengd}}|{{#gemengd.0}}{{.}}{{/gemengd.0}}",
            "{{#plan}}{{#summary}}{{title}}{{/summary}}{{/plan}}|{{uppercased(title)}}|{{#first(contacten)}}{{rol}}{{/first(contacten)}}",
            "{{count(labels)}}|{{#reversed(labels)}}{{.}}{{/reversed(labels)}}|{{lowercased(plan.title)}}",
        ]
        for template in templates {
            #expect(try render(template, context, scoped: true) == render(template, context, scoped: false), "\(template)")
        }
    }

    @Test func everyObjectAnswersRootAndLinkedObjectsHref() throws {
        let context: [String: Any] = [
            "root": "../", "link": "home.html",
            "school": ["title": "De Linde", "link": "scholen/de-linde/index.html",
                       "plan": ["link": "p.html", "href": "eigen.html"] as [String: Any]] as [String: Any],
            "crumbs": [["title": "A", "link": "a.html"], ["title": "B", "link": false]] as [[String: Any]],
            "modellen": [["link": "m.html"]] as [[String: String]],
        ]
        #expect(try render("{{href}}|{{#school}}{{href}} {{root}}{{/school}}", context, scoped: true)
                == "../home.html|../scholen/de-linde/index.html ../")
        // An object's own `href` wins; one whose link is not a string has
        // none, and Mustache looks further down the stack, as it would for
        // `link`.
        #expect(try render("{{#school}}{{#plan}}{{href}}{{/plan}}{{/school}}", context, scoped: true) == "eigen.html")
        #expect(try render("{{#crumbs}}[{{href}}]{{/crumbs}}|{{#modellen}}{{href}}{{/modellen}}", context, scoped: true)
                == "[../a.html][../home.html]|../m.html")
        // Same bytes as the two tags it replaces.
        #expect(try render("{{#school}}{{href}}{{/school}}", context, scoped: true)
                == render("{{#school}}{{root}}{{link}}{{/school}}", context, scoped: false))
        // A page without `root` has none to give.
        #expect(try render("{{#school}}[{{root}}]{{#root}}x{{/root}}{{href}}{{/school}}", ["school": ["link": "s.html"]], scoped: true)
                == "[]s.html")
    }
}
