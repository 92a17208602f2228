import BinanceMargin

/// The checked, resolved form of an expression the evaluator runs: names are slots, builtins are
/// table indices, and maximal side-effect-free subtrees are wrapped in ``pure`` so they run on a
/// synchronous fast path.
indirect enum Code: Sendable {
    case constant(Value)
    case global(Int)
    case local(Int)
    case negate(Code, SourceRange)
    case not(Code, SourceRange)
    case arithmetic(BinaryOperator, Code, Code, SourceRange)
    case compare(BinaryOperator, Code, Code, SourceRange)
    case and(Code, Code, SourceRange)
    case or(Code, Code, SourceRange)
    /// A builtin call: its arguments, the call's range and each argument's range (for errors about one argument).
    case builtin(Int, [Code], SourceRange, [SourceRange])
    case function(Int, [Code], SourceRange)
    case member(Code, String, SourceRange)
    case index(Code, Code, SourceRange)
    /// A list literal and its range (where a list over the size limits is reported).
    case list([Code], SourceRange)
    /// An interpolated string and its range.
    case interpolation([InterpolationPiece], SourceRange)
    case action(ActionCode, SourceRange)
    /// A subtree with no account reads, calls or actions: evaluated synchronously.
    case pure(Code)
}

/// A piece of an interpolated string.
enum InterpolationPiece: Sendable {
    case text(String)
    case value(Code)
}

/// Where a variable lives.
enum Slot: Sendable {
    case global(Int)
    case local(Int)
}

/// How much an amount-taking statement moves.
enum AmountCode: Sendable {
    /// `all`: the whole debt / the whole transferable balance.
    case all
    /// `50%`: a fraction (0.5) of the debt / of `maxBorrowable` / of the transferable balance.
    case fraction(Number)
    /// An explicit amount.
    case value(Code)
}

/// A resolved account place for transfers.
enum PlaceCode: Sendable {
    case spot, margin
    case isolated(Code)
}

/// The resolved form of an ``Action``.
enum ActionCode: Sendable {
    case borrow(amount: AmountCode, asset: Code, isolated: Code?)
    case repay(amount: AmountCode, asset: Code, isolated: Code?)
    case transfer(amount: AmountCode, asset: Code, from: PlaceCode, to: PlaceCode)
    case order(OrderCode)
    case cancelOrder(Code)
    case cancelByID(id: Code, symbol: Code, isolated: Bool)
    case cancelAll(symbol: Code?, isolated: Bool)
}

/// A resolved `buy` / `sell`.
struct OrderCode: Sendable {
    var side: TradeSide
    var amount: Code
    var quoteAsset: Code?
    var symbol: Code
    var type: OrderTypeCode
    var timeInForce: TimeInForceWord?
    var isolated: Bool
    var sideEffect: SideEffectWord?
    var clientOrderID: Code?
}

/// A resolved order type.
enum OrderTypeCode: Sendable {
    case market
    case limit(Code)
    case maker(Code)
    case stop(Code, limit: Code?)
    case takeProfit(Code, limit: Code?)
}

/// The resolved form of a statement.
indirect enum Op: Sendable {
    case evaluate(Code, SourceRange)
    case assign(Slot, Code, SourceRange)
    case branch([(condition: Code, body: [Op])], otherwise: [Op]?)
    case loop(Code, [Op], SourceRange)
    case forEach(Slot, Code, [Op], SourceRange)
    case every(interval: Code, limit: EveryLimitCode?, body: [Op], SourceRange)
    case wait(Code, SourceRange)
    case waitUntil(Code, timeout: Code?, SourceRange)
    case assert(Code, message: Code?, SourceRange)
    case print([Code], SourceRange)
    case show(ShowCode, SourceRange)
    case returnValue(Code?, SourceRange)
    case exit(Code?, SourceRange)
    case sim(SimCode, SourceRange)
    case breakLoop
    case continueLoop
    /// A `def` already hoisted into the function table; nothing to run.
    case nothing
}

/// How an `every` loop ends, resolved.
enum EveryLimitCode: Sendable {
    case duration(Code)
    case until(Code)
    case times(Code)
}

/// A resolved `show`.
enum ShowCode: Sendable {
    case account, balances, spot, loans
    case orders(Code?)
    case isolated(Code?)
    case rates(Code)
    case history(BorrowOrRepay, Code?)
}

/// A resolved `sim` statement.
enum SimCode: Sendable {
    case price(symbol: Code, price: Code)
    case shock(symbol: Code, percent: Code)
    case advance(Code)
    case deposit(amount: Code, asset: Code, to: PlaceCode)
    case reset(Code?)
}

/// A user function, resolved.
struct FunctionCode: Sendable {
    var name: String
    var parameterCount: Int
    var localCount: Int
    var body: [Op]
    var range: SourceRange
}
