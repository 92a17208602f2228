/// Everything the completer may offer at one moment: the language's words plus what the session
/// knows now (variables, the exchange's assets and symbols, files on disk).
///
/// The REPL builds a fresh catalog before each prompt; the completer itself never waits for the
/// network, so Tab is instant even on a live backend.
public struct CompletionCatalog: Sendable {
    /// The language's keywords, builtins and statement words.
    public var words: LanguageWords
    /// Asset codes from exchangeInfo (`BTC`, `USDT`, …).
    public var assets: [String]
    /// Symbol codes from exchangeInfo (`BTCUSDT`, …).
    public var symbols: [String]
    /// Names of the session's variables and functions.
    public var variables: [String]
    /// Meta command names with their colon (`:help`, `:quit`, …).
    public var metaCommands: [String]
    /// Topics `:help` knows.
    public var helpTopics: [String]
    /// Lists the paths that complete a partial path; directories end with `/`.
    public var listFiles: @Sendable (_ partialPath: String) -> [String]
    /// Whether the line before closed a multi-line `if` that an `else` line may continue (the REPL
    /// is waiting for it), so `else` is offered at the start of this line.
    public var elseMayFollow: Bool

    /// Makes a catalog; `listFiles` defaults to none (tests), the REPL passes ``FileNames/matching(_:)``.
    public init(words: LanguageWords = .standard, assets: [String] = [], symbols: [String] = [],
                variables: [String] = [], metaCommands: [String] = [], helpTopics: [String] = [],
                listFiles: @escaping @Sendable (String) -> [String] = { _ in [] }, elseMayFollow: Bool = false) {
        self.words = words
        self.assets = assets
        self.symbols = symbols
        self.variables = variables
        self.metaCommands = metaCommands
        self.helpTopics = helpTopics
        self.listFiles = listFiles
        self.elseMayFollow = elseMayFollow
    }
}
