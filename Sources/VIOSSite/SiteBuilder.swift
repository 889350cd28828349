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
}

public enum BuildError: Error {
    /// Content errors (or warnings under --strict): exit 1, Output/ untouched.
    case content(ValidatedSite)
    /// Template problems, with positions in `Templates/` (code VIOS801): exit 2.
    case templates([Diagnostic])
    /// Unreadable root, unwritable output, …: exit 2.
    case failure(String)
}

public enum SiteBuilder {
    public static func build(_ options: BuildOptions) throws(BuildError) -> BuildResult {
        throw .failure("vios build is nog niet beschikbaar")
    }
}
