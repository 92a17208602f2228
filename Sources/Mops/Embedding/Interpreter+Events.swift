import BinanceMargin

/// Handlers for embedders (docs/embedding.md, "Events and handlers"): a session registers them with `on … { }` in
/// ``Interpreter/evaluate(_:)`` and they stay registered for the session's later inputs; the host feeds events
/// through ``Interpreter/Configuration/events`` and lets the handlers run — during any later input, while a
/// `watch` runs, or between inputs with ``Interpreter/handleEvents()``.
extension Interpreter {
    /// The session's registered handlers, in registration order, as written: `on fill BTCUSDT (line 2)`.
    public var handlers: [String] { sessionHandlers.titles }

    /// Runs the session's handlers for the events that arrived since the last input (a REPL waiting for the user, a
    /// host between inputs), with the session's variables and the configuration's limits; cancelling the calling
    /// task stops it as any run. Nil when no handler is registered (nothing ran). Equivalent to evaluating an empty
    /// input.
    public func handleEvents() async -> RunOutcome? {
        guard !sessionHandlers.isEmpty else { return nil }
        return await evaluate(Source(name: "<events>", text: ""))
    }

    /// Forgets the session's handlers: later events run nothing (the feed stops keeping them).
    public func removeHandlers() {
        sessionHandlers.removeAll()
    }
}
