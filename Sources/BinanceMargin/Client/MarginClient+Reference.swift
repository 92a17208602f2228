extension MarginClient {
    /// Transfers into and out of margin (`GET /sapi/v1/margin/transfer`; newest first, ≤ 30 days).
    /// `type` is `ROLL_IN` or `ROLL_OUT`.
    public func marginTransferHistory(asset: String? = nil, type: String? = nil, isolatedSymbol: String? = nil,
                                      startTime: Int64? = nil, endTime: Int64? = nil, current: Int? = nil,
                                      size: Int? = nil) async throws -> RecordPage<MarginTransferRecord> {
        if let asset { try InputValidation.asset(asset) }
        if let type, type != "ROLL_IN" && type != "ROLL_OUT" {
            throw BinanceError.invalidInput("type", "type must be ROLL_IN or ROLL_OUT, got \(type)",
                hint: "ROLL_IN = transfers into margin, ROLL_OUT = out of it; omit type for both")
        }
        if let isolatedSymbol { try InputValidation.symbol(isolatedSymbol, field: "isolatedSymbol") }
        var p = Parameters()
        p.add("asset", asset)
        p.add("type", type)
        p.add("startTime", startTime)
        p.add("endTime", endTime)
        p.add("current", current)
        p.add("size", try InputValidation.pageSize(size))
        p.add("isolatedSymbol", isolatedSymbol)
        return try await call(Endpoints.marginTransferHistory, p, as: RecordPage<MarginTransferRecord>.self)
    }

    /// Universal transfers of one `type` (`GET /sapi/v1/asset/transfer`; e.g. `MAIN_MARGIN`; last 6 months).
    public func universalTransferHistory(type: String, startTime: Int64? = nil, endTime: Int64? = nil, current: Int? = nil,
                                         size: Int? = nil, fromSymbol: String? = nil,
                                         toSymbol: String? = nil) async throws -> RecordPage<UniversalTransferRecord> {
        try InputValidation.transferType(type)
        if let fromSymbol { try InputValidation.symbol(fromSymbol, field: "fromSymbol") }
        if let toSymbol { try InputValidation.symbol(toSymbol, field: "toSymbol") }
        var p = Parameters()
        p.add("type", type)
        p.add("startTime", startTime)
        p.add("endTime", endTime)
        p.add("current", current)
        p.add("size", try InputValidation.pageSize(size))
        p.add("fromSymbol", fromSymbol)
        p.add("toSymbol", toSymbol)
        return try await call(Endpoints.universalTransferHistory, p, as: RecordPage<UniversalTransferRecord>.self)
    }

    /// The hourly rates charged at the next full hour for up to 20 `assets` (`GET /sapi/v1/margin/next-hourly-interest-rate`).
    public func nextHourlyInterestRates(assets: [String], isIsolated: Bool = false) async throws -> [NextHourlyInterestRate] {
        guard !assets.isEmpty, assets.count <= 20 else {
            throw BinanceError.invalidInput("assets", "give 1 to 20 assets, got \(assets.count)",
                hint: "ask in groups of at most 20, e.g. [\"BTC\", \"USDT\"]")
        }
        for asset in assets { try InputValidation.asset(asset, field: "assets") }
        var p = Parameters()
        p.add("assets", assets.joined(separator: ","))
        p.addIsolated(isIsolated)
        return try await call(Endpoints.nextHourlyInterestRate, p, as: [NextHourlyInterestRate].self)
    }

    /// Cross margin terms: rates, limits, marginable pairs (`GET /sapi/v1/margin/crossMarginData`; nil vipLevel = the account's).
    public func crossMarginData(vipLevel: Int? = nil, coin: String? = nil) async throws -> [CrossMarginData] {
        if let coin { try InputValidation.asset(coin, field: "coin") }
        var p = Parameters()
        p.add("vipLevel", vipLevel)
        p.add("coin", coin)
        return try await call(Endpoints.crossMarginData, p, as: [CrossMarginData].self)
    }

    /// Isolated margin terms per pair (`GET /sapi/v1/margin/isolatedMarginData`; nil vipLevel = the account's).
    public func isolatedMarginData(vipLevel: Int? = nil, symbol: String? = nil) async throws -> [IsolatedMarginData] {
        if let symbol { try InputValidation.symbol(symbol, field: "symbol") }
        var p = Parameters()
        p.add("vipLevel", vipLevel)
        p.add("symbol", symbol)
        return try await call(Endpoints.isolatedMarginData, p, as: [IsolatedMarginData].self)
    }

    /// An isolated pair's leverage tiers (`GET /sapi/v1/margin/isolatedMarginTier`).
    public func isolatedMarginTiers(symbol: String, tier: Int? = nil) async throws -> [IsolatedMarginTier] {
        try InputValidation.symbol(symbol, field: "symbol")
        var p = Parameters()
        p.add("symbol", symbol)
        p.add("tier", tier)
        return try await call(Endpoints.isolatedMarginTier, p, as: [IsolatedMarginTier].self)
    }

    /// Cross margin pairs, or one (`GET /sapi/v1/margin/allPairs`).
    public func marginPairs(symbol: String? = nil) async throws -> [MarginPair] {
        if let symbol { try InputValidation.symbol(symbol, field: "symbol") }
        var p = Parameters()
        p.add("symbol", symbol)
        return try await call(Endpoints.allPairs, p, as: [MarginPair].self)
    }

    /// Isolated margin pairs, or one (`GET /sapi/v1/margin/isolated/allPairs`).
    public func isolatedMarginPairs(symbol: String? = nil) async throws -> [MarginPair] {
        if let symbol { try InputValidation.symbol(symbol, field: "symbol") }
        var p = Parameters()
        p.add("symbol", symbol)
        return try await call(Endpoints.isolatedAllPairs, p, as: [MarginPair].self)
    }

    /// Margin assets with their borrow/repay minimums, or one (`GET /sapi/v1/margin/allAssets`).
    public func marginAssets(asset: String? = nil) async throws -> [MarginAssetInfo] {
        if let asset { try InputValidation.asset(asset) }
        var p = Parameters()
        p.add("asset", asset)
        return try await call(Endpoints.allAssets, p, as: [MarginAssetInfo].self)
    }

    /// The account's margin-call and liquidation levels (`GET /sapi/v1/margin/tradeCoeff`).
    public func tradeCoefficients() async throws -> MarginTradeCoefficients {
        try await call(Endpoints.tradeCoeff, as: MarginTradeCoefficients.self)
    }

    /// Forced liquidations, cross or of an isolated pair (`GET /sapi/v1/margin/forceLiquidationRec`).
    public func forceLiquidationRecords(startTime: Int64? = nil, endTime: Int64? = nil, isolatedSymbol: String? = nil,
                                        current: Int? = nil, size: Int? = nil) async throws -> RecordPage<ForceLiquidationRecord> {
        if let isolatedSymbol { try InputValidation.symbol(isolatedSymbol, field: "isolatedSymbol") }
        var p = Parameters()
        p.add("startTime", startTime)
        p.add("endTime", endTime)
        p.add("isolatedSymbol", isolatedSymbol)
        p.add("current", current)
        p.add("size", try InputValidation.pageSize(size))
        return try await call(Endpoints.forceLiquidationRec, p, as: RecordPage<ForceLiquidationRecord>.self)
    }
}
