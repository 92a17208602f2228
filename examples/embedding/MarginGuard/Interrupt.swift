import Dispatch
import Foundation

/// Turns Ctrl-C (SIGINT) and SIGTERM into a call of `handler` (which cancels the guard's task), instead of killing the process.
final class Interrupt {
    private let sources: [any DispatchSourceSignal]

    /// Starts listening; the default action of both signals is suspended until ``stop()``.
    init(_ handler: @escaping @Sendable () -> Void) {
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: handler)
            source.resume()
            return source
        }
    }

    /// Stops listening and restores the default actions.
    func stop() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
