import BinanceMargin

/// A new order list after parameter parsing: its kind, scope, client id and legs (each an ``OrderRequest``
/// carrying the list's side effect, STP mode and `autoRepayAtCancel`).
struct OrderListRequest: Sendable {
    var kind: ExchangeOrderList.Kind
    var symbol: String
    var isIsolated: Bool
    var listClientOrderId: String?
    /// OCO: the stop leg, then the limit leg. OTO: working, pending. OTOCO: working, pending above, pending below (optional).
    var legs: [OrderRequest]
    /// For each leg, the request's own parameter names for the generic ones (`price` → `stopLimitPrice`, …),
    /// so an error names what the client sent.
    var names: [[String: String]]
}

/// The result of placing an order list: the list and its orders as they stood when it was placed (an OTO's
/// pending legs still `PENDING_NEW` even when the working order filled at once, as Binance answers).
struct OrderListPlacement: Sendable {
    var list: ExchangeOrderList
    var orders: [ExchangeOrder]
}

extension ExchangeError {
    /// OCO prices on the wrong sides of the last price (SELL: price > last > stopPrice; BUY: price < last < stopPrice).
    static let badListPrices = ExchangeError(code: -2010, message: "The relationship of the prices for the orders is not correct.")
    static let unknownOrderList = ExchangeError(code: -2011, message: "Order list does not exist.")

    /// The error with each generic parameter name replaced by the name the request used.
    func renaming(_ names: [String: String]) -> ExchangeError {
        var renamed = self
        for (generic, actual) in names { renamed.message = renamed.message.replacingOccurrences(of: "'\(generic)'", with: "'\(actual)'") }
        return renamed
    }
}

extension Exchange {
    /// Places an OCO, OTO or OTOCO. Every leg is checked before anything changes (its parameters, filters and
    /// client id; an OCO's prices against the last price and its legs against the book); then an OCO places its
    /// stop leg holding the lock for both (the larger of the two amounts, borrowed at placement under
    /// MARGIN_BUY) and its LIMIT_MAKER leg sharing it, and an OTO/OTOCO places its working order — which may fill
    /// at once — and keeps the pending legs as `PENDING_NEW` until it has filled (``settleLists()``).
    mutating func placeOrderList(_ request: OrderListRequest) throws(ExchangeError) -> OrderListPlacement {
        ensureBooks()
        materialize(request.symbol)
        let info = try symbolInfo(request.symbol)
        let account = AccountRef.margin(isolated: request.isIsolated, symbol: request.symbol)
        try requireAccount(account)
        let listId = lists.nextOrderListId
        let listClientOrderId = request.listClientOrderId ?? Exchange.generatedClientOrderId(Int64.min + listId)
        guard Exchange.isValidClientOrderId(listClientOrderId) else {
            throw .illegalChars("listClientOrderId", range: Exchange.clientOrderIdRange)
        }
        if lists.executing.contains(where: { lists[$0].listClientOrderId == listClientOrderId && lists[$0].account == account }) {
            throw .duplicateOrder
        }
        let given = request.legs.compactMap(\.newClientOrderId)
        if Set(given).count < given.count || given.contains(listClientOrderId) { throw .duplicateOrder }
        var legs = request.legs
        // Ids are fixed before placing: a pending leg's is its own order id's.
        for offset in legs.indices where legs[offset].newClientOrderId == nil {
            legs[offset].newClientOrderId = Exchange.generatedClientOrderId(nextOrderId + Int64(offset))
        }
        let placed = request.kind == .oco
            ? try placeOCO(legs, names: request.names, info: info)
            : try placeOTO(legs, names: request.names, info: info)
        let list = ExchangeOrderList(orderListId: listId, kind: request.kind, listClientOrderId: listClientOrderId,
                                     symbol: info.symbol, account: account, orderIds: placed.map(\.orderId),
                                     time: now, transactionTime: now)
        ensureLists()
        orderLists!.append(list)
        orderLists!.nextOrderListId = listId + 1
        settleLists()
        return OrderListPlacement(list: list, orders: placed)
    }

    /// Checks an OCO's legs and prices, then places the stop leg (holding the lock) and the limit leg (sharing it).
    private mutating func placeOCO(_ legs: [OrderRequest], names: [[String: String]], info: ListedSymbol) throws(ExchangeError) -> [ExchangeOrder] {
        let (stop, limit) = (legs[0], legs[1])
        let last = price(info.symbol)
        if let price = limit.price, let trigger = stop.stopPrice {
            let ordered = stop.side == .sell ? price > last && last > trigger : price < last && last < trigger
            guard ordered else { throw .badListPrices }
        }
        for (offset, leg) in legs.enumerated() {
            do { _ = try checkOrder(leg) } catch { throw error.renaming(names[offset]) }
        }
        var holder = stop, sharer = limit
        holder.lockAtLeast = try Number.max(stop.lockNeeded, limit.lockNeeded)
        sharer.sharesLock = true
        let first = try placeOrder(holder).order
        do {
            return [first, try placeOrder(sharer).order]
        } catch {
            // Checked above, so not expected: the stop leg is withdrawn rather than left alone.
            if let at = findOrder(symbol: first.symbol, account: first.account, orderId: first.orderId, clientOrderId: nil) {
                cancel(at: at, status: .canceled, autoRepay: true)
            }
            throw error
        }
    }

    /// Checks an OTO's or OTOCO's pending legs (their parameters, filters and ids; the pair's prices), places the
    /// working order and appends the pending legs as `PENDING_NEW` orders.
    private mutating func placeOTO(_ legs: [OrderRequest], names: [[String: String]], info: ListedSymbol) throws(ExchangeError) -> [ExchangeOrder] {
        let last = price(info.symbol)
        var quantities: [Number] = []
        for offset in legs.indices.dropFirst() {
            do { quantities.append(try checkPendingLeg(legs[offset], info, last: last)) } catch { throw error.renaming(names[offset]) }
        }
        if legs.count == 3, let above = legs[1].triggerLevel, let below = legs[2].triggerLevel, above <= below {
            throw .badListPrices
        }
        let working: Placement
        do { working = try placeOrder(legs[0]) } catch { throw error.renaming(names[0]) }
        var placed = [working.order]
        for (offset, leg) in legs.enumerated().dropFirst() {
            let order = ExchangeOrder(orderId: nextOrderId, clientOrderId: leg.newClientOrderId ?? "", symbol: info.symbol,
                                      account: working.order.account, side: leg.side, type: leg.type,
                                      timeInForce: leg.timeInForce ?? .gtc, price: leg.price ?? .zero, origQty: quantities[offset - 1],
                                      stopPrice: leg.stopPrice ?? .zero, icebergQty: leg.icebergQty ?? .zero, status: .pendingNew,
                                      isWorking: false, time: now, updateTime: now, sideEffect: leg.sideEffect,
                                      autoRepayAtCancel: leg.autoRepayAtCancel,
                                      selfTradePreventionMode: leg.selfTradePreventionMode ?? "EXPIRE_MAKER")
            nextOrderId += 1
            orders.append(order)
            placed.append(order)
        }
        return placed
    }
}

extension Exchange {
    /// A pending leg's parameters, client id and filters (its trigger and the book are checked when it is placed);
    /// its quantity.
    private func checkPendingLeg(_ leg: OrderRequest, _ info: ListedSymbol, last: Number) throws(ExchangeError) -> Number {
        try Exchange.checkParameters(leg)
        guard let id = leg.newClientOrderId, Exchange.isValidClientOrderId(id) else {
            throw .illegalChars("newClientOrderId", range: Exchange.clientOrderIdRange)
        }
        if orders.hasOpenOrder(clientOrderId: id, account: .margin(isolated: leg.isIsolated, symbol: info.symbol)) { throw .duplicateOrder }
        return try Exchange.checkFilters(leg, info, current: last).quantity
    }
}

extension OrderRequest {
    /// Where a pending OCO leg sits on the price scale: its trigger, or its limit price for a LIMIT_MAKER.
    var triggerLevel: Number? { type.isConditional ? stopPrice : price }
}
