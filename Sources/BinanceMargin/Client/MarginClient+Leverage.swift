extension MarginClient {
    /// The cross-margin leverages Binance accepts in 2026 (Cross Margin Classic; Pro's 10x ended 2026-04-13).
    public static let crossLeverages = [3, 5]

    /// Sets the cross margin account's maximum leverage, 3 or 5 (`POST /sapi/v1/margin/max-leverage`).
    ///
    /// Binance allows it only while the margin level is above the new leverage's initial risk ratio
    /// (3x: 1.5, 5x: 1.25), and counts it 3000 UID weight with at most one call a minute per IP.
    public func setMaxLeverage(_ leverage: Int) async throws {
        guard Self.crossLeverages.contains(leverage) else {
            throw BinanceError.invalidInput("maxLeverage", "cross margin leverage can be 3 or 5, got \(leverage)",
                hint: "Cross Margin Pro (10x) ended on 2026-04-13; isolated pairs take their leverage from their tier")
        }
        var p = Parameters()
        p.add("maxLeverage", leverage)
        struct Success: Decodable { var success: Bool }
        let answer = try await call(Endpoints.maxLeverage, p, as: Success.self)
        guard answer.success else {
            throw BinanceError(category: .refused, message: "the exchange answered success: false; the leverage is unchanged",
                               endpoint: Endpoints.maxLeverage.description, hint: "read the account's leverage again before relying on it")
        }
    }

    /// Liquidates the cross account, or an isolated pair's (`POST /sapi/v1/margin/manual-liquidation`):
    /// the exchange sells assets to repay all debt. Isolated pairs only in the regions Binance allows it.
    public func manualLiquidation(isolatedSymbol: String? = nil) async throws -> ManualLiquidationResult {
        if let isolatedSymbol { try InputValidation.symbol(isolatedSymbol, field: "symbol") }
        var p = Parameters()
        p.add("type", isolatedSymbol == nil ? "MARGIN" : "ISOLATED")
        p.add("symbol", isolatedSymbol)
        return try await call(Endpoints.manualLiquidation, p, as: ManualLiquidationResult.self)
    }

    /// The account's movements of funds, newest first or from `fromId` on, at most `limit` (500 by default,
    /// 1000 at most) (`GET /sapi/v1/margin/capital-flow`).
    ///
    /// Binance's 7-day rule (since 2026-02-02) is checked before sending: `startTime` and `endTime` together may
    /// be at most 7 days apart — split a longer range; only the last 90 days can be read.
    public func capitalFlow(asset: String? = nil, isolatedSymbol: String? = nil, type: String? = nil, startTime: Int64? = nil,
                            endTime: Int64? = nil, fromId: Int64? = nil, limit: Int? = nil) async throws -> [CapitalFlowEntry] {
        if let asset { try InputValidation.asset(asset) }
        if let isolatedSymbol { try InputValidation.symbol(isolatedSymbol, field: "symbol") }
        if let startTime, let endTime, endTime.saturatingSubtracting(startTime) > Self.capitalFlowWindow || endTime < startTime {
            throw BinanceError.invalidInput("endTime", "startTime and endTime must be 0 to 7 days apart (Binance answers -4047 otherwise)",
                hint: "split the range into 7-day windows")
        }
        try InputValidation.limit(limit, max: 1000)
        var p = Parameters()
        p.add("asset", asset)
        p.add("symbol", isolatedSymbol)
        p.add("type", type)
        p.add("startTime", startTime)
        p.add("endTime", endTime)
        p.add("fromId", fromId)
        p.add("limit", limit)
        return try await call(Endpoints.capitalFlow, p, as: [CapitalFlowEntry].self)
    }

    /// The longest `startTime`…`endTime` span capital-flow accepts, ms (7 days).
    public static let capitalFlowWindow: Int64 = 7 * 24 * 3_600_000
}
