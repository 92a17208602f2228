/// A symbol filter an order breaks: which filter and field, what is wrong, and the fix.
///
/// ``SymbolInfo/violation(of:referencePrice:)`` finds it before the order is sent (the exchange
/// checks again anyway); ``SymbolInfo/check(_:referencePrice:)`` throws it as a ``BinanceError``.
public struct FilterViolation: Sendable, Hashable {
    /// Which rule of the filter was broken.
    public enum Rule: Sendable, Hashable {
        /// Below the filter's minimum.
        case minimum
        /// Above the filter's maximum.
        case maximum
        /// Not a multiple of the filter's step (LOT_SIZE) or tick (PRICE_FILTER).
        case step(Number)
    }

    /// The filter's name: `PRICE_FILTER`, `LOT_SIZE`, `MARKET_LOT_SIZE` or `NOTIONAL`.
    public var filter: String
    /// The order's field that broke it: `price`, `stopPrice`, `quantity` or `quoteOrderQty`.
    public var field: String
    /// The rule broken.
    public var rule: Rule
    /// What is wrong, with the value and the limit: "quantity 0.000015 is not a multiple of the LOT_SIZE step 0.00001 for BTCUSDT".
    public var message: String
    /// The nearest valid value, or how to fix it.
    public var hint: String

    /// Makes a violation.
    public init(filter: String, field: String, rule: Rule, message: String, hint: String) {
        self.filter = filter
        self.field = field
        self.rule = rule
        self.message = message
        self.hint = hint
    }

    /// The error the exchange would answer: `-1013 Filter failure: <filter>`, with the message and hint.
    public var error: BinanceError {
        BinanceError(category: .filterFailure, code: -1013, message: "Filter failure: \(filter) — \(message)", field: field, hint: hint)
    }
}
