import Synchronization

/// How many diagnostics were already shown while a run went on (``ScriptOutput/diagnosticSink(counting:)``).
final class ShownCount: Sendable {
    private let count = Mutex(0)

    /// Counts one more.
    func add() { count.withLock { $0 += 1 } }

    /// How many so far.
    var value: Int { count.withLock { $0 } }
}
