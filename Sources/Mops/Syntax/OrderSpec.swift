import BinanceMargin

/// Everything a `buy` / `sell` statement says.
package struct OrderSpec: Sendable {
    /// `BUY` or `SELL`.
    package var side: TradeSide
    /// The quantity (base asset), or the quote amount in the `of` form.
    package var amount: Expr
    /// The quote asset in the `<amount> <QUOTE> of <SYMBOL>` form (`quoteOrderQty`).
    package var quoteAsset: Expr?
    /// The symbol.
    package var symbol: Expr
    /// The order type and its prices.
    package var type: OrderTypeSpec
    /// `gtc`, `ioc`, `fok` when written.
    package var timeInForce: TimeInForceWord?
    /// `isolated`.
    package var isolated: Bool
    /// `autoborrow`, `autorepay`, `auto` when written.
    package var sideEffect: SideEffectWord?
    /// `id "..."`: the client order id (of the list, when the order is one).
    package var clientOrderID: Expr?
    /// `or <exit>`: the other order of a one-cancels-the-other pair (an OCO).
    package var otherwise: ExitLeg? = nil
    /// `then <exit> [or <exit>]`: what is placed once the order has filled (one exit: an OTO; two: an OTOCO bracket).
    package var exits: [ExitLeg] = []
}

/// An order type as written in a `buy` / `sell` statement.
package indirect enum OrderTypeSpec: Sendable {
    /// `market` (the default).
    case market
    /// `limit <price>`.
    case limit(Expr)
    /// `maker <price>` (LIMIT_MAKER).
    case maker(Expr)
    /// `stop <stopPrice> [limit <price>]` (STOP_LOSS or STOP_LOSS_LIMIT).
    case stop(Expr, limit: Expr?)
    /// `take-profit <stopPrice> [limit <price>]` (TAKE_PROFIT or TAKE_PROFIT_LIMIT).
    case takeProfit(Expr, limit: Expr?)
}

/// `buy` or `sell`.
package enum TradeSide: String, Sendable {
    /// The order side.
    case buy, sell
}

/// How long a limit order stays on the book, as written: `gtc`, `ioc`, `fok`.
package enum TimeInForceWord: String, Sendable, CaseIterable {
    /// Good till cancelled, immediate or cancel, fill or kill.
    case gtc, ioc, fok
}

/// The borrow/repay side effect of an order, as written.
package enum SideEffectWord: String, Sendable, CaseIterable {
    /// `MARGIN_BUY`: borrow what the order needs.
    case autoborrow
    /// `AUTO_REPAY`: repay debt from what the order brings in.
    case autorepay
    /// `AUTO_BORROW_REPAY`: both.
    case auto
}
