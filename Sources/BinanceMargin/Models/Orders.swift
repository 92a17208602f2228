/// The answer to a new order (ACK, RESULT or FULL), or — after an unknown outcome — the order as
/// the exchange has it (``reconciled`` is then true).
public struct OrderResult: Sendable, Hashable, Decodable {
    /// The symbol, e.g. `BTCUSDT`.
    public var symbol: String
    /// The exchange's order id.
    public var orderId: Int64
    /// The order's client id.
    public var clientOrderId: String
    /// When the exchange processed the order, ms.
    public var transactTime: Int64?
    /// Whether the order belongs to an isolated margin pair.
    public var isIsolated: Bool?
    /// The price (0 for MARKET orders).
    public var price: Number?
    /// The ordered quantity.
    public var origQty: Number?
    /// The quantity filled so far.
    public var executedQty: Number?
    /// Quote amount filled (Binance spells the key `cummulativeQuoteQty`).
    public var cumulativeQuoteQty: Number?
    /// The order's state.
    public var status: OrderStatus?
    /// GTC, IOC or FOK.
    public var timeInForce: TimeInForce?
    /// The order type.
    public var type: OrderType?
    /// BUY or SELL.
    public var side: OrderSide?
    /// The self-trade-prevention mode (`NONE`, `EXPIRE_TAKER`, …).
    public var selfTradePreventionMode: String?
    /// What the order borrowed (present only when it did).
    public var marginBuyBorrowAmount: Number?
    /// The asset the order borrowed (present only when it did).
    public var marginBuyBorrowAsset: String?
    /// The fills (FULL responses).
    public var fills: [Fill]
    /// True when the placement's answer was lost and this was read back with `GET /sapi/v1/margin/order`.
    public var reconciled: Bool

    enum CodingKeys: String, CodingKey {
        case symbol, orderId, clientOrderId, transactTime, isIsolated, price, origQty, executedQty
        case cumulativeQuoteQty = "cummulativeQuoteQty"
        case status, timeInForce, type, side, selfTradePreventionMode, marginBuyBorrowAmount, marginBuyBorrowAsset, fills
    }

    /// Makes a value from its fields.
    public init(symbol: String, orderId: Int64, clientOrderId: String, transactTime: Int64? = nil, isIsolated: Bool? = nil,
                price: Number? = nil, origQty: Number? = nil, executedQty: Number? = nil, cumulativeQuoteQty: Number? = nil,
                status: OrderStatus? = nil, timeInForce: TimeInForce? = nil, type: OrderType? = nil, side: OrderSide? = nil,
                selfTradePreventionMode: String? = nil, marginBuyBorrowAmount: Number? = nil, marginBuyBorrowAsset: String? = nil,
                fills: [Fill] = [], reconciled: Bool = false) {
        self.symbol = symbol
        self.orderId = orderId
        self.clientOrderId = clientOrderId
        self.transactTime = transactTime
        self.isIsolated = isIsolated
        self.price = price
        self.origQty = origQty
        self.executedQty = executedQty
        self.cumulativeQuoteQty = cumulativeQuoteQty
        self.status = status
        self.timeInForce = timeInForce
        self.type = type
        self.side = side
        self.selfTradePreventionMode = selfTradePreventionMode
        self.marginBuyBorrowAmount = marginBuyBorrowAmount
        self.marginBuyBorrowAsset = marginBuyBorrowAsset
        self.fills = fills
        self.reconciled = reconciled
    }

    /// The result read back from a queried order (after an unknown outcome).
    public init(reconciledFrom order: Order) {
        self.init(symbol: order.symbol, orderId: order.orderId, clientOrderId: order.clientOrderId,
                  transactTime: order.time, isIsolated: order.isIsolated, price: order.price, origQty: order.origQty,
                  executedQty: order.executedQty, cumulativeQuoteQty: order.cumulativeQuoteQty, status: order.status,
                  timeInForce: order.timeInForce, type: order.type, side: order.side,
                  selfTradePreventionMode: order.selfTradePreventionMode, reconciled: true)
    }

    /// Decodes Binance's JSON, tolerating absent optional fields and ignoring unknown ones.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        symbol = try c.decode(String.self, forKey: .symbol)
        orderId = try c.decodeInt64(forKey: .orderId)
        clientOrderId = try c.decode(String.self, forKey: .clientOrderId)
        transactTime = try c.decodeInt64IfPresent(forKey: .transactTime)
        isIsolated = try c.decodeFlexibleBoolIfPresent(forKey: .isIsolated)
        price = try c.decodeIfPresent(Number.self, forKey: .price)
        origQty = try c.decodeIfPresent(Number.self, forKey: .origQty)
        executedQty = try c.decodeIfPresent(Number.self, forKey: .executedQty)
        cumulativeQuoteQty = try c.decodeIfPresent(Number.self, forKey: .cumulativeQuoteQty)
        status = try c.decodeIfPresent(OrderStatus.self, forKey: .status)
        timeInForce = try c.decodeIfPresent(TimeInForce.self, forKey: .timeInForce)
        type = try c.decodeIfPresent(OrderType.self, forKey: .type)
        side = try c.decodeIfPresent(OrderSide.self, forKey: .side)
        selfTradePreventionMode = try c.decodeIfPresent(String.self, forKey: .selfTradePreventionMode)
        marginBuyBorrowAmount = try c.decodeIfPresent(Number.self, forKey: .marginBuyBorrowAmount)
        marginBuyBorrowAsset = try c.decodeIfPresent(String.self, forKey: .marginBuyBorrowAsset)
        fills = try c.decodeIfPresent([Fill].self, forKey: .fills) ?? []
        reconciled = false
    }
}

/// One fill of a FULL new-order response.
public struct Fill: Sendable, Hashable, Decodable {
    /// The price (0 for MARKET orders).
    public var price: Number
    /// The quantity.
    public var qty: Number
    /// The fee charged.
    public var commission: Number
    /// The asset the fee was charged in.
    public var commissionAsset: String
    /// The trade's id.
    public var tradeId: Int64?

    /// Makes a value from its fields.
    public init(price: Number, qty: Number, commission: Number, commissionAsset: String, tradeId: Int64? = nil) {
        self.price = price
        self.qty = qty
        self.commission = commission
        self.commissionAsset = commissionAsset
        self.tradeId = tradeId
    }
}

/// An order as `GET /sapi/v1/margin/order`, `openOrders` and `allOrders` return it.
public struct Order: Sendable, Hashable, Decodable {
    /// The symbol, e.g. `BTCUSDT`.
    public var symbol: String
    /// The exchange's order id.
    public var orderId: Int64
    /// The order's client id.
    public var clientOrderId: String
    /// The price (0 for MARKET orders).
    public var price: Number
    /// The ordered quantity.
    public var origQty: Number
    /// The quantity filled so far.
    public var executedQty: Number
    /// Quote amount filled (key `cummulativeQuoteQty`); negative for some historical orders = unavailable.
    public var cumulativeQuoteQty: Number
    /// The order's state.
    public var status: OrderStatus
    /// GTC, IOC or FOK.
    public var timeInForce: TimeInForce?
    /// The order type.
    public var type: OrderType
    /// BUY or SELL.
    public var side: OrderSide
    /// The trigger price (0 or absent when none).
    public var stopPrice: Number?
    /// The visible quantity of an iceberg order.
    public var icebergQty: Number?
    /// Creation time, ms.
    public var time: Int64
    /// When the order last changed, ms.
    public var updateTime: Int64?
    /// Whether the order is on the book.
    public var isWorking: Bool?
    /// Whether the order belongs to an isolated margin pair.
    public var isIsolated: Bool?
    /// The self-trade-prevention mode (`NONE`, `EXPIRE_TAKER`, …).
    public var selfTradePreventionMode: String?

    enum CodingKeys: String, CodingKey {
        case symbol, orderId, clientOrderId, price, origQty, executedQty
        case cumulativeQuoteQty = "cummulativeQuoteQty"
        case status, timeInForce, type, side, stopPrice, icebergQty, time, updateTime, isWorking, isIsolated, selfTradePreventionMode
    }

    /// Makes a value from its fields.
    public init(symbol: String, orderId: Int64, clientOrderId: String, price: Number, origQty: Number, executedQty: Number,
                cumulativeQuoteQty: Number, status: OrderStatus, timeInForce: TimeInForce? = nil, type: OrderType,
                side: OrderSide, stopPrice: Number? = nil, icebergQty: Number? = nil, time: Int64, updateTime: Int64? = nil,
                isWorking: Bool? = nil, isIsolated: Bool? = nil, selfTradePreventionMode: String? = nil) {
        self.symbol = symbol
        self.orderId = orderId
        self.clientOrderId = clientOrderId
        self.price = price
        self.origQty = origQty
        self.executedQty = executedQty
        self.cumulativeQuoteQty = cumulativeQuoteQty
        self.status = status
        self.timeInForce = timeInForce
        self.type = type
        self.side = side
        self.stopPrice = stopPrice
        self.icebergQty = icebergQty
        self.time = time
        self.updateTime = updateTime
        self.isWorking = isWorking
        self.isIsolated = isIsolated
        self.selfTradePreventionMode = selfTradePreventionMode
    }

    /// Decodes Binance's JSON, tolerating absent optional fields and ignoring unknown ones.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        symbol = try c.decode(String.self, forKey: .symbol)
        orderId = try c.decodeInt64(forKey: .orderId)
        clientOrderId = try c.decode(String.self, forKey: .clientOrderId)
        price = try c.decode(Number.self, forKey: .price)
        origQty = try c.decode(Number.self, forKey: .origQty)
        executedQty = try c.decode(Number.self, forKey: .executedQty)
        cumulativeQuoteQty = try c.decode(Number.self, forKey: .cumulativeQuoteQty)
        status = try c.decode(OrderStatus.self, forKey: .status)
        timeInForce = try c.decodeIfPresent(TimeInForce.self, forKey: .timeInForce)
        type = try c.decode(OrderType.self, forKey: .type)
        side = try c.decode(OrderSide.self, forKey: .side)
        stopPrice = try c.decodeIfPresent(Number.self, forKey: .stopPrice)
        icebergQty = try c.decodeIfPresent(Number.self, forKey: .icebergQty)
        time = try c.decodeInt64(forKey: .time)
        updateTime = try c.decodeInt64IfPresent(forKey: .updateTime)
        isWorking = try c.decodeFlexibleBoolIfPresent(forKey: .isWorking)
        isIsolated = try c.decodeFlexibleBoolIfPresent(forKey: .isIsolated)
        selfTradePreventionMode = try c.decodeIfPresent(String.self, forKey: .selfTradePreventionMode)
    }
}

/// A canceled order (`DELETE /sapi/v1/margin/order`, and each order of `DELETE …/openOrders`).
public struct CanceledOrder: Sendable, Hashable, Decodable {
    /// The symbol, e.g. `BTCUSDT`.
    public var symbol: String
    /// Sent by Binance as a string on this endpoint; decoded from either form.
    public var orderId: Int64
    /// The canceled order's client id.
    public var origClientOrderId: String?
    /// The id of the cancel request itself.
    public var clientOrderId: String?
    /// Whether the order belongs to an isolated margin pair.
    public var isIsolated: Bool?
    /// The price (0 for MARKET orders).
    public var price: Number?
    /// The ordered quantity.
    public var origQty: Number?
    /// The quantity filled so far.
    public var executedQty: Number?
    /// Key `cummulativeQuoteQty`.
    public var cumulativeQuoteQty: Number?
    /// The order's state.
    public var status: OrderStatus
    /// GTC, IOC or FOK.
    public var timeInForce: TimeInForce?
    /// The order type.
    public var type: OrderType?
    /// BUY or SELL.
    public var side: OrderSide?
    /// The trigger price (0 or absent when none).
    public var stopPrice: Number?
    /// The visible quantity of an iceberg order.
    public var icebergQty: Number?
    /// The OCO list the order belonged to, when any (else -1 or absent).
    public var orderListId: Int64?

    enum CodingKeys: String, CodingKey {
        case symbol, orderId, origClientOrderId, clientOrderId, isIsolated, price, origQty, executedQty
        case cumulativeQuoteQty = "cummulativeQuoteQty"
        case status, timeInForce, type, side, stopPrice, icebergQty, orderListId
    }

    /// Makes a value from its fields.
    public init(symbol: String, orderId: Int64, origClientOrderId: String? = nil, clientOrderId: String? = nil,
                isIsolated: Bool? = nil, price: Number? = nil, origQty: Number? = nil, executedQty: Number? = nil,
                cumulativeQuoteQty: Number? = nil, status: OrderStatus, timeInForce: TimeInForce? = nil, type: OrderType? = nil,
                side: OrderSide? = nil, stopPrice: Number? = nil, icebergQty: Number? = nil, orderListId: Int64? = nil) {
        self.symbol = symbol
        self.orderId = orderId
        self.origClientOrderId = origClientOrderId
        self.clientOrderId = clientOrderId
        self.isIsolated = isIsolated
        self.price = price
        self.origQty = origQty
        self.executedQty = executedQty
        self.cumulativeQuoteQty = cumulativeQuoteQty
        self.status = status
        self.timeInForce = timeInForce
        self.type = type
        self.side = side
        self.stopPrice = stopPrice
        self.icebergQty = icebergQty
        self.orderListId = orderListId
    }

    /// The cancel as seen by querying the order afterwards (used when the cancel's answer was lost).
    public init(from order: Order) {
        self.init(symbol: order.symbol, orderId: order.orderId, origClientOrderId: order.clientOrderId,
                  isIsolated: order.isIsolated, price: order.price, origQty: order.origQty, executedQty: order.executedQty,
                  cumulativeQuoteQty: order.cumulativeQuoteQty, status: order.status, timeInForce: order.timeInForce,
                  type: order.type, side: order.side, stopPrice: order.stopPrice, icebergQty: order.icebergQty)
    }

    /// Decodes Binance's JSON, tolerating absent optional fields and ignoring unknown ones.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        symbol = try c.decode(String.self, forKey: .symbol)
        orderId = try c.decodeInt64(forKey: .orderId)
        origClientOrderId = try c.decodeIfPresent(String.self, forKey: .origClientOrderId)
        clientOrderId = try c.decodeIfPresent(String.self, forKey: .clientOrderId)
        isIsolated = try c.decodeFlexibleBoolIfPresent(forKey: .isIsolated)
        price = try c.decodeIfPresent(Number.self, forKey: .price)
        origQty = try c.decodeIfPresent(Number.self, forKey: .origQty)
        executedQty = try c.decodeIfPresent(Number.self, forKey: .executedQty)
        cumulativeQuoteQty = try c.decodeIfPresent(Number.self, forKey: .cumulativeQuoteQty)
        status = try c.decode(OrderStatus.self, forKey: .status)
        timeInForce = try c.decodeIfPresent(TimeInForce.self, forKey: .timeInForce)
        type = try c.decodeIfPresent(OrderType.self, forKey: .type)
        side = try c.decodeIfPresent(OrderSide.self, forKey: .side)
        stopPrice = try c.decodeIfPresent(Number.self, forKey: .stopPrice)
        icebergQty = try c.decodeIfPresent(Number.self, forKey: .icebergQty)
        orderListId = try c.decodeInt64IfPresent(forKey: .orderListId)
    }
}

/// One element of `DELETE /sapi/v1/margin/openOrders`: a plain canceled order or an OCO list whose
/// `orderReports` are the canceled orders.
struct CancelOpenOrdersEntry: Sendable, Decodable {
    let orders: [CanceledOrder]

    enum CodingKeys: String, CodingKey { case contingencyType, orderReports }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if c.contains(.contingencyType) || c.contains(.orderReports) {
            orders = try c.decodeIfPresent([CanceledOrder].self, forKey: .orderReports) ?? []
        } else {
            orders = [try CanceledOrder(from: decoder)]
        }
    }
}

/// One trade of `GET /sapi/v1/margin/myTrades`.
public struct Trade: Sendable, Hashable, Decodable {
    /// The trade id.
    public var id: Int64
    /// The symbol, e.g. `BTCUSDT`.
    public var symbol: String
    /// The exchange's order id.
    public var orderId: Int64
    /// The price (0 for MARKET orders).
    public var price: Number
    /// The quantity.
    public var qty: Number
    /// The fee charged.
    public var commission: Number
    /// The asset the fee was charged in.
    public var commissionAsset: String
    /// When it happened, ms.
    public var time: Int64
    /// Whether this side bought.
    public var isBuyer: Bool
    /// Whether this side was the maker.
    public var isMaker: Bool
    /// Whether the trade was the best price match.
    public var isBestMatch: Bool?
    /// Whether the order belongs to an isolated margin pair.
    public var isIsolated: Bool?

    enum CodingKeys: String, CodingKey {
        case id, symbol, orderId, price, qty, commission, commissionAsset, time, isBuyer, isMaker, isBestMatch, isIsolated
    }

    /// Makes a value from its fields.
    public init(id: Int64, symbol: String, orderId: Int64, price: Number, qty: Number, commission: Number,
                commissionAsset: String, time: Int64, isBuyer: Bool, isMaker: Bool, isBestMatch: Bool? = nil, isIsolated: Bool? = nil) {
        self.id = id
        self.symbol = symbol
        self.orderId = orderId
        self.price = price
        self.qty = qty
        self.commission = commission
        self.commissionAsset = commissionAsset
        self.time = time
        self.isBuyer = isBuyer
        self.isMaker = isMaker
        self.isBestMatch = isBestMatch
        self.isIsolated = isIsolated
    }

    /// Decodes Binance's JSON, tolerating absent optional fields and ignoring unknown ones.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeInt64(forKey: .id)
        symbol = try c.decode(String.self, forKey: .symbol)
        orderId = try c.decodeInt64(forKey: .orderId)
        price = try c.decode(Number.self, forKey: .price)
        qty = try c.decode(Number.self, forKey: .qty)
        commission = try c.decode(Number.self, forKey: .commission)
        commissionAsset = try c.decode(String.self, forKey: .commissionAsset)
        time = try c.decodeInt64(forKey: .time)
        isBuyer = try c.decode(Bool.self, forKey: .isBuyer)
        isMaker = try c.decode(Bool.self, forKey: .isMaker)
        isBestMatch = try c.decodeFlexibleBoolIfPresent(forKey: .isBestMatch)
        isIsolated = try c.decodeFlexibleBoolIfPresent(forKey: .isIsolated)
    }
}
