/// The answer to placing or cancelling an order list: the list, each order's report, and what it borrowed;
/// or — after an unknown outcome — the list as the exchange has it (``reconciled`` is then true, with no reports).
public struct OrderListResult: Sendable, Hashable, Decodable {
    /// The list.
    public var list: OrderList
    /// Each order's state at the answer (the stop leg first in an OCO; pending legs `PENDING_NEW`).
    public var reports: [OrderListReport]
    /// What the list borrowed (present only when it did; a string in list answers).
    public var marginBuyBorrowAmount: Number?
    /// The asset the list borrowed (present only when it did).
    public var marginBuyBorrowAsset: String?
    /// True when the placement's answer was lost and this was read back with `GET /sapi/v1/margin/orderList`.
    public var reconciled: Bool

    enum CodingKeys: String, CodingKey { case orderReports, marginBuyBorrowAmount, marginBuyBorrowAsset }

    /// Makes a value from its fields.
    public init(list: OrderList, reports: [OrderListReport] = [], marginBuyBorrowAmount: Number? = nil,
                marginBuyBorrowAsset: String? = nil, reconciled: Bool = false) {
        self.list = list
        self.reports = reports
        self.marginBuyBorrowAmount = marginBuyBorrowAmount
        self.marginBuyBorrowAsset = marginBuyBorrowAsset
        self.reconciled = reconciled
    }

    /// Decodes Binance's JSON: the list's own fields, `orderReports` (absent in ACK answers) and the borrow.
    public init(from decoder: any Decoder) throws {
        list = try OrderList(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        reports = try c.decodeIfPresent([OrderListReport].self, forKey: .orderReports) ?? []
        marginBuyBorrowAmount = try c.decodeIfPresent(Number.self, forKey: .marginBuyBorrowAmount)
        marginBuyBorrowAsset = try c.decodeIfPresent(String.self, forKey: .marginBuyBorrowAsset)
        reconciled = false
    }
}

/// One order's report in an order-list answer.
public struct OrderListReport: Sendable, Hashable, Decodable {
    /// The symbol.
    public var symbol: String
    /// The exchange's order id.
    public var orderId: Int64
    /// The list the order belongs to.
    public var orderListId: Int64
    /// The order's client id (on a cancel: the cancel's id).
    public var clientOrderId: String
    /// On a cancel: the order's own client id.
    public var origClientOrderId: String?
    /// When the exchange processed it, ms.
    public var transactTime: Int64?
    /// The price (0 for stop-market legs; Binance may print it `0E-8`).
    public var price: Number?
    /// The ordered, filled and quote-filled quantities.
    public var origQty: Number?, executedQty: Number?, cumulativeQuoteQty: Number?
    /// The order's state (`PENDING_NEW` for an OTO's pending legs).
    public var status: OrderStatus
    /// GTC, IOC or FOK.
    public var timeInForce: TimeInForce?
    /// The order type.
    public var type: OrderType
    /// BUY or SELL.
    public var side: OrderSide
    /// The trigger price (stop legs only).
    public var stopPrice: Number?
    /// The self-trade-prevention mode.
    public var selfTradePreventionMode: String?

    enum CodingKeys: String, CodingKey {
        case symbol, orderId, orderListId, clientOrderId, origClientOrderId, transactTime, price, origQty, executedQty
        case cumulativeQuoteQty = "cummulativeQuoteQty"
        case status, timeInForce, type, side, stopPrice, selfTradePreventionMode
    }

    /// Decodes Binance's JSON, tolerating absent optional fields and Java's scaled zeros.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        symbol = try c.decode(String.self, forKey: .symbol)
        orderId = try c.decodeInt64(forKey: .orderId)
        orderListId = try c.decodeInt64(forKey: .orderListId)
        clientOrderId = try c.decode(String.self, forKey: .clientOrderId)
        origClientOrderId = try c.decodeIfPresent(String.self, forKey: .origClientOrderId)
        transactTime = try c.decodeInt64IfPresent(forKey: .transactTime)
        price = try c.decodeListNumberIfPresent(forKey: .price)
        origQty = try c.decodeListNumberIfPresent(forKey: .origQty)
        executedQty = try c.decodeListNumberIfPresent(forKey: .executedQty)
        cumulativeQuoteQty = try c.decodeListNumberIfPresent(forKey: .cumulativeQuoteQty)
        status = try c.decode(OrderStatus.self, forKey: .status)
        timeInForce = try c.decodeIfPresent(TimeInForce.self, forKey: .timeInForce)
        type = try c.decode(OrderType.self, forKey: .type)
        side = try c.decode(OrderSide.self, forKey: .side)
        stopPrice = try c.decodeListNumberIfPresent(forKey: .stopPrice)
        selfTradePreventionMode = try c.decodeIfPresent(String.self, forKey: .selfTradePreventionMode)
    }
}
