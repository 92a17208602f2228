import BinanceMargin

/// A statement with its source range.
package struct Stmt: Sendable {
    /// What the statement is.
    package indirect enum Kind: Sendable {
        /// An expression (a call, or an action such as `borrow …`).
        case expression(Expr)
        /// `let name = expr`.
        case `let`(name: String, nameRange: SourceRange, value: Expr)
        /// `name = expr`.
        case assign(name: String, nameRange: SourceRange, value: Expr)
        /// `if c { } else if c { } else { }`.
        case `if`(branches: [(condition: Expr, body: [Stmt])], otherwise: [Stmt]?)
        /// `while c { }`.
        case `while`(condition: Expr, body: [Stmt])
        /// `for name in list { }`.
        case `for`(name: String, nameRange: SourceRange, sequence: Expr, body: [Stmt])
        /// `every <duration> [for <duration> | until <cond> | times <n>] { }`.
        case every(interval: Expr, limit: EveryLimit?, body: [Stmt])
        /// `wait <duration>`.
        case wait(Expr)
        /// `wait until <cond> [timeout <duration>]`.
        case waitUntil(condition: Expr, timeout: Expr?)
        /// `assert <cond> [, "message"]`.
        case assert(condition: Expr, message: Expr?)
        /// `print a, b, …`.
        case print([Expr])
        /// `show …`.
        case show(ShowTarget)
        /// `def name(params) { }`.
        case def(name: String, nameRange: SourceRange, parameters: [(name: String, range: SourceRange)], body: [Stmt])
        /// `return [expr]`.
        case `return`(Expr?)
        /// `exit [code]`.
        case exit(Expr?)
        /// `sim …` (simulator backends only).
        case sim(SimCommand)
        /// `break`.
        case `break`
        /// `continue`.
        case `continue`
        /// `on <event> { }`: a handler (Syntax/Handler.swift).
        case on(Handler)
        /// `watch [for <duration>]`: wait for events, running handlers.
        case watch(Expr?)
    }

    /// What the statement is.
    package var kind: Kind
    /// Where it is.
    package var range: SourceRange
}

/// How an `every` loop ends.
package enum EveryLimit: Sendable {
    /// `for <duration>`: stop once this much time has passed since the loop started.
    case duration(Expr)
    /// `until <cond>`: checked before each tick.
    case until(Expr)
    /// `times <n>`: run the body n times.
    case times(Expr)
}

/// What `show` displays.
package enum ShowTarget: Sendable {
    /// The cross margin summary: level, totals, flags.
    case account
    /// Cross margin balances per asset.
    case balances
    /// The spot wallet's balances per asset.
    case spot
    /// Debts (borrowed + interest) per asset, cross and isolated.
    case loans
    /// Open orders, optionally for one symbol.
    case orders(Expr?)
    /// Isolated pairs, optionally one.
    case isolated(Expr?)
    /// Daily interest rate history of an asset.
    case rates(Expr)
    /// Borrow or repay records, optionally for one asset.
    case history(BorrowOrRepay, Expr?)
}

/// Which kind of loan record.
package enum BorrowOrRepay: String, Sendable {
    /// Borrow records or repay records.
    case borrow, repay
}

/// A `sim` scenario statement (rejected on live Binance).
package enum SimCommand: Sendable {
    /// `sim price <SYMBOL> <price>`.
    case price(symbol: Expr, price: Expr)
    /// `sim shock <SYMBOL> <pct>%` — move the price by a percentage.
    case shock(symbol: Expr, percent: Expr)
    /// `sim advance <duration>` — move the simulator's clock (interest, fills, liquidations).
    case advance(Expr)
    /// `sim deposit <amount> <ASSET> [to spot | to margin | to isolated <SYMBOL>]` (default spot).
    case deposit(amount: Expr, asset: Expr, to: Place)
    /// `sim reset ["scenario"]`.
    case reset(Expr?)
    /// `sim replay "FILE.csv" [, "FILE.csv" …]` — replay Binance kline files (docs/replay.md).
    case replay([Expr])
}
