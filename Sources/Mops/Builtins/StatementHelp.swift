/// The one table of statement help: synopsis, what it does, an example. The REPL's `help`
/// and completion read it; `docs/language.md` documents the same statements.
package struct StatementHelp: Sendable, Hashable {
    /// The statement's leading word: `borrow`, `if`, `show`, …
    package var name: String
    /// The grammar in one line.
    package var synopsis: String
    /// What it does.
    package var summary: String
    /// A working example.
    package var example: String

    /// Every statement, in reference order.
    package static let all: [StatementHelp] = [
        .init(name: "borrow", synopsis: "borrow <amount> | <pct>% <ASSET> [isolated <SYMBOL>]",
              summary: "Borrows an asset in the cross account or an isolated pair; a percentage is of maxBorrowable. Yields a transaction.",
              example: "borrow 100 USDT isolated BTCUSDT"),
        .init(name: "repay", synopsis: "repay <amount> | <pct>% | all <ASSET> [isolated <SYMBOL>]",
              summary: "Repays debt (interest first). `all` repays borrowed + interest and verifies nothing is left; a percentage is of the debt.",
              example: "if marginLevel < 1.5 { repay all USDT }"),
        .init(name: "transfer", synopsis: "transfer <amount> | <pct>% | all <ASSET> [from spot|margin|isolated <SYMBOL>] [to spot|margin|isolated <SYMBOL>]",
              summary: "Moves an asset between spot, cross margin and isolated pairs (a missing side is spot). `all` moves maxTransferable.",
              example: "transfer 500 USDT to isolated BTCUSDT"),
        .init(name: "buy", synopsis: "buy <qty> <SYMBOL> [market | limit <p> [gtc|ioc|fok] | maker <p> | stop <p> [limit <p>] | take-profit <p> [limit <p>]] [isolated] [autoborrow|autorepay|auto] [id \"...\"] [or <exit> | then <exit> [or <exit>]]",
              summary: "Places a buy order (filters checked first); `buy <amount> <QUOTE> of <SYMBOL>` spends a quote amount. Yields an order; with `or` an OCO, with `then` a bracket (an order list).",
              example: "let o = buy 0.01 BTCUSDT limit 60000 autoborrow id \"ladder-1\""),
        .init(name: "sell", synopsis: "sell <qty> <SYMBOL> [order type] [isolated] [side effect] [id \"...\"]",
              summary: "Places a sell order; like buy.", example: "sell 0.01 BTCUSDT stop 55000 limit 54900 autorepay"),
        .init(name: "cancel", synopsis: "cancel <order> | cancel <orderId> <SYMBOL> [isolated] | cancel all [<SYMBOL>] [isolated]",
              summary: "Cancels one order or order list (a value, or an order id with its symbol) or every open order.",
              example: "for o in openOrders(BTCUSDT) { cancel o }"),
        .init(name: "leverage", synopsis: "leverage 3 | 5",
              summary: "Sets the cross margin account's maximum leverage (max-leverage; 5 needs the account's conditions). Yields the leverage.",
              example: "leverage 5"),
        .init(name: "liquidate", synopsis: "liquidate [isolated <SYMBOL>]",
              summary: "Manual liquidation: Binance sells the account's assets to repay all of its debt. Yields what was repaid.",
              example: "if marginLevel < 1.15 { liquidate }"),
        .init(name: "let", synopsis: "let <name> = <expr>", summary: "Declares a variable (scoped to its block); `name = expr` reassigns.",
              example: "let floor_level = 1.5"),
        .init(name: "if", synopsis: "if <cond> { … } else if <cond> { … } else { … }", summary: "Runs the first block whose condition is true.",
              example: "if marginLevel < 1.5 { repay all USDT }"),
        .init(name: "while", synopsis: "while <cond> { … }", summary: "Repeats while the condition is true (account values are re-read each time).",
              example: "while marginLevel < 2 and debt(USDT) > 0 { repay 100 USDT }"),
        .init(name: "for", synopsis: "for <name> in <list> { … }", summary: "Runs the block once per item.",
              example: "for a in [USDT, BTC] { repay all a }"),
        .init(name: "every", synopsis: "every <duration> [for <duration> | until <cond> | times <n>] { … }",
              summary: "Runs the block on a fixed schedule; a tick that comes late is skipped, never queued.",
              example: "every 1m for 1h { print marginLevel }"),
        .init(name: "wait", synopsis: "wait <duration> | wait until <cond> [timeout <duration>]",
              summary: "Pauses, or polls a condition until it holds (failing after the timeout). Simulator time is virtual.",
              example: "wait until price(BTCUSDT) < 58000 timeout 1h"),
        .init(name: "assert", synopsis: "assert <cond> [, <message>]", summary: "Stops the script with exit code 1 when the condition is false.",
              example: "assert debt(USDT) == 0, \"debt left\""),
        .init(name: "print", synopsis: "print <expr>, …", summary: "Prints values separated by spaces; strings interpolate {expr}.",
              example: "print \"level {round(marginLevel, 3)}\""),
        .init(name: "show", synopsis: "show account | balances | spot | loans | orders [SYMBOL] | isolated [SYMBOL] | rates ASSET | history borrow|repay [ASSET]",
              summary: "Shows account state as a table.", example: "show loans"),
        .init(name: "def", synopsis: "def <name>(<params>) { … return <expr> }", summary: "Defines a function (top level only; callable before its definition).",
              example: "def notional(q, p) { return q * p }"),
        .init(name: "return", synopsis: "return [<expr>]", summary: "Returns from a function (none when no value).", example: "return x * 2"),
        .init(name: "exit", synopsis: "exit [<code>]", summary: "Ends the script with an exit code (default 0).", example: "exit 3"),
        .init(name: "break", synopsis: "break", summary: "Leaves the innermost loop.", example: "if done { break }"),
        .init(name: "continue", synopsis: "continue", summary: "Goes to the next iteration of the innermost loop.", example: "if o.price > 0 { continue }"),
        .init(name: "sim", synopsis: "sim price SYMBOL <p> | sim shock SYMBOL <pct>% | sim advance <duration> | sim deposit <amount> ASSET [to spot|margin|isolated SYMBOL] | sim reset [\"scenario\"] | sim replay \"FILE.csv\"[, …]",
              summary: "Scenario control on a simulator backend (refused before anything runs on live Binance).",
              example: "sim shock BTCUSDT -20%"),
    ]

    /// The help entry for a statement word.
    package static func named(_ name: String) -> StatementHelp? { all.first { $0.name == name } }
}
