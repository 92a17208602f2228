import BinanceMargin

/// Binance's JSON shapes for an order, field for field and in Binance's order.
extension ExchangeOrder {
    /// The `GET /sapi/v1/margin/order` object (also the openOrders and allOrders rows).
    var queryJSON: JSONValue {
        let o = self
        var members: [(String, JSONValue)] = [
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
        ]
        // Only on an order self-trade prevention expired, as Binance shows them.
        if let id = o.preventedMatchId { members.append(("preventedMatchId", .int(id))) }
        if let quantity = o.preventedQuantity { members.append(("preventedQuantity", .decimal(quantity))) }
        return .object(members)
    }

    /// The `DELETE /sapi/v1/margin/order` answer (`orderId` as a JSON string, as Binance sends it).
    var cancelJSON: JSONValue {
        let o = self
        return .object([
            ("symbol", .string(o.symbol)), ("isIsolated", .bool(o.isIsolated)), ("orderId", .string(String(o.orderId))),
            ("origClientOrderId", .string(o.clientOrderId)), ("clientOrderId", .string(o.cancelClientOrderId ?? "")),
            ("price", .decimal(o.price)), ("origQty", .decimal(o.origQty)), ("executedQty", .decimal(o.executedQty)),
            ("cummulativeQuoteQty", .decimal(o.cummulativeQuoteQty)), ("status", .string(o.status.rawValue)),
            ("timeInForce", .string(o.timeInForce.rawValue)), ("type", .string(o.type.rawValue)),
            ("side", .string(o.side.rawValue)),
        ])
    }

    /// One row of the `DELETE /sapi/v1/margin/openOrders` answer.
    var cancelAllRowJSON: JSONValue {
        let o = self
        return .object([
            ("symbol", .string(o.symbol)), ("isIsolated", .bool(o.isIsolated)),
            ("origClientOrderId", .string(o.clientOrderId)), ("orderId", .int(o.orderId)), ("orderListId", .int(-1)),
            ("clientOrderId", .string(o.cancelClientOrderId ?? "")), ("price", .decimal(o.price)),
            ("origQty", .decimal(o.origQty)), ("executedQty", .decimal(o.executedQty)),
            ("cummulativeQuoteQty", .decimal(o.cummulativeQuoteQty)), ("status", .string(o.status.rawValue)),
            ("timeInForce", .string(o.timeInForce.rawValue)), ("type", .string(o.type.rawValue)),
            ("side", .string(o.side.rawValue)), ("selfTradePreventionMode", .string(o.selfTradePreventionMode)),
        ])
    }
}
