import BinanceMargin

/// A liquidation the interpreter found while a script or REPL input ran: the account, when, what was sold.
///
/// Never silent: every front end shows it (text: one `LIQUIDATED …` line; `-o json`: a `liquidation` event;
/// the REPL: above the prompt).
public struct LiquidationNotice: Sendable, Hashable {
    /// One sale of the liquidation.
    public struct Sale: Sendable, Hashable {
        /// The pair, e.g. `BTCUSDT`.
        public var symbol: String
        /// `SELL` (collateral sold for the debt) or `BUY` (a borrowed asset bought back).
        public var side: String
        /// How much, and at what average price.
        public var quantity: Number, price: Number
        /// When, ms since 1970.
        public var time: Int64
    }

    /// `cross margin` or `isolated BTCUSDT`.
    public var account: String
    /// When the first sale happened, ms since 1970.
    public var time: Int64
    /// The sales, oldest first.
    public var sales: [Sale]
    /// The margin level read after the liquidation was found (nil if it could not be read).
    public var marginLevelAfter: Number?
    /// The line of the statement during which it was found.
    public var line: Int?

    /// `LIQUIDATED (cross margin) at 2024-03-01 11:40:00 UTC, found at line 3: sold 0.12 BTCUSDT at 41000; margin level now 999`.
    public var text: String {
        var out = "LIQUIDATED (\(account)) at \(UTCTime.format(time)) UTC"
        if let line { out += ", found at line \(line)" }
        out += ": " + sales.map { "\($0.side == "SELL" ? "sold" : "bought") \($0.quantity) \($0.symbol) at \($0.price)" }.joined(separator: ", ")
        if let marginLevelAfter { out += "; margin level now \(marginLevelAfter)" }
        return out
    }
}
