/// `executionReport`: one change of one order — placed, filled (once per fill), cancelled, expired, rejected.
///
/// Binance's short keys are mapped to names; quantities and prices are exact decimals (strings on the wire).
/// ``averagePrice`` is `cumulativeQuote / cumulativeQuantity`.
public struct ExecutionReport: Sendable, Hashable, Codable {
    /// When the event was sent, ms (`E`).
    public var eventTime: Int64
    /// `s`.
    public var symbol: String
    /// The order's client id (`c`); on a cancel, the cancel's own new id.
    public var clientOrderId: String
    /// `S`.
    public var side: OrderSide
    /// `o`.
    public var type: OrderType
    /// `f`.
    public var timeInForce: String
    /// The order's quantity (`q`).
    public var quantity: Number
    /// The limit price (`p`), 0 for none.
    public var price: Number
    /// The stop price (`P`), 0 for none.
    public var stopPrice: Number
    /// The order list's id (`g`), -1 for none.
    public var orderListId: Int64
    /// The cancelled order's original client id (`C`), empty unless this is a cancel.
    public var originalClientOrderId: String
    /// What this event is (`x`).
    public var executionType: ExecutionType
    /// The order's status after it (`X`).
    public var status: OrderStatus
    /// Why it was rejected (`r`), `NONE` otherwise.
    public var rejectReason: String
    /// `i`.
    public var orderId: Int64
    /// This fill's quantity (`l`), 0 unless a trade.
    public var lastQuantity: Number
    /// What has filled so far (`z`).
    public var cumulativeQuantity: Number
    /// This fill's price (`L`).
    public var lastPrice: Number
    /// This fill's commission (`n`), nil when there was no fill.
    public var commission: Number?
    /// The commission's asset (`N`), nil when there was no fill.
    public var commissionAsset: String?
    /// When it happened, ms (`T`).
    public var transactionTime: Int64
    /// The trade's id (`t`), -1 unless a trade.
    public var tradeId: Int64
    /// Whether the order is on the book (`w`).
    public var isOnBook: Bool
    /// Whether this fill was the maker side (`m`).
    public var isMaker: Bool
    /// When the order was created, ms (`O`).
    public var creationTime: Int64
    /// The quote quantity filled so far (`Z`).
    public var cumulativeQuote: Number
    /// This fill's quote quantity (`Y`).
    public var lastQuote: Number
    /// Why it expired (`eR`), when Binance says.
    public var expiryReason: String?

    /// The average fill price so far, or nil before any fill (or if it cannot be computed).
    public var averagePrice: Number? {
        guard cumulativeQuantity > 0 else { return nil }
        return try? cumulativeQuote.divided(by: cumulativeQuantity)
    }

    enum CodingKeys: String, CodingKey {
        case eventTime = "E", symbol = "s", clientOrderId = "c", side = "S", type = "o", timeInForce = "f"
        case quantity = "q", price = "p", stopPrice = "P", orderListId = "g", originalClientOrderId = "C"
        case executionType = "x", status = "X", rejectReason = "r", orderId = "i", lastQuantity = "l"
        case cumulativeQuantity = "z", lastPrice = "L", commission = "n", commissionAsset = "N", transactionTime = "T"
        case tradeId = "t", isOnBook = "w", isMaker = "m", creationTime = "O", cumulativeQuote = "Z", lastQuote = "Y"
        case expiryReason = "eR"
    }
}

/// What an ``ExecutionReport`` reports (`x`). Unknown future values decode as ``unknown``.
public enum ExecutionType: String, Sendable, Hashable, Codable, CaseIterable {
    case new = "NEW", canceled = "CANCELED", replaced = "REPLACED", rejected = "REJECTED", trade = "TRADE"
    case expired = "EXPIRED", tradePrevention = "TRADE_PREVENTION", unknown = "UNKNOWN"

    /// Decodes the wire string; unknown values become ``unknown``.
    public init(from decoder: any Decoder) throws {
        self = ExecutionType(rawValue: try decoder.singleValueContainer().decode(String.self)) ?? .unknown
    }
}
