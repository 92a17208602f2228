import BinanceMargin

/// What a ``MarginStream`` yields: events, and what happened to the connection between them.
public enum StreamUpdate: Sendable, Hashable {
    /// One event, typed.
    case event(StreamEvent)
    /// Connected again after a gap: the state was re-read over REST (``ResyncedState``), so a change missed while
    /// disconnected shows there. Events after it follow that state.
    case resynced(ResyncedState)
    /// The connection was lost (the reason, with no key in it); the stream reconnects after `retryIn`.
    case disconnected(reason: String, retryIn: Duration)
}

/// The state read over REST after a gap.
public struct ResyncedState: Sendable, Hashable {
    /// The cross margin account (user-data cross and risk streams).
    public var crossAccount: CrossMarginAccount?
    /// The isolated pair's account (an isolated user-data stream).
    public var isolatedAccount: IsolatedMarginAccounts?
    /// The open orders of the account the stream reports (empty for the risk and market streams).
    public var openOrders: [Order]
}
