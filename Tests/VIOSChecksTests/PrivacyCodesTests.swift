import Testing
import VIOSCore
import VIOSSource
@testable import VIOSChecks

/// VIOS501–504: personal data in published text (AVG).
@Suite struct PrivacyCodesTests {
    let plan = Samples.plan
    let handreiking = Samples.handreiking

    /// The plan with one body line added.
    func planSaying(_ line: String) -> Sample { plan.appending("\n\(line)\n") }

    // MARK: VIOS501 BSN

    @Test(arguments: ["111222333", "123456782", "1234.56.782"])
    func numberPassingTheElfproefIs501(bsn: String) {
        let sample = planSaying("Het BSN \(bsn) stond in het verslag.")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS501 error \(sample.pos(bsn))"])
        #expect(diagnostics[0].message.hasPrefix("'\(bsn)' lijkt een burgerservicenummer"))
    }

    @Test func bsnIsAnErrorEverywhere() {
        #expect(handreiking.replacing("14 jaar", with: "14 jaar (123456782)").briefs() == ["VIOS501 error 12:27"])
        #expect(Samples.gemeente.appending("\n123456782\n").briefs() == ["VIOS501 error 24:1"])
    }

    @Test(arguments: [
        "123456789",            // fails the elfproef
        "000000000",            // all zeros is not a BSN
        "Kenmerk 1234567890.",  // ten digits
        "Factuur 12345678.",    // eight digits
        "ID123456782 en 123456782X",  // part of a word
        "Op 2025-01-15 en 15-01-2025 en 15.01.2025.",
        "In 2025 en 2026, schooljaar 2025-2026.",
        "BRIN 12AB00, postcode 6811 AB, huisnummer 12.",
        "Bedrag: € 123.456.789,00.",
        "Bel bij nood 112, de politie op 0900-8844 of 0900 8844.",
        "Veilig Thuis: 0800-2000, Kindertelefoon 0800-0432, Sensoor 0800-7000, 113: 0800-0113.",
        "Zie ISBN 978-90-1234-567-8 en artikel 4c.",
        "Tussen 08.30 en 16.00 uur, lokaal 1.23.",
    ])
    func textWithoutPersonalNumbersIsClean(line: String) {
        #expect(planSaying(line).briefs() == [])
    }

    // MARK: VIOS502 e-mail address

    @Test func emailInAPlanBodyIs502Warning() {
        let sample = planSaying("Mail de mentor: j.de-vries@delinde.example.nl.")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS502 warning \(sample.pos("j.de-vries"))"])
        #expect(diagnostics[0].message == "e-mailadres 'j.de-vries@delinde.example.nl' in de tekst; zet contactgegevens in 'contacten'")
    }

    @Test func emailInAHandreikingIs502Error() {
        let sample = handreiking.replacing("met de leerling", with: "met de leerling (ouders: fam.jansen@gmail.com)")
        #expect(sample.briefs() == ["VIOS502 error \(sample.pos("fam.jansen"))"])
    }

    @Test func mailtoLinkIs502() {
        let sample = planSaying("Schrijf naar [de mentor](mailto:mentor@delinde.example.nl).")
        #expect(sample.briefs() == ["VIOS502 warning \(sample.pos("mentor@"))"])
    }

    @Test(arguments: ["Volg @vios_arnhem op sociale media.", "Schrijf naar info@ of naar x@y.", "Het adres is jan @ school."])
    func notAnEmailIsNot502(line: String) {
        #expect(planSaying(line).briefs() == [])
    }

    // MARK: VIOS503 phone number

    @Test(arguments: ["06-12345678", "0612345678", "06 1234 5678", "026-1234567", "(026) 123 45 67", "+31 6 12345678", "+31612345678", "0031 26 1234567", "+31 (0)6 12345678"])
    func phoneInAPlanBodyIs503Warning(phone: String) {
        let sample = planSaying("Bel de vader op \(phone) na vieren.")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS503 warning \(sample.lastPos(phone))"])
        #expect(diagnostics[0].message == "telefoonnummer '\(phone)' in de tekst; zet contactgegevens in 'contacten'")
    }

    @Test func phoneInAHandreikingIs503Error() {
        let sample = handreiking.replacing("met de leerling", with: "met de leerling (06-12345678)")
        #expect(sample.briefs() == ["VIOS503 error \(sample.pos("06-12345678"))"])
    }

    @Test(arguments: ["112", "0900-8844", "0900 8844", "0800-2000", "(0800) 2000", "0800-7000", "0800 0432"])
    func publicServiceNumbersAreNot503(number: String) {
        #expect(planSaying("Bel \(number).").briefs() == [])
        #expect(handreiking.replacing("met de leerling", with: "met de leerling en belt \(number)").briefs() == [])
    }

    @Test func columnsCountCharactersNotBytes() {
        let sample = planSaying("Café “De Hoek” – coördinator: 06-12345678")
        #expect(sample.briefs() == ["VIOS503 warning \(sample.pos("06-12345678"))"])
        #expect(sample.pos("06-12345678").hasSuffix(":31"))
    }

    @Test func severalFindingsOnOneLineEachHaveTheirColumn() {
        let sample = planSaying("BSN 111222333, tel. 06-12345678, mail a@b.nl")
        #expect(sample.briefs() == ["VIOS501 error \(sample.pos("111222333"))",
                                    "VIOS503 warning \(sample.pos("06-12345678"))",
                                    "VIOS502 warning \(sample.pos("a@b.nl"))"])
    }

    // MARK: VIOS504 IBAN

    @Test(arguments: ["NL91ABNA0417164300", "NL91 ABNA 0417 1643 00", "nl91abna0417164300"])
    func validDutchIBANIs504(iban: String) {
        let sample = planSaying("Het geld ging naar \(iban) van de ouders.")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS504 error \(sample.pos(iban))"])
        #expect(diagnostics[0].message == "'\(iban)' lijkt een geldig IBAN-rekeningnummer; haal persoonsgegevens weg")
    }

    @Test(arguments: ["NL92ABNA0417164300", "NL92 ABNA 0417 1643 00", "NL91ABNA041716430", "DE89370400440532013000", "XNL91ABNA0417164300"])
    func invalidOrForeignIBANIsNotReported(iban: String) {
        // Neither as an IBAN nor, in pieces, as a phone number.
        #expect(planSaying("Rekening \(iban).").briefs() == [])
    }

    // MARK: Frontmatter strings

    @Test func findingInSamenvattingIsReportedAtItsCharacter() {
        let sample = plan.replacing("samenvatting: Hoe De Linde", with: "samenvatting: Bel 06-12345678 of lees hoe De Linde")
        #expect(sample.briefs() == ["VIOS503 warning \(sample.pos("06-12345678"))"])
    }

    @Test func findingInAQuotedTitleIsReportedAtItsCharacter() {
        let sample = handreiking.replacing("titel: Handel in vapes op school", with: "titel: \"Leerling 123456782 handelt in vapes\"")
        #expect(sample.briefs() == ["VIOS501 error \(sample.pos("123456782"))"])
        let single = handreiking.replacing("titel: Handel in vapes op school", with: "titel: 'Mail: jan@example.nl'")
        #expect(single.briefs() == ["VIOS502 error \(single.pos("jan@"))"])
    }

    @Test func findingInAFoldedSamenvattingIsReportedAtItsLine() {
        let sample = plan.replacing("samenvatting: Hoe De Linde werkt aan een veilige school.",
                                    with: "samenvatting: >\n  Hoe De Linde werkt aan een veilige school;\n  vragen: bel 06-12345678.")
        #expect(sample.briefs() == ["VIOS503 warning \(sample.pos("06-12345678"))"])
    }

    @Test func findingInALiteralBlockIsReportedAtItsLine() {
        let sample = plan.replacing("samenvatting: Hoe De Linde werkt aan een veilige school.",
                                    with: "samenvatting: |\n  Hoe De Linde werkt.\n    Rekening NL91 ABNA 0417 1643 00.")
        #expect(sample.briefs() == ["VIOS504 error \(sample.pos("NL91"))"])
    }

    @Test func repeatedFindingInOneValueIsReportedTwice() {
        let sample = plan.replacing("samenvatting: Hoe De Linde werkt aan een veilige school.",
                                    with: "samenvatting: \"Bel 06-12345678, of \\\"06-12345678\\\" voor De Linde\"")
        #expect(sample.briefs() == ["VIOS503 warning \(sample.pos("06-12345678"))",
                                    "VIOS503 warning \(sample.pos("06-12345678", occurrence: 2))"])
    }

    @Test func findingInAPlainValueFoldedOverTwoLines() {
        let sample = plan.replacing("samenvatting: Hoe De Linde werkt aan een veilige school.",
                                    with: "samenvatting: Hoe De Linde werkt\n  aan een veilige school, tel. 06-12345678.")
        #expect(sample.briefs() == ["VIOS503 warning \(sample.pos("06-12345678"))"])
    }

    @Test func findingInAnEscalationActionIsReported() {
        let sample = Samples.protocol_.replacing("actie: Melden bij de wijkagent", with: "actie: Melden bij de wijkagent, 06-12345678")
        #expect(sample.briefs() == ["VIOS503 warning \(sample.pos("06-12345678"))"])
    }

    @Test func phoneInEscalationContactIsNotReported() {
        let sample = Samples.protocol_.replacing("contact: 0900-8844", with: "contact: 026-1234567")
        #expect(sample.briefs() == [])
    }

    @Test func contactDetailsInContactenAreNotReported() {
        let sample = plan.replacing("telefoon: \"026-1234567\"", with: "telefoon: \"06-12345678\"")
        #expect(sample.briefs() == [])
    }

    @Test func bsnInContactenIsStillReported() {
        let sample = plan.replacing("naam: Anna Jansen\n    email", with: "naam: Anna Jansen 123456782\n    email")
        #expect(sample.briefs() == ["VIOS501 error \(sample.pos("123456782"))"])
    }

    @Test func datesAndIdentifiersInFrontmatterAreNotReported() {
        // Every sample carries dates, BRIN and CBS codes: none are findings.
        for sample in Samples.all { #expect(sample.diagnostics().filter { $0.code.rawValue.hasPrefix("VIOS5") }.isEmpty) }
    }

    @Test func bodyWithoutFrontmatterIsStillScanned() {
        let sample = Sample(path: "Content/handreikingen/x.md", collection: .handreikingen, slug: "x", text: "Geen kop.\n\nBSN 123456782\n")
        #expect(sample.briefs() == ["VIOS101 error 1:1"])
        // A broken frontmatter still has a body to scan.
        let broken = Sample(path: "Content/handreikingen/x.md", collection: .handreikingen, slug: "x",
                            text: "---\ntitel: \"x\n---\n\nBSN 123456782\n")
        #expect(broken.briefs() == ["VIOS102 error 2:8", "VIOS501 error 5:5"])
    }
}
