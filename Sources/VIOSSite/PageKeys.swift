import VIOSCore

/// Which pages a rebuild can skip without even building their context.
///
/// A page's context is built from two kinds of input: what every page may
/// read about every document (paths, frontmatter, titles, summaries, which
/// documents are published), with the site settings, structures, `--today`
/// and the page list; and the body of the page's own documents (a
/// document's page shows its body; a school's page and factsheet, its
/// plan's and protocol's). The first is hashed once per build (`site`),
/// the second per page. Equal keys mean an equal context, so the previous
/// file is the page. The context fingerprint (`ContextFingerprint`) stays
/// as the exact second check for pages whose key changed, where the
/// previous build took one (a cold build takes none for a document's or
/// school's page: `OutputCache.notFingerprinted`).
///
/// The claim "no page reads another document's body" is what this rests
/// on; `BuildOptions.verifyPageKeys` checks it (tests build with it on):
/// every page skipped by its key is also fingerprinted, and must match.
struct PageKeys {
    let site: ContentHash
    private let model: SiteModel
    /// Per document, what its pages take from its body: a document's body
    /// shows on up to three pages (its own, its school's, the factsheet).
    private let bodies: [ContentHash]

    init(model: SiteModel, jobs: [PageJob], allPaths: [String], templates: ContentHash, drafts: Bool) {
        self.model = model
        var key = KeyBytes()
        key.add(templates)
        key.add("\(model.today)")
        key.add(drafts ? "drafts" : "published")
        key.add(model.factsheetPDFs ? "pdf" : "html")
        let c = model.config
        key.add([c.title, c.baseURL, c.language, c.organisation ?? "\u{0}", c.description ?? "\u{0}"])
        for name in c.contact.keys.sorted() { key.add([name, c.contact[name]!]) }
        for slug in model.planStructures.keys.sorted() {
            let s = model.planStructures[slug]!
            key.add([slug, s.slug, s.title] + s.extra)
            for section in s.sections {
                key.add([section.title, section.required ? "1" : "0", section.hint ?? "\u{0}"] + section.aliases)
            }
        }
        key.add(allPaths)
        key.add(jobs.map(\.path))
        // A hash per document on all cores (15,000 frontmatters nationally), then one over those.
        let perDocument = Array(model.documents.indices).parallelMap { i -> ContentHash in
            var key = KeyBytes(capacity: 1024)
            // Fields read in place: a copy of the document retains each of its parts.
            key.add([model.documents[i].path, model.documents[i].slug, model.documents[i].type ?? "\u{0}",
                     model.documents[i].collection?.rawValue ?? "\u{0}", model.titles[i], model.summaries[i]])
            // The frontmatter's hash as written, when the parser took one:
            // walking 15,000 trees was most of this pass.
            if let digest = model.documents[i].frontmatterDigest {
                key.tag(5)
                key.add(digest)
            } else {
                key.add(model.documents[i].frontmatter)
            }
            return key.hash
        }
        key.add(UInt64(perDocument.count))
        for hash in perDocument { key.add(hash) }
        site = key.hash
        bodies = Array(model.documents.indices).parallelMap { i -> ContentHash in
            var key = KeyBytes(capacity: 512)
            if let digest = model.documents[i].htmlText?.digest { key.tag(1); key.add(digest) } else { key.tag(0) }
            for h in model.documents[i].body.headings {
                key.add(UInt64(h.level))
                key.add([h.text, h.anchor, h.hasContent ? "1" : "0"])
            }
            return key.hash
        }
    }

    /// The page's key: the site's, its path and kind, and its own bodies.
    func key(for job: PageJob) -> ContentHash {
        var key = KeyBytes()
        key.add(site)
        key.add(job.path)
        func body(_ i: Int?) {
            guard let i else { key.tag(0); return }
            key.tag(1)
            key.add(bodies[i])
        }
        switch job.kind {
        case .document(let i): key.add("document"); body(i)
        case .school(let s): key.add("school"); body(model.schools[s].plan); body(model.schools[s].incidentProtocol)
        case .factsheet(let s): key.add("factsheet"); body(model.schools[s].plan); body(model.schools[s].incidentProtocol)
        default: key.add("overview")
        }
        return key.hash
    }
}
