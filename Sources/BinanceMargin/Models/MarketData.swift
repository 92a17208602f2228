/// `GET /api/v3/time`.
struct ServerTime: Sendable, Decodable {
    let serverTime: Int64
}

/// One `GET /api/v3/ticker/price` entry: `{"symbol":"LTCBTC","price":"4.00000200"}`.
public struct PriceTicker: Sendable, Hashable, Decodable {
    public var symbol: String
    public var price: Number

    public init(symbol: String, price: Number) {
        self.symbol = symbol
        self.price = price
    }
}

/// `GET /sapi/v1/margin/priceIndex`: the index price margin risk is measured with.
public struct PriceIndex: Sendable, Hashable, Decodable {
    /// When the index was computed, ms.
    public var calcTime: Int64
    public var price: Number
    public var symbol: String

    public init(calcTime: Int64, price: Number, symbol: String) {
        self.calcTime = calcTime
        self.price = price
        self.symbol = symbol
    }
}
