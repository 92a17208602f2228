import BinanceMargin

/// A resolved `buy` / `sell`.
struct LoweredOrder: Sendable {
    var side: TradeSide
    var amount: LoweredExpr
    var quoteAsset: LoweredExpr?
    var symbol: LoweredExpr
    var type: LoweredOrderType
    var timeInForce: TimeInForceWord?
    var isolated: Bool
    var sideEffect: SideEffectWord?
    var clientOrderID: LoweredExpr?
    /// The order list it opens, when it has an `or` partner or `then` exits.
    var list: LoweredListShape?
}

/// A resolved order list: the order's `or` partner (an OCO), or its exits (`then`: one is an OTO, two an OTOCO).
enum LoweredListShape: Sendable {
    case oco(LoweredExit)
    case then([LoweredExit])
}

/// A resolved exit leg: `limit <price>` (LIMIT_MAKER) or `stop <trigger> [limit <price>]`.
enum LoweredExit: Sendable {
    case limit(LoweredExpr)
    case stop(LoweredExpr, limit: LoweredExpr?)
}

/// A resolved order type.
enum LoweredOrderType: Sendable {
    case market
    case limit(LoweredExpr)
    case maker(LoweredExpr)
    case stop(LoweredExpr, limit: LoweredExpr?)
    case takeProfit(LoweredExpr, limit: LoweredExpr?)
}
