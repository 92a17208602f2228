/// Buy or sell.
public enum OrderSide: String, Sendable, Hashable, Codable, CaseIterable {
    case buy = "BUY", sell = "SELL"
}

/// A margin order type (Binance's `type`).
public enum OrderType: String, Sendable, Hashable, Codable, CaseIterable {
    case limit = "LIMIT"
    case market = "MARKET"
    case stopLoss = "STOP_LOSS"
    case stopLossLimit = "STOP_LOSS_LIMIT"
    case takeProfit = "TAKE_PROFIT"
    case takeProfitLimit = "TAKE_PROFIT_LIMIT"
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
    case ack = "ACK", result = "RESULT", full = "FULL"
}

/// An order's state. Unknown future values decode as ``unknown``.
public enum OrderStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case new = "NEW"
    case pendingNew = "PENDING_NEW"
    case partiallyFilled = "PARTIALLY_FILLED"
    case filled = "FILLED"
    case canceled = "CANCELED"
    case pendingCancel = "PENDING_CANCEL"
    case rejected = "REJECTED"
    case expired = "EXPIRED"
    case expiredInMatch = "EXPIRED_IN_MATCH"
    case unknown = "UNKNOWN"

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = OrderStatus(rawValue: text) ?? .unknown
    }

    /// Whether the order can still trade (NEW, PENDING_NEW, PARTIALLY_FILLED).
    public var isOpen: Bool { self == .new || self == .pendingNew || self == .partiallyFilled }
}

/// Borrow or repay (`type` of the borrow-repay endpoints).
public enum LoanType: String, Sendable, Hashable, Codable, CaseIterable {
    case borrow = "BORROW", repay = "REPAY"
}

/// An isolated pair's risk state, from safest to liquidated. Unknown future values decode as ``unknown``.
public enum MarginLevelStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case excessive = "EXCESSIVE"
    case normal = "NORMAL"
    case marginCall = "MARGIN_CALL"
    case preLiquidation = "PRE_LIQUIDATION"
    case forceLiquidation = "FORCE_LIQUIDATION"
    case unknown = "UNKNOWN"

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = MarginLevelStatus(rawValue: text) ?? .unknown
    }
}
