import BinanceMargin

extension Exchange {
    /// The symbol's info, or -1121.
    func symbolInfo(_ symbol: String) throws(ExchangeError) -> ListedSymbol {
        guard let info = Catalog.symbols[symbol] else { throw .invalidSymbol }
        return info
    }

    /// The last price of a listed symbol.
    func price(_ symbol: String) -> Number { prices[symbol] ?? .one }

    /// How much one unit of `asset` is worth in `target`, through a direct pair or via USDT or BTC
    /// (zero when there is no path; -1000 when the figure does not fit 38 digits).
    func rate(_ asset: String, in target: String) throws(ExchangeError) -> Number {
        if asset == target { return .one }
        if let p = prices[asset + target] { return p }
        if let p = prices[target + asset], p.isPositive { return try checked { try Number.one / p } }
        for bridge in ["USDT", "BTC"] where bridge != asset && bridge != target {
            if let a = try directRate(asset, bridge), let b = try directRate(bridge, target) { return try checked { try a * b } }
        }
        return .zero
    }

    private func directRate(_ asset: String, _ target: String) throws(ExchangeError) -> Number? {
        if asset == target { return .one }
        if let p = prices[asset + target] { return p }
        if let p = prices[target + asset], p.isPositive { return try checked { try Number.one / p } }
        return nil
    }

    /// The value of `amount` of `asset` in BTC.
    func btcValue(_ asset: String, _ amount: Number) throws(ExchangeError) -> Number {
        let rate = try rate(asset, in: "BTC")
        return try checked { try amount * rate }
    }

    /// Sets the last price of `symbol` (rounded to its tick) along a path from the current one
    /// (``movePrice(_:to:)``), rebuilds its synthetic liquidity, then runs fills and liquidations.
    ///
    /// The price must lie within the symbol's PRICE_FILTER: above `maxPrice` is -1102
    /// "'price' contains unexpected value. Cannot be greater than …", below `minPrice` (or not positive) is -1130;
    /// `name` is the parameter the error names.
    mutating func setPrice(_ symbol: String, _ price: Number, parameter name: String = "price") throws(ExchangeError) {
        let info = try symbolInfo(symbol)
        guard price.isPositive, price >= info.minPrice else { throw .invalidParameter(name) }
        guard price <= info.maxPrice else { throw .tooGreat(name, info.maxPrice.description) }
        let rounded = try checked { try price.round(toStep: info.tickSize) }
        let target = (rounded.isPositive ? rounded : info.tickSize).normalized
        let moved = target != self.price(symbol)
        movePrice(symbol, to: target)
        if !moved { refill(symbol) }
        settle()
    }

    /// Moves the price of `symbol` by `percent` (e.g. -20), then runs fills and liquidations.
    mutating func shock(_ symbol: String, percent: Number) throws(ExchangeError) {
        guard percent > -100 else { throw .invalidParameter("percent") }
        let current = price(try symbolInfo(symbol).symbol)
        guard let target = try? current * (Number.one + percent / 100) else { throw .invalidParameter("percent") }
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
