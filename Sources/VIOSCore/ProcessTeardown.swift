import Synchronization

/// Lets a one-off command skip releasing what it built: at the end of a
/// national rebuild, releasing the documents, the manifests and the
/// indexes object by object took tens of milliseconds on one core, while
/// the kernel takes a process's whole heap back at once when it exits.
/// `vios serve` builds again and again in one process and never enables
/// it, so it frees as usual.
public enum ProcessTeardown {
    private static let state = Mutex<(enabled: Bool, kept: [Any])>((false, []))

    /// Called by a command that exits right after its work.
    public static func skipAtExit() {
        state.withLock { $0.enabled = true }
    }

    public static var isSkipped: Bool { state.withLock { $0.enabled } }

    /// Keeps `values` until the process exits, when enabled; else nothing.
    public static func keep(_ values: Any...) {
        state.withLock { state in
            guard state.enabled else { return }
            state.kept.append(contentsOf: values)
        }
    }
}
