/// One finding. Checks produce these; writers print them; nothing in between
/// formats text, so tests can compare diagnostics as values.
public struct Diagnostic: Hashable, Sendable, Codable {
    public var code: DiagnosticCode
    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    /// An extra hint ("vul hier ... in") printed under the message, never
    /// part of the message itself.
    public var suggestion: String?

    public init(_ code: DiagnosticCode, at location: SourceLocation, _ arguments: String...,
                severity: Severity? = nil, suggestion: String? = nil) {
        self.code = code
        self.severity = severity ?? code.severity
        self.location = location
        self.message = code.message(arguments)
        self.suggestion = suggestion
    }

    /// The order the spec prescribes: file, line, column, code.
    public static func sortKey(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        if a.location != b.location { return a.location < b.location }
        if a.code != b.code { return a.code.rawValue < b.code.rawValue }
        return a.message < b.message
    }
}

extension Array where Element == Diagnostic {
    public var errorCount: Int { filter { $0.severity == .error }.count }
    public var warningCount: Int { filter { $0.severity == .warning }.count }
    public func sortedForOutput() -> [Diagnostic] { sorted(by: Diagnostic.sortKey) }
}
