#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What every child vios starts needs (Chromium for `--pdf`, the
/// background remover): default signal handling and an empty signal mask,
/// whatever the build's threads had, and a C argument vector.
enum ProcessSpawn {
    /// Sets the child's signal mask and dispositions to the defaults; the
    /// caller adds `POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF` to its flags.
    static func resetSignals(_ attributes: inout posix_spawnattr_t) {
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
    }

    /// `body` with `arguments` as a NULL-terminated C array.
    static func withArgv<T>(_ arguments: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> T) -> T {
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        return body(argv)
    }
}
