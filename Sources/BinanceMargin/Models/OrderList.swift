/// An order list as Binance lists it (`GET /sapi/v1/margin/orderList`, `openOrderList`, `allOrderList`):
/// an OCO, an OTO or an OTOCO (which Binance reports as `OTO` with three orders).
public struct OrderList: Sendable, Hashable, Decodable {
    /// The exchange's list id.
    public var orderListId: Int64
    /// `OCO` or `OTO` (an OTOCO reports `OTO`).
    public var contingencyType: String
    /// `RESPONSE`, `EXEC_STARTED`, `UPDATED` or `ALL_DONE`.
    public var listStatusType: String
    /// `EXECUTING`, `ALL_DONE` or `REJECT`.
    public var listOrderStatus: String
    /// The list's client id.
    public var listClientOrderId: String
    /// When the exchange last changed the list, ms.
    public var transactionTime: Int64
    /// The symbol, e.g. `BTCUSDT`.
    public var symbol: String
    /// Whether the list belongs to an isolated margin pair.
    public var isIsolated: Bool?
    /// The list's orders, as references.
    public var orders: [OrderListMember]

    /// Whether the list still has working or pending orders.
    public var isOpen: Bool { listOrderStatus == "EXECUTING" }

    enum CodingKeys: String, CodingKey {
        case orderListId, contingencyType, listStatusType, listOrderStatus, listClientOrderId, transactionTime, symbol, isIsolated, orders
    }

    /// Makes a value from its fields.
    public init(orderListId: Int64, contingencyType: String, listStatusType: String, listOrderStatus: String,
                listClientOrderId: String, transactionTime: Int64, symbol: String, isIsolated: Bool? = nil, orders: [OrderListMember]) {
        self.orderListId = orderListId
        self.contingencyType = contingencyType
        self.listStatusType = listStatusType
        self.listOrderStatus = listOrderStatus
        self.listClientOrderId = listClientOrderId
        self.transactionTime = transactionTime
        self.symbol = symbol
        self.isIsolated = isIsolated
        self.orders = orders
    }

    /// Decodes Binance's JSON (ids as numbers or digit strings, `isIsolated` as a boolean or a string).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        orderListId = try c.decodeInt64(forKey: .orderListId)
        contingencyType = try c.decode(String.self, forKey: .contingencyType)
        listStatusType = try c.decode(String.self, forKey: .listStatusType)
        listOrderStatus = try c.decode(String.self, forKey: .listOrderStatus)
        listClientOrderId = try c.decode(String.self, forKey: .listClientOrderId)
        transactionTime = try c.decodeInt64(forKey: .transactionTime)
        symbol = try c.decode(String.self, forKey: .symbol)
        isIsolated = try c.decodeFlexibleBoolIfPresent(forKey: .isIsolated)
        orders = try c.decode([OrderListMember].self, forKey: .orders)
    }
}

/// One order of a list, as a reference (`{symbol, orderId, clientOrderId}`).
public struct OrderListMember: Sendable, Hashable, Decodable {
    /// The symbol.
    public var symbol: String
    /// The exchange's order id.
    public var orderId: Int64
    /// The order's client id.
    public var clientOrderId: String

    enum CodingKeys: String, CodingKey { case symbol, orderId, clientOrderId }

    /// Makes a value from its fields.
    public init(symbol: String, orderId: Int64, clientOrderId: String) {
        self.symbol = symbol
        self.orderId = orderId
        self.clientOrderId = clientOrderId
    }

    /// Decodes Binance's JSON (the id as a number or a digit string).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        symbol = try c.decode(String.self, forKey: .symbol)
        orderId = try c.decodeInt64(forKey: .orderId)
        clientOrderId = try c.decode(String.self, forKey: .clientOrderId)
    }
}
