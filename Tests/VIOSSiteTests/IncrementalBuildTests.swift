import Foundation
import Testing
import VIOSChecks
import VIOSCore
import VIOSSource
@testable import VIOSSite

/// Incremental builds (`.vios-cache/`) must produce exactly the tree a cold
/// `--no-cache` build of the same input produces.
@Suite struct IncrementalBuildTests {
    /// Builds `site` incrementally into Output/ and cold (no cache) into a
    /// second folder, and compares both trees byte for byte.
    private func expectSameAsCold(_ site: SiteFixture, _ step: String,
                                  sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        try site.build()
        var cold = BuildOptions(root: site.root, output: "Cold", today: SiteFixture.today)
        cold.cache = false
        _ = try SiteBuilder.build(cold)
        let incremental = SiteFixture.snapshot(site.root + "/Output")
        let reference = SiteFixture.snapshot(site.root + "/Cold")
        #expect(!incremental.isEmpty, "\(step): empty output", sourceLocation: sourceLocation)
        #expect(Set(incremental.keys) == Set(reference.keys),
                "\(step): file sets differ: \(Set(incremental.keys).symmetricDifference(reference.keys).sorted().prefix(10))",
                sourceLocation: sourceLocation)
        let differing = reference.keys.filter { incremental[$0] != reference[$0] }.sorted()
        #expect(differing.isEmpty, "\(step): different bytes in \(differing.prefix(10))", sourceLocation: sourceLocation)
        // A cold build drops the manifest; the next incremental build starts over.
        try site.build()
    }

    private func edit(_ site: SiteFixture, _ path: String, _ change: (String) -> String) throws {
        try site.write(path, change(try site.read(path)))
    }

    @Test func editsAddsRenamesAndDeletesMatchAColdBuild() throws {
        let site = try SiteFixture()
        defer { site.cleanUp() }
        try site.build()
        let manifest = site.root + "/.vios-cache/output-" + TextFolding.slugify(site.root + "/Output") + ".manifest"
        #expect(FileManager.default.fileExists(atPath: manifest))

        // Nothing changed: every file is reused.
        let again = try site.build()
        #expect(again.filesReused == again.filesWritten)
        try expectSameAsCold(site, "unchanged")

        // Edit a body of one document.
        try edit(site, "Content/handreikingen/handel-in-vapes.md") { $0 + "\nEen extra alinea over vapes.\n" }
        try expectSameAsCold(site, "edit body")

        // Edit a title (site-wide indexes change).
        try edit(site, "Content/handreikingen/handel-in-vapes.md") {
            $0.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("titel:") ? "titel: \"Handel in vapes, herzien\"" : String($0) }
                .joined(separator: "\n")
        }
        try expectSameAsCold(site, "edit title")

        // Add a document.
        try site.write("Content/handreikingen/nieuwe-handreiking.md",
                       SiteFixture.handreiking(titel: "Een nieuwe handreiking"))
        try expectSameAsCold(site, "add")

        // Rename a document.
        try FileManager.default.moveItem(atPath: site.root + "/Content/handreikingen/nieuwe-handreiking.md",
                                         toPath: site.root + "/Content/handreikingen/hernoemde-handreiking.md")
        try expectSameAsCold(site, "rename")

        // Delete a document.
        try site.remove("Content/handreikingen/hernoemde-handreiking.md")
        try expectSameAsCold(site, "delete")

        // Edit a template and an asset.
        try edit(site, "Templates/handreiking.mustache") { $0 + "\n<!-- gewijzigd -->\n" }
        try edit(site, "Templates/assets/vios.css") { $0 + "\n/* gewijzigd */\n" }
        try expectSameAsCold(site, "edit template")

        // Undo the template edit: old bytes come back, no stale reuse.
        try edit(site, "Templates/handreiking.mustache") { $0.replacingOccurrences(of: "\n<!-- gewijzigd -->\n", with: "") }
        try expectSameAsCold(site, "revert template")
    }

    @Test func documentsComeFromTheStoreUntilTheyChange() throws {
        let site = try SiteFixture()
        defer { site.cleanUp() }
        let first = try site.build()
        let count = first.site.documents.count
        #expect(first.site.documentsFromStore == 0)
        #expect(try site.build().site.documentsFromStore == count)

        // One body edited: that document alone is read again.
        try edit(site, "Content/handreikingen/handel-in-vapes.md") { $0 + "\nNog een alinea.\n" }
        #expect(try site.build().site.documentsFromStore == count - 1)
        try expectSameAsCold(site, "edit after store")

        // A build that fails on content still keeps what it checked.
        try edit(site, "Content/handreikingen/handel-in-vapes.md") { $0.replacingOccurrences(of: "type: handreiking", with: "type: onbekend") }
        #expect(throws: BuildError.self) { try site.build() }
        try edit(site, "Content/handreikingen/handel-in-vapes.md") { $0.replacingOccurrences(of: "type: onbekend", with: "type: handreiking") }
        #expect(try site.build().site.documentsFromStore == count - 1)

        // --no-cache reads everything and starts the cache over.
        var cold = BuildOptions(root: site.root, today: SiteFixture.today)
        cold.cache = false
        #expect(try SiteBuilder.build(cold).site.documentsFromStore == 0)
        let cache = site.root + "/.vios-cache/"
        let slug = TextFolding.slugify(site.root + "/Output")
        for name in ["documents-\(slug).index", "documents-\(slug).pack", "search-\(slug).batches"] {
            #expect(!FileManager.default.fileExists(atPath: cache + name), "\(name)")
        }
        #expect(try site.build().site.documentsFromStore == 0)
        #expect(try site.build().site.documentsFromStore == count)

        // Another --today changes what the checks say: nothing from the store.
        let later = BuildOptions(root: site.root, today: CalendarDate(year: 2031, month: 1, day: 1)!)
        do {
            #expect(try SiteBuilder.build(later).site.documentsFromStore == 0)
        } catch {
            guard case .content(let checked) = error else { throw error }
            #expect(checked.documentsFromStore == 0)
        }
    }

    @Test func aBuildWithNothingChangedDoesNothing() throws {
        let site = try SiteFixture()
        defer { site.cleanUp() }
        // A warning the report must repeat.
        try edit(site, "Content/gemeenten/arnhem.md") { $0 + "\nBel 06-12345678 voor meer informatie.\n" }
        var options = BuildOptions(root: site.root, today: SiteFixture.today)
        options.stampWindow = 0  // the files were written just now
        func build(_ change: (inout BuildOptions) -> Void = { _ in }) throws -> BuildResult {
            var o = options
            change(&o)
            return try SiteBuilder.build(o)
        }
        let first = try build()
        #expect(!first.upToDate)
        let stamp = CacheFiles(root: site.root, outputPath: site.root + "/Output").stamp
        #expect(FileManager.default.fileExists(atPath: stamp))
        let again = try build()
        #expect(again.upToDate)
        #expect(again.site.diagnostics == first.site.diagnostics && !first.site.diagnostics.isEmpty)
        #expect(again.documentsChecked == first.documentsChecked && again.filesWritten == first.filesWritten)
        try expectSameAsCold(site, "up to date")

        // Any input, option or output change means a real build.
        try build()
        #expect(try build().upToDate)
        #expect(try !build { $0.today = CalendarDate(year: 2027, month: 1, day: 1)! }.upToDate)
        #expect(try !build { $0.drafts = true }.upToDate)
        try build()
        #expect(try build().upToDate)
        try edit(site, "Templates/assets/vios.css") { $0 + "\n" }
        #expect(try !build().upToDate)
        #expect(try build().upToDate)
        try site.write("Content/img/nieuw.png", "png")
        #expect(try !build().upToDate)
        #expect(try build().upToDate)
        // The built-in theme and an empty Templates/ are different sites.
        try FileManager.default.moveItem(atPath: site.root + "/Templates", toPath: site.root + "/Thema")
        #expect(try !build().upToDate)
        #expect(try build().upToDate)
        try FileManager.default.createDirectory(atPath: site.root + "/Templates", withIntermediateDirectories: false)
        #expect(throws: BuildError.self) { try build() }
        try FileManager.default.removeItem(atPath: site.root + "/Templates")
        try FileManager.default.moveItem(atPath: site.root + "/Thema", toPath: site.root + "/Templates")
        #expect(try !build().upToDate)
        #expect(try build().upToDate)
        try site.write("Output/index.html", "met de hand veranderd")
        #expect(try !build().upToDate)
        try site.remove("Output/feed.xml")
        #expect(try !build().upToDate)
        try expectSameAsCold(site, "after output changes")
        // A file added by hand changes its folder: a real build, which drops it.
        try build()
        #expect(try build().upToDate)
        try site.write("Output/gemeenten/zomaar.html", "met de hand")
        #expect(try !build().upToDate)
        #expect(!FileManager.default.fileExists(atPath: site.root + "/Output/gemeenten/zomaar.html"))

        // Inputs changed within the window: no stamp, the next build is real.
        try build()
        try edit(site, "Content/handreikingen/handel-in-vapes.md") { $0 + "\nNog een zin.\n" }
        #expect(try !SiteBuilder.build(BuildOptions(root: site.root, today: SiteFixture.today)).upToDate)
        #expect(!FileManager.default.fileExists(atPath: stamp))
        #expect(try !SiteBuilder.build(BuildOptions(root: site.root, today: SiteFixture.today)).upToDate)

        // --no-cache forgets it.
        try build()
        var cold = options
        cold.cache = false
        #expect(try !SiteBuilder.build(cold).upToDate)
        #expect(!FileManager.default.fileExists(atPath: stamp))
    }

    @Test func handEditedOutputIsNotReused() throws {
        let site = try SiteFixture()
        defer { site.cleanUp() }
        try site.build()
        let page = site.root + "/Output/index.html"
        let original = try #require(FileManager.default.contents(atPath: page))
        // Same size, different bytes, in place: the cache must notice.
        var changed = original
        changed[changed.startIndex] = changed.first == UInt8(ascii: "X") ? UInt8(ascii: "Y") : UInt8(ascii: "X")
        let handle = try #require(FileHandle(forWritingAtPath: page))
        try handle.write(contentsOf: changed)
        try handle.close()
        try site.build()
        #expect(FileManager.default.contents(atPath: page) == original)
    }

    @Test func noCacheRemovesTheManifest() throws {
        let site = try SiteFixture()
        defer { site.cleanUp() }
        try site.build()
        #expect(FileManager.default.fileExists(atPath: site.root + "/.vios-cache/output-" + TextFolding.slugify(site.root + "/Output") + ".manifest"))
        var options = BuildOptions(root: site.root, today: SiteFixture.today)
        options.cache = false
        _ = try SiteBuilder.build(options)
        #expect(!FileManager.default.fileExists(atPath: site.root + "/.vios-cache/output-" + TextFolding.slugify(site.root + "/Output") + ".manifest"))
    }

    // MARK: The shadow tree (the output before last, updated in place)

    @Test func strayFilesInTheOutputDoNotSurviveTheShadow() throws {
        let site = try SiteFixture()
        defer { site.cleanUp() }
        try site.build()
        try site.write("Output/zomaar.html", "met de hand neergezet")
        try site.write("Output/handmatig/map/bestand.txt", "ook met de hand")
        // Build 2 swaps Output/ (with the strays) out as the shadow; build 3
        // updates that shadow in place and swaps it back in.
        try site.build()
        let shadow = OutputCache.shadowPath(root: site.root, outputPath: site.root + "/Output")
        #expect(FileManager.default.fileExists(atPath: shadow + "/zomaar.html"))
        try site.build()
        #expect(!FileManager.default.fileExists(atPath: site.root + "/Output/zomaar.html"))
        #expect(!FileManager.default.fileExists(atPath: site.root + "/Output/handmatig"))
        try expectSameAsCold(site, "after strays")
    }

    /// Sets the modification time of every folder below `path` (and of
    /// `path`) an hour back, as if the tree had been built long ago.
    private func ageFolders(_ path: String) throws {
        let old = Date().addingTimeInterval(-3600)
        let enumerator = FileManager.default.enumerator(atPath: path)
        var folders = [path]
        while let relative = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path + "/" + relative, isDirectory: &isFolder), isFolder.boolValue {
                folders.append(path + "/" + relative)
            }
        }
        for folder in folders { try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: folder) }
    }

    @Test func strayFilesAreFoundInAnOldShadowWithoutListingIt() throws {
        // In an old tree only folders changed since it was built are
        // listed; a file added by hand changes its folder, so it is found.
        let site = try SiteFixture()
        defer { site.cleanUp() }
        try site.build()
        try site.build()
        let shadow = OutputCache.shadowPath(root: site.root, outputPath: site.root + "/Output")
        let manifest = shadow + ".manifest"
        // The shadow's manifest is the first build's, under the shadow's name.
        let first = try #require(OutputCache.load(manifest, outputPath: shadow))
        let output = try #require(OutputCache.load(OutputCache.manifestPath(root: site.root, outputPath: site.root + "/Output"),
                                                   outputPath: site.root + "/Output"))
        #expect(first.entries.count > 20 && first.entries.keys.sorted() == output.entries.keys.sorted())
        #expect(first.built < output.built)
        // Make the shadow's manifest say the tree was complete long ago.
        var text = try String(contentsOfFile: manifest, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[2].hasPrefix("built "))
        lines[2] = "built \(Int64(Date().addingTimeInterval(-3600).timeIntervalSince1970 * 1e9))"
        text = lines.joined(separator: "\n")
        try text.write(toFile: manifest, atomically: true, encoding: .utf8)
        try ageFolders(shadow)
        try site.write(".vios-cache/" + (shadow as NSString).lastPathComponent + "/gemeenten/zomaar.html", "met de hand")
        try site.write(".vios-cache/" + (shadow as NSString).lastPathComponent + "/nieuwe-map/diep/bestand.txt", "ook met de hand")
        // A document gone since: its page goes without a listing.
        try site.remove("Content/handreikingen/handel-in-vapes.md")
        try site.build()
        let out = site.root + "/Output"
        #expect(!FileManager.default.fileExists(atPath: out + "/gemeenten/zomaar.html"))
        #expect(!FileManager.default.fileExists(atPath: out + "/nieuwe-map"))
        #expect(!FileManager.default.fileExists(atPath: out + "/handreikingen/handel-in-vapes"))
        try expectSameAsCold(site, "old shadow with strays")
    }

    @Test func aShadowWithoutManifestIsNotTrusted() throws {
        let site = try SiteFixture()
        defer { site.cleanUp() }
        try site.build()
        try site.build()
        let shadow = OutputCache.shadowPath(root: site.root, outputPath: site.root + "/Output")
        #expect(FileManager.default.fileExists(atPath: shadow + ".manifest"))
        // What a build killed while updating the shadow leaves: a changed
        // tree and no manifest.
        try FileManager.default.removeItem(atPath: shadow + ".manifest")
        try "kapot".write(toFile: shadow + "/index.html", atomically: false, encoding: .utf8)
        try expectSameAsCold(site, "untrusted shadow")
    }

    /// A page path that becomes a folder and back, through the shadow.
    @Test func filesAndFoldersTradePlacesAcrossBuilds() throws {
        let folder = NSTemporaryDirectory() + "vios-shadow-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func build(_ files: [String: String]) throws {
            var writer = try OutputWriter(root: folder, output: "Output")
            writer.cache = OutputCache(root: folder, outputPath: writer.outputPath)
            try writer.prepare()
            for (path, text) in files.sorted(by: { $0.key < $1.key }) { try writer.write(path, text: text) }
            try writer.commit()
            writer.cache?.save()
            var found: [String: String] = [:]
            for entry in TreeListing.entries(writer.outputPath) where !entry.isFolder {
                found[entry.path] = try String(contentsOfFile: writer.outputPath + "/" + entry.path, encoding: .utf8)
            }
            #expect(found == files)
        }
        let a = ["a/b": "een", "c/d/e.html": "twee", "f.html": "drie"]
        let b = ["a/b/index.html": "vier", "c": "vijf", "f.html": "drie"]
        for files in [a, b, a, b, a, a, b, b] { try build(files) }
    }

    // MARK: Dependency keys (PageKeys): every build here verifies them

    @Test func everyKindOfEditMatchesAColdBuildWithVerifiedKeys() throws {
        let site = try SiteFixture()
        defer { site.cleanUp() }
        try site.build()
        try site.build()
        let plan = "Content/scholen/het-baken/veiligheidsplan.md"
        // A section of a plan: its page, its school page and its factsheet.
        try edit(site, plan) { $0.replacingOccurrences(of: "**Doel.** Iedereen op Het Baken", with: "**Doel.** Ieder kind op Het Baken") }
        try expectSameAsCold(site, "plan section")
        // Text before the first section (the summary comes from samenvatting).
        try edit(site, plan) { $0.replacingOccurrences(of: "## Doel, visie en kernwaarden", with: "Inleiding.\n\n## Doel, visie en kernwaarden") }
        try expectSameAsCold(site, "plan intro")
        // Frontmatter: a contact, a summary, an escalation step, a gemeente body.
        try edit(site, plan) { $0.replacingOccurrences(of: "    naam: Els Bakker", with: "    naam: Els de Bakker") }
        try expectSameAsCold(site, "contact")
        try edit(site, plan) { $0.replacingOccurrences(of: "samenvatting: \"Het Baken is", with: "samenvatting: \"Het Baken, Arnhem, is") }
        try expectSameAsCold(site, "samenvatting")
        try edit(site, "Content/scholen/het-baken/incidentprotocol.md") {
            $0.replacingOccurrences(of: "Bel 112 en breng mensen in veiligheid", with: "Bel 112, breng mensen in veiligheid")
        }
        try expectSameAsCold(site, "escalation")
        try edit(site, "Content/gemeenten/arnhem.md") { $0 + "\nNog een alinea over Arnhem.\n" }
        try expectSameAsCold(site, "gemeente body")
        // A gemeente without samenvatting gets its summary from its first paragraph.
        try edit(site, "Content/gemeenten/arnhem.md") {
            $0.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("samenvatting:") }.joined(separator: "\n")
        }
        try expectSameAsCold(site, "summary from body")
        try edit(site, "Content/gemeenten/arnhem.md") { $0.replacingOccurrences(of: "\n\n", with: "\n\nEerst dit.\n\n", options: [], range: nil) }
        try expectSameAsCold(site, "first paragraph")
        // Site settings, a draft, a partial.
        try edit(site, "Content/site.yml") { $0.replacingOccurrences(of: "titel: Kennisbank Veilig in en om School", with: "titel: Kennisbank VIOS") }
        try expectSameAsCold(site, "site.yml")
        try edit(site, "Content/handreikingen/handel-in-vapes.md") { $0.replacingOccurrences(of: "---\n", with: "---\nconcept: true\n", options: [], range: nil) }
        try expectSameAsCold(site, "draft")
        try edit(site, "Templates/partials/footer.mustache") { $0.replacingOccurrences(of: "Toegankelijkheid</a>", with: "Toegankelijkheid (WCAG)</a>") }
        try expectSameAsCold(site, "partial")
    }

    @Test func aBodyEditRendersOnlyThePagesThatShowIt() throws {
        let site = try SiteFixture()
        defer { site.cleanUp() }
        try site.build()
        let unchanged = try site.build()
        #expect(unchanged.pagesRendered == 0)
        try edit(site, "Content/scholen/het-baken/veiligheidsplan.md") {
            $0.replacingOccurrences(of: "**Doel.** Iedereen op Het Baken", with: "**Doel.** Ieder kind op Het Baken")
        }
        // The plan's page, and the school page and factsheet that carry its sections.
        let edited = try site.build()
        #expect(edited.pagesRendered >= 1 && edited.pagesRendered <= 3, "\(edited.pagesRendered) pages rendered")
    }

    @Test func aColdBuildLeavesContextFingerprintsToLaterBuilds() throws {
        let site = try SiteFixture()
        defer { site.cleanUp() }
        var options = BuildOptions(root: site.root, today: SiteFixture.today)
        options.verifyPageKeys = false
        /// Pages have inputs, other files none.
        func pageInputs() -> [String: ContentHash] {
            let outputPath = site.root + "/Output"
            let manifest = OutputCache.load(OutputCache.manifestPath(root: site.root, outputPath: outputPath),
                                            outputPath: outputPath)
            return (manifest?.entries ?? [:]).compactMapValues(\.inputs)
        }
        let cold = try SiteBuilder.build(options)
        let first = pageInputs()
        #expect(!first.isEmpty && first.count == cold.pages)
        // A document's or school's page is not fingerprinted in a cold build; an overview is.
        let checked = try Validator.run(root: site.root, today: SiteFixture.today, render: MarkdownParser.RenderOptions { path, url in
            LinkRewriter.rewrite(documentPath: path, url: url)
        })
        let model = SiteModel(documents: checked.documents, config: checked.config, today: SiteFixture.today, drafts: false,
                              planStructures: checked.context.planStructures)
        let perDocument = Set(PagePlan.jobs(model).filter(\.isPerDocument).map(\.path))
        #expect(perDocument.count > 10 && perDocument.count < first.count)
        for (path, inputs) in first {
            #expect((inputs == OutputCache.notFingerprinted) == perDocument.contains(path), "\(path)")
        }
        #expect(try SiteBuilder.build(options).pagesRendered == 0)
        try edit(site, "Content/scholen/het-baken/veiligheidsplan.md") {
            $0.replacingOccurrences(of: "**Doel.** Iedereen op Het Baken", with: "**Doel.** Ieder kind op Het Baken")
        }
        // Pages are still skipped by their keys; those rendered again get a fingerprint.
        let edited = try SiteBuilder.build(options)
        #expect(edited.pagesRendered >= 1 && edited.pagesRendered <= 3, "\(edited.pagesRendered) pages rendered")
        let second = pageInputs()
        let fingerprinted = second.filter { $0.value != OutputCache.notFingerprinted && perDocument.contains($0.key) }
        #expect(fingerprinted.count == edited.pagesRendered)
        #expect(fingerprinted.keys.contains("scholen/het-baken/veiligheidsplan/index.html"))
        // A build that checks skipped pages has nothing to compare with for the others: no false alarm.
        try edit(site, "Content/scholen/het-baken/veiligheidsplan.md") {
            $0.replacingOccurrences(of: "Ieder kind op Het Baken", with: "Iedereen op Het Baken")
        }
        try site.build()
        var reference = options
        reference.output = "Cold"
        reference.cache = false
        _ = try SiteBuilder.build(reference)
        #expect(SiteFixture.snapshot(site.root + "/Output") == SiteFixture.snapshot(site.root + "/Cold"))
    }

    @Test func manifestsParseExactlyAndRefuseDamage() {
        let a = String(repeating: "0123456789abcdef", count: 2), b = String(repeating: "fedcba9876543210", count: 2)
        let header = "vios-output-manifest 4\n/site/Output\nbuilt 1700000000000000001\n"
        let rows = "\(a)\t12\t18446744073709551615\t-5\t\(b)\t-\tindex.html\n\(b)\t0\t7\t1700000000123456789\t-\t\(a)\tmap met spatie/é.html\n"
        func parse(_ text: String) -> [String: OutputCache.Entry]? {
            Array(text.utf8).withUnsafeBufferPointer { OutputCache.parse($0, outputPath: "/site/Output") }?.entries
        }
        #expect(Array((header + rows).utf8).withUnsafeBufferPointer { OutputCache.parse($0, outputPath: "/site/Output") }?.built
                == 1_700_000_000_000_000_001)
        let entries = parse(header + rows)
        #expect(entries?.count == 2)
        #expect(entries?["index.html"]?.size == 12)
        #expect(entries?["index.html"]?.inode == UInt64.max)
        #expect(entries?["index.html"]?.mtime == -5)
        #expect(entries?["index.html"]?.inputs?.hex == b)
        #expect(entries?["index.html"]?.key == nil)
        #expect(entries?["map met spatie/é.html"]?.key?.hex == a)
        #expect(entries?["map met spatie/é.html"]?.hash.hex == b)
        // Another folder's manifest, a bad hash, a bad number, a missing field: not trusted.
        #expect(parse("vios-output-manifest 4\n/site/Other\nbuilt 1\n" + rows) == nil)
        #expect(parse("vios-output-manifest 4\n/site/Output\n" + rows) == nil)
        #expect(parse("vios-output-manifest 3\n/site/Output\nbuilt 1\n" + rows) == nil)
        #expect(parse(header + rows.replacingOccurrences(of: "\t12\t", with: "\t1x\t")) == nil)
        #expect(parse(header + rows.replacingOccurrences(of: "\t-\tindex", with: "\tzz\tindex")) == nil)
        #expect(parse(header + "\(a)\t12\t1\t2\t-\tindex.html\n") == nil)
        // Rows as `save` writes them are these rows, byte for byte.
        var written: [UInt8] = []
        for path in ["index.html", "map met spatie/é.html"] { OutputCache.row(path, entries![path]!, into: &written) }
        #expect(String(decoding: written, as: UTF8.self) == rows)
    }

    @Test func searchIndexAndOpenDataAreReusedOnlyWhenNothingTheyShowChanged() throws {
        let site = try SiteFixture()
        defer { site.cleanUp() }
        func reused() throws -> [Bool] {
            let result = try site.build()
            return [result.openDataReused, result.searchIndexReused]
        }
        #expect(try reused() == [false, false])
        #expect(try reused() == [true, true])
        // A body edit: the search index shows it, the open data does not.
        try edit(site, "Content/handreikingen/handel-in-vapes.md") { $0 + "\nEen zin die de zoekindex moet vinden.\n" }
        #expect(try reused() == [true, false])
        #expect(try reused() == [true, true])
        try expectSameAsCold(site, "search index reused")
        // A frontmatter edit: both.
        try edit(site, "Content/handreikingen/handel-in-vapes.md") { $0.replacingOccurrences(of: "bijgewerkt: 2026-11-01", with: "bijgewerkt: 2026-11-02") }
        #expect(try reused() == [false, false])
        try expectSameAsCold(site, "frontmatter edit")
        // Changed by hand in Output/: built again, not linked.
        try site.write("Output/data/documenten.json", "[]")
        #expect(try reused() == [false, true])
        try expectSameAsCold(site, "open data changed by hand")
    }

    @Test func theBuiltInThemeBuildsIncrementallyToo() throws {
        // Without Templates/, theme assets come from memory as bytes.
        let site = try SiteFixture()
        defer { site.cleanUp() }
        try site.remove("Templates")
        try site.build()
        try site.build()
        try expectSameAsCold(site, "built-in theme, unchanged")
        try edit(site, "Content/gemeenten/arnhem.md") { $0 + "\nNog een alinea.\n" }
        try expectSameAsCold(site, "built-in theme, edited")
    }
}
