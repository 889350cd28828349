import Testing
import VIOSCore
import VIOSSource
@testable import VIOSChecks

/// VIOS201–208: frontmatter fields against the field table of their kind.
@Suite struct SchemaCodesTests {
    let plan = Samples.plan

    // MARK: VIOS201 required field missing

    @Test func missingRequiredFieldIs201AtTheOpeningFence() {
        let sample = plan.removingLine("brin: 12AB00")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS201 error 1:1"])
        #expect(diagnostics[0].message == "verplicht veld 'brin' ontbreekt")
    }

    @Test func missingTypeIs201() {
        let sample = plan.removingLine("type: veiligheidsplan")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS201 error 1:1"])
        #expect(diagnostics[0].message.hasPrefix("verplicht veld 'type' ontbreekt; toegestaan: veiligheidsplan,"))
    }

    @Test func emptyTypeIs201AtTheKey() {
        let sample = plan.replacing("type: veiligheidsplan", with: "type:")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS201 error 2:1"])
        #expect(diagnostics[0].message.hasPrefix("verplicht veld 'type' ontbreekt: vul een waarde in; toegestaan: veiligheidsplan,"))
    }

    @Test func emptyRequiredValueIs201AtTheKey() {
        let sample = plan.replacing("brin: 12AB00", with: "brin:")
        #expect(sample.briefs() == ["VIOS201 error \(sample.pos("brin:"))"])
    }

    @Test func missingNestedFieldIs201AtItsListItem() {
        let sample = plan.replacing("    naam: Anna Jansen\n    email", with: "    email")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS201 error \(sample.pos("rol: anti-pestcoordinator"))"])
        #expect(diagnostics[0].message == "verplicht veld 'naam' ontbreekt in 'contacten'")
    }

    @Test func titleIsRequiredForAHandreikingButNotForASchoolPlan() {
        #expect(Samples.handreiking.removingLine("titel: Handel").briefs() == ["VIOS201 error 1:1"])
        #expect(plan.briefs() == [])  // the plan has no titel: derived from `school`
    }

    @Test func optionalFieldMayBeMissing() {
        #expect(plan.removingLine("samenvatting:").briefs() == [])
        #expect(Samples.convenant.removingLine("geldig-tot:").briefs() == [])
    }

    @Test func emptyOptionalFieldIsNot201() {
        #expect(plan.replacing("samenvatting: Hoe De Linde werkt aan een veilige school.", with: "samenvatting:").briefs() == [])
    }

    // MARK: VIOS202 wrong type or value outside the enum

    @Test func enumTypoIs202AtTheValueWithSuggestion() {
        let sample = plan.replacing("onderwijs: po", with: "onderwijs: p0")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS202 error \(sample.pos("p0"))"])
        #expect(diagnostics[0].message == "ongeldige waarde 'p0' voor 'onderwijs'; toegestaan: po, vo, mbo, so, vso; bedoelt u 'po'?")
    }

    @Test func enumWithTrailingSpaceInQuotesIs202WithSuggestion() {
        let sample = plan.replacing("onderwijs: po", with: "onderwijs: \"po \"")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS202 error \(sample.pos("\"po \""))"])
        #expect(diagnostics[0].message.hasSuffix("bedoelt u 'po'?"))
    }

    @Test func plainTrailingSpaceIsNotPartOfTheValue() {
        // YAML drops trailing spaces of plain scalars: `po ` is `po`.
        #expect(plan.replacing("onderwijs: po", with: "onderwijs: po   ").briefs() == [])
    }

    @Test func enumInAListIs202AtTheItem() {
        let sample = Samples.handreiking.replacing("doelgroep: [docenten, mentoren]", with: "doelgroep: [docenten, mentorn]")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS202 error \(sample.pos("mentorn"))"])
        #expect(diagnostics[0].message.hasSuffix("bedoelt u 'mentoren'?"))
    }

    @Test func listWhereScalarExpectedIs202() {
        let sample = plan.replacing("school: Basisschool De Linde", with: "school: [De Linde, De Eik]")
        #expect(sample.briefs() == ["VIOS202 error \(sample.pos("[De Linde"))"])
    }

    @Test func scalarWhereMapExpectedIs202() {
        let sample = Samples.gemeente.replacing("bereik:\n  po: 10\n  vo: 12\n  toelichting: Scholen met een kernteam.",
                                                with: "bereik: veel scholen")
        #expect(sample.briefs() == ["VIOS202 error \(sample.pos("veel scholen"))"])
    }

    @Test func nonIntegerReachIs202() {
        let sample = Samples.gemeente.replacing("po: 10", with: "po: tien")
        #expect(sample.briefs() == ["VIOS202 error \(sample.pos("tien"))"])
    }

    @Test func nonBooleanConceptIs202() {
        let sample = Samples.element.inserting("concept: misschien", after: "element: kernteam")
        #expect(sample.briefs() == ["VIOS202 error \(sample.pos("misschien"))"])
        #expect(Samples.element.inserting("concept: true", after: "element: kernteam").briefs() == [])
    }

    @Test func tooFewPartnersIs202AtTheList() {
        let sample = Samples.convenant.replacing("  - naam: Politie Oost-Nederland\n    soort: politie\n", with: "")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS202 error \(sample.pos("- naam: Gemeente Arnhem"))"])
        #expect(diagnostics[0].message == "veld 'partners' moet ten minste 2 items hebben")
    }

    @Test func unknownStructureIs202WithSuggestion() {
        let sample = plan.replacing("structuur: sass", with: "structuur: sas")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS202 error 7:12"])
        #expect(diagnostics[0].message.hasSuffix("bedoelt u 'sass'?"))
    }

    @Test func malformedCBSCodeIs202() {
        let sample = Samples.gemeente.replacing("cbs-code: GM0202", with: "cbs-code: GM202")
        #expect(sample.briefs() == ["VIOS202 error \(sample.pos("GM202"))"])
    }

    @Test func malformedThemaSlugIs202() {
        let sample = Samples.handreiking.replacing("themas: [vapes]", with: "themas: [Sociale Media]")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS202 error \(sample.pos("Sociale Media"))"])
        #expect(diagnostics[0].message.hasSuffix("bedoelt u 'sociale-media'?"))
    }

    @Test func documentInTheWrongFolderIs202AtType() {
        let sample = Samples.element.at(path: "Content/gemeenten/kernteam.md", collection: .gemeenten, slug: "kernteam")
        #expect(sample.briefs() == ["VIOS202 error 2:7"])
    }

    @Test func singleValueForAListIsAccepted() {
        #expect(Samples.handreiking.replacing("themas: [vapes]", with: "themas: vapes").briefs() == [])
    }

    // MARK: VIOS203 dates

    @Test func impossibleDateIs203AtTheValue() {
        let sample = plan.replacing("vastgesteld: 2025-09-01", with: "vastgesteld: 2025-02-30")
        #expect(sample.briefs() == ["VIOS203 error \(sample.pos("2025-02-30"))"])
    }

    @Test func dutchDateOrderIs203() {
        let sample = Samples.handreiking.replacing("bijgewerkt: 2025-06-01", with: "bijgewerkt: 01-06-2025")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS203 error \(sample.pos("01-06-2025"))"])
        #expect(diagnostics[0].message.contains("JJJJ-MM-DD"))
    }

    @Test func evaluationNotAfterAdoptionIs203AtVolgendeEvaluatie() {
        let sample = plan.replacing("volgende-evaluatie: 2026-09-01", with: "volgende-evaluatie: 2025-09-01")
        let diagnostics = sample.diagnostics()
        // 2025-09-01 is also before today: VIOS601 points at the same value.
        #expect(diagnostics.map(\.brief) == ["VIOS203 error 9:21", "VIOS601 warning 9:21"])
        #expect(sample.pos("2025-09-01", occurrence: 2) == "9:21")
    }

    @Test func convenantEndBeforeSigningIs203() {
        let sample = Samples.convenant.replacing("geldig-tot: 2027-12-31", with: "geldig-tot: 2023-12-31")
        #expect(sample.briefs() == ["VIOS203 error \(sample.pos("2023-12-31"))", "VIOS602 warning \(sample.pos("2023-12-31"))"])
    }

    @Test func malformedStartYearIs203() {
        let sample = Samples.gemeente.replacing("gestart: 2015-09", with: "gestart: 2015-13")
        #expect(sample.briefs() == ["VIOS203 error \(sample.pos("2015-13"))"])
        #expect(Samples.gemeente.replacing("gestart: 2015-09", with: "gestart: 2015").briefs() == [])
    }

    @Test func leapDayAndQuotedDatesAreNot203() {
        #expect(plan.replacing("vastgesteld: 2025-09-01", with: "vastgesteld: 2024-02-29").briefs() == [])
        #expect(plan.replacing("vastgesteld: 2025-09-01", with: "vastgesteld: \"2025-09-01\"").briefs() == [])
    }

    // MARK: VIOS204 unknown field

    @Test func unknownFieldIs204AtTheKeyWithSuggestion() {
        let sample = plan.replacing("samenvatting: Hoe", with: "samenvating: Hoe")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS204 warning \(sample.pos("samenvating"))"])
        #expect(diagnostics[0].message == "onbekend veld 'samenvating'; bedoelt u 'samenvatting'?")
    }

    @Test func misspelledRequiredFieldIs204And201() {
        let sample = plan.replacing("gemeente: arnhem", with: "gemente: arnhem")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS201 error 1:1", "VIOS204 warning 5:1"])
        #expect(diagnostics[1].message == "onbekend veld 'gemente'; bedoelt u 'gemeente'?")
    }

    @Test func unknownNestedFieldIs204AtTheKey() {
        let sample = plan.replacing("email: a.jansen", with: "emial: a.jansen")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS204 warning \(sample.pos("emial"))"])
        #expect(diagnostics[0].message.hasSuffix("bedoelt u 'email'?"))
    }

    @Test func farOffUnknownFieldHasNoSuggestion() {
        let sample = plan.inserting("auteur: Redactie", after: "school: Basisschool")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS204 warning 4:1"])
        #expect(diagnostics[0].message == "onbekend veld 'auteur'")
    }

    @Test func fieldOfAnotherKindIs204() {
        // `naam` belongs to gemeenten; `themas` to every kind.
        #expect(Samples.element.inserting("naam: Kernteam", after: "element: kernteam").briefs() == ["VIOS204 warning 5:1"])
        #expect(Samples.element.inserting("themas: [vapes]", after: "element: kernteam").briefs() == [])
    }

    // MARK: VIOS205 BRIN

    @Test(arguments: ["12AB0", "12ab00", "1AB00", "12A", "123AB0", "AB1200"])
    func malformedBRINIs205AtTheValue(brin: String) {
        let sample = plan.replacing("brin: 12AB00", with: "brin: \(brin)")
        #expect(sample.briefs() == ["VIOS205 error 4:7"])
    }

    @Test(arguments: ["12AB", "12AB00", "\"99XB\""])
    func wellFormedBRINIsNot205(brin: String) {
        #expect(plan.replacing("brin: 12AB00", with: "brin: \(brin)").briefs() == [])
    }

    // MARK: VIOS206 unknown type

    @Test func unknownTypeIs206AtTheValueWithSuggestion() {
        let sample = Samples.handreiking.replacing("type: handreiking", with: "type: handreikng")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS206 error \(sample.pos("handreikng"))"])
        #expect(diagnostics[0].message == "onbekend documenttype 'handreikng'; toegestaan: veiligheidsplan, incidentprotocol, convenant, handreiking, gemeente, element; bedoelt u 'handreiking'?")
    }

    @Test func typeWithCapitalIs206WithSuggestion() {
        let sample = Samples.element.replacing("type: element", with: "type: Element")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS206 error 2:7"])
        #expect(diagnostics[0].message.hasSuffix("bedoelt u 'element'?"))
    }

    @Test func everyKnownTypeIsNot206() {
        for sample in Samples.all { #expect(sample.diagnostics().with(.vios206).isEmpty) }
    }

    // MARK: VIOS207 contact details

    @Test(arguments: ["a.jansen@delinde", "a.jansen.delinde.example.nl", "a jansen@delinde.example.nl", "a.jansen@@delinde.example.nl"])
    func malformedEmailIs207AtTheValue(email: String) {
        let sample = plan.replacing("email: a.jansen@delinde.example.nl", with: "email: \(email)")
        #expect(sample.briefs() == ["VIOS207 error 16:12"])
    }

    @Test(arguments: ["026-12345", "\"026-12345678\"", "bel de school", "+32 2 123 45 67"])
    func malformedPhoneIs207AtTheValue(phone: String) {
        let sample = plan.replacing("telefoon: \"026-1234567\"", with: "telefoon: \(phone)")
        #expect(sample.briefs() == ["VIOS207 error 17:15"])
    }

    @Test(arguments: ["0261234567", "\"+31 26 123 4567\"", "(026) 123 45 67", "06-12345678", "0031 26 1234567", "0800-2000"])
    func wellFormedPhoneIsNot207(phone: String) {
        #expect(plan.replacing("telefoon: \"026-1234567\"", with: "telefoon: \(phone)").briefs() == [])
    }

    @Test func emailWithPlusAndSubdomainIsNot207() {
        #expect(plan.replacing("email: a.jansen@delinde.example.nl", with: "email: a.jansen+vios@mail.delinde.example.nl").briefs() == [])
    }

    // MARK: VIOS208 legally required roles

    @Test func missingAanspreekpuntIs208AtContacten() {
        let sample = plan.replacing("  - rol: aanspreekpunt-pesten\n    naam: Anna Jansen\n", with: "")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS208 error \(sample.pos("contacten:"))"])
        #expect(diagnostics[0].message.contains("'aanspreekpunt-pesten'"))
    }

    @Test func bothRolesMissingAreTwo208s() {
        let sample = plan.replacing("rol: anti-pestcoordinator", with: "rol: mentor")
            .replacing("rol: aanspreekpunt-pesten", with: "rol: directeur")
        #expect(sample.briefs() == ["VIOS208 error 13:1", "VIOS208 error 13:1"])
    }

    @Test func rolesWrittenAsWordsWithDiacriticsAreNot208() {
        let sample = plan.replacing("rol: anti-pestcoordinator", with: "rol: Anti-pestcoördinator")
            .replacing("rol: aanspreekpunt-pesten", with: "rol: Aanspreekpunt pesten")
        #expect(sample.briefs() == [])
    }

    @Test func rolesAreOnlyRequiredInAPlan() {
        // An incident protocol has no contacten at all.
        #expect(Samples.protocol_.diagnostics().with(.vios208).isEmpty)
    }
}
