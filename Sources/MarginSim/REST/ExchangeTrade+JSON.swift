import BinanceMargin

extension ExchangeTrade {
    /// A `GET /sapi/v1/margin/myTrades` row.
    var json: JSONValue {
        let t = self
        return .object([
            ("commission", .decimal(t.commission)), ("commissionAsset", .string(t.commissionAsset)), ("id", .int(t.id)),
            ("isBestMatch", .bool(true)), ("isBuyer", .bool(t.isBuyer)), ("isMaker", .bool(t.isMaker)),
            ("orderId", .int(t.orderId)), ("price", .decimal(t.price)), ("qty", .decimal(t.qty)),
            ("symbol", .string(t.symbol)), ("isIsolated", .bool(t.isIsolated)), ("time", .int(t.time)),
        ])
    }
}
