import CSignals
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
///
/// The handler and its state live in the CSignals C target (one definition of each variable), so
/// debug and release builds behave alike.
public struct SignalInterrupts: InterruptSource {
    /// Makes the source; nothing happens until ``install()``.
    public init() {}
    /// Installs the SIGINT handler (once, before the first prompt).
    public func install() { mops_install_sigint() }
    /// Whether Ctrl-C was pressed since the last call (and forgets it).
    public func takePending() -> Bool { mops_take_sigint() != 0 }

    /// Records the calling thread as the one about to block in libedit and lets SIGINT reach it.
    static func beginRead() { mops_begin_read() }
    /// Undoes ``beginRead()`` after the read returned.
    static func endRead() { mops_end_read() }
}

/// An interrupt source driven by code, for tests and embedders.
public final class ManualInterrupts: InterruptSource {
    private let pending = Mutex(false)

    /// Makes a source with no interrupt pending.
    public init() {}
    /// Presses Ctrl-C.
    public func interrupt() { pending.withLock { $0 = true } }
    /// Nothing to install.
    public func install() {}
    /// Whether ``interrupt()`` was called since the last call (and forgets it).
    public func takePending() -> Bool { pending.withLock { value in defer { value = false }; return value } }
}
