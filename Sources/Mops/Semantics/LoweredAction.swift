import BinanceMargin

/// How much an amount-taking statement moves.
enum LoweredAmount: Sendable {
    /// `all`: the whole debt / the whole transferable balance.
    case all
    /// `50%`: a fraction (0.5) of the debt / of `maxBorrowable` / of the transferable balance.
    case fraction(Number)
    /// An explicit amount.
    case value(LoweredExpr)
}

/// A resolved account place for transfers.
enum LoweredPlace: Sendable {
    case spot, margin
    case isolated(LoweredExpr)
}

/// The resolved form of an ``Action``.
enum LoweredAction: Sendable {
    case borrow(amount: LoweredAmount, asset: LoweredExpr, isolated: LoweredExpr?)
    case repay(amount: LoweredAmount, asset: LoweredExpr, isolated: LoweredExpr?)
    case transfer(amount: LoweredAmount, asset: LoweredExpr, from: LoweredPlace, to: LoweredPlace)
    case order(LoweredOrder)
    /// `cancel <order>`; `list` when the checker knows the value is an order list (the result is one then).
    case cancelOrder(LoweredExpr, list: Bool)
    case cancelByID(id: LoweredExpr, symbol: LoweredExpr, isolated: Bool)
    case cancelAll(symbol: LoweredExpr?, isolated: Bool)
    case leverage(LoweredExpr)
    case liquidate(isolated: LoweredExpr?)
}
