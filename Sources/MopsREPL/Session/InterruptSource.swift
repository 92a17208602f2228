@preconcurrency import CEditLine
import Synchronization

/// Tells the REPL that Ctrl-C was pressed while a statement was running.
public protocol InterruptSource: Sendable {
    /// Starts listening (called once, before the first prompt).
    func install()
    /// Whether Ctrl-C came since the last call (and forgets it).
    func takePending() -> Bool
}

/// SIGINT, through a C handler installed without `SA_RESTART` (so Ctrl-C also interrupts the
/// line editor's read instead of killing the process).
public struct SignalInterrupts: InterruptSource {
    /// Makes the source; nothing happens until ``install()``.
    public init() {}
    public func install() { mops_install_sigint() }
    public func takePending() -> Bool { mops_take_sigint() != 0 }
}

/// An interrupt source driven by code, for tests and embedders.
public final class ManualInterrupts: InterruptSource {
    private let pending = Mutex(false)

    /// Makes a source with no interrupt pending.
    public init() {}
    /// Presses Ctrl-C.
    public func interrupt() { pending.withLock { $0 = true } }
    public func install() {}
    public func takePending() -> Bool { pending.withLock { value in defer { value = false }; return value } }
}
