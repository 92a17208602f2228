import BinanceMargin

/// A margin asset the simulated exchange lists (the `allAssets` row).
public struct ListedAsset: Sendable, Hashable {
    /// The ticker, e.g. `BTC`.
    public var name: String
    /// The display name, e.g. `Bitcoin`.
    public var fullName: String
    /// Whether the asset can be borrowed on margin.
    public var isBorrowable: Bool
    /// Whether the asset counts as margin collateral.
    public var isMortgageable: Bool
    /// The smallest amount one borrow may take.
    public var userMinBorrow: Number
    /// The smallest amount one repayment may pay.
    public var userMinRepay: Number
    /// The VIP-0 cross margin borrow cap for this asset.
    public var borrowLimit: Number
}

/// A trading pair with its exchangeInfo filters and isolated-margin tier.
public struct ListedSymbol: Sendable, Hashable {
    /// The pair name, e.g. `BTCUSDT`.
    public var symbol: String
    /// The asset bought or sold, e.g. `BTC`.
    public var base: String
    /// The asset prices are quoted in, e.g. `USDT`.
    public var quote: String
    /// PRICE_FILTER.
    public var minPrice: Number, maxPrice: Number, tickSize: Number
    /// LOT_SIZE.
    public var minQty: Number, maxQty: Number, stepSize: Number
    /// MARKET_LOT_SIZE maximum (its min and step are zero, as on Binance).
    public var marketMaxQty: Number
    /// NOTIONAL.
    public var minNotional: Number, maxNotional: Number
    /// Allowed in the cross margin account and as an isolated pair.
    public var isMarginTradingAllowed: Bool
    /// The stable id Binance gives a cross margin pair (`allPairs.id`).
    public var pairId: Int64
    /// Isolated tier 1: leverage, initial risk ratio (borrow limit) and liquidation risk ratio.
    public var isolatedLeverage: Int, isolatedInitialRiskRatio: Number, isolatedLiquidationRiskRatio: Number
    /// Isolated tier-1 borrow caps for the base and quote asset.
    public var isolatedBaseMaxBorrowable: Number, isolatedQuoteMaxBorrowable: Number
}

/// The built-in market: every asset, every symbol and its filters, in one table.
public enum Catalog {
    /// The listed margin assets, by name.
    public static let assets: [String: ListedAsset] = {
        let rows: [(String, String, Number, Number)] = [
            // name, full name, userMinBorrow, borrowLimit
            ("BTC", "Bitcoin", "0.00001", "180"),
            ("ETH", "Ethereum", "0.0001", "2500"),
            ("BNB", "BNB", "0.001", "5000"),
            ("USDT", "TetherUS", "0.01", "5000000"),
            ("USDC", "USD Coin", "0.01", "3000000"),
            ("SOL", "Solana", "0.001", "30000"),
            ("XRP", "Ripple", "0.1", "2000000"),
        ]
        return Dictionary(uniqueKeysWithValues: rows.map { row in
            (row.0, ListedAsset(name: row.0, fullName: row.1, isBorrowable: true, isMortgageable: true,
                              userMinBorrow: row.2, userMinRepay: row.2, borrowLimit: row.3))
        })
    }()

    /// The listed symbols, by name.
    public static let symbols: [String: ListedSymbol] = {
        func pair(_ base: String, _ quote: String, tick: Number, step: Number, minNotional: Number,
                  marketMax: Number, id: Int64, baseCap: Number, quoteCap: Number) -> ListedSymbol {
            ListedSymbol(symbol: base + quote, base: base, quote: quote,
                       minPrice: tick, maxPrice: "1000000", tickSize: tick,
                       minQty: step, maxQty: "9000000", stepSize: step, marketMaxQty: marketMax,
                       minNotional: minNotional, maxNotional: "9000000",
                       isMarginTradingAllowed: true, pairId: id,
                       isolatedLeverage: 10, isolatedInitialRiskRatio: "1.111", isolatedLiquidationRiskRatio: "1.05",
                       isolatedBaseMaxBorrowable: baseCap, isolatedQuoteMaxBorrowable: quoteCap)
        }
        let rows = [
            pair("BTC", "USDT", tick: "0.01", step: "0.00001", minNotional: "5", marketMax: "120", id: 351637150141315861, baseCap: "9", quoteCap: "70000"),
            pair("ETH", "USDT", tick: "0.01", step: "0.0001", minNotional: "5", marketMax: "2000", id: 351637150141315862, baseCap: "150", quoteCap: "70000"),
            pair("BNB", "USDT", tick: "0.01", step: "0.001", minNotional: "5", marketMax: "5000", id: 351637150141315863, baseCap: "500", quoteCap: "50000"),
            pair("SOL", "USDT", tick: "0.01", step: "0.001", minNotional: "5", marketMax: "20000", id: 351637150141315864, baseCap: "2000", quoteCap: "50000"),
            pair("XRP", "USDT", tick: "0.0001", step: "0.1", minNotional: "5", marketMax: "5000000", id: 351637150141315865, baseCap: "500000", quoteCap: "50000"),
            pair("ETH", "BTC", tick: "0.00001", step: "0.0001", minNotional: "0.0001", marketMax: "2000", id: 351637150141315866, baseCap: "150", quoteCap: "9"),
            pair("BNB", "BTC", tick: "0.000001", step: "0.001", minNotional: "0.0001", marketMax: "5000", id: 351637150141315867, baseCap: "500", quoteCap: "9"),
            pair("BTC", "USDC", tick: "0.01", step: "0.00001", minNotional: "5", marketMax: "60", id: 351637150141315868, baseCap: "9", quoteCap: "70000"),
            pair("ETH", "USDC", tick: "0.01", step: "0.0001", minNotional: "5", marketMax: "1000", id: 351637150141315869, baseCap: "150", quoteCap: "70000"),
            pair("USDC", "USDT", tick: "0.0001", step: "1", minNotional: "5", marketMax: "5000000", id: 351637150141315870, baseCap: "70000", quoteCap: "70000"),
        ]
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.symbol, $0) })
    }()

    /// Symbol names in a stable order (exchangeInfo, allPairs, ticker lists).
    public static let symbolOrder: [String] = symbols.keys.sorted()

    /// Asset names in a stable order.
    public static let assetOrder: [String] = assets.keys.sorted()

    /// Cross margin thresholds (Classic, 3x): initial risk ratio (borrow), margin call, liquidation,
    /// and the level above which transfers out are allowed.
    public static let crossInitialRiskRatio: Number = "1.5"
    /// The level at or below which a cross margin call is raised.
    public static let crossMarginCallBar: Number = "1.3"
    /// The level at or below which the cross account is liquidated.
    public static let crossLiquidationBar: Number = "1.1"
    /// Transfers out of a margin account must leave its margin level at least this high.
    public static let transferOutBar: Number = "2"
    /// An isolated pair is in MARGIN_CALL at or below this level (PRE_LIQUIDATION below ``isolatedPreLiquidationBar``).
    public static let isolatedMarginCallBar: Number = "1.1"
    /// An isolated pair is in PRE_LIQUIDATION at or below this level.
    public static let isolatedPreLiquidationBar: Number = "1.08"
    /// Binance's margin level when there is no debt.
    public static let noDebtMarginLevel: Number = "999"
    /// The largest amount one `/sim/deposit` may credit, and the largest balance of one asset a deposit may leave
    /// (a sane bound that keeps every valuation far inside the exact decimal range).
    public static let maxDeposit: Number = "1000000000000"
    /// Every balance, fee and interest amount carries at most this many decimals.
    public static let amountScale = 8
}
