import Foundation

/// `Content/site.yml` (spec 1), read leniently: problems are diagnosed by
/// the schema check, rendering takes what is there.
public struct SiteConfig: Sendable, Hashable {
    public var title: String
    public var baseURL: String
    public var language: String
    public var organisation: String?
    public var description: String?
    public var contact: [String: String]

    public init(title: String = "Kennisbank Veilig in en om School", baseURL: String = "/",
                language: String = "nl", organisation: String? = nil, description: String? = nil,
                contact: [String: String] = [:]) {
        self.title = title; self.baseURL = baseURL; self.language = language
        self.organisation = organisation; self.description = description; self.contact = contact
    }

    public init(_ node: YAMLNode?) {
        self.init()
        guard let node else { return }
        if let v = node["titel"]?.string, !v.isEmpty { title = v }
        if let v = node["base-url"]?.string, !v.isEmpty { baseURL = v.hasSuffix("/") ? v : v + "/" }
        if let v = node["taal"]?.string, !v.isEmpty { language = v }
        organisation = node["organisatie"]?.string
        description = node["beschrijving"]?.string
        for pair in node["contact"]?.pairs ?? [] {
            if let key = pair.key.string, let value = pair.value.string { contact[key] = value }
        }
    }

    /// The path part of `base-url` (`/` or `/sub/`), for absolute links.
    public var basePath: String {
        var rest = Substring(baseURL)
        if let scheme = rest.range(of: "://") {
            rest = rest[scheme.upperBound...]
            if let slash = rest.firstIndex(of: "/") { rest = rest[slash...] } else { rest = "/" }
        }
        var path = String(rest)
        if !path.hasPrefix("/") { path = "/" + path }
        if !path.hasSuffix("/") { path += "/" }
        return path
    }
}
