public enum Severity: String, Sendable, Codable, Hashable {
    case error
    case warning

    /// The Dutch word printed in text output.
    public var dutch: String { self == .error ? "fout" : "waarschuwing" }
}
