import BinanceMargin

/// Binance's JSON shapes for the engine's values, field for field and in Binance's order.
enum Views {
    /// The `GET /sapi/v1/margin/order` object (also openOrders and allOrders rows).
    static func order(_ o: Order) -> JSONValue {
        .object([
            ("clientOrderId", .string(o.clientOrderId)),
            ("cummulativeQuoteQty", .decimal(o.cummulativeQuoteQty)),
            ("executedQty", .decimal(o.executedQty)),
            ("icebergQty", .decimal(o.icebergQty)),
            ("isWorking", .bool(o.isWorking)),
            ("orderId", .int(o.orderId)),
            ("origQty", .decimal(o.origQty)),
            ("price", .decimal(o.price)),
            ("side", .string(o.side.rawValue)),
            ("status", .string(o.status.rawValue)),
            ("stopPrice", .decimal(o.stopPrice)),
            ("symbol", .string(o.symbol)),
            ("isIsolated", .bool(o.isIsolated)),
            ("time", .int(o.time)),
            ("timeInForce", .string(o.timeInForce.rawValue)),
            ("type", .string(o.type.rawValue)),
            ("selfTradePreventionMode", .string(o.selfTradePreventionMode)),
            ("updateTime", .int(o.updateTime)),
        ])
    }

    /// The new-order answer in the requested shape.
    static func placement(_ p: Placement, _ type: ResponseType) -> JSONValue {
        let o = p.order
        switch type {
        case .ack:
            return .object([
                ("symbol", .string(o.symbol)), ("orderId", .int(o.orderId)), ("clientOrderId", .string(o.clientOrderId)),
                ("isIsolated", .bool(o.isIsolated)), ("transactTime", .int(o.time)),
            ])
        case .result:
            return .object([
                ("symbol", .string(o.symbol)), ("orderId", .int(o.orderId)), ("clientOrderId", .string(o.clientOrderId)),
                ("transactTime", .int(o.time)), ("price", .decimal(o.price)), ("origQty", .decimal(o.origQty)),
                ("executedQty", .decimal(o.executedQty)), ("cummulativeQuoteQty", .decimal(o.cummulativeQuoteQty)),
                ("status", .string(o.status.rawValue)), ("timeInForce", .string(o.timeInForce.rawValue)),
                ("type", .string(o.type.rawValue)), ("side", .string(o.side.rawValue)),
                ("isIsolated", .bool(o.isIsolated)), ("selfTradePreventionMode", .string(o.selfTradePreventionMode)),
            ])
        case .full:
            var members: [(String, JSONValue)] = [
                ("symbol", .string(o.symbol)), ("orderId", .int(o.orderId)), ("clientOrderId", .string(o.clientOrderId)),
                ("isIsolated", .bool(o.isIsolated)), ("transactTime", .int(o.time)), ("price", .decimal(o.price)),
                ("origQty", .decimal(o.origQty)), ("executedQty", .decimal(o.executedQty)),
                ("cummulativeQuoteQty", .decimal(o.cummulativeQuoteQty)), ("status", .string(o.status.rawValue)),
                ("timeInForce", .string(o.timeInForce.rawValue)), ("type", .string(o.type.rawValue)),
                ("side", .string(o.side.rawValue)), ("selfTradePreventionMode", .string(o.selfTradePreventionMode)),
            ]
            // A JSON number, and only when integral (the official SDK declares it an int); see docs/simulator.md.
            if o.borrowedAmount.isPositive, let asset = o.borrowAsset, let whole = o.borrowedAmount.exactInt {
                members.append(("marginBuyBorrowAmount", .int(whole)))
                members.append(("marginBuyBorrowAsset", .string(asset)))
            }
            members.append(("fills", .array(p.fills.map { t in
                .object([
                    ("price", .decimal(t.price)), ("qty", .decimal(t.qty)), ("commission", .decimal(t.commission)),
                    ("commissionAsset", .string(t.commissionAsset)), ("tradeId", .int(t.id)),
                ])
            })))
            return .object(members)
        }
    }

    /// The `DELETE /sapi/v1/margin/order` answer (`orderId` as a JSON string, as Binance sends it).
    static func cancelled(_ o: Order) -> JSONValue {
        .object([
            ("symbol", .string(o.symbol)), ("isIsolated", .bool(o.isIsolated)), ("orderId", .string(String(o.orderId))),
            ("origClientOrderId", .string(o.clientOrderId)), ("clientOrderId", .string(o.cancelClientOrderId ?? "")),
            ("price", .decimal(o.price)), ("origQty", .decimal(o.origQty)), ("executedQty", .decimal(o.executedQty)),
            ("cummulativeQuoteQty", .decimal(o.cummulativeQuoteQty)), ("status", .string(o.status.rawValue)),
            ("timeInForce", .string(o.timeInForce.rawValue)), ("type", .string(o.type.rawValue)),
            ("side", .string(o.side.rawValue)),
        ])
    }

    /// One row of `DELETE /sapi/v1/margin/openOrders`.
    static func cancelledInList(_ o: Order) -> JSONValue {
        .object([
            ("symbol", .string(o.symbol)), ("isIsolated", .bool(o.isIsolated)),
            ("origClientOrderId", .string(o.clientOrderId)), ("orderId", .int(o.orderId)), ("orderListId", .int(-1)),
            ("clientOrderId", .string(o.cancelClientOrderId ?? "")), ("price", .decimal(o.price)),
            ("origQty", .decimal(o.origQty)), ("executedQty", .decimal(o.executedQty)),
            ("cummulativeQuoteQty", .decimal(o.cummulativeQuoteQty)), ("status", .string(o.status.rawValue)),
            ("timeInForce", .string(o.timeInForce.rawValue)), ("type", .string(o.type.rawValue)),
            ("side", .string(o.side.rawValue)), ("selfTradePreventionMode", .string(o.selfTradePreventionMode)),
        ])
    }

    /// A `myTrades` row.
    static func trade(_ t: Trade) -> JSONValue {
        .object([
            ("commission", .decimal(t.commission)), ("commissionAsset", .string(t.commissionAsset)), ("id", .int(t.id)),
            ("isBestMatch", .bool(true)), ("isBuyer", .bool(t.isBuyer)), ("isMaker", .bool(t.isMaker)),
            ("orderId", .int(t.orderId)), ("price", .decimal(t.price)), ("qty", .decimal(t.qty)),
            ("symbol", .string(t.symbol)), ("isIsolated", .bool(t.isIsolated)), ("time", .int(t.time)),
        ])
    }

    /// `{"code":…,"msg":…}`.
    static func error(_ e: ExchangeError) -> JSONValue {
        .object([("code", .int(e.code)), ("msg", .string(e.message))])
    }
}
