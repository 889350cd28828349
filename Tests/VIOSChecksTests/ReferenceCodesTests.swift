import Testing
import VIOSCore
import VIOSSource
@testable import VIOSChecks

/// VIOS401–404: references to documents and files.
@Suite struct ReferenceCodesTests {
    let plan = Samples.plan

    /// Site checks over the samples, one of them replaced.
    func siteDiagnostics(replacing changed: Sample) -> [Diagnostic] {
        let documents = Samples.all.map { $0.path == changed.path ? changed.parse().document : $0.parse().document }
        return SiteChecks.run(documents, context: Samples.context()).sortedForOutput()
    }

    // MARK: VIOS401 unknown document in frontmatter

    @Test func unknownGemeenteIs401AtTheValueWithSuggestion() {
        let sample = plan.replacing("gemeente: arnhem", with: "gemeente: arnhm")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS401 error \(sample.pos("arnhm"))"])
        #expect(diagnostics[0].message == "gemeente 'arnhm' bestaat niet (verwacht Content/gemeenten/arnhm.md); bedoelt u 'arnhem'?")
    }

    @Test func unknownConvenantIs401() {
        let sample = plan.replacing("convenant: vios-arnhem", with: "convenant: vios-zwolle")
        #expect(sample.briefs() == ["VIOS401 error \(sample.pos("vios-zwolle"))"])
    }

    @Test func convenantNamingAnUnknownGemeenteIs401() {
        let sample = Samples.convenant.replacing("gemeente: arnhem", with: "gemeente: delft")
        #expect(sample.briefs() == ["VIOS401 error 4:11"])
    }

    @Test func protocolForAnUnknownSchoolIs401() {
        let sample = Samples.protocol_.replacing("school: de-linde", with: "school: de-lindе")  // Cyrillic е
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.with(.vios401).map(\.brief) == ["VIOS401 error 3:9"])
    }

    @Test func protocolForAnotherExistingSchoolIs401() {
        let protocolElsewhere = Samples.protocol_.at(path: "Content/scholen/het-baken/incidentprotocol.md",
                                                     collection: .scholen, slug: "het-baken")
        var inventory = Samples.inventory
        inventory.documents.append(.init(path: protocolElsewhere.path, collection: .scholen, slug: "het-baken"))
        let context = CheckContext(today: today, inventory: inventory)
        let diagnostics = protocolElsewhere.diagnostics(context: context)
        #expect(diagnostics.map(\.brief) == ["VIOS401 error 3:9", "VIOS402 error \(protocolElsewhere.pos("[veiligheidsplan]"))"])
        #expect(diagnostics[0].message.contains("hoort bij de school van zijn map ('het-baken')"))
    }

    @Test func knownReferencesAreNot401() {
        for sample in Samples.all { #expect(sample.diagnostics().with(.vios401).isEmpty) }
    }

    // MARK: VIOS402 broken internal link

    @Test func linkToMissingDocumentIs402AtTheLink() {
        let sample = plan.appending("\nZie de [aanpak in Arnhem](../../gemeenten/arnhm.md).\n")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS402 error \(sample.pos("[aanpak"))"])
        #expect(diagnostics[0].message == "link '../../gemeenten/arnhm.md' verwijst naar een document dat niet bestaat (Content/gemeenten/arnhm.md)")
    }

    @Test func linkToMissingAnchorInTheSameDocumentIs402() {
        let sample = plan.appending("\nLees eerst [de monitoring](#monitorng).\n")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS402 error \(sample.pos("[de monitoring]"))"])
        #expect(diagnostics[0].message == "link '#monitorng' verwijst naar een onbekend anker in dit document; bedoelt u 'monitoring'?")
    }

    @Test func linkToMissingAnchorInItselfByFileNameIs402() {
        let sample = plan.appending("\nLees eerst [de monitoring](veiligheidsplan.md#meting).\n")
        #expect(sample.briefs() == ["VIOS402 error \(sample.pos("[de monitoring]"))"])
    }

    @Test func linkToMissingAnchorInAnotherDocumentIs402FromTheSiteCheck() {
        let sample = Samples.protocol_.replacing("veiligheidsplan.md#monitoring", with: "veiligheidsplan.md#monitorng")
        #expect(sample.briefs() == [])  // per document: the plan exists
        let diagnostics = siteDiagnostics(replacing: sample)
        #expect(diagnostics.map(\.brief) == ["VIOS402 error \(sample.pos("[veiligheidsplan]"))"])
        #expect(diagnostics[0].message == "link 'veiligheidsplan.md#monitorng' verwijst naar een onbekend anker in Content/scholen/de-linde/veiligheidsplan.md; bedoelt u 'monitoring'?")
    }

    @Test func linkLeavingContentIs402() {
        let sample = plan.appending("\nZie [het bestand](../../../Templates/page.mustache).\n")
        #expect(sample.briefs() == ["VIOS402 error \(sample.pos("[het bestand]"))"])
        let absolute = plan.appending("\nZie [de site](/gemeenten/arnhem/).\n")
        #expect(absolute.briefs() == ["VIOS402 error \(absolute.pos("[de site]"))"])
    }

    @Test func secondOfTwoLinksOnALineIsReportedAtItsOwnColumn() {
        let sample = plan.appending("\nZie [Arnhem](../../gemeenten/arnhem.md) en [Delft](../../gemeenten/delft.md).\n")
        #expect(sample.briefs() == ["VIOS402 error \(sample.pos("[Delft]"))"])
    }

    @Test func workingLinksAreNot402() {
        let sample = plan.appending("""

            Zie [Arnhem](../../gemeenten/arnhem.md#aanpak), [het convenant](../../convenanten/vios-arnhem.md),
            [hier](#toezicht), [extern](https://www.schoolenveiligheid.nl/),
            [het kernteam](../../elementen/./kernteam.md?x=1) en [Arnhem](../../gemeenten/arnhem.md#).

            """)
        #expect(sample.briefs() == [])
        #expect(siteDiagnostics(replacing: sample).isEmpty)
    }

    // MARK: VIOS403 duplicate slug

    @Test func twoDocumentsWithOneSlugAre403AtTheSecond() {
        let copy = Samples.gemeente.at(path: "Content/gemeenten/oud/arnhem.md", collection: .gemeenten, slug: "arnhem")
        let documents = Samples.all.map { $0.parse().document } + [copy.parse().document]
        let diagnostics = SiteChecks.run(documents, context: Samples.context())
        #expect(diagnostics.map(\.brief) == ["VIOS403 error 1:1"])
        #expect(diagnostics[0].location.file == "Content/gemeenten/oud/arnhem.md")
        #expect(diagnostics[0].message == "slug 'arnhem' komt twee keer voor in Content/gemeenten (ook in Content/gemeenten/arnhem.md)")
    }

    @Test func twoPlansInOneSchoolFolderAre403() {
        let copy = plan.at(path: "Content/scholen/de-linde/plan-2024.md", collection: .scholen, slug: "de-linde")
        let documents = Samples.all.map { $0.parse().document } + [copy.parse().document]
        let diagnostics = SiteChecks.run(documents, context: Samples.context())
        #expect(diagnostics.map(\.brief) == ["VIOS403 error 1:1"])
        #expect(diagnostics.first?.location.file == "Content/scholen/de-linde/plan-2024.md")
    }

    @Test func sameSlugInDifferentCollectionsIsNot403() {
        // `kernteam` is an element; a handreiking may use the same slug.
        let handreiking = Samples.handreiking.at(path: "Content/handreikingen/kernteam.md", collection: .handreikingen, slug: "kernteam")
        let documents = Samples.all.map { $0.parse().document } + [handreiking.parse().document]
        #expect(SiteChecks.run(documents, context: Samples.context()).isEmpty)
    }

    @Test func planAndProtocolOfOneSchoolAreNot403() {
        #expect(SiteChecks.run([plan.parse().document, Samples.protocol_.parse().document], context: Samples.context()).with(.vios403).isEmpty)
    }

    // MARK: VIOS404 missing image or file

    @Test func missingImageIs404AtTheImage() {
        let sample = plan.appending("\nHet plein: ![Plein](../../img/plijn.jpg)\n")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS404 error \(sample.pos("![Plein]"))"])
        #expect(diagnostics[0].message == "bestand '../../img/plijn.jpg' bestaat niet")
    }

    @Test func linkToMissingFileIs404() {
        let sample = Samples.convenant.appending("\nDe [getekende versie](../bijlagen/convenant-2024.pdf).\n")
        #expect(sample.briefs() == ["VIOS404 error \(sample.pos("[getekende versie]"))"])
    }

    @Test func imageOutsideContentIs404() {
        let sample = plan.appending("\n![logo](../../../Templates/logo.png)\n")
        #expect(sample.briefs() == ["VIOS404 error \(sample.pos("![logo]"))"])
    }

    @Test func existingImagesAndFilesAreNot404() {
        let sample = plan.appending("\n![Plein](../../img/plein.jpg) en [pdf](../../bijlagen/convenant.pdf) en ![extern](https://example.nl/a.png)\n")
        #expect(sample.briefs() == [])
    }

    @Test func percentEncodedPathIsDecoded() {
        var inventory = Samples.inventory
        inventory.assets.insert("Content/img/school plein.jpg")
        let sample = plan.appending("\n![Plein](../../img/school%20plein.jpg)\n")
        #expect(sample.diagnostics(context: CheckContext(today: today, inventory: inventory)).map(\.brief) == [])
    }
}
