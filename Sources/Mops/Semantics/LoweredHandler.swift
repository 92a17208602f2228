import BinanceMargin

/// A resolved `on … { }` handler: what it reacts to, and its body as a function of one parameter, `event`.
struct LoweredHandler: Sendable {
    /// The event word.
    var event: HandlerEvent
    /// The STATUS, SYMBOL or ASSET it is limited to (nil: any).
    var filter: String?
    /// `on marginLevel <comparison> <threshold>`.
    var comparison: BinaryOperator?
    var threshold: LoweredExpr?
    /// The body's index in the function table (its parameter 0 is `event`).
    var function: Int
    /// Where the trigger is written (`on marginLevel < 1.3`): the place a handler's messages point at.
    var range: SourceRange

    /// `on marginLevel < 1.3`, `on fill BTCUSDT`: how messages name the handler.
    var title: String {
        var text = "on \(event.rawValue)"
        if let filter { text += " \(filter)" }
        if let comparison { text += " \(comparison.rawValue) …" }
        return text
    }
}
