import Foundation
import Testing
import VIOSCore
@testable import VIOSSite

/// The pieces of `build --pdf` that need no browser: cache keys, and the
/// rewrites that make a printed PDF the same bytes every time.
@Suite struct FactsheetPDFTests {
    @Test func sha256MatchesKnownDigests() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // Pieces of any size give the digest of the whole.
        let text = Array(String(repeating: "veiligheid op school ", count: 40).utf8)
        var pieces = SHA256()
        var i = 0
        for size in [1, 63, 64, 65, 7, 300] where i < text.count {
            pieces.update(Array(text[i..<min(text.count, i + size)]))
            i += size
        }
        if i < text.count { pieces.update(Array(text[i...])) }
        #expect(pieces.hex() == SHA256.hex(text))
    }

    @Test func stampDatesThePDFWithTheBuildDayInPlace() throws {
        let pdf = Array("<</Title (x)\n/CreationDate (D:20261129063740+00'00')\n/ModDate (D:20261129063741+00'00')>>\n%%EOF\n".utf8)
        let day = try #require(CalendarDate(iso: "2026-01-15"))
        let stamped = FactsheetPDF.stamp(pdf, day)
        #expect(stamped.count == pdf.count)
        #expect(String(decoding: stamped, as: UTF8.self)
                == "<</Title (x)\n/CreationDate (D:20260115000000+00'00')\n/ModDate (D:20260115000000+00'00')>>\n%%EOF\n")
        // Another date format is left alone (the offsets must not move).
        let other = Array("/CreationDate (D:2026)".utf8)
        #expect(FactsheetPDF.stamp(other, day) == other)
    }

    @Test func structureNodeNumbersBecomeSequentialKeepingOrderAndWidth() {
        let pdf = Array("/ID (node00000120)>> /K (node00000097) /ID (node00000120) /ID (node7) (nodeX)".utf8)
        let out = String(decoding: FactsheetPDF.renumberNodes(pdf), as: UTF8.self)
        #expect(out == "/ID (node00000003)>> /K (node00000002) /ID (node00000003) /ID (node1) (nodeX)")
    }

    @Test func stylesheetLinksAreTheSitesOwn() {
        let html = Data("""
            <head><link rel="stylesheet" href="../assets/vios.css"><link rel="canonical" href="https://x.nl/">
            <link rel="stylesheet" href="https://cdn.example/x.css"><link rel="alternate" href="../feed.xml"></head>
            """.utf8)
        #expect(FactsheetPDF.stylesheetLinks(in: html) == ["../assets/vios.css"])
    }

    @Test func onlyCompletePDFsComeFromTheCache() {
        #expect(FactsheetPDF.looksComplete(Data("%PDF-1.7\n…\n%%EOF\n".utf8)))
        #expect(!FactsheetPDF.looksComplete(Data("%PDF-1.7\nhalf".utf8)))
        #expect(!FactsheetPDF.looksComplete(Data("<html>%%EOF".utf8)))
    }

    @Test func browserIsFoundOnPathOrByVariable() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vios-path-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(ChromiumPrinter.locate(environment: ["PATH": folder.path]) == nil)
        let browser = folder.appendingPathComponent("chromium-browser").path
        _ = FileManager.default.createFile(atPath: browser, contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o755])
        #expect(ChromiumPrinter.locate(environment: ["PATH": "/nonexistent:" + folder.path]) == browser)
        #expect(ChromiumPrinter.locate(environment: ["PATH": "", "VIOS_CHROMIUM": browser]) == browser)
        #expect(ChromiumPrinter.locate(environment: ["PATH": folder.path, "VIOS_CHROMIUM": "/nonexistent/chrome"]) == nil)
    }
}
