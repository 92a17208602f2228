import Dispatch
import Foundation
import Synchronization

/// Turns Ctrl-C (SIGINT) and SIGTERM into a call of `handler` (which cancels the guard's task), instead of killing the process.
final class Interrupt {
    private let sources: [any DispatchSourceSignal]

    /// Starts listening; the default action of both signals is suspended until ``stop()``.
    ///
    /// Returns once both sources are registered: a dispatch source is registered after `resume()` returns, and a
    /// signal that came in between would find its default action suspended and no source yet, and be lost.
    init(_ handler: @escaping @Sendable () -> Void) async {
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: handler)
            await withCheckedContinuation { (registered: CheckedContinuation<Void, Never>) in
                source.setRegistrationHandler { registered.resume() }
                source.resume()
            }
            sources.append(source)
        }
        self.sources = sources
    }

    /// Stops listening and restores the default actions.
    func stop() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}

/// Cancels a task that may not exist yet: a cancellation asked for before ``attach(_:)`` is applied
/// when the task arrives.
final class PendingCancellation: Sendable {
    private let state = Mutex<(task: Task<Int32, Never>?, cancelled: Bool)>((nil, false))

    /// Cancels the attached task, or remembers to cancel it once attached.
    func cancel() {
        state.withLock { state in
            state.cancelled = true
            state.task?.cancel()
        }
    }

    /// Attaches the task to cancel (at once, if a cancellation already arrived).
    func attach(_ task: Task<Int32, Never>) {
        state.withLock { state in
            state.task = task
            if state.cancelled { task.cancel() }
        }
    }
}
