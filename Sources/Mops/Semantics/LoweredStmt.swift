import BinanceMargin

/// The resolved form of a statement.
indirect enum LoweredStmt: Sendable {
    case evaluate(LoweredExpr, SourceRange)
    case assign(Slot, LoweredExpr, SourceRange)
    case branch([(condition: LoweredExpr, body: [LoweredStmt])], otherwise: [LoweredStmt]?)
    case loop(LoweredExpr, [LoweredStmt], SourceRange)
    case forEach(Slot, LoweredExpr, [LoweredStmt], SourceRange)
    case every(interval: LoweredExpr, limit: LoweredEveryLimit?, body: [LoweredStmt], SourceRange)
    case wait(LoweredExpr, SourceRange)
    case waitUntil(LoweredExpr, timeout: LoweredExpr?, SourceRange)
    case assert(LoweredExpr, message: LoweredExpr?, SourceRange)
    case print([LoweredExpr], SourceRange)
    case show(LoweredShow, SourceRange)
    case returnValue(LoweredExpr?, SourceRange)
    case exit(LoweredExpr?, SourceRange)
    case sim(LoweredSim, SourceRange)
    /// `on … { }`: registers a handler (Semantics/HandlerTable.swift).
    case on(LoweredHandler)
    /// `watch [for d]`.
    case watch(LoweredExpr?, SourceRange)
    case breakLoop
    case continueLoop
    /// A `def` already hoisted into the function table; nothing to run.
    case nothing
}

/// How an `every` loop ends, resolved.
enum LoweredEveryLimit: Sendable {
    case duration(LoweredExpr)
    case until(LoweredExpr)
    case times(LoweredExpr)
}

/// A resolved `show`.
enum LoweredShow: Sendable {
    case account, balances, spot, loans
    case orders(LoweredExpr?)
    case isolated(LoweredExpr?)
    case rates(LoweredExpr)
    case history(BorrowOrRepay, LoweredExpr?)
}

/// A resolved `sim` statement.
enum LoweredSim: Sendable {
    case price(symbol: LoweredExpr, price: LoweredExpr)
    case shock(symbol: LoweredExpr, percent: LoweredExpr)
    case advance(LoweredExpr)
    case deposit(amount: LoweredExpr, asset: LoweredExpr, to: LoweredPlace)
    case reset(LoweredExpr?)
    case replay([LoweredExpr])
}
