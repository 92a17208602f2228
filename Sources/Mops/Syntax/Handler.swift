import BinanceMargin

/// An `on <event> { … }` handler as parsed: what it reacts to and its body (docs/language.md, "Handlers").
package struct Handler: Sendable {
    /// What the handler reacts to.
    package enum Trigger: Sendable {
        /// `on marginStatus [STATUS]`: the cross account's risk status changed (to STATUS).
        case marginStatus(String?)
        /// `on marginLevel <op> <expr>`: the margin level crossed into the condition (edge-triggered).
        case marginLevel(BinaryOperator, Expr)
        /// `on fill [SYMBOL]`: an order of the account (of SYMBOL) was filled, once per fill.
        case fill(String?)
        /// `on liquidation`: the account was liquidated.
        case liquidation
        /// `on balance [ASSET]`: a free or locked balance changed.
        case balance(String?)
        /// `on liability [ASSET]`: a debt changed (borrow, repay, interest).
        case liability(String?)
    }

    /// What the handler reacts to.
    package var trigger: Trigger
    /// The event word, e.g. `marginStatus`.
    package var event: HandlerEvent
    /// Where the trigger is written (`marginLevel < 1.3`).
    package var triggerRange: SourceRange
    /// Where the filter (STATUS, SYMBOL, ASSET) is written, when there is one.
    package var filterRange: SourceRange?
    /// The body.
    package var body: [Stmt]
}

/// The kinds of event a handler can name, with the fields its `event` record has.
package enum HandlerEvent: String, Sendable, CaseIterable {
    case marginStatus, marginLevel, fill, liquidation, balance, liability

    /// The event's fields and their types, in record order (what `event.<field>` may name).
    package var fields: [(name: String, type: ValueType)] {
        switch self {
        case .marginStatus: [("status", .string), ("previous", .any), ("level", .number), ("time", .number), ("coalesced", .number)]
        case .marginLevel: [("level", .number), ("status", .string), ("time", .number), ("coalesced", .number)]
        case .fill:
            [("symbol", .code), ("side", .string), ("price", .number), ("qty", .number), ("quoteQty", .number),
             ("orderId", .number), ("clientId", .string), ("status", .string), ("executedQty", .number),
             ("commission", .number), ("commissionAsset", .any), ("maker", .bool), ("isolated", .bool),
             ("time", .number), ("coalesced", .number)]
        case .liquidation: [("account", .string), ("sales", .number), ("text", .string), ("level", .any), ("time", .number), ("coalesced", .number)]
        case .balance: [("asset", .code), ("free", .number), ("locked", .number), ("time", .number), ("coalesced", .number)]
        case .liability: [("asset", .code), ("type", .string), ("principal", .number), ("interest", .number), ("time", .number), ("coalesced", .number)]
        }
    }

    /// How the handler is written, for messages and help.
    package var synopsis: String {
        switch self {
        case .marginStatus: "on marginStatus [NORMAL|EXCESSIVE|MARGIN_CALL|PRE_LIQUIDATION|FORCE_LIQUIDATION] { … }"
        case .marginLevel: "on marginLevel < 1.3 { … }"
        case .fill: "on fill [SYMBOL] { … }"
        case .liquidation: "on liquidation { … }"
        case .balance: "on balance [ASSET] { … }"
        case .liability: "on liability [ASSET] { … }"
        }
    }

    /// The statuses `on marginStatus` may name (Binance's MARGIN_LEVEL_STATUS_CHANGE values).
    package static let statuses = MarginLevelStatus.allCases.map(\.rawValue).filter { $0 != "UNKNOWN" }
}

extension StatementHelp {
    /// Help for `on` and `watch`, which are not reserved words (so not in ``all``, which follows
    /// ``Vocabulary/statementKeywords``); the REPL's `:help on` and `:help watch` show them.
    package static let handlerStatements: [StatementHelp] = [
        .init(name: "on", synopsis: "on marginStatus [STATUS] | marginLevel <op> <number> | fill [SYMBOL] | liquidation | balance [ASSET] | liability [ASSET] { … }",
              summary: "Registers a handler: its block runs when the event happens, with `event` in scope (edge-triggered for levels; one run waits per handler, the latest wins; fills one by one up to 100).",
              example: "on marginLevel < 1.3 { repay 25% USDT }"),
        .init(name: "watch", synopsis: "watch [for <duration>]",
              summary: "Waits for events, running the handlers: for the duration, or until Ctrl-C, an exit in a handler or the time limit.",
              example: "watch for 1h"),
    ]
}
