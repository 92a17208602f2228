/// A margin pair of `GET /sapi/v1/margin/allPairs` or `…/isolated/allPairs`.
public struct MarginPair: Sendable, Hashable, Decodable {
    /// The pair, e.g. `BNBBTC`.
    public var symbol: String
    /// The base asset.
    public var base: String
    /// The quote asset.
    public var quote: String
    /// Binance's pair id (cross pairs only; beyond 2^53, kept exact).
    public var id: Int64?
    /// Whether buying is allowed.
    public var isBuyAllowed: Bool
    /// Whether selling is allowed.
    public var isSellAllowed: Bool
    /// Whether margin trading is allowed.
    public var isMarginTrade: Bool
    /// When the pair is scheduled to be delisted, if it is.
    public var delistTime: Int64?
}

/// An asset of `GET /sapi/v1/margin/allAssets`: whether it can be borrowed or used as collateral, and the minimums.
public struct MarginAssetInfo: Sendable, Hashable, Decodable {
    /// The asset, e.g. `USDC`.
    public var assetName: String
    /// Its full name, e.g. `USD coin`.
    public var assetFullName: String?
    /// Whether it can be borrowed.
    public var isBorrowable: Bool
    /// Whether it counts as collateral.
    public var isMortgageable: Bool
    /// The smallest borrow (below it: -3013).
    public var userMinBorrow: Number?
    /// The smallest repayment (below it: -3016).
    public var userMinRepay: Number?
    /// When the asset is scheduled to be delisted, if it is.
    public var delistTime: Int64?
}

/// One asset's hourly rate of `GET /sapi/v1/margin/next-hourly-interest-rate`.
public struct NextHourlyInterestRate: Sendable, Hashable, Decodable {
    /// The asset.
    public var asset: String
    /// The rate charged at the next full hour.
    public var nextHourlyInterestRate: Number
}

/// Cross margin terms of one coin at one VIP level (`GET /sapi/v1/margin/crossMarginData`).
public struct CrossMarginData: Sendable, Hashable, Decodable {
    /// The VIP level.
    public var vipLevel: Int
    /// The coin, e.g. `BTC`.
    public var coin: String
    /// Whether it may be transferred in.
    public var transferIn: Bool
    /// Whether it may be borrowed.
    public var borrowable: Bool
    /// The daily interest rate.
    public var dailyInterest: Number
    /// The yearly interest rate (≈ daily × 365).
    public var yearlyInterest: Number
    /// The most that may be borrowed at this level.
    public var borrowLimit: Number
    /// The pairs the coin is marginable in.
    public var marginablePairs: [String]
}

/// Isolated margin terms of one pair at one VIP level (`GET /sapi/v1/margin/isolatedMarginData`).
public struct IsolatedMarginData: Sendable, Hashable, Decodable {
    /// One coin's terms in the pair.
    public struct Coin: Sendable, Hashable, Decodable {
        /// The coin.
        public var coin: String
        /// The daily interest rate.
        public var dailyInterest: Number
        /// The most that may be borrowed.
        public var borrowLimit: Number
    }

    /// The VIP level.
    public var vipLevel: Int
    /// The pair.
    public var symbol: String
    /// The pair's leverage.
    public var leverage: Number
    /// Terms per coin.
    public var data: [Coin]
}

/// One leverage tier of an isolated pair (`GET /sapi/v1/margin/isolatedMarginTier`).
public struct IsolatedMarginTier: Sendable, Hashable, Decodable {
    /// The pair.
    public var symbol: String
    /// The tier number, from 1.
    public var tier: Int
    /// The leverage of the tier.
    public var effectiveMultiple: Number
    /// The margin level borrowing requires.
    public var initialRiskRatio: Number
    /// The margin level at which the pair is liquidated.
    public var liquidationRiskRatio: Number
    /// The most base asset the tier lends.
    public var baseAssetMaxBorrowable: Number
    /// The most quote asset the tier lends.
    public var quoteAssetMaxBorrowable: Number
}

/// The account's margin-level thresholds (`GET /sapi/v1/margin/tradeCoeff`).
public struct MarginTradeCoefficients: Sendable, Hashable, Decodable {
    /// Below this, borrowing stops.
    public var normalBar: Number
    /// Below this, a margin call is sent.
    public var marginCallBar: Number
    /// At or below this, the account is liquidated.
    public var forceLiquidationBar: Number
}

/// One forced liquidation order (`GET /sapi/v1/margin/forceLiquidationRec`).
public struct ForceLiquidationRecord: Sendable, Hashable, Decodable {
    /// The average fill price.
    public var avgPrice: Number
    /// The quantity filled.
    public var executedQty: Number
    /// The liquidation order's id.
    public var orderId: Int64
    /// The order's price.
    public var price: Number
    /// The order's quantity.
    public var qty: Number
    /// BUY or SELL.
    public var side: OrderSide
    /// The pair.
    public var symbol: String
    /// GTC, IOC or FOK.
    public var timeInForce: TimeInForce?
    /// Whether it was an isolated pair's liquidation.
    public var isIsolated: Bool?
    /// When it last changed, ms.
    public var updatedTime: Int64
}
