import Testing
import VIOSCore
import VIOSSource
@testable import VIOSChecks

/// VIOS301–305 and heading matching (spec 4).
@Suite struct StructureCodesTests {
    let plan = Samples.plan

    // MARK: VIOS301 missing section

    @Test func missingLastSectionIs301AtThePreviousSection() {
        let sample = plan.replacing("## Toezicht\n\nOp het plein lopen in elke pauze twee pleinwachten.\n", with: "")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS301 error \(sample.pos("## Monitoring"))"])
        #expect(diagnostics[0].message == "sectie 'Toezicht' ontbreekt (structuur sass)")
    }

    @Test func missingFirstSectionIs301AtTheNextSection() {
        let sample = plan.replacing("## Doel, visie en kernwaarden\n\nIedereen voelt zich veilig op De Linde.\n\n", with: "")
        #expect(sample.briefs() == ["VIOS301 error \(sample.pos("## Sociale veiligheid en medewerkers"))"])
    }

    @Test func bodyWithoutSectionsGivesOne301PerSectionAtTheClosingFence() {
        let sample = Samples.element.replacing(String(Samples.element.text.drop(while: { $0 != "#" })), with: "Nog schrijven.\n")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == Array(repeating: "VIOS301 error 5:1", count: 4))
        #expect(diagnostics.map(\.message) == ["Aandachtspunten", "Actoren", "Inhoud", "Opbrengsten"].map {
            "sectie '\($0)' ontbreekt (structuur element)"
        })
    }

    @Test func customStructureNamesItselfIn301() {
        let custom = SectionStructure(slug: "eigen-plan", title: "Eigen plan", sections: [
            .init(title: "Visie"), .init(title: "Afspraken"),
        ])
        var structures = StructureReader.builtIn.plans
        structures["eigen-plan"] = custom
        let sample = plan.replacing("structuur: sass", with: "structuur: eigen-plan")
        let diagnostics = sample.diagnostics(context: Samples.context(planStructures: structures))
        // Neither sass heading matches; same position, so sorted by message.
        #expect(diagnostics.with(.vios301).map(\.message) == ["sectie 'Afspraken' ontbreekt (structuur eigen-plan)",
                                                              "sectie 'Visie' ontbreekt (structuur eigen-plan)"])
        #expect(diagnostics.with(.vios305).count == 6)
    }

    @Test func optionalSectionMayBeMissing() {
        // Handreiking: Bronnen is optional; gemeente: nothing is enforced.
        #expect(Samples.handreiking.briefs() == [])
        let bare = Samples.gemeente.replacing("## Aanpak\n\nElke school heeft een kernteam.\n\n## Opbrengsten\n\nKorte lijnen tussen school en partners.\n", with: "Nog schrijven.\n")
        #expect(bare.briefs() == [])
    }

    // MARK: VIOS302 order

    @Test func swappedSectionsAre302AtTheLaterOne() {
        let sample = plan.replacing("## Monitoring\n\nElk najaar vullen leerlingen de monitor in.\n\n## Toezicht\n\nOp het plein lopen in elke pauze twee pleinwachten.\n",
                                    with: "## Toezicht\n\nOp het plein lopen in elke pauze twee pleinwachten.\n\n## Monitoring\n\nElk najaar vullen leerlingen de monitor in.\n")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS302 warning \(sample.pos("## Monitoring"))"])
        #expect(diagnostics[0].message == "sectie 'Monitoring' staat niet op de volgorde van structuur sass; hoort vóór 'Toezicht'")
    }

    @Test func extraSectionsBetweenRequiredOnesAreNot302() {
        let sample = plan.inserting("## Bijlagen\n\nDe monitor staat op de website.\n", after: "Elk najaar vullen")
        #expect(sample.briefs() == [])
    }

    // MARK: VIOS303 empty section

    @Test func emptySectionIs303AtItsHeading() {
        let sample = plan.removingLine("Elk najaar vullen leerlingen")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS303 error \(sample.pos("## Monitoring"))"])
        #expect(diagnostics[0].message == "sectie 'Monitoring' heeft geen inhoud")
    }

    @Test func emptyLastSectionIs303() {
        let sample = plan.removingLine("Op het plein lopen")
        #expect(sample.briefs() == ["VIOS303 error \(sample.pos("## Toezicht"))"])
    }

    @Test func sectionWithOnlyASubheadingIs303() {
        let sample = plan.replacing("Elk najaar vullen leerlingen de monitor in.", with: "### Nog invullen")
        #expect(sample.briefs() == ["VIOS303 error \(sample.pos("## Monitoring"))"])
    }

    @Test func sectionWithOnlyAPlaceholderCommentIs303() {
        let sample = plan.replacing("Elk najaar vullen leerlingen de monitor in.", with: "<!-- vul hier in: hoe meet de school? -->")
        #expect(sample.briefs() == ["VIOS303 error \(sample.pos("## Monitoring"))"])
    }

    @Test func sectionWithOnlyRawHTMLIs303And701() {
        let sample = plan.replacing("Elk najaar vullen leerlingen de monitor in.", with: "<div>Elk najaar.</div>")
        #expect(sample.briefs() == ["VIOS303 error \(sample.pos("## Monitoring"))", "VIOS701 warning \(sample.pos("<div>"))"])
    }

    @Test func contentUnderASubheadingOrInAListCounts() {
        #expect(plan.replacing("Elk najaar vullen leerlingen de monitor in.", with: "### Meting\n\nElk najaar.").briefs() == [])
        #expect(plan.replacing("Elk najaar vullen leerlingen de monitor in.", with: "- elk najaar").briefs() == [])
        #expect(plan.replacing("Elk najaar vullen leerlingen de monitor in.", with: "| wanneer |\n|---|\n| najaar |").briefs() == [])
    }

    // MARK: VIOS304 duplicate section

    @Test func repeatedSectionIs304AtTheRepeat() {
        let sample = plan.appending("\n## Toezicht\n\nOok bij de fietsenstalling.\n")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS304 error \(sample.pos("## Toezicht", occurrence: 2))"])
        #expect(diagnostics[0].message == "sectie 'Toezicht' komt twee keer voor (eerder op regel \(sample.pos("## Toezicht").split(separator: ":")[0]))")
    }

    @Test func aliasOfAnExistingSectionIs304() {
        let sample = plan.appending("\n## 3. Leerlingen\n\nNog meer afspraken.\n")
        #expect(sample.briefs() == ["VIOS304 error \(sample.pos("## 3. Leerlingen"))"])
    }

    @Test func sameTitleAsH3IsNot304() {
        #expect(plan.appending("\n### Toezicht\n\nOok bij de fietsenstalling.\n").briefs() == [])
    }

    // MARK: VIOS305 unknown heading

    @Test func typoInHeadingIs305WithSuggestion() {
        let sample = plan.appending("\n## Bijlage A\n\nLijst.\n")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS305 warning \(sample.pos("## Bijlage A"))"])
        #expect(diagnostics[0].message == "kop 'Bijlage A' hoort bij geen sectie van structuur sass")
    }

    @Test func misspelledRequiredHeadingIs305And301() {
        let sample = plan.replacing("## Toezicht", with: "## Toezigt")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS301 error \(sample.pos("## Monitoring"))", "VIOS305 warning \(sample.pos("## Toezigt"))"])
        #expect(diagnostics[1].message == "kop 'Toezigt' hoort bij geen sectie van structuur sass; bedoelt u 'Toezicht'?")
    }

    @Test func misspelledLongHeadingSuggestsTheTitle() {
        let sample = plan.replacing("## Sociale veiligheid en leerlingen", with: "## Sociale veilligheid en leerlingn")
        let diagnostics = sample.diagnostics().with(.vios305)
        #expect(diagnostics.map(\.message) == ["kop 'Sociale veilligheid en leerlingn' hoort bij geen sectie van structuur sass; bedoelt u 'Sociale veiligheid en leerlingen'?"])
    }

    @Test func extraSectionsH3AndIntroductionAreNot305() {
        let sample = plan.appending("\n## Contactgegevens\n\nZie de website.\n\n## Bijlagen\n\nDe monitor.\n\n### Iets anders\n\nVrij.\n")
        #expect(sample.briefs() == [])
    }

    @Test func h1HeadingIsNotASection() {
        #expect(plan.inserting("# Veiligheidsplan De Linde\n", after: "De Linde is een basisschool").briefs() == [])
    }

    // MARK: Heading matching (spec 4)

    @Test(arguments: [
        ("## Toezicht", "## TOEZICHT"),
        ("## Toezicht", "## 6. Toezicht"),
        ("## Toezicht", "## 6) Toezicht"),
        ("## Toezicht", "## 6 - Toezicht"),
        ("## Toezicht", "##   Toezicht   ##"),
        ("## Toezicht", "## Toezicht:"),
        ("## Sociale veiligheid en zorgstructuur school", "## Sociale  veiligheid, en zorgstructuur (school)"),
        ("## Sociale veiligheid en zorgstructuur school", "## 4 – Zorgstructuur"),
        ("## Doel, visie en kernwaarden", "## Doel visie en kernwaarden"),
        ("## Doel, visie en kernwaarden", "## 1. Visie"),
        ("## Monitoring", "## Monitóring"),
        ("## Sociale veiligheid en medewerkers", "## Sociale Veiligheid en *medewerkers*"),
    ])
    func headingVariantsMatch(original: String, variant: String) {
        let sample = plan.replacing(original, with: variant)
        #expect(sample.briefs() == [])
    }

    @Test func ampersandIsNotAnAlias() {
        // "&" is punctuation, not "en": the heading no longer matches.
        let sample = plan.replacing("## Sociale veiligheid en zorgstructuur school", with: "## Sociale veiligheid & zorgstructuur school")
        #expect(sample.diagnostics().with(.vios305).count == 1)
    }

    @Test func typographicQuotesAndDiacriticsMatch() {
        let dvp = plan.replacing("structuur: sass", with: "structuur: digitaal-veiligheidsplan")
            .replacing("## Doel, visie en kernwaarden", with: "## 1. Visie, kernwaarden en afspraken")
            .replacing("## Sociale veiligheid en medewerkers", with: "## 2) Inzicht in veiligheidsbeleving")
            .replacing("## Sociale veiligheid en leerlingen", with: "## 3 - Scheppen van voorwaarden")
            .replacing("## Sociale veiligheid en zorgstructuur school", with: "## Positief pedagogisch handelen")
            .replacing("## Monitoring", with: "## Preventieve activiteiten en programma\u{2019}s")
            .replacing("## Toezicht", with: "## Tijdig signaleren en effectief handelen")
        #expect(dvp.briefs() == [])
        let straight = dvp.replacing("programma\u{2019}s", with: "programma's")
        #expect(straight.briefs() == [])
    }

    @Test func customStructureWithDiacriticsAndAliases() throws {
        let yaml = """
            titel: Plan met coördinator
            secties:
              - titel: Rol van de coördinator
                aliassen: [Coördinatie]
              - titel: Afspraken
              - titel: Bijzonderheden
                verplicht: false
            extra: [Bijlagen]

            """
        let (structure, problems) = StructureReader.read(path: "Content/structuren/eigen-plan.yml", slug: "eigen-plan", bytes: Array(yaml.utf8))
        #expect(problems == [])
        let custom = try #require(structure)
        var structures = StructureReader.builtIn.plans
        structures["eigen-plan"] = custom
        let context = Samples.context(planStructures: structures)
        let body = "## 1. Rol van de Coordinator\n\nTekst.\n\n## AFSPRAKEN!\n\nTekst.\n\n## Bijlagen\n\nLijst.\n"
        let sample = plan.replacing("structuur: sass", with: "structuur: eigen-plan")
            .replacing(String(plan.text[plan.text.range(of: "## Doel")!.lowerBound...]), with: body)
        #expect(sample.diagnostics(context: context).map(\.brief) == [])
        let alias = sample.replacing("## 1. Rol van de Coordinator", with: "## Coordinatie")
        #expect(alias.diagnostics(context: context).map(\.brief) == [])
        // The built-in sass sections are not part of this structure.
        let foreign = sample.appending("\n## Toezicht\n\nTekst.\n")
        #expect(foreign.diagnostics(context: context).map(\.brief) == ["VIOS305 warning \(foreign.pos("## Toezicht"))"])
        // Without the custom structure the plan's `structuur` is unknown.
        #expect(sample.diagnostics().map(\.brief) == ["VIOS202 error 7:12"])
    }

    @Test func protocolSectionsAreCheckedToo() {
        let sample = Samples.protocol_.replacing("## Nazorg", with: "## Na-zorg")
        #expect(sample.briefs() == ["VIOS301 error \(sample.pos("## Registreren"))", "VIOS305 warning \(sample.pos("## Na-zorg"))"])
    }
}
