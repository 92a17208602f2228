extension MarginClient {
    /// Places a margin order (`POST /sapi/v1/margin/order`) and returns the exchange's answer.
    ///
    /// The order is validated first, and always carries a client order id (the one given, or a
    /// generated `mops-…` id). It is sent exactly once. When its outcome is unknown — a time-out,
    /// a dropped connection, a 5xx, -1006/-1007, or a garbled success — the client reads it back with
    /// `GET /sapi/v1/margin/order?origClientOrderId=…` (retrying that query) and returns the order as the
    /// exchange has it (``OrderResult/reconciled`` = true), or throws a "not placed" error when the
    /// exchange still does not know it after the order's recvWindow has passed. No order is ever sent twice.
    public func placeOrder(_ order: NewOrder) async throws -> OrderResult {
        try order.validate()
        let clientOrderId = order.clientOrderId ?? configuration.makeClientOrderID()
        try ClientOrderID.validate(clientOrderId)
        let params = order.parameters(clientOrderId: clientOrderId)
        let endpoint = Endpoints.newOrder
        var delivery = Delivery()
        let response: TransportResponse
        do {
            response = try await execute(endpoint, params, delivery: &delivery)
        } catch let error as BinanceError where error.outcomeUnknown {
            return try await reconcileOrder(order, clientOrderId: clientOrderId,
                                            sentAt: delivery.lastTimestamp ?? estimatedServerTime, cause: error)
        }
        do {
            return try decode(OrderResult.self, from: response, endpoint)
        } catch let error as BinanceError {
            // Accepted (2xx) but unreadable: the order exists; read it back.
            return try await reconcileOrder(order, clientOrderId: clientOrderId,
                                            sentAt: delivery.lastTimestamp ?? estimatedServerTime, cause: error)
        }
    }

    /// One order, by exchange id or client id (`GET /sapi/v1/margin/order`).
    public func order(symbol: String, orderId: Int64? = nil, clientOrderId: String? = nil,
                      isIsolated: Bool = false) async throws -> Order {
        let p = try MarginClient.orderReference(symbol: symbol, orderId: orderId, clientOrderId: clientOrderId, isIsolated: isIsolated)
        return try await call(Endpoints.queryOrder, p, as: Order.self)
    }

    /// Cancels one order, by exchange id or client id (`DELETE /sapi/v1/margin/order`).
    ///
    /// `newClientOrderId` names the cancel itself (Binance generates one when it is nil); it comes
    /// back as the answer's `clientOrderId`. Retried on network failures and 5xx like every DELETE;
    /// if a retry is answered "-2011 unknown order" because an earlier attempt already canceled it,
    /// the order is read back and its canceled state returned.
    public func cancelOrder(symbol: String, orderId: Int64? = nil, clientOrderId: String? = nil,
                            isIsolated: Bool = false, newClientOrderId: String? = nil) async throws -> CanceledOrder {
        var p = try MarginClient.orderReference(symbol: symbol, orderId: orderId, clientOrderId: clientOrderId, isIsolated: isIsolated)
        if let newClientOrderId { try ClientOrderID.validate(newClientOrderId, field: "newClientOrderId") }
        p.add("newClientOrderId", newClientOrderId)
        var delivery = Delivery()
        do {
            let response = try await execute(Endpoints.cancelOrder, p, delivery: &delivery)
            return try decode(CanceledOrder.self, from: response, Endpoints.cancelOrder)
        } catch let error as BinanceError where error.code == -2011 && delivery.attempts > 1 {
            let current = try await order(symbol: symbol, orderId: orderId, clientOrderId: clientOrderId, isIsolated: isIsolated)
            guard current.status == .canceled else { throw error }
            return CanceledOrder(from: current)
        }
    }

    /// Cancels every open order on `symbol`, OCO legs included (`DELETE /sapi/v1/margin/openOrders`).
    ///
    /// If a retry (after a lost answer) is told "-2011 unknown order", the earlier attempt already
    /// canceled everything, and an empty list is returned.
    public func cancelOpenOrders(symbol: String, isIsolated: Bool = false) async throws -> [CanceledOrder] {
        try InputValidation.symbol(symbol, field: "symbol")
        var p = Parameters()
        p.add("symbol", symbol)
        p.addIsolated(isIsolated)
        var delivery = Delivery()
        do {
            let response = try await execute(Endpoints.cancelOpenOrders, p, delivery: &delivery)
            return try decode([CancelOpenOrdersEntry].self, from: response, Endpoints.cancelOpenOrders).flatMap(\.orders)
        } catch let error as BinanceError where error.code == -2011 && delivery.attempts > 1 {
            return []
        }
    }

    /// Open orders, of one symbol or all (`GET /sapi/v1/margin/openOrders`; isolated needs a symbol).
    public func openOrders(symbol: String? = nil, isIsolated: Bool = false) async throws -> [Order] {
        if let symbol { try InputValidation.symbol(symbol, field: "symbol") }
        if isIsolated && symbol == nil {
            throw BinanceError.invalidInput("symbol", "isolated open orders are listed per pair: give the symbol", hint: "e.g. openOrders(symbol: \"BTCUSDT\", isIsolated: true)")
        }
        var p = Parameters()
        p.add("symbol", symbol)
        p.addIsolated(isIsolated)
        return try await call(Endpoints.openOrders, p, as: [Order].self)
    }

    /// Orders of `symbol`: from `orderId` on, or within a window under 24 h (`GET /sapi/v1/margin/allOrders`, max 500).
    public func allOrders(symbol: String, isIsolated: Bool = false, orderId: Int64? = nil, startTime: Int64? = nil,
                          endTime: Int64? = nil, limit: Int? = nil) async throws -> [Order] {
        try InputValidation.symbol(symbol, field: "symbol")
        try InputValidation.limit(limit, max: 500)
        var p = Parameters()
        p.add("symbol", symbol)
        p.addIsolated(isIsolated)
        p.add("orderId", orderId)
        p.add("startTime", startTime)
        p.add("endTime", endTime)
        p.add("limit", limit)
        return try await call(Endpoints.allOrders, p, as: [Order].self)
    }

    /// Trades of `symbol` (`GET /sapi/v1/margin/myTrades`, max 1000).
    public func myTrades(symbol: String, isIsolated: Bool = false, orderId: Int64? = nil, startTime: Int64? = nil,
                         endTime: Int64? = nil, fromId: Int64? = nil, limit: Int? = nil) async throws -> [Trade] {
        try InputValidation.symbol(symbol, field: "symbol")
        try InputValidation.limit(limit, max: 1000)
        var p = Parameters()
        p.add("symbol", symbol)
        p.addIsolated(isIsolated)
        p.add("orderId", orderId)
        p.add("startTime", startTime)
        p.add("endTime", endTime)
        p.add("fromId", fromId)
        p.add("limit", limit)
        return try await call(Endpoints.myTrades, p, as: [Trade].self)
    }

    static func orderReference(symbol: String, orderId: Int64?, clientOrderId: String?, isIsolated: Bool) throws -> Parameters {
        try InputValidation.symbol(symbol, field: "symbol")
        if orderId == nil && clientOrderId == nil {
            throw BinanceError.invalidInput("orderId", "an order is named by its orderId or its clientOrderId; neither was given",
                hint: "pass orderId: (from the order's answer or openOrders) or clientOrderId:")
        }
        if let clientOrderId { try ClientOrderID.validate(clientOrderId) }
        var p = Parameters()
        p.add("symbol", symbol)
        p.addIsolated(isIsolated)
        p.add("orderId", orderId)
        p.add("origClientOrderId", clientOrderId)
        return p
    }

    /// Reads back an order whose placement's answer was lost. Queries (each query itself retried)
    /// until the exchange answers; a "-2013 no such order" is final only once the order's
    /// recvWindow has passed on the server's clock — before that it could still arrive — so the
    /// client waits that out once and asks again (that last query is not one of `reconcileAttempts`).
    /// An order found under the same client order id but created before `sentAt` less
    /// ``Reconciliation/clockAllowance`` is an older order that reused the id (Binance only refuses
    /// duplicates among open orders): it is never returned, and counts as "not found yet"; if it is
    /// still the exchange's answer once the window has passed, the outcome is reported unknown.
    /// `sentAt` is the `timestamp` the order was sent with.
    func reconcileOrder(_ order: NewOrder, clientOrderId: String, sentAt: Int64, cause: BinanceError) async throws -> OrderResult {
        logger.warning("order \(clientOrderId) on \(order.symbol): outcome unknown (\(cause.message)); reading it back")
        let deadline = sentAt + (configuration.recvWindow ?? 5000) + 1000
        let earliest = Reconciliation.earliestStamp(sentAt: sentAt)
        let attempts = max(1, configuration.retryPolicy.reconcileAttempts)
        var attempt = 0
        var queryAfterWindow = false   // the query after waiting out the recvWindow is free
        var waitedForWindow = false
        var lastProblem = ""
        var olderOrder: Order?
        while queryAfterWindow || attempt < attempts {
            if queryAfterWindow {
                queryAfterWindow = false
            } else {
                attempt += 1
                if attempt > 1, !(await pauseUnlessCancelled(configuration.retryPolicy.backoff(beforeAttempt: attempt))) {
                    lastProblem = "cancelled"
                    break
                }
            }
            do {
                let found = try await self.order(symbol: order.symbol, clientOrderId: clientOrderId, isIsolated: order.isIsolated)
                if found.time >= earliest {
                    logger.notice("order \(clientOrderId) found after an unknown outcome: \(found.status.rawValue)")
                    return OrderResult(reconciledFrom: found)
                }
                logger.notice("order \(clientOrderId): the exchange answered with order \(found.orderId), created at \(found.time), before this one was sent (\(sentAt)); not this order")
                olderOrder = found
            } catch let error as BinanceError where error.code == -2013 {
                olderOrder = nil
            } catch let error as BinanceError {
                lastProblem = error.message
                continue
            }
            // Not found (yet): final only once the order's recvWindow has passed.
            let now = estimatedServerTime
            if waitedForWindow || now > deadline {
                if let olderOrder {
                    lastProblem = "the exchange answers client order id \(clientOrderId) with an older order (orderId \(olderOrder.orderId), created at \(olderOrder.time), \(olderOrder.status.rawValue)) that used the same id, not with this one sent at \(sentAt)"
                    break
                }
                throw BinanceError(category: cause.category, httpStatus: cause.httpStatus, code: cause.code,
                                   message: "order \(clientOrderId) (\(order.side.rawValue) \(order.symbol)) was not placed: the answer was lost (\(cause.message)) and the exchange has no order with that client order id",
                                   endpoint: cause.endpoint, outcomeUnknown: false,
                                   hint: "nothing was executed; it is safe to place the order again")
            }
            waitedForWindow = true
            guard await pauseUnlessCancelled(deadline - now + 1) else {
                lastProblem = "cancelled while waiting for the order's recvWindow to pass"
                break
            }
            queryAfterWindow = true
        }
        var hint = "do not place it again: look it up with order(symbol: \"\(order.symbol)\", clientOrderId: \"\(clientOrderId)\") or openOrders"
        if olderOrder != nil {
            hint = "do not place it again blindly: look for it with allOrders(symbol: \"\(order.symbol)\", startTime: \(earliest)) or openOrders, and give each order a client order id of its own"
        }
        throw BinanceError(category: cause.category, httpStatus: cause.httpStatus, code: cause.code,
                           message: "order \(clientOrderId) (\(order.side.rawValue) \(order.symbol)) may or may not have been placed: \(cause.message); reading it back failed: \(lastProblem)",
                           endpoint: cause.endpoint, outcomeUnknown: true, hint: hint)
    }
}
