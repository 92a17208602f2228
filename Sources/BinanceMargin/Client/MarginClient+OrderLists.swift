extension MarginClient {
    /// Places a margin OCO, OTO or OTOCO and returns the exchange's answer.
    ///
    /// The list is validated first and always carries a list client id and an id for every leg (the given
    /// ones or generated `mops-…` ids). It is sent exactly once. When its outcome is unknown — a time-out,
    /// a dropped connection, a 5xx, -1006/-1007, or a garbled success — the client reads it back with
    /// `GET /sapi/v1/margin/orderList?origClientOrderId=…` and returns the list the exchange has under that id
    /// whose orders carry the legs' ids (``OrderListResult/reconciled`` = true), or throws an unknown-outcome
    /// error saying what was checked. No list is ever sent twice.
    public func placeOrderList(_ list: NewOrderList) async throws -> OrderListResult {
        try list.validate()
        let ids = list.sentIds(configuration.makeClientOrderID)
        for id in [ids.list] + ids.legs { try ClientOrderID.validate(id) }
        var delivery = Delivery()
        let response: TransportResponse
        do {
            response = try await execute(list.endpoint, list.parameters(ids: ids), delivery: &delivery)
        } catch let error as BinanceError where error.outcomeUnknown {
            return try await reconcileOrderList(list, ids: ids, sentAt: delivery.lastTimestamp ?? estimatedServerTime, cause: error)
        }
        do {
            return try decode(OrderListResult.self, from: response, list.endpoint)
        } catch let error as BinanceError {
            return try await reconcileOrderList(list, ids: ids, sentAt: delivery.lastTimestamp ?? estimatedServerTime, cause: error)
        }
    }

    /// One order list, by exchange id or list client id (`GET /sapi/v1/margin/orderList`; isolated needs the symbol).
    public func orderList(orderListId: Int64? = nil, listClientOrderId: String? = nil,
                          symbol: String? = nil, isIsolated: Bool = false) async throws -> OrderList {
        var p = try Self.listScope(symbol: symbol, isIsolated: isIsolated)
        try Self.addListReference(orderListId: orderListId, listClientOrderId: listClientOrderId, idField: "origClientOrderId", into: &p)
        return try await call(Endpoints.queryOrderList, p, as: OrderList.self)
    }

    /// The open order lists, cross or of one isolated pair (`GET /sapi/v1/margin/openOrderList`).
    public func openOrderLists(symbol: String? = nil, isIsolated: Bool = false) async throws -> [OrderList] {
        try await call(Endpoints.openOrderList, try Self.listScope(symbol: symbol, isIsolated: isIsolated), as: [OrderList].self)
    }

    /// Order lists from `fromId` on, or in a time window, at most `limit` (500 by default, 1000 at most)
    /// (`GET /sapi/v1/margin/allOrderList`).
    public func allOrderLists(symbol: String? = nil, isIsolated: Bool = false, fromId: Int64? = nil,
                              startTime: Int64? = nil, endTime: Int64? = nil, limit: Int? = nil) async throws -> [OrderList] {
        var p = try Self.listScope(symbol: symbol, isIsolated: isIsolated)
        if fromId != nil && (startTime != nil || endTime != nil) {
            throw BinanceError.invalidInput("fromId", "fromId cannot be combined with startTime or endTime", hint: "page by fromId, or by time")
        }
        try InputValidation.limit(limit, max: 1000)
        p.add("fromId", fromId)
        p.add("startTime", startTime)
        p.add("endTime", endTime)
        p.add("limit", limit)
        return try await call(Endpoints.allOrderList, p, as: [OrderList].self)
    }

    /// Cancels a whole order list, by exchange id or list client id (`DELETE /sapi/v1/margin/orderList`).
    ///
    /// `newClientOrderId` names the cancel (it comes back as each report's `clientOrderId`). Retried like every
    /// DELETE; a retry answered "-2011" after an earlier attempt got no answer is settled by reading the list back.
    public func cancelOrderList(symbol: String, orderListId: Int64? = nil, listClientOrderId: String? = nil,
                                isIsolated: Bool = false, newClientOrderId: String? = nil) async throws -> OrderListResult {
        try InputValidation.symbol(symbol, field: "symbol")
        var p = Parameters()
        p.add("symbol", symbol)
        p.addIsolated(isIsolated)
        try Self.addListReference(orderListId: orderListId, listClientOrderId: listClientOrderId, idField: "listClientOrderId", into: &p)
        if let newClientOrderId { try ClientOrderID.validate(newClientOrderId, field: "newClientOrderId") }
        p.add("newClientOrderId", newClientOrderId)
        var delivery = Delivery()
        do {
            let response = try await execute(Endpoints.cancelOrderList, p, delivery: &delivery)
            return try decode(OrderListResult.self, from: response, Endpoints.cancelOrderList)
        } catch let error as BinanceError where error.code == -2011 && delivery.attempts > 1 {
            let found = try? await orderList(orderListId: orderListId, listClientOrderId: listClientOrderId,
                                             symbol: isIsolated ? symbol : nil, isIsolated: isIsolated)
            guard let found, found.listOrderStatus == "ALL_DONE" else { throw error }
            return OrderListResult(list: found, reconciled: true)
        }
    }

    /// `isIsolated` and, for an isolated pair, its symbol (Binance: "not supported for cross").
    static func listScope(symbol: String?, isIsolated: Bool) throws -> Parameters {
        var p = Parameters()
        if let symbol { try InputValidation.symbol(symbol, field: "symbol") }
        if isIsolated && symbol == nil {
            throw BinanceError.invalidInput("symbol", "isolated order lists are kept per pair: give the symbol", hint: "e.g. symbol: \"BTCUSDT\", isIsolated: true")
        }
        p.addIsolated(isIsolated)
        if isIsolated { p.add("symbol", symbol) }
        return p
    }

    /// `orderListId` or the list client id (named `idField`), exactly one given.
    static func addListReference(orderListId: Int64?, listClientOrderId: String?, idField: String, into p: inout Parameters) throws {
        if orderListId == nil && listClientOrderId == nil {
            throw BinanceError.invalidInput("orderListId", "an order list is named by its orderListId or its list client id; neither was given",
                hint: "pass orderListId: (from the placement's answer or openOrderLists) or listClientOrderId:")
        }
        if let listClientOrderId { try ClientOrderID.validate(listClientOrderId, field: "listClientOrderId") }
        p.add("orderListId", orderListId)
        p.add(idField, listClientOrderId)
    }
}
