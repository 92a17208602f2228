/// Buy or sell.
public enum OrderSide: String, Sendable, Hashable, Codable, CaseIterable {
    /// Buy the base asset.
    case buy = "BUY"
    /// Sell the base asset.
    case sell = "SELL"
}

/// A margin order type (Binance's `type`).
public enum OrderType: String, Sendable, Hashable, Codable, CaseIterable {
    /// Rests on the book at `price` until filled or canceled.
    case limit = "LIMIT"
    /// Fills at once against the book.
    case market = "MARKET"
    /// A market order triggered when the price reaches `stopPrice`.
    case stopLoss = "STOP_LOSS"
    /// A limit order triggered when the price reaches `stopPrice`.
    case stopLossLimit = "STOP_LOSS_LIMIT"
    /// A market order triggered when the price reaches `stopPrice` (profit side).
    case takeProfit = "TAKE_PROFIT"
    /// A limit order triggered when the price reaches `stopPrice` (profit side).
    case takeProfitLimit = "TAKE_PROFIT_LIMIT"
    /// A limit order rejected if it would take liquidity.
    case limitMaker = "LIMIT_MAKER"

    /// Whether the type needs `price`.
    public var needsPrice: Bool { [.limit, .stopLossLimit, .takeProfitLimit, .limitMaker].contains(self) }
    /// Whether the type needs `timeInForce`.
    public var needsTimeInForce: Bool { [.limit, .stopLossLimit, .takeProfitLimit].contains(self) }
    /// Whether the type needs `stopPrice` (or `trailingDelta`).
    public var needsStopPrice: Bool { [.stopLoss, .stopLossLimit, .takeProfit, .takeProfitLimit].contains(self) }
}

/// How long an order stays working.
public enum TimeInForce: String, Sendable, Hashable, Codable, CaseIterable {
    /// Good till canceled.
    case gtc = "GTC"
    /// Immediate or cancel.
    case ioc = "IOC"
    /// Fill or kill.
    case fok = "FOK"
}

/// Whether a margin order borrows what it lacks and/or repays debt from what it receives.
public enum SideEffectType: String, Sendable, Hashable, Codable, CaseIterable {
    /// Plain order: no borrowing, no repaying (the default).
    case noSideEffect = "NO_SIDE_EFFECT"
    /// Borrow the shortfall automatically.
    case marginBuy = "MARGIN_BUY"
    /// Repay existing debt from the proceeds.
    case autoRepay = "AUTO_REPAY"
    /// Both: borrow the shortfall and repay from the proceeds.
    case autoBorrowRepay = "AUTO_BORROW_REPAY"

    /// Whether the order may borrow (and so weighs 1500 UID).
    public var borrows: Bool { self == .marginBuy || self == .autoBorrowRepay }
}

/// How much the new-order response says (`newOrderRespType`).
public enum OrderResponseType: String, Sendable, Hashable, Codable, CaseIterable {
    /// Ids and time only.
    case ack = "ACK"
    /// Plus the order's state and filled amounts.
    case result = "RESULT"
    /// Plus every fill and any auto-borrow.
    case full = "FULL"
}

/// An order's state. Unknown future values decode as ``unknown``.
public enum OrderStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Accepted and working.
    case new = "NEW"
    /// Accepted but not yet working (order lists).
    case pendingNew = "PENDING_NEW"
    /// Partly filled and still working.
    case partiallyFilled = "PARTIALLY_FILLED"
    /// Completely filled.
    case filled = "FILLED"
    /// Canceled by the user.
    case canceled = "CANCELED"
    /// Being canceled (unused by Binance).
    case pendingCancel = "PENDING_CANCEL"
    /// Not accepted by the matching engine.
    case rejected = "REJECTED"
    /// Ended by its time-in-force or by the exchange.
    case expired = "EXPIRED"
    /// Ended by self-trade prevention.
    case expiredInMatch = "EXPIRED_IN_MATCH"
    /// A value this client does not know yet.
    case unknown = "UNKNOWN"

    /// Decodes the wire string; unknown values become ``unknown``.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = OrderStatus(rawValue: text) ?? .unknown
    }

    /// Whether the order can still trade (NEW, PENDING_NEW, PARTIALLY_FILLED).
    public var isOpen: Bool { self == .new || self == .pendingNew || self == .partiallyFilled }
}

/// Borrow or repay (`type` of the borrow-repay endpoints).
public enum LoanType: String, Sendable, Hashable, Codable, CaseIterable {
    /// Take a loan.
    case borrow = "BORROW"
    /// Pay a loan back (interest first).
    case repay = "REPAY"
}

/// An isolated pair's risk state, from safest to liquidated. Unknown future values decode as ``unknown``.
public enum MarginLevelStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Far from any threshold.
    case excessive = "EXCESSIVE"
    /// Healthy.
    case normal = "NORMAL"
    /// Below the margin-call level: add collateral or repay.
    case marginCall = "MARGIN_CALL"
    /// Close to liquidation.
    case preLiquidation = "PRE_LIQUIDATION"
    /// Being liquidated.
    case forceLiquidation = "FORCE_LIQUIDATION"
    /// A value this client does not know yet.
    case unknown = "UNKNOWN"

    /// Decodes the wire string; unknown values become ``unknown``.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = MarginLevelStatus(rawValue: text) ?? .unknown
    }
}
