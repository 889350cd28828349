import Foundation

/// Which build of vios runs: the executable's path, size and modification
/// time. A rebuilt vios may parse or render the same input differently, so
/// cached results of another executable must not match.
public enum ExecutableIdentity {
    public static let current: String = {
        let path = Bundle.main.executablePath ?? CommandLine.arguments.first ?? ""
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return "unknown-\(UUID())" }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(path)\u{1}\(size)\u{1}\(modified)"
    }()
}
