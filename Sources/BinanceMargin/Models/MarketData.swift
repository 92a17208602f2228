/// `GET /api/v3/time`.
struct ServerTime: Sendable, Decodable {
    let serverTime: Int64
}

/// One `GET /api/v3/ticker/price` entry: `{"symbol":"LTCBTC","price":"4.00000200"}`.
public struct PriceTicker: Sendable, Hashable, Decodable {
    /// The symbol, e.g. `BTCUSDT`.
    public var symbol: String
    /// The price (0 for MARKET orders).
    public var price: Number

    /// Makes a value from its fields.
    public init(symbol: String, price: Number) {
        self.symbol = symbol
        self.price = price
    }
}

/// `GET /sapi/v1/margin/priceIndex`: the index price margin risk is measured with.
public struct PriceIndex: Sendable, Hashable, Decodable {
    /// When the index was computed, ms.
    public var calcTime: Int64
    /// The price (0 for MARKET orders).
    public var price: Number
    /// The symbol, e.g. `BTCUSDT`.
    public var symbol: String

    /// Makes a value from its fields.
    public init(calcTime: Int64, price: Number, symbol: String) {
        self.calcTime = calcTime
        self.price = price
        self.symbol = symbol
    }
}
