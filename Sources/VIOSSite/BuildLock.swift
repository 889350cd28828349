import Foundation
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

    init(outputPath: String) throws(Busy) {
        let url = URL(fileURLWithPath: outputPath)
        let parent = url.deletingLastPathComponent().path
        try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let path = parent + "/." + url.lastPathComponent + ".lock"
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
