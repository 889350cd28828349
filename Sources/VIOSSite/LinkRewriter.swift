import VIOSCore

/// Turns relative links in a body (`../gemeenten/arnhem.md#aanpak`) into
/// working relative site links (`../../gemeenten/arnhem/index.html#aanpak`).
/// Uses the same `SitePaths` the link checker uses, so a link that checks
/// is a link that works. Links end in `index.html` so the site also works
/// opened from disk (file://), where a folder URL shows a listing.
enum LinkRewriter {
    /// `unpublished`: content paths of documents without a page (drafts);
    /// links to them go to the overview of their collection instead.
    static func rewrite(documentPath: String, url: String, unpublished: Set<String> = []) -> String? {
        guard case .local(let target) = SitePaths.classify(url, from: documentPath),
              let path = target.path else { return nil }
        let from = pageDirectory(forContentPath: documentPath)
        var destination: String
        var anchor = target.anchor.map { $0.isEmpty ? "" : "#" + URLEncoding.fragment($0) } ?? ""
        if path.hasSuffix(".md") {
            if unpublished.contains(path) {
                destination = overviewPage(forContentPath: path)
                anchor = ""
            } else {
                destination = pageDirectory(forContentPath: path) + "index.html"
            }
        } else {
            destination = URLEncoding.path(SitePaths.assetURL(path))
        }
        return SitePaths.relative(from: from, to: destination) + anchor
    }

    /// Site-root relative folder of the page of a content path
    /// (`Content/scholen/het-baken/veiligheidsplan.md` → `scholen/het-baken/veiligheidsplan/`).
    static func pageDirectory(forContentPath path: String) -> String {
        let parts = path.split(separator: "/").map(String.init)
        let collection = parts.count > 2 ? Collection(rawValue: parts[1]) : nil
        let name = parts.last.map { $0.hasSuffix(".md") ? String($0.dropLast(3)) : $0 } ?? ""
        let slug = collection == .scholen && parts.count >= 4 ? parts[2] : name
        return SitePaths.pageURL(path: path, collection: collection, kind: nil, slug: slug)
    }

    static func overviewPage(forContentPath path: String) -> String {
        let parts = path.split(separator: "/").map(String.init)
        if parts.count > 2, let collection = Collection(rawValue: parts[1]) {
            if collection == .scholen, parts.count >= 4 { return SitePaths.schoolURL(parts[2]) + "index.html" }
            return collection.rawValue + "/index.html"
        }
        return "index.html"
    }
}

/// Percent-encoding for URLs vios writes itself (asset paths, fragments).
enum URLEncoding {
    private static func encode(_ text: String, keep: (UInt8) -> Bool) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if keep(byte) {
                out.append(byte)
            } else {
                out += [37, hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func unreserved(_ b: UInt8) -> Bool {
        (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b == 45 || b == 46 || b == 95 || b == 126
    }

    static func path(_ text: String) -> String { encode(text) { unreserved($0) || $0 == 47 } }
    static func fragment(_ text: String) -> String { encode(text) { unreserved($0) || $0 == 37 } }
}
