import BinanceMargin

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
            for exit in (spec.otherwise.map { [$0] } ?? []) + spec.exits {
                switch exit.kind {
                case .limit(let p): parts.append(p)
                case .stop(let s, let l): parts += [s] + (l.map { [$0] } ?? [])
                }
            }
            return parts
        case .cancelOrder(let e): return [e]
        case .cancelByID(let id, let symbol, _): return [id, symbol]
        case .cancelAll(let symbol, _): return symbol.map { [$0] } ?? []
        case .leverage(let e): return [e]
        case .liquidate(let isolated): return isolated.map { [$0] } ?? []
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
    /// `leverage <3|5>`: the cross margin account's maximum leverage (`POST /sapi/v1/margin/max-leverage`).
    case leverage(Expr)
    /// `liquidate [isolated <SYMBOL>]`: closes every position to repay the debt (`POST /sapi/v1/margin/manual-liquidation`).
    case liquidate(isolated: Expr?)
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
