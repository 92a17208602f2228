/// The words of the mops language, in one place: statement keywords, the words that may follow
/// them, and the fields of the records actions return.
///
/// The parser (its did-you-mean suggestions and the words that cannot name a variable), the
/// checker (record fields), statement help, the REPL's completion and the documentation tests read
/// these tables; none keeps a copy. `VocabularyTests` fails when a consumer disagrees.
package enum Vocabulary {
    /// The keywords that open a statement, in reference order (each has a ``StatementHelp`` entry).
    package static let statementKeywords: [Keyword] = [
        .borrow, .repay, .transfer, .buy, .sell, .cancel, .leverage, .liquidate, .let, .if, .while, .for, .every, .wait,
        .assert, .print, .show, .def, .return, .exit, .break, .continue, .sim,
    ]

    /// The keywords of statements that change the account (each is also an expression whose value is the result).
    package static let actionKeywords: [Keyword] = [.borrow, .repay, .transfer, .buy, .sell, .cancel, .leverage, .liquidate]

    /// The keywords that may stand anywhere in an expression.
    package static let expressionKeywords: [Keyword] = [.and, .or, .not, .true, .false, .none]

    /// What `show` can show.
    package static let showTargets = ["account", "balances", "spot", "loans", "orders", "isolated", "rates", "history"]

    /// The commands of `sim`.
    package static let simCommands = ["price", "shock", "advance", "deposit", "reset", "replay"]

    /// The wallets a transfer (or `sim deposit`) names: `spot`, `margin`, `isolated <SYMBOL>`.
    package static let places = ["spot", "margin", "isolated"]

    /// Order types that may follow the symbol of a `buy` / `sell`.
    package static let orderTypes = ["market", "limit", "maker", "stop", "take-profit"]

    /// Time-in-force words that may follow a limit price.
    package static let timeInForce = TimeInForceWord.allCases.map(\.rawValue)

    /// Side effects (`autoborrow` = MARGIN_BUY, `autorepay` = AUTO_REPAY, `auto` = AUTO_BORROW_REPAY).
    package static let sideEffects = SideEffectWord.allCases.map(\.rawValue)

    /// Every option that may follow the symbol of a `buy` / `sell`.
    package static let orderOptions = orderTypes + timeInForce + ["isolated"] + sideEffects + ["id", "then"]

    /// Words that have a meaning inside statements and so cannot name variables.
    package static let contextualWords = Set(places + ["of", "to", "from", "times"] + orderOptions)

    /// The fields of each kind of record actions return, in the order records hold them, with the
    /// type the checker gives each (`any` where a field may be `none`).
    package static let recordFields: [ValueType: [(name: String, type: ValueType)]] = [
        .order: [
            ("id", .number), ("clientId", .string), ("symbol", .code), ("side", .string), ("type", .string),
            ("status", .string), ("price", .number), ("stopPrice", .number), ("qty", .number), ("executedQty", .number),
            ("quoteQty", .number), ("isolated", .bool), ("time", .number), ("borrowed", .number), ("borrowedAsset", .any),
            ("timeInForce", .any), ("isOpen", .bool), ("filled", .bool),
        ],
        .orderList: [
            ("id", .number), ("clientId", .string), ("symbol", .code), ("kind", .string), ("status", .string),
            ("statusType", .string), ("isolated", .bool), ("time", .number), ("legs", .list), ("borrowed", .number),
            ("borrowedAsset", .any), ("isOpen", .bool),
        ],
        .transaction: [
            ("id", .any), ("kind", .string), ("asset", .code), ("amount", .number), ("symbol", .any), ("from", .string),
            ("to", .string), ("remaining", .any),
        ],
    ]

    /// The field names of a record kind (`order`, `orderList`, `transaction`) in record order.
    package static func fieldNames(of type: ValueType) -> [String] {
        recordFields[type]?.map(\.name) ?? []
    }
}
