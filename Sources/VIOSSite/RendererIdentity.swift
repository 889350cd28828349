import Foundation

/// Which build of vios renders: the executable's size and modification
/// time. A rebuilt vios may render the same context differently, so page
/// fingerprints from another executable must not match.
enum RendererIdentity {
    static let current: String = {
        let path = Bundle.main.executablePath ?? CommandLine.arguments.first ?? ""
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return "unknown-\(UUID())" }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(path)\u{1}\(size)\u{1}\(modified)"
    }()
}
