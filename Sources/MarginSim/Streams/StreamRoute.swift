import BinanceMargin
import Foundation

/// Which stream an engine event belongs to: who receives it.
public enum StreamRoute: Sendable, Hashable {
    /// The cross margin account's user-data stream (orders, balances).
    case crossUserData
    /// One isolated pair's user-data stream.
    case isolatedUserData(symbol: String)
    /// The cross margin risk data stream (margin level status, liabilities).
    case risk
    /// A public market stream by its Binance name, e.g. `btcusdt@trade`.
    case market(stream: String)
    /// The subscribers of one listenKey only (its `listenKeyExpired`); they lose the key after it.
    case listenKey(String)
}

/// One event the engine published: where it goes and Binance's exact JSON for it (no envelope).
///
/// The JSON is the one truth: the network serves it as it is, and in-process subscribers read ``event``,
/// decoded from the same text, so both see the same events.
public struct PublishedEvent: Sendable, Hashable {
    /// Who receives it.
    public let route: StreamRoute
    /// Binance's payload, e.g. `{"e":"balanceUpdate","E":…}`.
    public let payload: String

    /// Makes an event from its route and payload.
    public init(route: StreamRoute, payload: String) {
        self.route = route
        self.payload = payload
    }

    /// The typed event (``StreamEvent/unknown(type:)`` for a payload the client cannot read).
    public var event: StreamEvent {
        (try? StreamEvent.decode(Data(payload.utf8))) ?? .unknown(type: "unreadable")
    }
}

/// Where the engine sends its events: injected into the simulator (``MarginSimulator/attach(_:)``), never global.
///
/// ``publish(_:)`` runs inside the simulator actor after each change, so it must not wait: a sink hands events
/// to its subscribers' bounded buffers and returns (``StreamHub``).
public protocol EventSink: Sendable {
    /// Whether anyone listens now; when not, the engine does not derive events at all.
    var isListening: Bool { get }
    /// Takes the events of one change, in order.
    func publish(_ events: [PublishedEvent])
}
