/// Frontmatter as a positioned value tree. YAML libraries' node types are
/// not `Sendable`; this is what crosses stage boundaries.
public struct YAMLNode: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
        /// `plain` is false for quoted and block scalars: `"2015"` is a string,
        /// `2015` may be read as a number.
        case scalar(String, plain: Bool)
        case mapping([Pair])
        case sequence([YAMLNode])
    }

    public struct Pair: Sendable, Hashable {
        public var key: YAMLNode
        public var value: YAMLNode
        public init(key: YAMLNode, value: YAMLNode) {
            self.key = key
            self.value = value
        }
    }

    public var value: Value
    /// 1-based position in the file (not in the YAML block).
    public var line: Int
    public var column: Int

    public init(_ value: Value, line: Int, column: Int) {
        self.value = value
        self.line = line
        self.column = column
    }

    @inlinable public var string: String? {
        if case .scalar(let s, _) = value { return s }
        return nil
    }

    /// A scalar that YAML would read as null (`~`, `null`, empty, plain).
    @inlinable public var isNull: Bool {
        if case .scalar(let s, let plain) = value {
            return plain && (s.isEmpty || s == "~" || s == "null" || s == "Null" || s == "NULL")
        }
        return false
    }

    @inlinable public var pairs: [Pair]? {
        if case .mapping(let p) = value { return p }
        return nil
    }

    @inlinable public var items: [YAMLNode]? {
        if case .sequence(let s) = value { return s }
        return nil
    }

    /// The value for `key` in a mapping (first occurrence).
    @inlinable public subscript(key: String) -> YAMLNode? {
        // Indexed, not `first(where:)` on `pairs`: that copied every pair it
        // passed, and site indexes look up fields of 15,000 documents.
        guard case .mapping(let pairs) = value else { return nil }
        for i in pairs.indices {
            if case .scalar(let name, _) = pairs[i].key.value, name == key { return pairs[i].value }
        }
        return nil
    }

    public func pair(_ key: String) -> Pair? {
        pairs?.first(where: { $0.key.string == key })
    }

    @inlinable public var bool: Bool? {
        guard case .scalar(let s, let plain) = value, plain else { return nil }
        switch s {
        case "true", "True", "TRUE", "yes", "Yes", "on": return true
        case "false", "False", "FALSE", "no", "No", "off": return false
        default: return nil
        }
    }

    public var int: Int? {
        guard case .scalar(let s, true) = value else { return nil }
        return Int(s)
    }

    public var date: CalendarDate? { string.flatMap(CalendarDate.init(iso:)) }

    /// All string scalars with positions, depth first; used by checks that
    /// must see every published frontmatter string.
    public func allScalars() -> [YAMLNode] {
        switch value {
        case .scalar: return [self]
        case .mapping(let pairs): return pairs.flatMap { $0.value.allScalars() }
        case .sequence(let items): return items.flatMap { $0.allScalars() }
        }
    }
}
