import Testing
@testable import VIOSCore

struct CatalogTests {
    @Test func everyCodeHasTheSpecSeverity() {
        let warnings: Set<DiagnosticCode> = [.vios204, .vios302, .vios305, .vios502, .vios503, .vios601, .vios602, .vios603, .vios701]
        for code in DiagnosticCode.allCases {
            #expect(code.severity == (warnings.contains(code) ? .warning : .error), "\(code.rawValue)")
        }
    }

    @Test func messagesFillEveryPlaceholder() {
        for code in DiagnosticCode.allCases {
            let message = code.message(["a", "b", "c", "d"])
            #expect(!message.contains("{"), "\(code.rawValue): \(message)")
        }
    }
}

struct TextFoldingTests {
    @Test func foldsCaseAndDiacritics() {
        #expect(TextFolding.fold("Coördinator") == "coordinator")
        #expect(TextFolding.fold("ÉÉN") == "een")
        #expect(TextFolding.fold("Programma’s") == "programma's")
    }

    @Test func asciiHeadingKeysMatchTheCharacterPath() {
        // The byte fast path must give the key the Character path gives.
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array(" \t1234.5)-:abcXYZ,!'z09")
        var samples = ["", " ", "1.", "1. ", "2)x", "3 - a", "1.2 b", "12:", "5G-netwerk", "  7 )  Doel", "a  b", "1-2-3", "9."]
        for _ in 0..<2_000 {
            samples.append(String((0..<Int.random(in: 0...12, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }))
        }
        for sample in samples {
            let folded = TextFolding.fold(sample)
            #expect(TextFolding.asciiHeadingKey(folded) == TextFolding.characterHeadingKey(folded), "\(sample.debugDescription)")
        }
        #expect(TextFolding.asciiHeadingKey("coördinator") == nil)
    }

    @Test func headingKeysDropNumberingAndPunctuation() {
        #expect(TextFolding.headingKey("1. Visie, kernwaarden en afspraken") == "visie kernwaarden en afspraken")
        #expect(TextFolding.headingKey("2) Inzicht  in veiligheidsbeleving") == "inzicht in veiligheidsbeleving")
        #expect(TextFolding.headingKey("3 - Scheppen van voorwaarden") == "scheppen van voorwaarden")
        #expect(TextFolding.headingKey("Preventieve activiteiten en programma’s")
                == TextFolding.headingKey("Preventieve activiteiten en programma's"))
        #expect(TextFolding.headingKey("5G-netwerk") == "5g netwerk")
    }

    @Test func slugs() {
        #expect(TextFolding.slugify("Wat doet de coördinator?") == "wat-doet-de-coordinator")
        #expect(TextFolding.isValidSlug("de-linde-2"))
        #expect(!TextFolding.isValidSlug("De Linde"))
        #expect(!TextFolding.isValidSlug(""))
    }
}

struct SuggestionTests {
    @Test func nearestWithinDistance() {
        #expect(Suggestion.nearest("gemente", in: ["gemeente", "school"]) == "gemeente")
        #expect(Suggestion.nearest("xyz", in: ["gemeente"]) == nil)
        #expect(Suggestion.editDistance("kitten", "sitting") == 3)
    }
}

struct CalendarDateTests {
    @Test func parsesOnlyRealDates() {
        #expect(CalendarDate(iso: "2024-02-29") != nil)
        #expect(CalendarDate(iso: "2025-02-29") == nil)
        #expect(CalendarDate(iso: "2025-13-01") == nil)
        #expect(CalendarDate(iso: "2025-1-01") == nil)
        #expect(CalendarDate(iso: "2025-01-15")?.description == "2025-01-15")
    }

    @Test func monthArithmeticClamps() {
        #expect(CalendarDate(iso: "2025-03-31")!.adding(months: -1).description == "2025-02-28")
        #expect(CalendarDate(iso: "2026-01-15")!.adding(months: -12).description == "2025-01-15")
        #expect(CalendarDate(iso: "2025-03-03")!.dutchLong == "3 maart 2025")
    }
}

struct SitePathsTests {
    let plan = "Content/scholen/de-linde/veiligheidsplan.md"

    @Test func resolvesRelativeLinksInsideContent() {
        #expect(SitePaths.classify("../../gemeenten/arnhem.md#aanpak", from: plan)
                == .local(.init(path: "Content/gemeenten/arnhem.md", anchor: "aanpak")))
        #expect(SitePaths.classify("incidentprotocol.md", from: plan)
                == .local(.init(path: "Content/scholen/de-linde/incidentprotocol.md", anchor: nil)))
        #expect(SitePaths.classify("#monitoring", from: plan) == .local(.init(path: nil, anchor: "monitoring")))
    }

    @Test func neverLeavesContent() {
        #expect(SitePaths.classify("../../../../etc/passwd", from: plan) == .outside)
        #expect(SitePaths.classify("/etc/passwd", from: plan) == .outside)
        #expect(SitePaths.classify("..%2F..%2F..%2F..%2Fetc%2Fpasswd", from: plan) == .outside)
    }

    @Test func flagsUnsafeSchemes() {
        #expect(SitePaths.classify("javascript:alert(1)", from: plan) == .unsafe(scheme: "javascript"))
        #expect(SitePaths.classify("JavaScript:alert(1)", from: plan) == .unsafe(scheme: "javascript"))
        #expect(SitePaths.classify("vbscript:x", from: plan) == .unsafe(scheme: "vbscript"))
        #expect(SitePaths.classify("data:text/html,<b>", from: plan) == .unsafe(scheme: "data"))
        #expect(SitePaths.classify("data:image/png;base64,AAAA", from: plan, isImage: true) == .external)
        #expect(SitePaths.classify("https://www.schoolenveiligheid.nl", from: plan) == .external)
        #expect(SitePaths.classify("mailto:info@example.nl", from: plan) == .external)
    }

    @Test func pageURLsAndRelativeLinks() {
        #expect(SitePaths.pageURL(path: plan, collection: .scholen, kind: .veiligheidsplan, slug: "de-linde")
                == "scholen/de-linde/veiligheidsplan/")
        #expect(SitePaths.relative(from: "scholen/de-linde/veiligheidsplan/", to: "gemeenten/arnhem/")
                == "../../../gemeenten/arnhem/")
        #expect(SitePaths.relative(from: "", to: "") == "./")
        #expect(SiteConfig(title: "x", baseURL: "https://example.nl/kennisbank/").basePath == "/kennisbank/")
    }
}
