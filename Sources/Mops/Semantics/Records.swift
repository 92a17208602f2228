import BinanceMargin

/// Conversions from the client's models to the record values scripts see.
extension Value {
    /// An order record: `o.id`, `o.status`, `o.executedQty`, …
    static func order(_ o: Order) -> Value {
        orderRecord(id: o.orderId, clientId: o.clientOrderId, symbol: o.symbol, side: o.side.rawValue, type: o.type.rawValue,
                    status: o.status, price: o.price, stopPrice: o.stopPrice, qty: o.origQty, executedQty: o.executedQty,
                    quoteQty: o.cumulativeQuoteQty, isolated: o.isIsolated ?? false, time: o.time, borrowed: nil, borrowedAsset: nil,
                    timeInForce: o.timeInForce?.rawValue)
    }

    /// An order record from a placement answer. The answer has no stop price, so `stopPrice` is the one sent.
    static func order(_ o: OrderResult, fallbackSide: String, fallbackType: String, stopPrice: Number?, isolated: Bool) -> Value {
        orderRecord(id: o.orderId, clientId: o.clientOrderId, symbol: o.symbol, side: o.side?.rawValue ?? fallbackSide,
                    type: o.type?.rawValue ?? fallbackType, status: o.status ?? .new, price: o.price ?? .zero, stopPrice: stopPrice,
                    qty: o.origQty ?? .zero, executedQty: o.executedQty ?? .zero, quoteQty: o.cumulativeQuoteQty ?? .zero,
                    isolated: o.isIsolated ?? isolated, time: o.transactTime ?? 0, borrowed: o.marginBuyBorrowAmount,
                    borrowedAsset: o.marginBuyBorrowAsset, timeInForce: o.timeInForce?.rawValue)
    }

    /// An order record from a cancellation answer.
    static func order(_ o: CanceledOrder) -> Value {
        orderRecord(id: o.orderId, clientId: o.origClientOrderId ?? o.clientOrderId ?? "", symbol: o.symbol, side: o.side?.rawValue ?? "",
                    type: o.type?.rawValue ?? "", status: o.status, price: o.price ?? .zero, stopPrice: o.stopPrice,
                    qty: o.origQty ?? .zero, executedQty: o.executedQty ?? .zero, quoteQty: o.cumulativeQuoteQty ?? .zero,
                    isolated: o.isIsolated ?? false, time: 0, borrowed: nil, borrowedAsset: nil, timeInForce: o.timeInForce?.rawValue)
    }

    /// An order record from an order list's report (a list answer carries one per leg).
    static func order(_ r: OrderListReport, isolated: Bool) -> Value {
        orderRecord(id: r.orderId, clientId: r.clientOrderId, symbol: r.symbol, side: r.side.rawValue, type: r.type.rawValue,
                    status: r.status, price: r.price ?? .zero, stopPrice: r.stopPrice, qty: r.origQty ?? .zero,
                    executedQty: r.executedQty ?? .zero, quoteQty: r.cumulativeQuoteQty ?? .zero, isolated: isolated,
                    time: r.transactTime ?? 0, borrowed: nil, borrowedAsset: nil, timeInForce: r.timeInForce?.rawValue)
    }

    /// An order-list record: the list's id, kind (`OCO`, `OTO`, `OTOCO`), status and its legs as order records
    /// (working order first, as Binance lists them).
    static func orderList(_ list: OrderList, legs: [Value], borrowed: Number?, borrowedAsset: String?) -> Value {
        // Binance answers contingencyType OTO for an OTOCO too; its three orders tell them apart.
        let kind = list.contingencyType == "OTO" && list.orders.count > 2 ? "OTOCO" : list.contingencyType
        return .record(Record(kind: "orderList", fields: [
            ("id", .number(Number(list.orderListId))), ("clientId", .string(list.listClientOrderId)), ("symbol", .code(list.symbol)),
            ("kind", .string(kind)), ("status", .string(list.listOrderStatus)), ("statusType", .string(list.listStatusType)),
            ("isolated", .bool(list.isIsolated ?? false)), ("time", .number(Number(list.transactionTime))), ("legs", .list(legs)),
            ("borrowed", .number(borrowed ?? .zero)), ("borrowedAsset", borrowedAsset.map(Value.code) ?? .none),
            ("isOpen", .bool(list.isOpen)),
        ]))
    }

    /// One shape for every order record; like Binance's order queries, `stopPrice` is 0 when the order has no stop.
    private static func orderRecord(id: Int64, clientId: String, symbol: String, side: String, type: String, status: OrderStatus,
                                    price: Number, stopPrice: Number?, qty: Number, executedQty: Number, quoteQty: Number,
                                    isolated: Bool, time: Int64, borrowed: Number?, borrowedAsset: String?, timeInForce: String?) -> Value {
        .record(Record(kind: "order", fields: [
            ("id", .number(Number(id))), ("clientId", .string(clientId)), ("symbol", .code(symbol)),
            ("side", .string(side)), ("type", .string(type)), ("status", .string(status.rawValue)),
            ("price", .number(price)), ("stopPrice", .number(stopPrice ?? .zero)), ("qty", .number(qty)),
            ("executedQty", .number(executedQty)), ("quoteQty", .number(quoteQty)), ("isolated", .bool(isolated)),
            ("time", .number(Number(time))), ("borrowed", .number(borrowed ?? .zero)),
            ("borrowedAsset", borrowedAsset.map(Value.code) ?? .none), ("timeInForce", timeInForce.map(Value.string) ?? .none),
            ("isOpen", .bool(status.isOpen)), ("filled", .bool(status == .filled)),
        ]))
    }

    /// A transaction record for a borrow, repay or transfer.
    static func transaction(id: Int64?, kind: String, asset: String, amount: Number, symbol: String?,
                            from: String = "", to: String = "", remaining: Number? = .zero) -> Value {
        .record(Record(kind: "transaction", fields: [
            ("id", id.map { .number(Number($0)) } ?? .none), ("kind", .string(kind)), ("asset", .code(asset)),
            ("amount", .number(amount)), ("symbol", symbol.map(Value.code) ?? .none), ("from", .string(from)), ("to", .string(to)),
            ("remaining", remaining.map(Value.number) ?? .none),
        ]))
    }

    /// A liquidation record: one sale of a forced liquidation (`l.time`, `l.symbol`, `l.side`, `l.qty`, `l.price`, `l.isolated`).
    static func liquidation(_ r: ForceLiquidationRecord) -> Value {
        .record(Record(kind: "liquidation", fields: [
            ("time", .number(Number(r.updatedTime))), ("symbol", .code(r.symbol)), ("side", .string(r.side.rawValue)),
            ("qty", .number(r.executedQty)), ("price", .number(r.avgPrice)), ("isolated", .bool(r.isIsolated ?? false)),
        ]))
    }

    /// The order fields of an order record, for `cancel o`.
    var orderReference: (id: Int64, symbol: String, isolated: Bool)? { reference(kind: "order") }

    /// The list id, symbol and account of an order-list record, for `cancel l`.
    var orderListReference: (id: Int64, symbol: String, isolated: Bool)? { reference(kind: "orderList") }

    /// The id, symbol and account of a record of `kind`.
    private func reference(kind: String) -> (id: Int64, symbol: String, isolated: Bool)? {
        guard case .record(let r) = self, r.kind == kind, case .number(let n)? = r["id"], let id = n.exactInt64,
              case .code(let symbol)? = r["symbol"] else { return nil }
        var isolated = false
        if case .bool(let b)? = r["isolated"] { isolated = b }
        return (id, symbol, isolated)
    }
}
