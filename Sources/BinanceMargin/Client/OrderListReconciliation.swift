extension MarginClient {
    /// Reads back an order list whose placement's answer was lost, through the one read-back loop
    /// (``readBack(until:nothingRead:_:)``): `GET /sapi/v1/margin/orderList?origClientOrderId=<list id>`.
    /// A list found under the id counts only if its orders carry the legs' ids this request sent (Binance
    /// lets a finished list's id be reused); a "-2011"/"-2013" is final once the recvWindow has passed.
    func reconcileOrderList(_ list: NewOrderList, ids: NewOrderList.SentIds, sentAt: Int64, cause: BinanceError) async throws -> OrderListResult {
        logger.warning("\(list.kind) \(ids.list) on \(list.symbol): outcome unknown (\(cause.message)); reading it back")
        let deadline = Reconciliation.latestStamp(sentAt: sentAt, recvWindow: configuration.recvWindow ?? 5000)
        let outcome: Result<OrderList, ReadBackGiveUp> = try await readBack(until: deadline, nothingRead: "no answer") {
            do {
                let found = try await self.orderList(listClientOrderId: ids.list, symbol: list.isIsolated ? list.symbol : nil,
                                                     isIsolated: list.isIsolated)
                if Set(found.orders.map(\.clientOrderId)).isSuperset(of: ids.legs) { return .found(found) }
                return .unsettled("the exchange answers list client id \(ids.list) with list \(found.orderListId), whose orders (\(found.orders.map(\.clientOrderId).joined(separator: ", "))) are not the ones sent (\(ids.legs.joined(separator: ", ")))")
            } catch let error as BinanceError where error.code == -2011 || error.code == -2013 {
                return .absent("no such order list (\(error.code ?? 0))")
            } catch let error as BinanceError {
                return .noAnswer(error.message)
            }
        }
        switch outcome {
        case .success(let found):
            logger.notice("\(list.kind) \(ids.list) found after an unknown outcome: \(found.listOrderStatus)")
            return OrderListResult(list: found, reconciled: true)
        case .failure(let end):
            let query = "GET /sapi/v1/margin/orderList?isIsolated=\(list.isIsolated ? "TRUE" : "FALSE")&origClientOrderId=\(ids.list)"
            let seconds = max(0, estimatedServerTime - sentAt) / 1000
            let readBack = ReadBack(query: query, window: "a list holding orders \(ids.legs.joined(separator: ", "))", reads: end.reads,
                                    found: end.found, notFoundAfterSeconds: end.absentAfterWindow ? seconds : nil)
            throw BinanceError.unknownOutcome(
                "\(list.kind) \(ids.list) on \(list.symbol) may or may not have been placed: \(cause.message)",
                cause: cause, readBack: readBack,
                hint: "do not place it again: look it up with orderList(listClientOrderId: \"\(ids.list)\") or openOrderLists")
        }
    }
}
