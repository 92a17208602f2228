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

/// `{"serverTime": …}` from `/sim/clock`.
struct SimClockResponse: Sendable, Decodable {
    let serverTime: Int64
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
