/// What kind of value a builtin's argument takes, so completion inside `price(` offers symbols.
public enum ArgumentKind: Sendable, Hashable {
    /// An asset code such as `USDT`.
    case asset
    /// A symbol code such as `BTCUSDT`.
    case symbol
    /// Any expression.
    case expression
}

/// The words of the mops language the completer offers, grouped by the place they may stand.
///
/// ``standard`` mirrors the language reference (`docs/language.md`); the REPL replaces the
/// statement keywords and builtins with the interpreter's own tables when it has them, so the two
/// cannot drift apart.
public struct LanguageWords: Sendable, Equatable {
    /// Words that start a statement: `borrow`, `if`, `show`, …
    public var statementKeywords: [String]
    /// Builtin functions and values, each with the kinds of its leading arguments.
    public var builtins: [String: [ArgumentKind]]
    /// Words that may stand anywhere in an expression: `and`, `or`, `not`, `true`, `false`, `none`.
    public var expressionWords: [String]
    /// Order types that may follow the symbol of a `buy` / `sell`.
    public var orderTypes: [String]
    /// Time-in-force words that may follow a limit price.
    public var timeInForce: [String]
    /// Side effects (`autoborrow` = MARGIN_BUY, `autorepay` = AUTO_REPAY, `auto` = AUTO_BORROW_REPAY).
    public var sideEffects: [String]
    /// What `show` can show.
    public var showTargets: [String]

    /// Makes a vocabulary; every list is kept as given (the completer sorts its answers).
    public init(statementKeywords: [String], builtins: [String: [ArgumentKind]], expressionWords: [String],
                orderTypes: [String], timeInForce: [String], sideEffects: [String], showTargets: [String]) {
        self.statementKeywords = statementKeywords
        self.builtins = builtins
        self.expressionWords = expressionWords
        self.orderTypes = orderTypes
        self.timeInForce = timeInForce
        self.sideEffects = sideEffects
        self.showTargets = showTargets
    }

    /// The language as documented in `docs/language.md`.
    public static let standard = LanguageWords(
        statementKeywords: [
            "borrow", "repay", "transfer", "buy", "sell", "cancel", "let", "if", "while", "for", "every",
            "wait", "assert", "print", "show", "def", "return", "exit", "break", "continue", "sim",
        ],
        builtins: [
            "marginLevel": [.symbol], "totalAsset": [], "totalLiability": [], "netAsset": [.asset, .symbol],
            "free": [.asset, .symbol], "locked": [.asset, .symbol], "borrowed": [.asset, .symbol],
            "interest": [.asset, .symbol], "debt": [.asset, .symbol], "rate": [.asset],
            "price": [.symbol], "maxBorrowable": [.asset, .symbol], "openOrders": [.symbol],
            "order": [.symbol], "min": [], "max": [], "abs": [], "round": [], "floor": [], "ceil": [],
            "len": [], "now": [],
        ],
        expressionWords: ["and", "or", "not", "true", "false", "none"],
        orderTypes: ["market", "limit", "maker", "stop", "take-profit"],
        timeInForce: ["gtc", "ioc", "fok"],
        sideEffects: ["autoborrow", "autorepay", "auto"],
        showTargets: ["account", "balances", "loans", "orders", "isolated", "rates", "history"]
    )
}
