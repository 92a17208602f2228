import BinanceMargin

extension MarginRiskBars {
    /// The cross account's bars at a leverage of Cross Margin Classic (Binance's FAQ table): borrowing needs the
    /// level above ``normalBar`` (the initial risk ratio), a margin call comes at ``marginCallBar``, liquidation at
    /// ``forceLiquidationBar`` — 3x 1.5/1.3/1.1, 5x 1.25/1.16/1.1.
    static func cross(leverage: Int) -> MarginRiskBars { leverage == 5 ? crossFiveTimes : crossThreeTimes }

    /// The bars at 5x (read at every path point of a replay: built once, not parsed from literals each time).
    private static let crossFiveTimes = MarginRiskBars(normalBar: "1.25", marginCallBar: "1.16",
                                                       forceLiquidationBar: Catalog.crossLiquidationBar)
    /// The bars at 3x, the default.
    private static let crossThreeTimes = MarginRiskBars(normalBar: Catalog.crossInitialRiskRatio, marginCallBar: Catalog.crossMarginCallBar,
                                                        forceLiquidationBar: Catalog.crossLiquidationBar)
}

extension Exchange {
    /// The cross account's maximum leverage: 3 until set otherwise.
    var crossLeverage: Int { crossLeverageSetting ?? 3 }

    /// The cross account's bars at its leverage (what `tradeCoeff` reports, and the status rule over them).
    var crossBars: MarginRiskBars { .cross(leverage: crossLeverage) }

    /// Sets the cross leverage: -1130 unless one the client also accepts (``MarginClient/crossLeverages``: 3 or 5);
    /// -3023 when the margin level (with debt) is not above the new leverage's initial risk ratio (Binance documents
    /// the condition, not its code: see docs/simulator.md).
    mutating func setCrossLeverage(_ leverage: Int) throws(ExchangeError) {
        guard MarginClient.crossLeverages.contains(leverage) else { throw .invalidParameter("maxLeverage") }
        let risk = try riskSnapshot(.cross)
        if risk.hasDebt && risk.marginLevel <= MarginRiskBars.cross(leverage: leverage).normalBar { throw .marginLevelTooLow }
        crossLeverageSetting = leverage
    }
}
