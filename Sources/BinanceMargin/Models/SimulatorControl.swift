import Foundation

/// The simulator account a `/sim/deposit` credits.
public enum SimAccount: String, Sendable, Hashable, CaseIterable {
    /// The spot wallet.
    case spot = "SPOT"
    /// The cross margin account.
    case margin = "MARGIN"
    /// An isolated pair's account (needs the symbol).
    case isolated = "ISOLATED"
}

/// A fault the simulator injects (`/sim/fault`).
public enum SimFaultKind: String, Sendable, Hashable, CaseIterable {
    /// Answer late by `ms`.
    case delay
    /// Execute the request, then drop the connection without answering.
    case drop
    /// Answer with an HTTP error `status` (default 503) without executing.
    case error
    /// Answer 429 as if the rate limit were exceeded.
    case rateLimit
}

/// `{"symbol":"BTCUSDT","price":"60000"}` from `/sim/price` and `/sim/shock`.
struct SimPriceResponse: Sendable, Decodable {
    let symbol: String?
    let price: Number
}

/// `{"serverTime": …}` from `/sim/clock`; during a replay also `replayEnd` and `replayEnded`.
struct SimClockResponse: Sendable, Decodable {
    let serverTime: Int64
    let replayEnd: Int64?
    let replayEnded: Bool?
}

/// What a `/sim/clock` advance did: the simulator's new time and, during a replay, whether the series is used up.
public struct SimClockAdvance: Sendable, Hashable {
    /// The simulator's time after the advance (ms).
    public var serverTime: Int64
    /// The replay's last instant (ms), when a replay runs.
    public var replayEnd: Int64?
    /// True when the advance asked to go past the replay's end: the clock stopped at ``replayEnd``.
    public var replayEnded: Bool

    /// Makes an advance from its fields.
    public init(serverTime: Int64, replayEnd: Int64? = nil, replayEnded: Bool = false) {
        self.serverTime = serverTime
        self.replayEnd = replayEnd
        self.replayEnded = replayEnded
    }
}

/// What `/sim/replay` started: the series' time span, its candles and symbols.
public struct SimReplay: Sendable, Hashable, Decodable {
    /// The first open time (ms); the simulator's clock now reads it.
    public var replayStart: Int64
    /// The last close time (ms).
    public var replayEnd: Int64
    /// How many candles, all symbols together.
    public var candles: Int
    /// The replayed symbols.
    public var symbols: [String]
}

/// `{"asset":…,"free":…}` from `/sim/deposit`.
struct SimDepositResponse: Sendable, Decodable {
    let asset: String?
    let free: Number?
}

/// Any JSON object whose content is not needed (`{}`).
struct IgnoredResponse: Sendable, Decodable {
    init(from decoder: any Decoder) throws {}

    private init() {}

    /// An answer that is one plain JSON value (``PlainJSONReader/skipValue(depth:)``): valid JSON, so
    /// `JSONDecoder` would accept it too; nil leaves the answer to `JSONDecoder`.
    init?(plainJSON body: Data) {
        let plain = body.withUnsafeBytes { raw in
            var reader = PlainJSONReader(raw.bindMemory(to: UInt8.self))
            return reader.skipValue() && reader.atEnd()
        }
        guard plain else { return nil }
        self.init()
    }
}
