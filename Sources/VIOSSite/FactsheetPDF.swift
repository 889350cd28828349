import Foundation
import Synchronization
import VIOSCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `vios build --pdf`: every factsheet also as a PDF
/// (`factsheets/<school>.pdf` beside `factsheets/<school>.html`), printed
/// by headless Chromium from the page just written into the build's
/// temporary folder, so a failed build still leaves the output untouched.
///
/// Printed PDFs are kept in `.vios-cache/pdf/<key>.pdf`, where the key is
/// the SHA-256 of the factsheet's HTML and the stylesheets it loads (what
/// the print looks like); only factsheets whose key changed are printed
/// again, all in one browser process with several tabs.
public enum FactsheetPDF {
    /// Site-root relative link to a school's PDF factsheet.
    static func url(_ slug: String) -> String { "factsheets/\(slug).pdf" }

    /// The browser `--pdf` would use, nil when there is none.
    public static func browser() -> String? { ChromiumPrinter.locate() }

    /// The Dutch message for a missing browser.
    public static var missingBrowserMessage: String { ChromiumPrinter.notFoundMessage }

    /// Bumped when the print settings change, so old cache entries die.
    static let cacheVersion = "vios-factsheet-pdf-1"

    /// What happened, for the build's progress line and the timing report.
    struct Report: Sendable {
        var factsheets = 0
        var printed = 0
        var seconds = 0.0
    }

    /// Prints (or takes from the cache) a PDF for every factsheet page of
    /// `jobs`, after `writer` wrote the pages into its temporary folder.
    @discardableResult
    static func write(jobs: [PageJob], writer: OutputWriter, root: String, today: CalendarDate,
                      progress: Progress? = nil) throws(OutputWriter.Failure) -> Report {
        let pages = jobs.compactMap { job -> String? in
            if case .factsheet = job.kind { return job.path }
            return nil
        }
        return try write(pages: pages, writer: writer, root: root, today: today, progress: progress)
    }

    /// Prints (or takes from the cache) a PDF for every factsheet page in
    /// `pages` (site-relative `.html` paths already written by `writer`).
    @discardableResult
    static func write(pages: [String], writer: OutputWriter, root: String, today: CalendarDate,
                      progress: Progress? = nil) throws(OutputWriter.Failure) -> Report {
        let start = ContinuousClock.now
        var report = Report(factsheets: pages.count)
        guard !pages.isEmpty else { return report }
        let cache = root + "/.vios-cache/pdf"
        do {
            try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        } catch {
            throw OutputWriter.Failure(message: "kan map \(cache) niet maken: \(error.localizedDescription)")
        }

        // 1. A key per page (on all cores); cached PDFs are reused.
        let digests = Mutex<[String: String]>([:])  // stylesheet file → its SHA-256
        let folder = writer.buildPath
        let hashed = pages.parallelMap { page -> String? in
            let path = folder + "/" + page
            guard let html = FileManager.default.contents(atPath: path) else { return nil }
            var hash = SHA256()
            hash.update(cacheVersion + "\n")
            hash.update([UInt8](html))
            for sheet in stylesheetLinks(in: html) {
                let file = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(sheet).standardizedFileURL.path
                let digest = digests.withLock { $0[file] } ?? {
                    let value = SHA256.hex(FileManager.default.contents(atPath: file).map { [UInt8]($0) } ?? [])
                    digests.withLock { $0[file] = value }
                    return value
                }()
                hash.update("\n" + sheet + " " + digest)
            }
            return hash.hex()
        }
        var keys: [String] = []
        for (page, key) in zip(pages, hashed) {
            guard let key else { throw OutputWriter.Failure(message: "kan \(page) niet lezen om er een PDF van te maken") }
            keys.append(key)
        }
        var pdfs: [[UInt8]?] = keys.map { key in
            guard let data = FileManager.default.contents(atPath: cache + "/" + key + ".pdf"),
                  looksComplete(data) else { return nil }
            return [UInt8](data)
        }

        // 2. Print the rest in one browser.
        let missing = pdfs.indices.filter { pdfs[$0] == nil }
        if !missing.isEmpty {
            guard let browser = ChromiumPrinter.locate() else { throw OutputWriter.Failure(message: ChromiumPrinter.notFoundMessage) }
            progress?.note("factsheets als PDF printen (\(missing.count))")
            let urls = missing.map { URL(fileURLWithPath: writer.buildPath + "/" + pages[$0]) }
            let tabs = max(2, min(8, ProcessInfo.processInfo.activeProcessorCount * 2))
            do throws(ChromiumPrinter.Failure) {
                let printer = try ChromiumPrinter(browser: browser)
                defer { printer.stop() }
                let printed = try printer.printPDFs(urls, tabs: tabs) { _ in
                    progress?.step("factsheets als PDF printen", total: missing.count)
                }
                for (n, index) in missing.enumerated() {
                    let pdf = renumberNodes(printed[n])
                    pdfs[index] = pdf
                    storeInCache(pdf, at: cache + "/" + keys[index] + ".pdf")
                }
            } catch {
                throw OutputWriter.Failure(message: "PDF-factsheets maken mislukt: \(error.message)")
            }
            report.printed = missing.count
        }

        // 3. Into the output, dated with the build's day (reproducible).
        for (page, pdf) in zip(pages, pdfs) {
            try writer.write(String(page.dropLast(".html".count)) + ".pdf", stamp(pdf!, today))
        }
        pruneCache(cache, keep: Set(keys))
        report.seconds = seconds(ContinuousClock.now - start)
        return report
    }

    /// `href`s of `<link rel="stylesheet">` that point into the site.
    static func stylesheetLinks(in html: Data) -> [String] {
        let text = String(decoding: html.prefix(16_384), as: UTF8.self)  // they sit in <head>
        var out: [String] = []
        var rest = text[...]
        while let open = rest.range(of: "<link ") {
            guard let end = rest[open.upperBound...].firstIndex(of: ">") else { break }
            let tag = rest[open.lowerBound..<end]
            rest = rest[end...]
            guard tag.contains("rel=\"stylesheet\""), let href = tag.range(of: "href=\"") else { continue }
            let value = tag[href.upperBound...].prefix { $0 != "\"" }
            if !value.contains(":") && !value.hasPrefix("/") { out.append(String(value)) }
        }
        return out
    }

    /// Chromium writes `/CreationDate (D:YYYYMMDDHHmmSS+00'00')` and the
    /// same `/ModDate`; both become the build's day at midnight, in place
    /// (same length, so the cross-reference offsets stay right).
    static func stamp(_ pdf: [UInt8], _ day: CalendarDate) -> [UInt8] {
        let date = Array(String(format: "D:%04d%02d%02d000000+00'00'", day.year, day.month, day.day).utf8)
        var out = pdf
        for key in ["/CreationDate (", "/ModDate ("] {
            let needle = Array(key.utf8)
            var i = 0
            while let found = find(needle, in: out, from: i) {
                let start = found + needle.count
                i = start
                guard let close = out[start...].firstIndex(of: UInt8(ascii: ")")), close - start == date.count,
                      out[start] == UInt8(ascii: "D") else { continue }
                out.replaceSubrange(start..<close, with: date)
            }
        }
        return out
    }

    /// A tagged PDF names its structure elements `(node00000123)` after
    /// DOM node numbers, which depend on what else the browser did before.
    /// They become 1, 2, 3, … in the same order and with as many digits,
    /// so the same page always gives the same bytes.
    static func renumberNodes(_ pdf: [UInt8]) -> [UInt8] {
        let prefix = Array("(node".utf8)
        var spots: [(start: Int, width: Int, value: Int)] = []
        var i = 0
        while let found = find(prefix, in: pdf, from: i) {
            var j = found + prefix.count, value = 0
            while j < pdf.count, pdf[j] >= 48, pdf[j] <= 57, j - found - prefix.count < 18 {
                value = value * 10 + Int(pdf[j] - 48)
                j += 1
            }
            if j < pdf.count, pdf[j] == UInt8(ascii: ")"), j > found + prefix.count {
                spots.append((found + prefix.count, j - found - prefix.count, value))
            }
            i = j
        }
        guard !spots.isEmpty else { return pdf }
        var rank: [Int: Int] = [:]
        for (n, value) in Set(spots.map(\.value)).sorted().enumerated() { rank[value] = n + 1 }
        var out = pdf
        for spot in spots {
            let digits = Array(String(rank[spot.value]!).utf8)
            guard digits.count <= spot.width else { return pdf }
            let padded = [UInt8](repeating: UInt8(ascii: "0"), count: spot.width - digits.count) + digits
            out.replaceSubrange(spot.start..<spot.start + spot.width, with: padded)
        }
        return out
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard from < haystack.count else { return nil }
        return haystack.withUnsafeBytes { hay in
            needle.withUnsafeBytes { pin -> Int? in
                // memchr for the first byte, memcmp for the rest (memmem is a GNU extension).
                var at = from
                while at + pin.count <= hay.count {
                    guard let hit = memchr(hay.baseAddress! + at, Int32(pin[0]), hay.count - at - pin.count + 1) else { return nil }
                    let offset = hay.baseAddress!.distance(to: UnsafeRawPointer(hit))
                    if memcmp(hit, pin.baseAddress!, pin.count) == 0 { return offset }
                    at = offset + 1
                }
                return nil
            }
        }
    }

    /// A PDF that was written to the end (`%%EOF` in its last bytes).
    static func looksComplete(_ data: Data) -> Bool {
        data.starts(with: Array("%PDF-".utf8)) && String(decoding: data.suffix(32), as: UTF8.self).contains("%%EOF")
    }

    /// Write-then-rename, so a killed build never leaves half a PDF.
    private static func storeInCache(_ bytes: [UInt8], at path: String) {
        let temporary = path + ".tmp-\(getpid())"
        if FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) {
            if rename(temporary, path) != 0 { unlink(temporary) }
        }
    }

    /// Removes cached PDFs of factsheets that no longer exist or changed.
    private static func pruneCache(_ cache: String, keep: Set<String>) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: cache) else { return }
        for entry in entries where entry.hasSuffix(".pdf") && entry.count == 68 && !keep.contains(String(entry.dropLast(4))) {
            unlink(cache + "/" + entry)
        }
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
