import Foundation
import Testing
import VIOSCore
import VIOSSource
@testable import VIOSChecks

/// Issue 7, item 5: privacy is a release gate. The VIOS5xx checks must see
/// text in every place that is published, and VIOS501/504 are errors
/// everywhere (so `vios build` refuses, whatever `--strict` says).
@Suite struct PrivacyPlacesTests {
    let plan = Samples.plan
    let bsn = "123456782"

    // MARK: The body, everywhere in it

    @Test(arguments: [
        "| leerling | nummer |\n|---|---|\n| Jan | 123456782 |",       // table cell
        "Zie [dossier 123456782](https://example.nl/dossier).",       // link text
        "![pasfoto van 123456782](../../img/plein.jpg)",               // image alt text
        "Zie [het dossier](https://example.nl/?bsn=123456782).",      // link target
        "Het nummer `123456782` staat in de code.",                   // inline code
        "```\nbsn = 123456782\n```",                                   // code block
        "### Notitie 123456782",                                       // heading (below the sections)
        "> Citaat: 123456782",                                         // block quote
        "- lijst\n  - dieper: 123456782",                              // nested list
        "<!-- 123456782 -->",                                          // even an HTML comment
    ])
    func bsnAnywhereInTheBodyIs501(markdown: String) {
        let sample = plan.appending("\n" + markdown + "\n")
        #expect(sample.diagnostics().briefs(.vios501) == ["VIOS501 error \(sample.lastPos(bsn))"])
    }

    // MARK: What the source hides but the page shows

    @Test(arguments: [
        ("Het nummer 123&#52;56782 staat er.", "VIOS501"),        // entity for a digit
        ("Het nummer 1234*5*6782 staat er.", "VIOS501"),          // emphasis inside the number
        ("Het nummer 1234\u{200B}56782 staat er.", "VIOS501"),    // zero-width space
        ("Rekening NL91&#32;ABNA&#32;0417&#32;1643&#32;00.", "VIOS504"),
    ])
    func personalDataHiddenInTheSourceIsFoundInThePublishedText(line: String, code: String) {
        // Was: only the source was scanned; entities, emphasis and
        // invisible characters split a number the reader sees whole.
        let sample = plan.appending("\n" + line + "\n")
        let found = sample.diagnostics().filter { $0.code.rawValue.hasPrefix("VIOS5") }
        #expect(found.map(\.code.rawValue) == [code])
        // Reported at its block: the line it is on.
        #expect(found.first.map { "\($0.location.line):\($0.location.column)" } == "\(sample.lastPos(String(line.prefix(4))).split(separator: ":")[0]):1")
    }

    @Test func emailObfuscatedWithAnEntityInAHandreikingIs502Error() {
        let sample = Samples.handreiking.replacing("met de leerling", with: "met de leerling (mail jan&#64;example.nl)")
        #expect(sample.diagnostics().map(\.brief) == ["VIOS502 error \(sample.pos("met de leerling").split(separator: ":")[0]):1"])
    }

    @Test func findingAlreadyInTheSourceIsNotReportedTwice() {
        let sample = plan.appending("\nBSN *123456782* en **06-12345678**.\n")
        #expect(sample.briefs() == ["VIOS501 error \(sample.pos(bsn))", "VIOS503 warning \(sample.pos("06-12345678"))"])
    }

    // MARK: Frontmatter strings

    @Test func schoolNameIsScanned() {
        let sample = plan.replacing("school: Basisschool De Linde", with: "school: Basisschool De Linde 123456782")
        #expect(sample.briefs() == ["VIOS501 error \(sample.pos(bsn))"])
    }

    @Test(arguments: ["situatie: Acuut gevaar", "actie: Bel 112", "wie: Iedere medewerker"])
    func everyPartOfAnEscalationStepIsScanned(field: String) {
        let sample = Samples.protocol_.replacing(field, with: field + " NL91 ABNA 0417 1643 00")
        #expect(sample.briefs() == ["VIOS504 error \(sample.pos("NL91"))"])
    }

    @Test func partnerNamesAreScanned() {
        let sample = Samples.convenant.replacing("naam: Gemeente Arnhem", with: "naam: Gemeente Arnhem (BSN 123456782)")
        #expect(sample.briefs() == ["VIOS501 error \(sample.pos(bsn))"])
    }

    @Test func bereikToelichtingIsScanned() {
        let sample = Samples.gemeente.replacing("toelichting: Scholen met een kernteam.",
                                                with: "toelichting: Scholen met een kernteam, tel. 06-12345678.")
        #expect(sample.briefs() == ["VIOS503 warning \(sample.pos("06-12345678"))"])
    }

    @Test func monitoringInstrumentIsScanned() {
        let sample = plan.replacing("instrument: Monitor sociale veiligheid", with: "instrument: Monitor 123456782")
        #expect(sample.briefs() == ["VIOS501 error \(sample.pos(bsn))"])
    }

    @Test func findingThatCannotBeFoundAsWrittenStaysOnItsValuesLine() {
        // Was (fuzz, seed 234387464480638, inputs 73247, 401570, 563077,
        // 853757): a quoted value folded from lines indented less than its
        // key was not found as written, and its offset in the folded value
        // was added to the key's column: a column far past the line's end.
        let sample = Samples.handreiking.replacing("titel: Handel in vapes op school",
                                                   with: "titel: \"Handel in vapes,\nzie dossier 123456782 van de leerling\"")
        #expect(sample.briefs() == ["VIOS501 error \(sample.pos("\"Handel"))"])
    }

    @Test func slugIsPartOfThePublishedURL() {
        // Was: the file name was never scanned, yet it becomes the page's URL.
        let sample = Samples.handreiking.at(path: "Content/handreikingen/leerling-123456782.md", collection: .handreikingen,
                                            slug: "leerling-123456782")
        #expect(sample.briefs() == ["VIOS501 error 1:1"])
    }

    // MARK: The gate: BSN and IBAN are errors in every kind, never downgraded

    @Test func bsnAndIBANAreErrorsInEveryKindOfDocument() {
        for sample in Samples.all {
            let changed = sample.appending("\nBSN 123456782, rekening NL91ABNA0417164300.\n")
            let found = changed.diagnostics().filter { $0.code == .vios501 || $0.code == .vios504 }
            #expect(found.map(\.code) == [.vios501, .vios504], "\(sample.path)")
            #expect(found.allSatisfy { $0.severity == .error }, "\(sample.path)")
        }
        #expect(DiagnosticCode.vios501.severity == .error)
        #expect(DiagnosticCode.vios504.severity == .error)
    }

    @Test func concepten401And504AreErrorsToo() {
        // A draft is not published, but a draft with a BSN still fails the
        // check and the build: it can be published by removing one line.
        let sample = Samples.handreiking.inserting("concept: true", after: "bijgewerkt: 2025-06-01").appending("\n123456782\n")
        #expect(sample.diagnostics().briefs(.vios501) == ["VIOS501 error \(sample.lastPos(bsn))"])
    }

    // MARK: site.yml and custom structures (published on every page)

    @Test func siteSettingsAreScannedForPersonalData() throws {
        // Was: site.yml was checked against its schema only.
        let site = try SiteOnDisk.samples(extra: ["Content/site.yml": """
            titel: Kennisbank
            base-url: https://kennisbank.example.nl/
            organisatie: Stichting NL91 ABNA 0417 1643 00
            beschrijving: "Voor vragen: jan.jansen@example.nl of BSN 123456782"
            contact:
              email: info@example.nl
              telefoon: 026-1234567
              adres: Postbus 123456782, Arnhem

            """])
        let result = try site.validate()
        #expect(result.briefs == [
            "Content/site.yml VIOS504 error 3:24",
            "Content/site.yml VIOS502 warning 4:29",
            "Content/site.yml VIOS501 error 4:58",
            "Content/site.yml VIOS501 error 8:18",
        ])
        #expect(result.hasErrors)
    }

    @Test func cleanSiteSettingsStayClean() throws {
        let site = try SiteOnDisk.samples(extra: ["Content/site.yml": """
            titel: Kennisbank
            base-url: https://kennisbank.example.nl/
            contact: {email: info@example.nl, telefoon: 026-1234567, adres: "Markt 1, 6811 AB Arnhem"}

            """])
        #expect(try site.validate().briefs == [])
    }

    @Test func customStructureTitlesAreScanned() throws {
        let site = try SiteOnDisk.samples(extra: ["Content/structuren/eigen.yml": """
            titel: Eigen structuur
            secties:
              - titel: Doel
              - titel: Contact 06-12345678

            """])
        let briefs = try site.validate().briefs
        #expect(briefs == ["Content/structuren/eigen.yml VIOS503 warning 4:20"])
    }
}
