import BinanceMargin

/// Margin order lists: OCO, OTO and OTOCO placement, one list, the open ones, all of them, and cancel.
enum OrderListEndpoints {
    /// 6 (UID), or 1500 when the order or list may borrow (MARGIN_BUY, AUTO_BORROW_REPAY): the 2026 weights.
    static func placementWeight(_ p: RequestParameters) -> Weight {
        let effect = p.string("sideEffectType")?.uppercased()
        return .uid(effect == "MARGIN_BUY" || effect == "AUTO_BORROW_REPAY" ? 1500 : 6)
    }

    /// `POST /sapi/v1/margin/order/oco`: Binance's classic OCO parameters (a LIMIT_MAKER at `price`, a
    /// STOP_LOSS at `stopPrice` — STOP_LOSS_LIMIT with `stopLimitPrice` and `stopLimitTimeInForce`).
    static func newOCO(_ exchange: inout Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let common = try ListCommon(p, kind: .oco)
        guard let side = try p.choice("side", Side.self, invalid: .invalidSide) else { throw .mandatory("side") }
        let quantity = try p.requiredNumber("quantity")
        let price = try p.requiredNumber("price")
        let stopPrice = try p.requiredNumber("stopPrice")
        let stopLimitPrice = try p.number("stopLimitPrice")
        let timeInForce = try p.choice("stopLimitTimeInForce", TimeInForce.self, invalid: .invalidTimeInForce)
        if stopLimitPrice != nil, timeInForce == nil { throw .mandatory("stopLimitTimeInForce") }
        if stopLimitPrice == nil, timeInForce != nil { throw .notRequired("stopLimitTimeInForce") }
        var stop = common.leg(side: side, type: stopLimitPrice == nil ? .stopLoss : .stopLossLimit, quantity: quantity)
        stop.price = stopLimitPrice
        stop.stopPrice = stopPrice
        stop.timeInForce = timeInForce
        stop.icebergQty = try p.number("stopIcebergQty")
        stop.newClientOrderId = p.string("stopClientOrderId")
        var limit = common.leg(side: side, type: .limitMaker, quantity: quantity)
        limit.price = price
        limit.icebergQty = try p.number("limitIcebergQty")
        limit.newClientOrderId = p.string("limitClientOrderId")
        let names: [[String: String]] = [
            ["price": "stopLimitPrice", "timeInForce": "stopLimitTimeInForce", "icebergQty": "stopIcebergQty", "newClientOrderId": "stopClientOrderId"],
            ["icebergQty": "limitIcebergQty", "newClientOrderId": "limitClientOrderId"],
        ]
        return try common.place(&exchange, legs: [stop, limit], names: names)
    }

    /// `POST /sapi/v1/margin/order/oto`: a working LIMIT or LIMIT_MAKER, and a pending order of any type placed
    /// once it has filled.
    static func newOTO(_ exchange: inout Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let common = try ListCommon(p, kind: .oto)
        let working = try common.prefixedLeg(p, "working", allowed: [.limit, .limitMaker])
        let side = try common.side(p, "pendingSide")
        let quantity = try p.requiredNumber("pendingQuantity")
        let pending = try common.prefixedLeg(p, "pending", allowed: OrderType.allCases, side: side, quantity: quantity)
        return try common.place(&exchange, legs: [working.leg, pending.leg], names: [working.names, pending.names])
    }

    /// `POST /sapi/v1/margin/order/otoco`: a working LIMIT or LIMIT_MAKER, and a pending above/below OCO pair
    /// (LIMIT_MAKER, STOP_LOSS or STOP_LOSS_LIMIT each; the below leg optional) placed once it has filled.
    static func newOTOCO(_ exchange: inout Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let common = try ListCommon(p, kind: .otoco)
        let working = try common.prefixedLeg(p, "working", allowed: [.limit, .limitMaker])
        let side = try common.side(p, "pendingSide")
        let quantity = try p.requiredNumber("pendingQuantity")
        let pairTypes: [OrderType] = [.limitMaker, .stopLoss, .stopLossLimit]
        let above = try common.prefixedLeg(p, "pendingAbove", allowed: pairTypes, side: side, quantity: quantity)
        var legs = [working.leg, above.leg], names = [working.names, above.names]
        if p.string("pendingBelowType") != nil {
            let below = try common.prefixedLeg(p, "pendingBelow", allowed: pairTypes, side: side, quantity: quantity)
            legs.append(below.leg)
            names.append(below.names)
        }
        return try common.place(&exchange, legs: legs, names: names)
    }

    /// `GET /sapi/v1/margin/orderList`: one list by `orderListId` or `origClientOrderId` (the list's client id).
    static func orderList(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let account = try listAccount(p)
        let id = try p.long("orderListId"), client = p.string("origClientOrderId")
        guard id != nil || client != nil else { throw .eitherMandatory("orderListId", "origClientOrderId") }
        guard let at = exchange.findList(account: account, orderListId: id, listClientOrderId: client) else { throw .unknownOrderList }
        let list = exchange.lists[at]
        return list.json(legs: exchange.legs(of: list))
    }

    /// `GET /sapi/v1/margin/openOrderList`: the executing lists of the account, oldest first (`[]` when none).
    static func openOrderList(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let account = try listAccount(p)
        let lists = exchange.lists
        return .array(lists.executing.filter { lists[$0].account == account }.map { lists[$0].json(legs: exchange.legs(of: lists[$0])) })
    }

    /// `GET /sapi/v1/margin/allOrderList`: lists from `fromId` on (then no times), or placed in
    /// [`startTime`, `endTime`], or the most recent; oldest first, at most `limit` (500; 1000 at most).
    static func allOrderList(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let account = try listAccount(p)
        let fromId = try p.long("fromId"), start = try p.long("startTime"), end = try p.long("endTime")
        if fromId != nil, start != nil || end != nil { throw .badCombination }
        if let start, let end, start > end { throw .invalidDate }
        let limit = try p.int("limit", in: 1...1000) ?? 500
        let lists = exchange.lists
        let mine = (0..<lists.count).lazy.filter { lists[$0].account == account }
        let chosen: [Int]
        if let fromId {
            chosen = Array(mine.filter { lists[$0].orderListId >= fromId }.prefix(limit))
        } else if start != nil || end != nil {
            chosen = Array(mine.filter { lists[$0].time >= (start ?? .min) && lists[$0].time <= (end ?? .max) }.prefix(limit))
        } else {
            chosen = Array(Array(mine).suffix(limit))
        }
        return .array(chosen.map { lists[$0].json(legs: exchange.legs(of: lists[$0])) })
    }

    /// `DELETE /sapi/v1/margin/orderList`: cancels a whole executing list (`symbol` required).
    static func cancelOrderList(_ exchange: inout Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let symbol = try p.required("symbol")
        guard Catalog.symbols[symbol] != nil else { throw .invalidSymbol }
        let account = try p.marginAccount()
        let id = try p.long("orderListId"), client = p.string("listClientOrderId")
        guard id != nil || client != nil else { throw .eitherMandatory("orderListId", "listClientOrderId") }
        let cancelId = p.string("newClientOrderId")
        if let cancelId, !Exchange.isValidClientOrderId(cancelId) {
            throw .illegalChars("newClientOrderId", range: Exchange.clientOrderIdRange)
        }
        guard let at = exchange.findList(account: account, orderListId: id, listClientOrderId: client),
              exchange.lists[at].symbol == symbol, exchange.lists[at].isExecuting else { throw .unknownOrderList }
        exchange.cancelList(at: at, cancelClientOrderId: cancelId)
        return cancelledJSON(exchange, at: at)
    }

    /// A cancelled list as `DELETE /sapi/v1/margin/orderList` (and `openOrders`) answers it.
    static func cancelledJSON(_ exchange: Exchange, at: Int) -> JSONValue {
        let list = exchange.lists[at]
        let legs = exchange.legs(of: list)
        return list.json(legs: legs, reports: legs.map { $0.listCancelReportJSON(orderListId: list.orderListId) })
    }

    /// The account of a list query: cross, or with `isIsolated=TRUE` the `symbol`'s isolated account.
    private static func listAccount(_ p: RequestParameters) throws(ExchangeError) -> AccountRef {
        if let symbol = p.string("symbol"), Catalog.symbols[symbol] == nil { throw .invalidSymbol }
        return try p.marginAccount()
    }
}

/// The parameters every list placement shares: symbol, account, list id, side effect, STP, answer type.
struct ListCommon {
    var kind: ExchangeOrderList.Kind
    var symbol: String
    var isIsolated: Bool
    var listClientOrderId: String?
    var sideEffect: SideEffect
    var autoRepayAtCancel: Bool
    var selfTradePreventionMode: String?
    var responseType: ResponseType

    init(_ p: RequestParameters, kind: ExchangeOrderList.Kind) throws(ExchangeError) {
        self.kind = kind
        symbol = try p.required("symbol")
        guard Catalog.symbols[symbol] != nil else { throw .invalidSymbol }
        isIsolated = try p.bool("isIsolated", default: false)
        listClientOrderId = p.string("listClientOrderId")
        sideEffect = try p.choice("sideEffectType", SideEffect.self) ?? .none
        // OTO and OTOCO take NO_SIDE_EFFECT, MARGIN_BUY and (since the 2026-08 SDK) AUTO_BORROW_REPAY.
        if kind != .oco, sideEffect == .autoRepay { throw .invalidParameter("sideEffectType") }
        autoRepayAtCancel = try p.bool("autoRepayAtCancel", default: true)
        if let mode = p.string("selfTradePreventionMode") {
            guard ["NONE", "EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH"].contains(mode) else {
                throw .illegalChars("selfTradePreventionMode", range: "NONE, EXPIRE_TAKER, EXPIRE_MAKER, EXPIRE_BOTH")
            }
            selfTradePreventionMode = mode
        }
        responseType = try p.choice("newOrderRespType", ResponseType.self) ?? .full
    }

    /// A leg with the list's shared fields.
    func leg(side: Side, type: OrderType, quantity: Number) -> OrderRequest {
        var leg = OrderRequest(symbol: symbol, isIsolated: isIsolated, side: side, type: type)
        leg.quantity = quantity
        leg.sideEffect = sideEffect
        leg.autoRepayAtCancel = autoRepayAtCancel
        leg.selfTradePreventionMode = selfTradePreventionMode
        return leg
    }

    /// A mandatory side parameter.
    func side(_ p: RequestParameters, _ name: String) throws(ExchangeError) -> Side {
        guard let side = try p.choice(name, Side.self, invalid: .invalidSide) else { throw .mandatory(name) }
        return side
    }

    /// The leg under `prefix` (`workingType`, `workingPrice`, …); the working leg reads its own side and quantity.
    func prefixedLeg(_ p: RequestParameters, _ prefix: String, allowed: [OrderType], side given: Side? = nil,
                     quantity givenQuantity: Number? = nil) throws(ExchangeError) -> (leg: OrderRequest, names: [String: String]) {
        guard let type = try p.choice("\(prefix)Type", OrderType.self, invalid: .invalidOrderType) else { throw .mandatory("\(prefix)Type") }
        guard allowed.contains(type) else { throw .invalidOrderType }
        var side: Side, quantity: Number
        if let given { side = given } else { side = try self.side(p, "\(prefix)Side") }
        if let givenQuantity { quantity = givenQuantity } else { quantity = try p.requiredNumber("\(prefix)Quantity") }
        if p.string("\(prefix)TrailingDelta") != nil { throw .notRequired("\(prefix)TrailingDelta") }
        var leg = leg(side: side, type: type, quantity: quantity)
        leg.price = try p.number("\(prefix)Price")
        leg.stopPrice = try p.number("\(prefix)StopPrice")
        leg.icebergQty = try p.number("\(prefix)IcebergQty")
        leg.timeInForce = try p.choice("\(prefix)TimeInForce", TimeInForce.self, invalid: .invalidTimeInForce)
        leg.newClientOrderId = p.string("\(prefix)ClientOrderId")
        let quantityName = prefix.hasPrefix("pending") ? "pendingQuantity" : "\(prefix)Quantity"
        let names = ["price": "\(prefix)Price", "stopPrice": "\(prefix)StopPrice", "icebergQty": "\(prefix)IcebergQty",
                     "timeInForce": "\(prefix)TimeInForce", "newClientOrderId": "\(prefix)ClientOrderId", "quantity": quantityName]
        return (leg, names)
    }

    /// Places the list and answers in the requested shape (ACK: no `orderReports`).
    func place(_ exchange: inout Exchange, legs: [OrderRequest], names: [[String: String]]) throws(ExchangeError) -> JSONValue {
        let request = OrderListRequest(kind: kind, symbol: symbol, isIsolated: isIsolated, listClientOrderId: listClientOrderId,
                                       legs: legs, names: names)
        let placed = try exchange.placeOrderList(request)
        var borrowed = Number.zero, asset: String?
        for order in placed.orders where order.borrowedAmount.isPositive {
            borrowed = (try? borrowed + order.borrowedAmount) ?? borrowed
            asset = order.borrowAsset
        }
        let borrow = kind == .oco && borrowed.isPositive ? asset.map { (amount: borrowed, asset: $0) } : nil
        let reports = responseType == .ack ? nil
            : placed.orders.map { $0.listReportJSON(orderListId: placed.list.orderListId, transactTime: placed.list.time) }
        return placed.list.json(legs: placed.orders, borrow: borrow, reports: reports)
    }
}

extension Exchange {
    /// The list of `account` with `orderListId`, or else the newest with `listClientOrderId`.
    func findList(account: AccountRef, orderListId: Int64?, listClientOrderId: String?) -> Int? {
        if let orderListId { return lists.position(orderListId: orderListId, account: account) }
        if let listClientOrderId { return lists.position(listClientOrderId: listClientOrderId, account: account) }
        return nil
    }
}
