extension MarginClient {
    /// Places a margin order (`POST /sapi/v1/margin/order`) and returns the exchange's answer.
    ///
    /// The order is validated first, and always carries a client order id (the one given, or a
    /// generated `mops-…` id). It is sent exactly once. When its outcome is unknown — a time-out,
    /// a dropped connection, a 5xx, -1006/-1007, or a garbled success — the client reads it back with
    /// `GET /sapi/v1/margin/order?origClientOrderId=…` (retrying that query) and returns the order as the
    /// exchange has it (``OrderResult/reconciled`` = true), or throws an unknown-outcome error saying
    /// "not found after N s" (with ``BinanceError/readBack``: what was checked) when the exchange still does
    /// not know it after the order's recvWindow has passed — Binance calls such an outcome unknown, so the
    /// error never says it is safe to place the order again. No order is ever sent twice.
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
    /// the order is read back and its canceled state returned (``readBackCancel(symbol:orderId:clientOrderId:isIsolated:cause:)``).
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
            return try await readBackCancel(symbol: symbol, orderId: orderId, clientOrderId: clientOrderId,
                                            isIsolated: isIsolated, cause: error)
        }
    }

    /// Settles a cancel whose retry was answered -2011 (`cause`) after an earlier attempt got no answer:
    /// the order read back canceled is returned; read back in another state, the cancel failed (`cause`);
    /// when it cannot be read, the earlier attempt may have cancelled it, so the outcome is unknown.
    func readBackCancel(symbol: String, orderId: Int64?, clientOrderId: String?, isIsolated: Bool,
                        cause: BinanceError) async throws -> CanceledOrder {
        let current: Order
        do {
            current = try await order(symbol: symbol, orderId: orderId, clientOrderId: clientOrderId, isIsolated: isIsolated)
        } catch {
            let reference = orderId.map { "orderId=\($0)" } ?? "origClientOrderId=\(clientOrderId ?? "")"
            let name = orderId.map { "order \($0)" } ?? "order \(clientOrderId ?? "")"
            let readBack = ReadBack(query: "GET /sapi/v1/margin/order?symbol=\(symbol)&isIsolated=\(isIsolated ? "TRUE" : "FALSE")&\(reference)",
                                    window: "the order's current status", reads: 1,
                                    found: "no answer: \((error as? BinanceError)?.message ?? "\(error)")")
            throw BinanceError.unknownOutcome(
                "the cancel of \(name) on \(symbol) may or may not have been done: an earlier attempt got no answer and the retry was answered \(cause.message)",
                cause: cause, readBack: readBack,
                hint: "look at order(symbol: \"\(symbol)\", \(orderId.map { "orderId: \($0)" } ?? "clientOrderId: \"\(clientOrderId ?? "")\"")) before acting on it; cancelling again is harmless")
        }
        guard current.status == .canceled else { throw cause }
        return CanceledOrder(from: current)
    }

    /// Cancels every open order on `symbol`, OCO legs included (`DELETE /sapi/v1/margin/openOrders`).
    ///
    /// When its answer is lost (an unknown outcome, a 2xx that cannot be read, or a retry told "-2011
    /// unknown order" because an earlier attempt already canceled everything), the orders are read back
    /// (``readBackCancelAll(symbol:isIsolated:sentAt:cause:)``): with none left open, the orders found
    /// canceled since it was sent are returned; with some still open, the outcome is reported unknown.
    public func cancelOpenOrders(symbol: String, isIsolated: Bool = false) async throws -> [CanceledOrder] {
        try InputValidation.symbol(symbol, field: "symbol")
        var p = Parameters()
        p.add("symbol", symbol)
        p.addIsolated(isIsolated)
        var delivery = Delivery()
        let response: TransportResponse
        do {
            response = try await execute(Endpoints.cancelOpenOrders, p, delivery: &delivery)
        } catch let error as BinanceError where error.outcomeUnknown || (error.code == -2011 && delivery.attempts > 1) {
            return try await readBackCancelAll(symbol: symbol, isIsolated: isIsolated,
                                               sentAt: delivery.lastTimestamp ?? estimatedServerTime, cause: error)
        }
        do {
            return try decode([CancelOpenOrdersEntry].self, from: response, Endpoints.cancelOpenOrders).flatMap(\.orders)
        } catch let error as BinanceError {
            return try await readBackCancelAll(symbol: symbol, isIsolated: isIsolated,
                                               sentAt: delivery.lastTimestamp ?? estimatedServerTime, cause: error)
        }
    }

    /// Settles a cancel-all whose answer was lost by reading the orders back: the open orders of `symbol`,
    /// then its recent orders (`allOrders`, newest 500). With none open, the orders canceled since `sentAt`
    /// less ``Reconciliation/clockAllowance`` are returned (what the read-back found, not zero); with some
    /// open, or a read that fails, the error is an unknown outcome saying what was checked and found.
    func readBackCancelAll(symbol: String, isIsolated: Bool, sentAt: Int64, cause: BinanceError) async throws -> [CanceledOrder] {
        logger.warning("cancel all on \(symbol): answer lost (\(cause.message)); reading the orders back")
        let since = Reconciliation.earliestStamp(sentAt: sentAt)
        let query = "GET /sapi/v1/margin/openOrders and GET /sapi/v1/margin/allOrders?symbol=\(symbol)&isIsolated=\(isIsolated ? "TRUE" : "FALSE")"
        let window = "open orders now; orders canceled since \(since)"
        var reads = 0
        let found: String
        do {
            reads += 1
            let open = try await openOrders(symbol: symbol, isIsolated: isIsolated)
            reads += 1
            let recent = try await allOrders(symbol: symbol, isIsolated: isIsolated, limit: 500)
            let canceled = recent.filter { $0.status == .canceled && ($0.updateTime ?? $0.time) >= since }
            if open.isEmpty {
                logger.notice("cancel all on \(symbol): nothing open; \(canceled.count) order(s) canceled since it was sent")
                return canceled.map(CanceledOrder.init(from:))
            }
            let ids = { (orders: [Order]) in orders.isEmpty ? "none" : orders.map { String($0.orderId) }.joined(separator: ", ") }
            found = "still open: \(ids(open)); canceled since it was sent: \(ids(canceled))"
        } catch let error as BinanceError {
            found = "no answer to read \(reads): \(error.message)"
        }
        let readBack = ReadBack(query: query, window: window, reads: reads, found: found)
        throw BinanceError.unknownOutcome(
            "cancel all on \(symbol) may have been done in part or not at all: \(cause.message)",
            cause: cause, readBack: readBack,
            hint: "look at openOrders(symbol: \"\(symbol)\") before acting on those orders; cancelling again is harmless")
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
        let deadline = Reconciliation.latestStamp(sentAt: sentAt, recvWindow: configuration.recvWindow ?? 5000)
        let earliest = Reconciliation.earliestStamp(sentAt: sentAt)
        var sawOlderOrder = false   // the last read found an earlier order that reused the client order id
        let outcome: Result<Order, ReadBackGiveUp> = try await readBack(until: deadline, nothingRead: "no answer") {
            do {
                let found = try await self.order(symbol: order.symbol, clientOrderId: clientOrderId, isIsolated: order.isIsolated)
                if found.time >= earliest { return .found(found) }
                logger.notice("order \(clientOrderId): the exchange answered with order \(found.orderId), created at \(found.time), before this one was sent (\(sentAt)); not this order")
                sawOlderOrder = true
                return .absent("the exchange answers client order id \(clientOrderId) with an older order (orderId \(found.orderId), created at \(found.time), \(found.status.rawValue)) that used the same id, not with this one sent at \(sentAt)")
            } catch let error as BinanceError where error.code == -2013 {
                sawOlderOrder = false
                return .absent("no such order (-2013)")
            } catch let error as BinanceError {
                return .noAnswer(error.message)
            }
        }
        let giveUp: ReadBackGiveUp
        switch outcome {
        case .success(let found):
            logger.notice("order \(clientOrderId) found after an unknown outcome: \(found.status.rawValue)")
            return OrderResult(reconciledFrom: found)
        case .failure(let end):
            giveUp = end
        }
        if giveUp.absentAfterWindow && !sawOlderOrder {
            throw notFoundAfterReadBack(order, clientOrderId: clientOrderId, sentAt: sentAt, reads: giveUp.reads, cause: cause)
        }
        var hint = "do not place it again: look it up with order(symbol: \"\(order.symbol)\", clientOrderId: \"\(clientOrderId)\") or openOrders"
        if sawOlderOrder {
            hint = "do not place it again blindly: look for it with allOrders(symbol: \"\(order.symbol)\", startTime: \(earliest)) or openOrders, and give each order a client order id of its own"
        }
        let readBack = ReadBack(query: Self.orderReadBackQuery(order, clientOrderId), window: "an order created since \(earliest)",
                                reads: giveUp.reads, found: giveUp.found)
        throw BinanceError.unknownOutcome(
            "order \(clientOrderId) (\(order.side.rawValue) \(order.symbol)) may or may not have been placed: \(cause.message)",
            cause: cause, readBack: readBack, hint: hint)
    }

    /// `GET /sapi/v1/margin/order?symbol=…&isIsolated=…&origClientOrderId=…`, for messages.
    static func orderReadBackQuery(_ order: NewOrder, _ clientOrderId: String) -> String {
        "GET /sapi/v1/margin/order?symbol=\(order.symbol)&isIsolated=\(order.isIsolated ? "TRUE" : "FALSE")&origClientOrderId=\(clientOrderId)"
    }

    /// The error for an order still absent once its recvWindow has passed: "not found after N s", with what was
    /// checked. Binance calls a lost request's outcome unknown, so this stays an unknown outcome and promises nothing.
    func notFoundAfterReadBack(_ order: NewOrder, clientOrderId: String, sentAt: Int64, reads: Int, cause: BinanceError) -> BinanceError {
        let seconds = max(0, estimatedServerTime - sentAt) / 1000
        let readBack = ReadBack(query: Self.orderReadBackQuery(order, clientOrderId),
                                window: "an order created since \(Reconciliation.earliestStamp(sentAt: sentAt)); the last read after its recvWindow had passed",
                                reads: reads, found: "no such order (-2013)", notFoundAfterSeconds: seconds)
        return BinanceError.unknownOutcome(
            "order \(clientOrderId) (\(order.side.rawValue) \(order.symbol)) was not found after \(seconds) s: its answer was lost (\(cause.message))",
            cause: cause, readBack: readBack,
            hint: "Binance calls the outcome of a lost request unknown: check openOrders and allOrders(symbol: \"\(order.symbol)\") again before placing it again")
    }
}
