#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wall time per build stage on stderr with `VIOS_TIMINGS=1`: where a
/// build's seconds go, without a profiler (see README, Performance).
struct StageTimings {
    private let enabled = getenv("VIOS_TIMINGS").map { String(cString: $0) == "1" } ?? false
    private var last: ContinuousClock.Instant
    private var laps: [(String, Duration)] = []

    init(since start: ContinuousClock.Instant) { last = start }

    mutating func lap(_ stage: String) {
        guard enabled else { return }
        let now = ContinuousClock.now
        laps.append((stage, now - last))
        last = now
    }

    func report() {
        guard enabled, !laps.isEmpty else { return }
        var text = ""
        for (stage, duration) in laps {
            let ms = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
            text += "vios: \(stage): \(Int(ms.rounded())) ms\n"
        }
        var bytes = Array(text.utf8)
        _ = write(2, &bytes, bytes.count)
    }
}
