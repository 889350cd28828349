import Foundation
import VIOSCore
#if canImport(Glibc)
import Glibc
#endif

/// One build at a time per output folder: two builds swapping the same
/// `Output/` would corrupt each other. An advisory `flock` on a file beside
/// the output; the kernel releases it when the process ends, even on SIGKILL.
final class BuildLock {
    private let descriptor: Int32

    struct Busy: Error {
        var message: String
    }

    /// The lock lives in the site's `.vios-cache/`, named after the output
    /// folder, so nothing but the output itself appears beside it.
    static func path(root: String, outputPath: String) -> String {
        root + "/.vios-cache/build-" + TextFolding.slugify(outputPath) + ".lock"
    }

    init(root: String, outputPath: String) throws(Busy) {
        let path = Self.path(root: root, outputPath: outputPath)
        try? FileManager.default.createDirectory(atPath: root + "/.vios-cache", withIntermediateDirectories: true)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw Busy(message: "kan het slot \(path) niet maken: \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw Busy(message: "er draait al een andere vios build naar \(outputPath); wacht tot die klaar is en probeer het opnieuw")
        }
        descriptor = fd
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
