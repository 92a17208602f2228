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
    /// How many points ``path`` has: open, both extremes, close.
    public static let pathPoints = 4

    /// The path replay trades through inside this candle: open, both extremes, close.
    ///
    /// A candle says which prices traded, not in what order; replay needs an order so that stops, resting
    /// orders and liquidations inside the candle trigger. The rule: a rising candle (close ≥ open) goes
    /// open → low → high → close, a falling one open → high → low → close — the extreme against the
    /// candle's direction first, which is the usual order and touches both extremes on every candle.
    /// The points sit at the open time, a third and two thirds of the way through, and the close time.
    public var path: [PricePoint] { (0..<Kline.pathPoints).map(point) }

    /// Point `index` (0 ..< ``pathPoints``) of ``path``, computed without building the path (the replay's hot loop).
    @inline(__always)
    public func point(_ index: Int) -> PricePoint {
        PricePoint(time: pointTime(index), price: pointPrice(index))
    }

    /// The time of point `index` of ``path``.
    @inline(__always)
    func pointTime(_ index: Int) -> Int64 {
        switch index {
        case 0: return openTime
        case 1, 2:
            let span = max(0, closeTime.saturatingSubtracting(openTime))
            return openTime.saturatingAdding(span / 3 * Int64(index))
        default: return closeTime
        }
    }

    /// The price of point `index` of ``path``.
    @inline(__always)
    func pointPrice(_ index: Int) -> Number {
        switch index {
        case 0: return open
        case 1: return close >= open ? low : high
        case 2: return close >= open ? high : low
        default: return close
        }
    }
}
