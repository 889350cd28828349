import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C (SIGINT) and `kill` (SIGTERM) for `vios serve`. The handler is a
/// plain C function installed at once that only writes a byte to a pipe
/// (async-signal-safe); a thread waiting on the pipe runs the action. A
/// dispatch signal source installs its handler later, on a dispatch thread,
/// and lost a Ctrl-C pressed during a long first build.
public enum StopSignal {
    // nonisolated(unsafe): written once in `install`, before the handlers
    // that read it exist; afterwards only read.
    nonisolated(unsafe) private static var writeEnd: Int32 = -1

    /// Runs `action` (once) on the first SIGINT or SIGTERM.
    public static func install(_ action: @escaping @Sendable () -> Void) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return }
        writeEnd = ends[1]
        let readEnd = ends[0]
        let handler: @convention(c) (Int32) -> Void = { _ in
            var byte: UInt8 = 1
            _ = write(StopSignal.writeEnd, &byte, 1)
        }
        signal(SIGINT, handler)
        signal(SIGTERM, handler)
        let waiter = Thread {
            var byte: UInt8 = 0
            while read(readEnd, &byte, 1) < 0 && errno == EINTR {}
            action()
        }
        waiter.name = "vios-serve-signals"
        waiter.start()
    }
}
