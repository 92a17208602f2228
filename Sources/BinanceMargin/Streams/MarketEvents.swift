/// `<symbol>@trade`: one trade in the market (public market stream).
public struct MarketTrade: Sendable, Hashable, Codable {
    /// When the event was sent, ms (`E`).
    public var eventTime: Int64
    /// `s`.
    public var symbol: String
    /// The trade's id (`t`).
    public var tradeId: Int64
    /// `p`.
    public var price: Number
    /// `q`.
    public var quantity: Number
    /// When it traded, ms (`T`).
    public var tradeTime: Int64
    /// Whether the buyer was the maker (`m`).
    public var buyerIsMaker: Bool

    enum CodingKeys: String, CodingKey {
        case eventTime = "E", symbol = "s", tradeId = "t", price = "p", quantity = "q", tradeTime = "T", buyerIsMaker = "m"
    }
}

/// `<symbol>@bookTicker`: the best bid and ask (public market stream; Binance sends no `e` or `E` with it).
public struct BookTicker: Sendable, Hashable, Codable {
    /// The book's update id (`u`).
    public var updateId: Int64
    /// `s`.
    public var symbol: String
    /// Best bid price and quantity (`b`, `B`).
    public var bidPrice: Number
    public var bidQuantity: Number
    /// Best ask price and quantity (`a`, `A`).
    public var askPrice: Number
    public var askQuantity: Number

    enum CodingKeys: String, CodingKey {
        case updateId = "u", symbol = "s", bidPrice = "b", bidQuantity = "B", askPrice = "a", askQuantity = "A"
    }
}

/// `<symbol>@miniTicker`: the rolling day's close, open, high, low and volumes (public market stream).
public struct MiniTicker: Sendable, Hashable, Codable {
    /// When the event was sent, ms (`E`).
    public var eventTime: Int64
    /// `s`.
    public var symbol: String
    /// Last price (`c`), open (`o`), high (`h`), low (`l`).
    public var close: Number
    public var open: Number
    public var high: Number
    public var low: Number
    /// Base-asset volume (`v`) and quote-asset volume (`q`).
    public var baseVolume: Number
    public var quoteVolume: Number

    enum CodingKeys: String, CodingKey {
        case eventTime = "E", symbol = "s", close = "c", open = "o", high = "h", low = "l", baseVolume = "v", quoteVolume = "q"
    }
}
