import BinanceMargin

extension Exchange {
    /// The symbol's info, or -1121.
    func symbolInfo(_ symbol: String) throws(ExchangeError) -> ListedSymbol {
        guard let info = Catalog.symbols[symbol] else { throw .invalidSymbol }
        return info
    }

    /// The last price of a listed symbol.
    func price(_ symbol: String) -> Number { prices[symbol] ?? .one }

    /// How much one unit of `asset` is worth in `target`, through a direct pair or via USDT or BTC.
    func rate(_ asset: String, in target: String) -> Number {
        if asset == target { return .one }
        if let p = prices[asset + target] { return p }
        if let p = prices[target + asset], p.isPositive { return Number.one / p }
        for bridge in ["USDT", "BTC"] where bridge != asset && bridge != target {
            if let a = directRate(asset, bridge), let b = directRate(bridge, target) { return a * b }
        }
        return .zero
    }

    private func directRate(_ asset: String, _ target: String) -> Number? {
        if asset == target { return .one }
        if let p = prices[asset + target] { return p }
        if let p = prices[target + asset], p.isPositive { return Number.one / p }
        return nil
    }

    /// The value of `amount` of `asset` in BTC.
    func btcValue(_ asset: String, _ amount: Number) -> Number { amount * rate(asset, in: "BTC") }

    /// Sets the last price of `symbol` (rounded to its tick), then runs fills and liquidations.
    ///
    /// The price must lie within the symbol's PRICE_FILTER: above `maxPrice` is -1102
    /// "'price' contains unexpected value. Cannot be greater than …", below `minPrice` (or not positive) is -1130;
    /// `name` is the parameter the error names.
    mutating func setPrice(_ symbol: String, _ price: Number, parameter name: String = "price") throws(ExchangeError) {
        let info = try symbolInfo(symbol)
        guard price.isPositive, price >= info.minPrice else { throw .invalidParameter(name) }
        guard price <= info.maxPrice else { throw .tooGreat(name, info.maxPrice.description) }
        let rounded = price.round(toStep: info.tickSize)
        prices[symbol] = (rounded.isPositive ? rounded : info.tickSize).normalized
        settle()
    }

    /// Moves the price of `symbol` by `percent` (e.g. -20), then runs fills and liquidations.
    mutating func shock(_ symbol: String, percent: Number) throws(ExchangeError) {
        guard percent > -100 else { throw .invalidParameter("percent") }
        let current = price(try symbolInfo(symbol).symbol)
        guard let factor = percent.dividing(by: 100).flatMap({ Number.one.adding($0) }),
              let target = current.multiplying(by: factor) else { throw .invalidParameter("percent") }
        try setPrice(symbol, target, parameter: "percent")
    }

    /// Starts (or with zero volatility stops) a seeded random walk on `symbol`.
    mutating func startWalk(_ symbol: String, volatilityPercent: Number, seed: UInt64?) throws(ExchangeError) {
        _ = try symbolInfo(symbol)
        guard !volatilityPercent.isNegative, volatilityPercent < 100 else { throw .invalidParameter("volatility") }
        if let seed { random = SplitMix64(seed: seed) }
        if volatilityPercent.isZero {
            walks[symbol] = nil
        } else {
            walks[symbol] = RandomWalk(volatilityPercent: volatilityPercent, lastStep: now / RandomWalk.stepMilliseconds)
        }
    }
}
