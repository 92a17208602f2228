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
}

/// A resolved order type.
enum LoweredOrderType: Sendable {
    case market
    case limit(LoweredExpr)
    case maker(LoweredExpr)
    case stop(LoweredExpr, limit: LoweredExpr?)
    case takeProfit(LoweredExpr, limit: LoweredExpr?)
}
