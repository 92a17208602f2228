import BinanceMargin

/// One level of a book's synthetic liquidity: a price and the quantity the market offers there.
struct PriceLevel: Codable, Sendable, Hashable {
    var price: Number
    var quantity: Number
}

/// A user order resting in a book: its limit price, id (its time priority) and position in ``Exchange/orders``.
struct RestingEntry: Codable, Sendable, Hashable {
    var price: Number
    var orderId: Int64
    var position: Int
}
