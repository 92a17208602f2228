import BinanceMargin

/// The syntax tree of a mops script, exactly as written (names are still names; the checker
/// resolves them and lowers the tree to ``Code`` for the evaluator).
package struct Script: Sendable {
    /// The top-level statements in order.
    package var statements: [Stmt]
}

/// An expression with its source range.
package struct Expr: Sendable {
    /// What the expression is.
    package indirect enum Kind: Sendable {
        /// A decimal literal.
        case number(Number)
        /// A percentage literal `50%`, carried as the percent figure (50).
        case percent(Number)
        /// A duration literal in milliseconds.
        case duration(Int64)
        /// `true` / `false`.
        case bool(Bool)
        /// `none`.
        case none
        /// A string with `{expr}` interpolations.
        case string([StringSegment])
        /// An asset or symbol code: `USDT`, `BTCUSDT`.
        case code(String)
        /// A variable, or a builtin used without arguments (`marginLevel`).
        case name(String)
        /// `-x`, `not x`.
        case unary(UnaryOperator, Expr)
        /// `a + b`, `a < b`, `a and b`, …
        case binary(BinaryOperator, Expr, Expr)
        /// `f(a, b)`: the callee's name and range, then the arguments.
        case call(String, SourceRange, [Expr])
        /// `o.status`.
        case member(Expr, String)
        /// `xs[0]`.
        case index(Expr, Expr)
        /// `[a, b]`.
        case list([Expr])
        /// A statement that changes the account, used as a value: `let o = buy 0.01 BTCUSDT`.
        case action(Action)
    }

    /// What the expression is.
    package let kind: Kind
    /// Where it is.
    package let range: SourceRange
    /// How many levels the tree has from this node down (a literal is 1); the parser keeps it
    /// within ``Limits/nesting``.
    let height: Int

    /// Makes a node; its height comes from its direct children, so building a tree stays linear.
    init(kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
        self.height = kind.children.reduce(0) { Swift.max($0, $1.height) } + 1
    }
}

extension Expr.Kind {
    /// The direct sub-expressions of a node.
    var children: [Expr] {
        switch self {
        case .number, .percent, .duration, .bool, .none, .code, .name: return []
        case .string(let segments):
            return segments.compactMap { if case .expr(let e) = $0 { return e } else { return nil } }
        case .unary(_, let e), .member(let e, _): return [e]
        case .binary(_, let a, let b), .index(let a, let b): return [a, b]
        case .call(_, _, let arguments): return arguments
        case .list(let items): return items
        case .action(let action): return action.children
        }
    }
}

extension Action {
    /// The expressions an account-changing statement is made of.
    var children: [Expr] {
        switch self {
        case .borrow(let amount, let asset, let isolated): return [amount, asset] + (isolated.map { [$0] } ?? [])
        case .repay(let amount, let asset, let isolated): return [amount, asset, isolated].compactMap { $0 }
        case .transfer(let amount, let asset, let from, let to): return [amount, asset, from.symbol, to.symbol].compactMap { $0 }
        case .order(let spec):
            var parts = [spec.amount, spec.symbol] + [spec.quoteAsset, spec.clientOrderID].compactMap { $0 }
            switch spec.type {
            case .market: break
            case .limit(let p), .maker(let p): parts.append(p)
            case .stop(let s, let l), .takeProfit(let s, let l): parts += [s] + (l.map { [$0] } ?? [])
            }
            return parts
        case .cancelOrder(let e): return [e]
        case .cancelByID(let id, let symbol, _): return [id, symbol]
        case .cancelAll(let symbol, _): return symbol.map { [$0] } ?? []
        }
    }
}

extension Place {
    /// The isolated pair's symbol expression, if this place is one.
    var symbol: Expr? {
        if case .isolated(let e) = self { return e }
        return nil
    }
}

/// A piece of a string literal.
package enum StringSegment: Sendable {
    /// Literal text.
    case text(String)
    /// An interpolated expression.
    case expr(Expr)
}

/// Prefix operators.
package enum UnaryOperator: String, Sendable {
    /// `-x` and `not x`.
    case negate = "-", not = "not"
}

/// Infix operators, loosest first: `or`, `and`, comparisons, `+ -`, `* /`.
package enum BinaryOperator: String, Sendable {
    /// Logic (short-circuit).
    case or, and
    /// Comparisons.
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    /// Arithmetic.
    case add = "+", subtract = "-", multiply = "*", divide = "/"
}

/// The statements that send requests changing the account. Each is also an expression whose
/// value is the result (a transaction or an order).
package indirect enum Action: Sendable {
    /// `borrow <amount> <ASSET> [isolated <SYMBOL>]`; the amount may be a percentage of `maxBorrowable`.
    case borrow(amount: Expr, asset: Expr, isolated: Expr?)
    /// `repay (<amount> | <pct>% | all) <ASSET> [isolated <SYMBOL>]`; nil amount means `all`.
    case repay(amount: Expr?, asset: Expr, isolated: Expr?)
    /// `transfer (<amount> | <pct>% | all) <ASSET> [from <place>] [to <place>]`; nil amount means `all`.
    case transfer(amount: Expr?, asset: Expr, from: Place, to: Place)
    /// `buy` / `sell`.
    case order(OrderSpec)
    /// `cancel <order>`.
    case cancelOrder(Expr)
    /// `cancel <orderId> <SYMBOL> [isolated]`.
    case cancelByID(id: Expr, symbol: Expr, isolated: Bool)
    /// `cancel all [<SYMBOL>] [isolated]`.
    case cancelAll(symbol: Expr?, isolated: Bool)
}

/// An account a transfer moves between.
package enum Place: Sendable {
    /// The spot wallet.
    case spot
    /// The cross margin account.
    case margin
    /// An isolated margin pair.
    case isolated(Expr)
}

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
    /// `id "..."`: the client order id.
    package var clientOrderID: Expr?
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
