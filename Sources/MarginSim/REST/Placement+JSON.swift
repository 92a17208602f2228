import BinanceMargin

extension Placement {
    /// The `POST /sapi/v1/margin/order` answer in the requested shape (ACK, RESULT or FULL).
    func json(_ type: ResponseType) -> JSONValue {
        let p = self
        let o = order
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
            // A JSON number, as Binance sends it, fraction and all (the official SDK's int model then falls back to
            // a raw dict, as it would on Binance); absent when nothing was borrowed. See docs/simulator.md.
            if o.borrowedAmount.isPositive, let asset = o.borrowAsset {
                members.append(("marginBuyBorrowAmount", .number(o.borrowedAmount.normalized)))
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
}
