import Foundation
import Testing
import VIOSCore
import VIOSSource
@testable import VIOSChecks

/// Regression tests for what the fuzzer (Tests/VIOSFuzzTests) found in
/// the checks: hangs on many findings, huge messages, missed numbers.
@Suite struct HostileChecksTests {
    static let clock = ContinuousClock()

    // MARK: Hints ("did you mean") must stay cheap

    @Test func manyBrokenAnchorsDoNotMakeHintsQuadratic() {
        // Was: 100,000 links to unknown anchors against 2,000 headings meant
        // 200 million edit distances: did not finish in 15 minutes. (Past
        // 2,000 candidates no hint is computed at all; 1,500 headings here.)
        let body = (0..<1_500).map { "### Kop \($0)\n\n" }.joined() + (0..<15_000).map { "[a](#kop-\($0 + 5_000)) " }.joined()
        let sample = Samples.handreiking.appending("\n" + body + "\n")
        var diagnostics: [Diagnostic] = []
        let elapsed = Self.clock.measure { diagnostics = sample.diagnostics() }
        #expect(elapsed < .seconds(15))
        let broken = diagnostics.with(.vios402)
        #expect(broken.count == 15_000)
        // The first ones still get their hint.
        #expect(broken.first?.message.hasSuffix("; bedoelt u 'kop-500'?") == false)
        #expect(broken.prefix(Hints.perDocument).contains { $0.message.contains("bedoelt u") })
        #expect(!broken.suffix(100).contains { $0.message.contains("bedoelt u") })
    }

    @Test func hintsAreTheSameWithTheLengthFilter() {
        let candidates = ["gemeente", "convenant", "school", "samenvatting", "volgende-evaluatie"]
        for word in ["gemente", "convenat", "schol", "samenvating", "volgende-evalutie", "x", String(repeating: "g", count: 500)] {
            #expect(Hints.nearest(word, in: candidates) == Suggestion.nearest(word, in: candidates), "\(word)")
        }
    }

    @Test func hugeFieldNameIsClippedInTheMessageAndQuick() {
        // Was: a 1 MB unknown key was quoted whole and compared by edit
        // distance with every known field.
        let key = String(repeating: "k", count: 1_000_000)
        // An explicit key: libyaml allows plain keys of 1,024 characters only.
        let sample = Samples.element.inserting("? \(key)\n: x", after: "element: kernteam")
        var diagnostics: [Diagnostic] = []
        let elapsed = Self.clock.measure { diagnostics = sample.diagnostics() }
        #expect(elapsed < .seconds(5))
        let unknown = diagnostics.with(.vios204)
        #expect(unknown.count == 1)
        #expect(unknown[0].message == "onbekend veld '\(String(repeating: "k", count: 120))…'")
    }

    @Test func hugeHeadingIsClippedInTheMessage() {
        let heading = "## " + String(repeating: "Kop ", count: 100_000)
        let diagnostics = Samples.element.appending("\n" + heading + "\n\nTekst.\n").diagnostics()
        let unknown = diagnostics.with(.vios305)
        #expect(unknown.count == 1)
        #expect(unknown[0].message.utf8.count < 300)
    }

    // MARK: Numbers written one after another

    @Test(arguments: [
        ("BSN's: 123456782 111222333", ["123456782", "111222333"]),
        ("Bel 06-12345678 06-87654321 of mail.", ["06-12345678", "06-87654321"]),
        ("123456782 12 keer", ["123456782"]),
    ])
    func numbersSeparatedBySpacesAreEachFound(line: String, numbers: [String]) {
        // Was: the scan joined them into one run of 14+ digits and found none.
        let found = PrivacyCheck.scan(Substring(line))
        #expect(found.map(\.text) == numbers)
    }

    @Test func aLineOfNumbersIsScannedInLinearTime() {
        let line = String(repeating: "1234567 ", count: 250_000) + "123456782"
        var found: [PrivacyCheck.Finding] = []
        let elapsed = Self.clock.measure { found = PrivacyCheck.scan(Substring(line)) }
        #expect(elapsed < .seconds(5))
        #expect(found.map(\.text) == ["123456782"])
        #expect(found.first?.offset == 2_000_000)
    }

    @Test func columnsOfFindingsAfterMultibyteTextCountCharacters() {
        let found = PrivacyCheck.scan("Zoë’s vader – “06-12345678” en é\u{0301}123456782")
        #expect(found.map { "\($0.text) \($0.offset)" } == ["06-12345678 15"])
        // A letter with a combining mark glued to the number makes it a word.
    }

    // MARK: Links that climb out of Content/

    @Test(arguments: ["../../../../etc/passwd", "/etc/passwd", "file:///etc/passwd", "FILE:/etc/passwd", "file:../x.md",
                      "%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%2F..%2F..%2Fetc/passwd", "%2E%2E/%2E%2E/%2E%2E/Templates/home.mustache",
                      "./../../../site.yml", "../../Output/index.html", "//evil.example/x", "%2f%2fevil.example/x",
                      "%252e%252e%252f%252e%252e%252fetc", "..\\..\\..\\etc\\passwd", "a/../../../../b", "....//....//etc"])
    func noLinkResolvesOutsideContent(url: String) {
        // The checker and the site builder both go through SitePaths.classify:
        // whatever it calls local is a path below Content/ without "..".
        for isImage in [false, true] {
            switch SitePaths.classify(url, from: "Content/handreikingen/x.md", isImage: isImage) {
            case .local(let target):
                if let path = target.path {
                    #expect(path.hasPrefix("Content/") && !path.split(separator: "/").contains(".."), "\(url) → \(path)")
                }
            case .outside, .unsafe, .external:
                break
            }
        }
        let sample = Samples.handreiking.appending("\n[a](\(url)) ![b](\(url))\n")
        let codes = sample.diagnostics().map(\.code)
        // Every form that is not an external URL is an error.
        if !url.hasPrefix("//") {
            #expect(codes.filter { [.vios402, .vios404, .vios702].contains($0) }.count == 2, "\(url): \(codes)")
        }
    }

    // MARK: A document in a folder that is no collection

    @Test func documentInAnUnknownFolderIsTold() {
        // Was: `Content/Gemeenten/arnhem.md` was published under /pagina/
        // without a word, and references to gemeente 'arnhem' broke.
        let sample = Samples.gemeente.at(path: "Content/Gemeenten/arnhem.md", collection: .gemeenten, slug: "arnhem")
        var document = sample.parse()
        document.document.collection = nil
        let diagnostics = DocumentChecks.run(document, context: Samples.context()).with(.vios202)
        #expect(diagnostics.map(\.brief) == ["VIOS202 error 2:7"])
        #expect(diagnostics.first?.message == "een document van type 'gemeente' hoort in Content/gemeenten/, niet in Content/Gemeenten/; hernoem of verplaats de map")
    }

    /// The privacy pre-filter reads eight bytes at a time; it must answer
    /// as a byte-by-byte reading does, for every mix of digits, `@`,
    /// neighbours of both (`/`, `:`, `?`, `A`), high bytes and lengths.
    @Test func privacyPrefilterAgreesWithAPlainReading() {
        func plain(_ bytes: [UInt8]) -> Bool {
            var digits = 0
            for byte in bytes {
                if byte == 64 { return true }
                if byte >= 48 && byte <= 57 { digits += 1; if digits >= 9 { return true } }
            }
            return false
        }
        let alphabet: [UInt8] = [48, 49, 57, 47, 58, 63, 64, 65, 0x80 | 48, 0xC0 | 57, 0xB0, 0xB9, 0xC0, 0xFF, 32, 97, 0x40 | 0x80]
        var generator = SystemRandomNumberGenerator()
        var positives = 0
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...40, using: &generator)
            // Few `@`, so that digit counting decides most lines.
            let line = (0..<count).map { _ in
                Int.random(in: 0..<8, using: &generator) == 0 ? alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
                    : [48, 53, 57, 97, 0xC3, 47, 58][Int.random(in: 0..<7, using: &generator)]
            }
            let fast = line.withUnsafeBufferPointer { ByteScan.mayHoldPersonalData($0) }
            #expect(fast == plain(line), "\(line)")
            if fast { positives += 1 }
        }
        #expect(positives > 1000 && positives < 19_000)
    }

    /// `isEmail` reads bytes; it must agree with a reading by characters.
    @Test func emailTestAgreesWithAReadingByCharacters() {
        func byCharacters(_ text: String) -> Bool {
            let parts = text.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
                  !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else { return false }
            let local = { (c: Character) in c.isASCII && (c.isLetter || c.isNumber || "._%+-'".contains(c)) }
            let domain = { (c: Character) in c.isASCII && (c.isLetter || c.isNumber || ".-".contains(c)) }
            return parts[0].allSatisfy(local) && parts[1].allSatisfy(domain) && !parts[1].contains("..")
        }
        let pieces = ["a", "Z", "9", ".", "@", "-", "_", "'", "%", "+", "é", "e\u{301}", "@\u{301}", " ", "\r\n", "..", "x.nl", "ß", "١"]
        var generator = SystemRandomNumberGenerator()
        var positives = 0
        for _ in 0..<20_000 {
            func some(_ n: ClosedRange<Int>) -> String {
                (0..<Int.random(in: n, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            }
            // Half of them shaped like an address, so both answers are common.
            let text = Bool.random(using: &generator) ? some(0...8) : some(1...2) + "a@b" + some(0...2) + ".nl"
            #expect(Identifiers.isEmail(text) == byCharacters(text), "\(text)")
            if Identifiers.isEmail(text) { positives += 1 }
        }
        #expect(positives > 100)
        #expect(Identifiers.isEmail("pesten1@school1.example.nl") && !Identifiers.isEmail("a@b") && !Identifiers.isEmail("a@@b.nl"))
    }
}
