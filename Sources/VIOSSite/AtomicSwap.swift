#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Atomic renames beyond plain `rename(2)`: exchanging two folders in one
/// step (Linux `renameat2` with `RENAME_EXCHANGE`) and renaming without
/// replacing (`RENAME_NOREPLACE`). Swift's Glibc module does not export
/// `renameat2`, so it is looked up at run time (glibc 2.28 and later).
enum AtomicSwap {
    enum Outcome: Equatable {
        /// Done in one atomic step.
        case done
        /// A path does not exist (`ENOENT`).
        case missing
        /// The system or the file system cannot do it (no `renameat2`,
        /// `EINVAL`, `ENOSYS`, `ENOTSUP`): use plain renames instead.
        case unsupported
        /// Any other error, with its `errno`.
        case failed(Int32)
    }

    /// Swaps `first` and `second` (files or folders, same file system):
    /// afterwards each name holds what the other held. There is no moment
    /// at which either name is missing.
    static func exchange(_ first: String, _ second: String) -> Outcome {
        renameat2(first, second, flags: 2)  // RENAME_EXCHANGE
    }

    /// Renames `source` to `target` only when `target` does not exist.
    /// Where the kernel cannot do that atomically, checks and renames.
    static func moveWithoutReplacing(_ source: String, _ target: String) -> Outcome {
        let outcome = renameat2(source, target, flags: 1)  // RENAME_NOREPLACE
        guard outcome == .unsupported else { return outcome }
        var info = stat()
        if lstat(target, &info) == 0 { return .failed(EEXIST) }
        if rename(source, target) == 0 { return .done }
        return errno == ENOENT ? .missing : .failed(errno)
    }

    private static func renameat2(_ source: String, _ target: String, flags: UInt32) -> Outcome {
        #if os(Linux)
        guard let function = renameat2Function else { return .unsupported }
        if function(AT_FDCWD, source, AT_FDCWD, target, flags) == 0 { return .done }
        switch errno {
        case ENOENT: return .missing
        case EINVAL, ENOSYS, ENOTSUP: return .unsupported
        case let code: return .failed(code)
        }
        #else
        return .unsupported
        #endif
    }

    #if os(Linux)
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32

    /// `renameat2` from the C library, or `nil` on one without it.
    private static let renameat2Function: RenameAt2? = {
        // RTLD_DEFAULT is the null handle on glibc.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()
    #endif
}
