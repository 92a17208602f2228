import BinanceMargin

extension SplitMix64 {
    /// A uniform exact decimal in [-1, 1] with 6 places.
    mutating func unitStep() -> Number {
        let micro = Int64(next() % 2_000_001) - 1_000_000
        return (try? Number(significand: Int128(micro), scale: 6)) ?? .zero   // |micro| ≤ 10^6: always fits
    }
}

/// A seeded random walk of one symbol's price: one step per simulated minute.
struct RandomWalk: Codable, Sendable, Hashable {
    /// The largest move of one step, in percent (e.g. `0.5` → each minute moves up to ±0.5 %).
    var volatilityPercent: Number
    /// The minute the walk last stepped.
    var lastStep: Int64

    static let stepMilliseconds: Int64 = 60_000
}

extension Exchange {
    /// Moves the price of `symbol` one random step, rounds it to the tick and keeps it within the PRICE_FILTER
    /// (prices and volatility are bounded, so the step always fits; if it did not, the price would stay).
    mutating func step(walk symbol: String) {
        guard let walk = walks[symbol], let info = Catalog.symbols[symbol], let price = prices[symbol] else { return }
        let unit = random.unitStep()
        guard var next = try? (price * (Number.one + unit * walk.volatilityPercent / 100)).round(toStep: info.tickSize) else { return }
        if next < info.tickSize { next = info.tickSize }
        if next > info.maxPrice { next = info.maxPrice }
        movePrice(symbol, to: next.normalized)
    }
}
