import BinanceMargin

/// One point of the price path a candle is replayed through: a time (ms) and the price traded then.
public struct PricePoint: Sendable, Hashable {
    /// Unix epoch milliseconds.
    public var time: Int64
    /// The traded price.
    public var price: Number

    /// Makes a point from its fields.
    public init(time: Int64, price: Number) {
        self.time = time
        self.price = price
    }
}

extension Kline {
    /// The path replay trades through inside this candle: open, both extremes, close.
    ///
    /// A candle says which prices traded, not in what order; replay needs an order so that stops, resting
    /// orders and liquidations inside the candle trigger. The rule: a rising candle (close ≥ open) goes
    /// open → low → high → close, a falling one open → high → low → close — the extreme against the
    /// candle's direction first, which is the usual order and touches both extremes on every candle.
    /// The points sit at the open time, a third and two thirds of the way through, and the close time.
    public var path: [PricePoint] {
        let span = max(0, closeTime.saturatingSubtracting(openTime))
        let first = openTime.saturatingAdding(span / 3), second = openTime.saturatingAdding(span / 3 * 2)
        let (a, b) = close >= open ? (low, high) : (high, low)
        return [PricePoint(time: openTime, price: open), PricePoint(time: first, price: a),
                PricePoint(time: second, price: b), PricePoint(time: closeTime, price: close)]
    }
}
