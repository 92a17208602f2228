import Mops

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
/// ``standard`` reads every list from the language's own tables (`Vocabulary`, `Builtins`), so
/// completion cannot drift from the parser; the REPL adds the interpreter's host functions, if it has any.
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
    /// The commands of `sim`.
    public var simCommands: [String]
    /// The wallets of a transfer: `spot`, `margin`, `isolated`.
    public var places: [String]
    /// The fields of the records actions return (orders and transactions), offered after `name.`.
    public var recordFields: [String]

    /// Makes a vocabulary; every list is kept as given (the completer sorts its answers).
    public init(statementKeywords: [String], builtins: [String: [ArgumentKind]], expressionWords: [String],
                orderTypes: [String], timeInForce: [String], sideEffects: [String], showTargets: [String],
                simCommands: [String] = [], places: [String] = [], recordFields: [String] = []) {
        self.statementKeywords = statementKeywords
        self.builtins = builtins
        self.expressionWords = expressionWords
        self.orderTypes = orderTypes
        self.timeInForce = timeInForce
        self.sideEffects = sideEffects
        self.showTargets = showTargets
        self.simCommands = simCommands
        self.places = places
        self.recordFields = recordFields
    }

    /// The language's own words, read from its one table of words (`Vocabulary` in Mops) and
    /// `Builtins.standard` (with their argument kinds).
    public static let standard = LanguageWords(
        statementKeywords: Vocabulary.statementKeywords.map(\.rawValue),
        builtins: argumentKinds(of: Builtins.standard),
        expressionWords: Vocabulary.expressionKeywords.map(\.rawValue),
        orderTypes: Vocabulary.orderTypes,
        timeInForce: Vocabulary.timeInForce,
        sideEffects: Vocabulary.sideEffects,
        showTargets: Vocabulary.showTargets,
        simCommands: Vocabulary.simCommands,
        places: Vocabulary.places,
        recordFields: Array(Set(Vocabulary.recordFields.values.flatMap { $0.map(\.name) })).sorted()
    )

    /// Each builtin of `table` by name, with the kinds of its arguments (assets, symbols, anything else).
    public static func argumentKinds(of table: [Builtin]) -> [String: [ArgumentKind]] {
        var kinds: [String: [ArgumentKind]] = [:]
        for builtin in table {
            kinds[builtin.name] = builtin.parameters.map { parameter in
                switch parameter.kind {
                case .asset: return .asset
                case .symbol: return .symbol
                default: return .expression
                }
            }
        }
        return kinds
    }
}
