import Foundation
import Testing
import VIOSChecks
import VIOSCore
import VIOSSource

/// Settings from the environment. `make test` runs the defaults (about 40
/// seconds of mutation); `make fuzz` runs an hour or a million inputs.
struct FuzzConfig {
    var seconds: Double
    var maximumInputs: Int
    var seed: UInt64
    /// Run only this input (with `seed`), and print it.
    var replay: Int?
    /// Every n-th input also goes through the `vios` binary.
    var binaryEvery: Int
    /// CPU seconds one mutated input may take.
    var timeLimit: Double

    static func fromEnvironment() -> FuzzConfig {
        let env = ProcessInfo.processInfo.environment
        var seed: UInt64 = 0x5EED_2026
        if let text = env["VIOS_FUZZ_SEED"] {
            if text == "random" {
                var generator = SystemRandomNumberGenerator()
                seed = generator.next() >> 16
            } else if let value = UInt64(text) {
                seed = value
            }
        }
        return FuzzConfig(seconds: env["VIOS_FUZZ_SECONDS"].flatMap(Double.init) ?? 35,
                          maximumInputs: env["VIOS_FUZZ_INPUTS"].flatMap(Int.init) ?? .max,
                          seed: seed,
                          replay: env["VIOS_FUZZ_REPLAY"].flatMap(Int.init),
                          binaryEvery: max(1, env["VIOS_FUZZ_BINARY_EVERY"].flatMap(Int.init) ?? 25),
                          timeLimit: env["VIOS_FUZZ_TIME_LIMIT"].flatMap(Double.init) ?? 5)
    }
}

/// One fuzz input: a seed document, mutated; deterministic in (seed, index).
struct FuzzInput {
    var index: Int
    var seed: Seed
    var bytes: [UInt8]
    /// A mutated `site.yml` for the binary run, sometimes.
    var siteYML: [UInt8]

    init(seed runSeed: UInt64, index: Int) {
        var random = SeededRandom(seed: runSeed, index: index)
        let seed = random.pick(Seeds.all)
        var mutator = Mutator(random: random)
        let bytes = mutator.mutate(Array(seed.text.utf8), seeds: Seeds.all)
        let mutateSite = mutator.random.chance(0.25)
        self.index = index
        self.seed = seed
        self.bytes = bytes
        self.siteYML = mutateSite ? mutator.mutate(Array(Seeds.siteYML.utf8), seeds: Seeds.all) : Array(Seeds.siteYML.utf8)
    }
}

@Suite(.serialized) struct FuzzTests {
    static let failureFolder = FileManager.default.temporaryDirectory.appendingPathComponent("vios-fuzz-failures")

    /// Keeps a failing input for the report and returns where.
    static func save(_ bytes: [UInt8], name: String) -> String {
        try? FileManager.default.createDirectory(at: failureFolder, withIntermediateDirectories: true)
        let url = failureFolder.appendingPathComponent(name)
        try? Data(bytes).write(to: url)
        return url.path
    }

    @Test func mutatedDocumentsKeepTheInvariants() {
        let config = FuzzConfig.fromEnvironment()
        if let only = config.replay {
            let input = FuzzInput(seed: config.seed, index: only)
            let outcome = Invariants.run(path: input.seed.path, collection: input.seed.collection, slug: input.seed.slug,
                                         bytes: input.bytes, timeLimit: config.timeLimit)
            print("fuzz replay #\(only) (seed \(config.seed)) of \(input.seed.path), \(input.bytes.count) bytes:")
            print(String(decoding: input.bytes.prefix(4_000), as: UTF8.self))
            for d in outcome.diagnostics.sortedForOutput() { print("  \(d.code.rawValue) \(d.location.line):\(d.location.column) \(d.message.prefix(200))") }
            let problems = outcome.problems + BinaryCheck.problems(files: ["Content/site.yml": input.siteYML, input.seed.path: input.bytes])
            for problem in problems { Issue.record("fuzz input #\(only): \(problem)") }
            return
        }
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start + .milliseconds(Int(config.seconds * 1000))
        var inputs = 0, binaryRuns = 0, failures = 0
        var bytesTotal = 0
        var slowest = (index: 0, seconds: 0.0)
        var codes: [DiagnosticCode: Int] = [:]
        var index = 0
        print("fuzz: seed \(config.seed), \(config.seconds) s or \(config.maximumInputs) inputs, binary every \(config.binaryEvery)"
              + (BinaryCheck.executable == nil ? " (vios binary not built: skipped)" : ""))
        while clock.now < deadline, inputs < config.maximumInputs, failures < 10 {
            let input = FuzzInput(seed: config.seed, index: index)
            let outcome = Invariants.run(path: input.seed.path, collection: input.seed.collection, slug: input.seed.slug,
                                         bytes: input.bytes, timeLimit: config.timeLimit)
            var problems = outcome.problems
            if index % config.binaryEvery == 0 {
                problems += BinaryCheck.problems(files: ["Content/site.yml": input.siteYML, input.seed.path: input.bytes])
                binaryRuns += 1
            }
            for d in outcome.diagnostics { codes[d.code, default: 0] += 1 }
            if outcome.seconds > slowest.seconds { slowest = (index, outcome.seconds) }
            if !problems.isEmpty {
                failures += 1
                let saved = Self.save(input.bytes, name: "seed-\(config.seed)-input-\(index).md")
                Issue.record("""
                    fuzz input #\(index) (seed \(config.seed), from \(input.seed.path)) breaks an invariant:
                    \(problems.prefix(5).map { "  - " + $0 }.joined(separator: "\n"))
                    input: \(saved)
                    replay: VIOS_FUZZ_SEED=\(config.seed) VIOS_FUZZ_REPLAY=\(index) swift test --filter VIOSFuzzTests
                    """)
            }
            bytesTotal += input.bytes.count
            inputs += 1
            index += 1
            if inputs % 10_000 == 0 {
                let elapsed = Double((clock.now - start).components.seconds)
                print("fuzz: \(inputs) inputs, \(Int(Double(inputs) / max(elapsed, 1))) inputs/s")
            }
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let top = codes.sorted { $0.value > $1.value }.prefix(12).map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ")
        print(String(format: "fuzz: %d inputs (%.1f MB) in %.1f s: %.0f inputs/s; %d through the vios binary; %d failing; slowest #%d %.3f s CPU",
                     inputs, Double(bytesTotal) / 1_048_576, seconds, Double(inputs) / max(seconds, 0.001), binaryRuns, failures,
                     slowest.index, slowest.seconds))
        print("fuzz: diagnostics seen: \(top)")
        #expect(inputs > 0)
    }

    /// Inputs too big for random mutation to reach, each once. The time
    /// limit grows with the size: the default `swift test` build is a
    /// debug build, several times slower than release.
    @Test func giantInputsKeepTheInvariants() {
        let env = ProcessInfo.processInfo.environment
        guard env["VIOS_FUZZ_GIANTS"] != "0" else { return }
        let perMB = env["VIOS_FUZZ_GIANT_SECONDS_PER_MB"].flatMap(Double.init) ?? 4
        // The default run keeps to the light giants plus one 10 MB line and
        // 100,000 headings; `make fuzz` (VIOS_FUZZ_GIANTS=all) runs them all.
        let all = env["VIOS_FUZZ_GIANTS"] == "all"
        let only = env["VIOS_FUZZ_GIANT"]
        for giant in Giants.all where (all || !giant.heavy || only != nil) && (only.map { giant.name.contains($0) } ?? true) {
            let megabytes = Double(giant.bytes.count) / 1_048_576
            let limit = 5 + perMB * megabytes
            let outcome = Invariants.run(path: giant.path, collection: giant.collection, slug: giant.slug,
                                         bytes: giant.bytes, timeLimit: limit)
            print(String(format: "fuzz giant '%@': %.1f MB, %.2f s CPU (limit %.0f s), %d diagnostics",
                         giant.name, megabytes, outcome.seconds, limit, outcome.diagnostics.count))
            if !outcome.problems.isEmpty {
                let list = outcome.problems.prefix(5).map { "  - " + $0 }.joined(separator: "\n")
                Issue.record("giant input '\(giant.name)' breaks an invariant:\n\(list)")
            }
        }
    }
}
