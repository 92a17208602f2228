import BinanceMargin

/// The cross account's bars at one leverage of Cross Margin Classic: borrowing needs the margin level above
/// ``initialRiskRatio``, a margin call comes at ``marginCallBar``, liquidation at ``liquidationBar``.
struct CrossBars: Sendable, Hashable {
    var initialRiskRatio: Number
    var marginCallBar: Number
    var liquidationBar: Number

    /// The bars for `leverage` (3 or 5; Binance's FAQ table: 3x 1.5/1.3/1.1, 5x 1.25/1.16/1.1).
    static func at(_ leverage: Int) -> CrossBars {
        leverage == 5 ? CrossBars(initialRiskRatio: "1.25", marginCallBar: "1.16", liquidationBar: Catalog.crossLiquidationBar)
            : CrossBars(initialRiskRatio: Catalog.crossInitialRiskRatio, marginCallBar: Catalog.crossMarginCallBar,
                        liquidationBar: Catalog.crossLiquidationBar)
    }
}

extension Exchange {
    /// The leverages `POST /sapi/v1/margin/max-leverage` accepts in 2026 (Cross Margin Pro's 10x ended 2026-04-13).
    static let crossLeverages = [3, 5]

    /// The cross account's maximum leverage: 3 until set otherwise.
    var crossLeverage: Int { crossLeverageSetting ?? 3 }

    /// The cross account's bars at its leverage.
    var crossBars: CrossBars { CrossBars.at(crossLeverage) }

    /// Sets the cross leverage: -1130 unless 3 or 5; -3023 when the margin level (with debt) is not above the
    /// new leverage's initial risk ratio (Binance documents the condition, not its code: see docs/simulator.md).
    mutating func setCrossLeverage(_ leverage: Int) throws(ExchangeError) {
        guard Self.crossLeverages.contains(leverage) else { throw .invalidParameter("maxLeverage") }
        let risk = try riskSnapshot(.cross)
        if risk.hasDebt && risk.marginLevel <= CrossBars.at(leverage).initialRiskRatio { throw .marginLevelTooLow }
        crossLeverageSetting = leverage
    }
}
