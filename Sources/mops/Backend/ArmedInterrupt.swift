import Dispatch
import Foundation
import Synchronization

/// Ctrl-C (SIGINT) turned into an action instead of the end of the process, armed before anything is shown.
///
/// A dispatch signal source is registered asynchronously, after `resume()` returns. A Ctrl-C that arrived in between
/// found SIGINT ignored and no source yet, and was lost: `mops watch` then ran on after the banner the user (or a
/// test) had waited for. `armed()` returns only once the source is registered, and a Ctrl-C that comes before an
/// action is set is remembered and acted on when it is.
final class ArmedInterrupt: @unchecked Sendable {  // the dispatch source is thread-safe; the state is a Mutex
    private let source: any DispatchSourceSignal
    private let state = Mutex<(interrupted: Bool, action: (@Sendable () -> Void)?)>((false, nil))

    private init(source: any DispatchSourceSignal) { self.source = source }

    /// Ignores SIGINT's default action and returns once Ctrl-C reaches this source.
    static func armed() async -> ArmedInterrupt {
        signal(SIGINT, SIG_IGN)
        let interrupt = ArmedInterrupt(source: DispatchSource.makeSignalSource(signal: SIGINT, queue: .global()))
        interrupt.source.setEventHandler { [interrupt] in interrupt.fire() }
        await withCheckedContinuation { (registered: CheckedContinuation<Void, Never>) in
            interrupt.source.setRegistrationHandler { registered.resume() }
            interrupt.source.resume()
        }
        return interrupt
    }

    /// Runs `action` on each Ctrl-C from now on, and at once if one came already.
    func onInterrupt(_ action: @escaping @Sendable () -> Void) {
        let already = state.withLock { state in
            state.action = action
            return state.interrupted
        }
        if already { action() }
    }

    /// Whether Ctrl-C was pressed since the source was armed.
    var interrupted: Bool { state.withLock { $0.interrupted } }

    /// Stops handling Ctrl-C: its default action (ending the process) applies again.
    func disarm() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }

    private func fire() {
        let action = state.withLock { state in
            state.interrupted = true
            return state.action
        }
        action?()
    }
}
