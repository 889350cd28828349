/// A section structure (spec 4): ordered sections with aliases, as data.
/// The built-in ones ship as YAML in the same format as custom structures.
public struct SectionStructure: Sendable, Hashable {
    public struct Section: Sendable, Hashable {
        public let title: String
        public let aliases: [String]
        public var required: Bool
        /// What belongs in the section; used by `vios new` as a hint.
        public var hint: String?
        /// Folded keys this section answers to, computed once.
        public let keys: [String]

        public init(title: String, aliases: [String] = [], required: Bool = true, hint: String? = nil) {
            self.title = title; self.aliases = aliases; self.required = required; self.hint = hint
            self.keys = ([title] + aliases).map(TextFolding.headingKey)
        }
    }

    public var slug: String
    public var title: String
    public let sections: [Section]
    /// Optional sections that may follow the required ones without warning.
    public let extra: [String]
    /// Folded keys, computed once per structure rather than per document.
    public let extraKeys: Set<String>
    /// Each section's title key, by section index.
    public let titleKeys: [String]
    /// Heading key → index of the first section answering to it.
    public let sectionByKey: [String: Int]

    public init(slug: String, title: String, sections: [Section], extra: [String] = []) {
        self.slug = slug; self.title = title; self.sections = sections; self.extra = extra
        self.extraKeys = Set(extra.map(TextFolding.headingKey))
        self.titleKeys = sections.map { TextFolding.headingKey($0.title) }
        var byKey: [String: Int] = [:]
        for (index, section) in sections.enumerated() {
            for key in section.keys where byKey[key] == nil { byKey[key] = index }
        }
        self.sectionByKey = byKey
    }

    /// Index of the section a heading matches, if any.
    public func sectionIndex(forHeading heading: String) -> Int? {
        let key = TextFolding.headingKey(heading)
        return sections.firstIndex { $0.keys.contains(key) }
    }

    public func isExtra(_ heading: String) -> Bool {
        extraKeys.contains(TextFolding.headingKey(heading))
    }
}
