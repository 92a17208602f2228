import BinanceMargin

/// One fill of one order (the `myTrades` row).
struct ExchangeTrade: Codable, Sendable, Hashable {
    var id: Int64
    var orderId: Int64
    var symbol: String
    var isIsolated: Bool
    var price: Number
    var qty: Number
    var quoteQty: Number
    var commission: Number
    var commissionAsset: String
    var time: Int64
    var isBuyer: Bool
    var isMaker: Bool
}
