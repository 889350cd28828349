import Foundation
import VIOSChecks
import VIOSCore
import VIOSSource

/// What `vios build` needs to know.
public struct BuildOptions: Sendable {
    /// Absolute path of the site root.
    public var root: String
    /// Output folder; relative paths are relative to the root.
    public var output: String
    public var today: CalendarDate
    public var drafts: Bool
    public var strict: Bool
    /// Called with short Dutch progress lines ("pagina's schrijven 120/1810").
    public var progress: (@Sendable (String) -> Void)?
    /// Also print every factsheet to PDF with headless Chromium (`--pdf`).
    public var pdf = false
    /// Reuse unchanged output files of the previous build (`.vios-cache/`);
    /// `false` for `--no-cache`.
    public var cache = true
    /// Parsed documents kept between builds by a long-running process
    /// (`vios serve`); nil for a one-off build.
    public var parseCache: ParseCache?
    /// Also fingerprints every page skipped by its dependency key and
    /// reports those whose context did change (`PageKeys`); for tests, or
    /// `VIOS_VERIFY_PAGE_KEYS=1`.
    public var verifyPageKeys = ProcessInfo.processInfo.environment["VIOS_VERIFY_PAGE_KEYS"] == "1"
    /// Inputs changed less than this before a build get no `BuildStamp`
    /// (tests shorten it, so that files they just wrote count as settled).
    var stampWindow = FileIdentity.racyWindow

    public init(root: String, output: String = "Output", today: CalendarDate, drafts: Bool = false,
                strict: Bool = false, progress: (@Sendable (String) -> Void)? = nil) {
        self.root = root; self.output = output; self.today = today; self.drafts = drafts
        self.strict = strict; self.progress = progress
    }
}

public struct BuildResult: Sendable {
    public var site: ValidatedSite
    public var outputPath: String
    public var filesWritten: Int
    /// Files hard-linked unchanged from the previous output (build cache).
    public var filesReused = 0
    /// HTML pages of the site, and how many were rendered with Mustache
    /// (the others were unchanged since the last build).
    public var pages = 0
    public var pagesRendered = 0
    /// Whether the open data and the search index were linked from the
    /// last build instead of built (nothing they show had changed).
    public var openDataReused = false
    public var searchIndexReused = false
    /// Pages skipped by their dependency key whose context had changed
    /// (only with `verifyPageKeys`; must stay empty).
    public var pageKeyMismatches: [String] = []
    /// Documents checked (also when `upToDate`, where `site.documents` is empty).
    public var documentsChecked = 0
    /// Nothing the build reads had changed and the output was intact: the
    /// last build's report is given again and nothing is done (`BuildStamp`).
    public var upToDate = false
}

public enum BuildError: Error {
    /// Content errors (or warnings under --strict): exit 1, Output/ untouched.
    case content(ValidatedSite)
    /// Template problems, with positions in `Templates/` (code VIOS801): exit 2.
    case templates([Diagnostic])
    /// Unreadable root, unwritable output, …: exit 2.
    case failure(String)
}

/// The build as a short list of named stages: validate (with links
/// rewritten for the site) → load templates → index → render and write
/// into a temporary folder → swap it into place.
public enum SiteBuilder {
    public static func build(_ options: BuildOptions) throws(BuildError) -> BuildResult {
        let start = ContinuousClock.now
        let progress = Progress(options.progress, since: start)
        var timings = StageTimings(since: start)
        defer { timings.report() }

        // 1. Validate; bodies are rendered to safe HTML in the same pass.
        let inventory: ContentInventory
        do {
            inventory = try ContentInventory.scan(root: options.root)
        } catch {
            switch error {
            case .noContentFolder(let path):
                throw .failure("geen map Content/ gevonden (\(path)); geef met --root de map van de site op")
            case .unreadable(let path):
                throw .failure("kan \(path) niet lezen")
            }
        }
        timings.lap("inhoud opsommen")
        // The lock is taken before validation when it can be, since the
        // document store beside the output is read and written then; when
        // it cannot, the same problem is reported after validation.
        let early = try? OutputWriter(root: inventory.root, output: options.output)
        let earlyLock = early.flatMap { try? BuildLock(root: inventory.root, outputPath: $0.outputPath) }
        defer { withExtendedLifetime(earlyLock) {} }
        // The on-disk caches serve one-off builds (`vios serve` keeps its own in memory).
        let cacheFiles = early.flatMap { writer -> CacheFiles? in
            guard options.cache, options.parseCache == nil, earlyLock != nil else { return nil }
            return CacheFiles(root: inventory.root, outputPath: writer.outputPath)
        }
        // Nothing changed since the last build, and its output is intact: done.
        var inputs: (key: ContentHash, newest: Int64)?
        if let early, let cacheFiles, !options.pdf {
            let found = BuildStamp.inputs(inventory, options: options, outputPath: early.outputPath)
            if let result = upToDate(inventory, options: options, outputPath: early.outputPath, key: found.key,
                                     stamp: cacheFiles.stamp) {
                timings.lap("niets veranderd")
                return result
            }
            inputs = found
        }
        let store = cacheFiles.map {
            Validator.StoreLocation(directory: $0.directory, name: $0.documentStoreName, renderSeed: "site")
        }
        // Templates load while the documents are checked; their problems are
        // still reported after those of the content.
        let root = options.root
        let templatesLoading = Background { Result { () throws(BuildError) in try TemplateSet.load(root: root) } }
        let render = MarkdownParser.RenderOptions { path, url in LinkRewriter.rewrite(documentPath: path, url: url) }
        let site = Validator.run(inventory: inventory, today: options.today, render: render, cache: options.parseCache,
                                 store: store, progress: { progress.step("documenten controleren", total: $0) })
        if site.hasErrors || (options.strict && site.diagnostics.contains { $0.severity == .warning }) {
            throw .content(site)
        }

        timings.lap("controleren")
        // 2. Templates: every file parsed, every partial name checked.
        let templates = try templatesLoading.value().get()
        timings.lap("sjablonen")

        // 3. Indexes over the published documents.
        let unpublished = options.drafts ? []
            : Set(site.documents.indices.lazy.filter { site.documents[$0].isDraft }.map { site.documents[$0].path })
        let documents = DraftLinks.rerender(site.documents, unpublished: unpublished, root: site.inventory.root)
        var model = SiteModel(documents: documents, config: site.config, today: options.today, drafts: options.drafts,
                              planStructures: site.context.planStructures)
        model.factsheetPDFs = options.pdf
        // The search index is started now, before the page list, the output
        // folder and the keys: an edit's rebuild used to wait for it after
        // its pages. Rarely in vain: it is reused only when no document's
        // frontmatter, title, summary or text changed (its key below).
        let searchEntries = SiteFiles.searchEntries(model)
        let searchBuilding = Background { [model] in
            SiteFiles.searchFiles(model, cache: cacheFiles.map { SearchBatchCache(path: $0.searchBatches) }, entries: searchEntries)
        }
        // Waited for on every way out: it may be writing its cache file.
        defer { _ = searchBuilding.value() }
        timings.lap("site-indexen")
        let jobs = PagePlan.jobs(model)
        timings.lap("paginalijst")
        let renderer = PageRenderer(model: model, templates: templates, jobs: jobs)

        // 4. Render and write into a temporary folder, then swap.
        let writer: OutputWriter
        var configured: OutputWriter
        do {
            configured = try OutputWriter(root: site.inventory.root, output: options.output)
        } catch {
            throw .failure(error.message)
        }
        // Held until this function returns: the swap below must not race
        // another build of the same output folder.
        var lock = earlyLock
        if lock == nil {
            do { lock = try BuildLock(root: site.inventory.root, outputPath: configured.outputPath) } catch { throw .failure(error.message) }
        }
        defer { withExtendedLifetime(lock) {} }
        do {
            if options.cache {
                configured.cache = OutputCache(root: site.inventory.root, outputPath: configured.outputPath)
            } else {
                // --no-cache also means: start the cache over.
                OutputCache.remove(root: site.inventory.root, outputPath: configured.outputPath)
                CacheFiles(root: site.inventory.root, outputPath: configured.outputPath).removeAll()
            }
            try configured.prepare()
            writer = configured
        } catch {
            throw .failure(error.message)
        }
        do throws(OutputWriter.Failure) {
            timings.lap("uitvoermap voorbereiden")
            // Unchanged pages are linked from the last build: skipped by
            // their dependency key before any context is built, else by the
            // fingerprint of their context before rendering. The open data
            // and search index are skipped the same way, as one group.
            let keys = writer.cache == nil ? nil
                : PageKeys(model: model, jobs: jobs, allPaths: site.documents.map(\.path), templates: templates.fingerprint,
                           drafts: options.drafts)
            let verify = options.verifyPageKeys
            // A page's context fingerprint lets the next build skip a page
            // whose key changed but whose context did not. With no previous
            // output (a cold build) it only serves that, and a document's or
            // school's page rarely gains by it: for those (0.4 s of CPU
            // nationally) the cold build leaves it to the first build that
            // renders the page again. Overviews, whose keys change with
            // every document they list, still get theirs.
            let fingerprinting = verify || writer.cache?.knowsOutput == true
            // The open data and search index, each as a group.
            var groupKeys: [SiteFile.Group: ContentHash] = [:]
            if let keys {
                groupKeys[.openData] = SiteFiles.openDataKey(site: keys.site)
                groupKeys[.search] = SiteFiles.searchKey(searchEntries, site: keys.site)
            }
            var reusedGroups = Set<SiteFile.Group>()
            var generatedLinked = 0
            var generatedMismatches: [String] = []
            for group in [SiteFile.Group.openData, .search] {
                guard let key = groupKeys[group], let linked = try writer.reuseGenerated(key: key) else { continue }
                reusedGroups.insert(group)
                generatedLinked += linked.count
                if verify {
                    for file in group == .openData ? SiteFiles.openDataFiles(model) : SiteFiles.searchFiles(model) {
                        guard case .bytes(let bytes) = file.content else { continue }
                        let hash = bytes.withUnsafeBytes { ContentHash($0) }
                        if linked[file.path]?.hash != hash { generatedMismatches.append(file.path) }
                    }
                }
            }
            // The search index and open data are built beside the pages:
            // merging the index has serial parts that leave a core idle.
            let (inventory, openData, search) = (site.inventory, !reusedGroups.contains(.openData), !reusedGroups.contains(.search))
            let model = model
            // Never waits for the search index itself: a dispatch worker
            // blocked on another's result starved the index's own workers.
            let filesBuilding = Background {
                SiteFiles.collect(model: model, templates: templates, inventory: inventory, jobs: jobs, openData: openData)
            }
            timings.lap("zoekindex en open data (sleutels)")
            progress.reset()
            // Site-wide pages first (the sitemap and the overview of 7,000
            // schools take tens of milliseconds each), then the rest in small
            // chunks: rendered last in a long chunk, they kept one core busy
            // while the other had nothing left.
            let order = jobs.indices.filter { jobs[$0].isSiteWide } + PageJob.renderingOrder(jobs.indices.filter { !jobs[$0].isSiteWide }, of: jobs)
            let outcomes = order.parallelMap(chunkSize: 16) { index -> PageOutcome in
                let job = jobs[index]
                defer { progress.step("pagina's schrijven", total: jobs.count) }
                do throws(OutputWriter.Failure) {
                    let key = keys?.key(for: job)
                    if let key, let entry = try writer.reuse(job.path, key: key) {
                        // A cold build does not fingerprint (below): nothing to compare with.
                        guard verify, entry.inputs != OutputCache.notFingerprinted else { return .reused }
                        let (template, context) = renderer.context(for: job)
                        let inputs = ContextFingerprint.of(template: template, context: context, seed: templates.fingerprint)
                        return inputs == entry.inputs ? .reused : .keyMismatch(job.path)
                    }
                    let (template, context) = renderer.context(for: job)
                    let inputs: ContentHash?
                    if writer.cache == nil {
                        inputs = nil
                    } else if !fingerprinting && job.isPerDocument {
                        inputs = OutputCache.notFingerprinted
                    } else {
                        inputs = ContextFingerprint.of(template: template, context: context, seed: templates.fingerprint)
                    }
                    if let inputs, try writer.reuse(job.path, inputs: inputs, key: key) { return .reused }
                    try writer.write(job.path, text: templates.render(template, context), inputs: inputs, key: key)
                    return .rendered
                } catch {
                    return .failed(error.message)
                }
            }
            var rendered = 0, pageMismatches: [String] = []
            // The failure reported is the first in path order, whatever order the pages were rendered in.
            let failures = zip(order, outcomes).compactMap { index, outcome in outcome.failure.map { (index, $0) } }
            if let first = failures.min(by: { $0.0 < $1.0 }) { throw OutputWriter.Failure(message: first.1) }
            for outcome in outcomes {
                switch outcome {
                case .failed: break
                case .rendered: rendered += 1
                case .keyMismatch(let path): pageMismatches.append(path)
                case .reused: break
                }
            }
            // In path order, as the jobs are.
            let mismatches = generatedMismatches + pageMismatches.sorted()
            timings.lap("pagina's")
            let files = SiteFiles.adding(search ? searchBuilding.value() : [], to: filesBuilding.value())
            timings.lap("zoekindex en open data (rest)")
            progress.note("overige bestanden schrijven")
            // On every core: 2,000 search shards nationally, 70 ms on ext4 on one.
            let keysOfGroups = groupKeys
            let fileFailures = files.parallelMap(chunkSize: 32) { file -> String? in
                do throws(OutputWriter.Failure) {
                    switch file.content {
                    case .bytes(let bytes): try writer.write(file.path, bytes, key: file.group.flatMap { keysOfGroups[$0] })
                    case .copy(let source): try writer.copy(from: source, to: file.path)
                    }
                    return nil
                } catch {
                    return error.message
                }
            }
            // The failure reported is the first in the files' order.
            if let first = fileFailures.lazy.compactMap({ $0 }).first { throw OutputWriter.Failure(message: first) }
            let pdfs = options.pdf ? try FactsheetPDF.write(jobs: jobs, writer: writer, root: site.inventory.root,
                                                            today: options.today, progress: progress).factsheets : 0
            timings.lap("overige bestanden")
            try writer.commit()
            timings.lap("omwisselen")
            let built = writer.cache?.save()
            let filesWritten = jobs.count + files.count + generatedLinked + pdfs
            // The next build may do nothing, when no input changes by then;
            // inputs changed just now might change again unseen (`BuildStamp`).
            if let inputs, let cacheFiles, let built, let tree = writer.cache?.finishedTree(),
               inputs.newest < built - options.stampWindow,
               let folders = OutputCache.newestFolderTime(writer.outputPath, folders: tree.folders) {
                // A folder changed later than this gets a later time, even from a coarse file clock.
                let wait = folders + BuildStamp.folderSlack - WallClock.now()
                if wait > 0 { usleep(UInt32(min(wait, BuildStamp.folderSlack) / 1000)) }
                BuildStamp(key: inputs.key, manifestBuilt: built, foldersNewest: folders, documents: site.documents.count,
                           files: filesWritten, pages: jobs.count, diagnostics: site.diagnostics).save(cacheFiles.stamp)
            } else if let cacheFiles {
                unlink(cacheFiles.stamp)
            }
            timings.lap("manifest")
            ProcessTeardown.keep(inventory, templates, model, searchEntries, searchBuilding.value(), jobs, renderer,
                                 writer, keys as Any, outcomes, files)
            return BuildResult(site: site, outputPath: writer.outputPath,
                               filesWritten: filesWritten,
                               filesReused: writer.cache?.linked ?? 0, pages: jobs.count, pagesRendered: rendered,
                               openDataReused: reusedGroups.contains(.openData),
                               searchIndexReused: reusedGroups.contains(.search), pageKeyMismatches: mismatches,
                               documentsChecked: site.documents.count)
        } catch {
            writer.discard()
            throw .failure(error.message)
        }
    }
}

extension SiteBuilder {
    /// The last build's result, when its stamp has `key` and the output
    /// still holds exactly what that build wrote (`BuildStamp`).
    static func upToDate(_ inventory: ContentInventory, options: BuildOptions, outputPath: String, key: ContentHash,
                         stamp path: String) -> BuildResult? {
        guard let stamp = BuildStamp.load(path), stamp.key == key else { return nil }
        let cache = OutputCache(root: inventory.root, outputPath: outputPath)
        guard stamp.manifestBuilt == cache.outputBuilt, cache.outputIntact(),
              let folders = OutputCache.newestFolderTime(outputPath, files: cache.outputFiles),
              folders <= stamp.foldersNewest else { return nil }
        let site = ValidatedSite(inventory: inventory, config: SiteConfig(), documents: [],
                                 context: CheckContext(today: options.today), diagnostics: stamp.diagnostics)
        return BuildResult(site: site, outputPath: outputPath, filesWritten: stamp.files, filesReused: stamp.files,
                           pages: stamp.pages, pagesRendered: 0, openDataReused: true, searchIndexReused: true,
                           documentsChecked: stamp.documents, upToDate: true)
    }
}

/// What became of one page in a build.
private enum PageOutcome: Sendable {
    case rendered, reused
    case keyMismatch(String)
    case failed(String)

    var failure: String? {
        if case .failed(let message) = self { return message }
        return nil
    }
}
