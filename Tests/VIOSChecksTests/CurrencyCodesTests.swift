import Testing
import VIOSCore
import VIOSSource
@testable import VIOSChecks

/// VIOS601–603: is the document still alive on `today` (2026-03-01)?
@Suite struct CurrencyCodesTests {
    let plan = Samples.plan

    // MARK: VIOS601 overdue PDCA review

    @Test func pastEvaluationIs601AtTheValue() {
        let sample = plan.replacing("volgende-evaluatie: 2026-09-01", with: "volgende-evaluatie: 2026-02-28")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS601 warning \(sample.pos("2026-02-28"))"])
        #expect(diagnostics[0].message == "volgende evaluatie (2026-02-28) is verstreken: het document is toe aan zijn PDCA-evaluatie")
    }

    @Test func evaluationDueTodayIsNot601() {
        #expect(plan.replacing("volgende-evaluatie: 2026-09-01", with: "volgende-evaluatie: 2026-03-01").briefs() == [])
    }

    @Test func overdueProtocolAndConvenantAre601() {
        let protocol_ = Samples.protocol_.replacing("volgende-evaluatie: 2026-09-01", with: "volgende-evaluatie: 2025-12-31")
        #expect(protocol_.briefs() == ["VIOS601 warning 5:21"])
        let convenant = Samples.convenant.replacing("volgende-evaluatie: 2026-06-30", with: "volgende-evaluatie: 2025-06-30")
        #expect(convenant.briefs() == ["VIOS601 warning 7:21"])
    }

    @Test func anotherTodayChangesTheOutcome() {
        #expect(plan.briefs(today: CalendarDate(iso: "2026-09-02")!) == ["VIOS601 warning 9:21"])
        #expect(plan.briefs(today: CalendarDate(iso: "2026-09-01")!) == [])
    }

    // MARK: VIOS602 expired convenant

    @Test func pastEndOfTermIs602AtTheValue() {
        let sample = Samples.convenant.replacing("geldig-tot: 2027-12-31", with: "geldig-tot: 2026-02-28")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS602 warning \(sample.pos("2026-02-28"))"])
        #expect(diagnostics[0].message == "convenant is verlopen: 'geldig-tot' 2026-02-28 ligt in het verleden")
    }

    @Test func termEndingTodayOrMissingIsNot602() {
        #expect(Samples.convenant.replacing("geldig-tot: 2027-12-31", with: "geldig-tot: 2026-03-01").briefs() == [])
        #expect(Samples.convenant.removingLine("geldig-tot:").briefs() == [])
    }

    // MARK: VIOS603 yearly safety measurement (Wet veiligheid op school)

    @Test func measurementOlderThanAYearIs603AtTheDate() {
        let sample = plan.replacing("laatste-meting: 2025-10-15", with: "laatste-meting: 2025-02-28")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS603 warning \(sample.pos("2025-02-28"))"])
        #expect(diagnostics[0].message.hasPrefix("laatste veiligheidsmeting (2025-02-28) is meer dan 12 maanden oud"))
    }

    @Test func measurementExactlyAYearAgoIsNot603() {
        #expect(plan.replacing("laatste-meting: 2025-10-15", with: "laatste-meting: 2025-03-01").briefs() == [])
    }

    @Test(arguments: ["po", "vo", "so", "vso"])
    func missingMonitoringIs603AtOnderwijs(level: String) {
        let sample = plan.replacing("onderwijs: po", with: "onderwijs: \(level)")
            .replacing("monitoring:\n  instrument: Monitor sociale veiligheid\n  laatste-meting: 2025-10-15\n", with: "")
        let diagnostics = sample.diagnostics()
        #expect(diagnostics.map(\.brief) == ["VIOS603 warning \(sample.pos("onderwijs:"))"])
        #expect(diagnostics[0].message.hasPrefix("geen 'monitoring.laatste-meting' voor een \(level)-school"))
    }

    @Test func monitoringWithoutDateIs603AtMonitoring() {
        let sample = plan.removingLine("laatste-meting: 2025-10-15")
        #expect(sample.briefs() == ["VIOS603 warning \(sample.pos("monitoring:"))"])
    }

    @Test func mboIsNot603() {
        let sample = plan.replacing("onderwijs: po", with: "onderwijs: mbo")
            .replacing("monitoring:\n  instrument: Monitor sociale veiligheid\n  laatste-meting: 2025-10-15\n", with: "")
        #expect(sample.briefs() == [])
        let old = plan.replacing("onderwijs: po", with: "onderwijs: mbo").replacing("laatste-meting: 2025-10-15", with: "laatste-meting: 2020-01-01")
        #expect(old.briefs() == [])
    }

    @Test func invalidMeasurementDateIsOnly203() {
        let sample = plan.replacing("laatste-meting: 2025-10-15", with: "laatste-meting: najaar 2025")
        #expect(sample.briefs() == ["VIOS203 error \(sample.pos("najaar 2025"))"])
    }
}
