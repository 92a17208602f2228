import BinanceMargin

/// One margin order, open or finished.
struct ExchangeOrder: Codable, Sendable, Hashable {
    var orderId: Int64
    var clientOrderId: String
    var symbol: String
    var account: AccountRef
    var side: Side
    var type: OrderType
    var timeInForce: TimeInForce
    var price: Number
    var origQty: Number
    var executedQty: Number = .zero
    var cummulativeQuoteQty: Number = .zero
    var stopPrice: Number = .zero
    var icebergQty: Number = .zero
    var status: OrderStatus = .new
    /// False while a conditional order waits for its trigger.
    var isWorking: Bool
    var time: Int64
    var updateTime: Int64
    var sideEffect: SideEffect
    var autoRepayAtCancel: Bool
    var selfTradePreventionMode: String
    /// What the order borrowed at placement (MARGIN_BUY / AUTO_BORROW_REPAY).
    var borrowedAmount: Number = .zero
    var borrowAsset: String?
    /// What the order keeps locked while open.
    var lockedAmount: Number = .zero
    var lockedAsset: String?
    /// The client order id of the cancel request, once cancelled.
    var cancelClientOrderId: String?
    /// Set when self-trade prevention expired the order: the prevented match and the quantity it left unfilled.
    var preventedMatchId: Int64?
    var preventedQuantity: Number?

    var isIsolated: Bool { account.isolatedSymbol != nil }
    var isOpen: Bool { status == .new || status == .partiallyFilled }
    var remaining: Number { get throws(NumberError) { try origQty - executedQty } }
}
