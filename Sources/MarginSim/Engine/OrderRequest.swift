import BinanceMargin

/// BUY or SELL.
enum Side: String, Codable, Sendable, CaseIterable { case buy = "BUY", sell = "SELL" }

/// The order types margin accounts accept.
enum OrderType: String, Codable, Sendable, CaseIterable {
    case limit = "LIMIT", market = "MARKET", stopLoss = "STOP_LOSS", stopLossLimit = "STOP_LOSS_LIMIT"
    case takeProfit = "TAKE_PROFIT", takeProfitLimit = "TAKE_PROFIT_LIMIT", limitMaker = "LIMIT_MAKER"

    /// Whether a stop price triggers it.
    var isConditional: Bool { [.stopLoss, .stopLossLimit, .takeProfit, .takeProfitLimit].contains(self) }
    /// Whether it executes as a limit order (once triggered, for the conditional ones).
    var hasLimitPrice: Bool { [.limit, .stopLossLimit, .takeProfitLimit, .limitMaker].contains(self) }
    /// Whether it needs `timeInForce`.
    var needsTimeInForce: Bool { [.limit, .stopLossLimit, .takeProfitLimit].contains(self) }

    /// Whether a conditional order on `side` with `stop` is triggered at `price`: a SELL stop-loss and a
    /// BUY take-profit when the price falls to the stop, a BUY stop-loss and a SELL take-profit when it rises to it.
    func isTriggered(side: Side, price: Number, stop: Number) -> Bool {
        switch (self, side) {
        case (.stopLoss, .sell), (.stopLossLimit, .sell), (.takeProfit, .buy), (.takeProfitLimit, .buy): price <= stop
        default: price >= stop
        }
    }
}

/// GTC, IOC or FOK.
enum TimeInForce: String, Codable, Sendable, CaseIterable { case gtc = "GTC", ioc = "IOC", fok = "FOK" }

/// Binance's order status values the simulator produces.
enum OrderStatus: String, Codable, Sendable {
    case new = "NEW", partiallyFilled = "PARTIALLY_FILLED", filled = "FILLED", canceled = "CANCELED"
    case rejected = "REJECTED", expired = "EXPIRED"
    /// A pending leg of an OTO or OTOCO, placed once the working order has filled.
    case pendingNew = "PENDING_NEW"
    /// Expired by self-trade prevention.
    case expiredInMatch = "EXPIRED_IN_MATCH"
}

/// What a margin order may borrow or repay on its own.
enum SideEffect: String, Codable, Sendable, CaseIterable {
    case none = "NO_SIDE_EFFECT", marginBuy = "MARGIN_BUY", autoRepay = "AUTO_REPAY", autoBorrowRepay = "AUTO_BORROW_REPAY"

    var borrows: Bool { self == .marginBuy || self == .autoBorrowRepay }
    var repays: Bool { self == .autoRepay || self == .autoBorrowRepay }
}

/// ACK, RESULT or FULL.
enum ResponseType: String, Sendable, CaseIterable { case ack = "ACK", result = "RESULT", full = "FULL" }

/// A new-order request after parameter parsing (values not yet checked against the market).
struct OrderRequest: Sendable {
    var symbol: String
    var isIsolated: Bool = false
    var side: Side
    var type: OrderType
    var quantity: Number?
    var quoteOrderQty: Number?
    var price: Number?
    var stopPrice: Number?
    var timeInForce: TimeInForce?
    var newClientOrderId: String?
    var icebergQty: Number?
    var sideEffect: SideEffect = .none
    var autoRepayAtCancel: Bool = true
    var selfTradePreventionMode: String?
    /// Lock at least this much (an order-list leg holding the lock of its one-cancels-the-other group).
    var lockAtLeast: Number?
    /// Lock and borrow nothing: the other leg of its one-cancels-the-other group holds the lock, which
    /// passes to this leg when it fills or triggers (``Exchange/prepareListLeg(at:)``).
    var sharesLock = false
}

extension OrderRequest {
    /// The request that places `order` (an order-list leg placed later, with its stored fields).
    init(_ order: ExchangeOrder) {
        self.init(symbol: order.symbol, isIsolated: order.isIsolated, side: order.side, type: order.type)
        quantity = order.origQty
        price = order.type.hasLimitPrice ? order.price : nil
        stopPrice = order.type.isConditional ? order.stopPrice : nil
        timeInForce = order.type.needsTimeInForce ? order.timeInForce : nil
        newClientOrderId = order.clientOrderId
        icebergQty = order.icebergQty.isPositive ? order.icebergQty : nil
        sideEffect = order.sideEffect
        autoRepayAtCancel = order.autoRepayAtCancel
        selfTradePreventionMode = order.selfTradePreventionMode
    }

    /// What the order locks while open: its quantity for a SELL; for a BUY, the quantity at its limit price
    /// (or at its stop price, for a stop-market order), rounded up to 8 decimals.
    var lockNeeded: Number {
        get throws(ExchangeError) {
            guard let quantity else { return .zero }
            if side == .sell { return quantity }
            guard let at = type.hasLimitPrice ? price : stopPrice else { return .zero }
            return try checked { try (quantity * at).amount(.up) }
        }
    }
}
