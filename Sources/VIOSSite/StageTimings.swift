#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wall and CPU time per build stage on stderr with `VIOS_TIMINGS=1`:
/// where a build's seconds go, and which stages leave a core idle, without
/// a profiler (see README, Performance).
struct StageTimings {
    private let enabled = getenv("VIOS_TIMINGS").map { String(cString: $0) == "1" } ?? false
    private var last: ContinuousClock.Instant
    private var lastCPU = Self.cpuMilliseconds()
    private var laps: [(String, Duration, Double)] = []

    init(since start: ContinuousClock.Instant) { last = start }

    mutating func lap(_ stage: String) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let cpu = Self.cpuMilliseconds()
        laps.append((stage, now - last, cpu - lastCPU))
        last = now
        lastCPU = cpu
    }

    /// User and system time of the whole process so far.
    private static func cpuMilliseconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func ms(_ t: timeval) -> Double { Double(t.tv_sec) * 1000 + Double(t.tv_usec) / 1000 }
        return ms(usage.ru_utime) + ms(usage.ru_stime)
    }

    func report() {
        guard enabled, !laps.isEmpty else { return }
        var text = ""
        for (stage, duration, cpu) in laps {
            let ms = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
            text += "vios: \(stage): \(Int(ms.rounded())) ms (CPU \(Int(cpu.rounded())) ms)\n"
        }
        var bytes = Array(text.utf8)
        _ = write(2, &bytes, bytes.count)
    }
}
