/// One order of an order list written after `or` or `then`: `limit <price>` (it rests on the book as
/// LIMIT_MAKER, as Binance's list legs do) or `stop <trigger> [limit <price>]` (STOP_LOSS or STOP_LOSS_LIMIT).
/// Its side and quantity come from the order it belongs to.
package struct ExitLeg: Sendable {
    /// What the leg is.
    package enum Kind: Sendable {
        /// `limit <price>`.
        case limit(Expr)
        /// `stop <trigger> [limit <price>]`.
        case stop(Expr, limit: Expr?)
    }

    /// The leg's type and prices.
    package var kind: Kind
    /// Where it is written.
    package var range: SourceRange

    /// Whether it is a `limit` leg (the other kind is `stop`).
    package var isLimit: Bool {
        if case .limit = kind { return true }
        return false
    }
}
