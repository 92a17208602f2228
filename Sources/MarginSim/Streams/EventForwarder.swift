import BinanceMargin

/// An ``EventSink`` that hands the account's events, typed, to a closure: how a host feeds an in-process consumer
/// (the language's `EventFeed`, `mops watch`) without a ``StreamHub``.
///
/// Forwarded: every user-data event (cross, or an isolated pair's with its symbol), every risk event, and the
/// market's `trade` events (the other market events are left out). Nothing is derived while
/// `isListening` says no one listens, so an idle forwarder costs the engine nothing.
public struct EventForwarder: EventSink {
    private let listening: @Sendable () -> Bool
    private let forward: @Sendable (StreamEvent, _ isolatedSymbol: String?) -> Void

    /// A forwarder asking `isListening` whether to work and calling `forward` for each event, in order.
    public init(isListening: @escaping @Sendable () -> Bool, forward: @escaping @Sendable (StreamEvent, _ isolatedSymbol: String?) -> Void) {
        self.listening = isListening
        self.forward = forward
    }

    public var isListening: Bool { listening() }

    public func publish(_ events: [PublishedEvent]) {
        for published in events {
            switch published.route {
            case .crossUserData, .risk: forward(published.event, nil)
            case .isolatedUserData(let symbol): forward(published.event, symbol)
            case .market(let stream) where stream.hasSuffix("@trade"): forward(published.event, nil)
            case .market, .listenKey: break
            }
        }
    }
}
