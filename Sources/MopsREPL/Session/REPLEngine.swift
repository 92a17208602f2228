import BinanceMargin
import Mops

/// Where the session's statements go, as the banner and prompt show it.
public enum BackendLabel: Sendable, Equatable {
    /// The embedded simulated exchange.
    case simulator
    /// Binance itself, with real money.
    case live
    /// Any Binance-compatible server, e.g. `mops sim serve`.
    case url(String)

    /// `[SIM]`, `[LIVE]` or `[http://127.0.0.1:8080]`.
    public var tag: String {
        switch self {
        case .simulator: return "[SIM]"
        case .live: return "[LIVE]"
        case .url(let url): return "[\(url)]"
        }
    }

    /// A sentence for `:backend` and the banner.
    public var explanation: String {
        switch self {
        case .simulator: return "the embedded simulated exchange (nothing leaves this process)"
        case .live: return "Binance LIVE: statements move real money; each change asks for confirmation"
        case .url(let url): return "the Binance-compatible server at \(url)"
        }
    }

    /// Whether statements move real money (so mutating statements ask first).
    public var isLive: Bool { self == .live }
}

/// The account as the prompt and banner summarise it.
public struct AccountStatus: Sendable, Equatable {
    /// The cross margin level; nil when there is no debt (Binance then reports 999).
    public var marginLevel: Number?
    /// One line for the banner, e.g. `cross margin: 0.5 BTC net, debt 100 USDT, margin level 3.42`.
    public var summary: String
    /// The account's margin bars (tradeCoeff), which colour the level in the prompt.
    public var bars: MarginBars

    /// Makes a status.
    public init(marginLevel: Number?, summary: String, bars: MarginBars = .classic) {
        self.marginLevel = marginLevel
        self.summary = summary
        self.bars = bars
    }
}

/// The asset and symbol codes the exchange trades (from exchangeInfo), for completion.
public struct MarketCodes: Sendable, Equatable {
    /// Asset codes, e.g. `BTC`, `USDT`.
    public var assets: [String]
    /// Symbol codes, e.g. `BTCUSDT`.
    public var symbols: [String]

    /// Makes a set of codes.
    public init(assets: [String] = [], symbols: [String] = []) {
        self.assets = assets
        self.symbols = symbols
    }
}

/// A variable of the session as `:vars` lists it.
public struct VariableSummary: Sendable, Equatable {
    /// Its name.
    public var name: String
    /// Its value as the language prints it.
    public var value: String

    /// Makes a summary.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// Why the engine refused a meta command (`:reset` on a live backend, `:plan` not supported, …).
public struct REPLEngineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong and what to do.
    public var message: String

    /// Makes an error.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}

/// Asked before a mutating statement is sent to a live backend: gets the requests that would be
/// sent, answers whether to send them.
public typealias ConfirmationHook = @Sendable (_ plan: String) async -> Bool

/// The language session behind the REPL: an interpreter that keeps variables across inputs, bound
/// to a backend.
///
/// The REPL talks to the language only through this protocol, so it can be tested with a scripted
/// engine; `InterpreterEngine` adapts the real interpreter.
public protocol REPLEngine: Sendable {
    /// Where statements go.
    var backend: BackendLabel { get }
    /// The language's keywords and builtins (for completion).
    func languageWords() async -> LanguageWords
    /// Topics `:help` knows: statements, builtins.
    func helpTopics() async -> [String]
    /// The help for one topic with an example, or nil if there is no such topic.
    func help(topic: String) async -> String?
    /// Whether `source` is an unfinished statement: a parse error that is only "unexpected end of input".
    func needsMoreInput(_ source: String) async -> Bool
    /// Whether `source` is complete and its last statement is an `if` chain without a final
    /// `else`, so a next line starting with `else` would continue it.
    func endsWithOpenIf(_ source: String) async -> Bool
    /// Parses, checks and runs `source` (named `origin` in diagnostics) in the session, keeping its
    /// variables; `confirm` is asked before each mutating request on a live backend. Cancelling
    /// the calling task stops it at the next statement boundary. Output and tables were already written; the
    /// outcome is the language's own (``RunOutcome``), which the REPL renders.
    func execute(_ source: String, origin: String, confirm: @escaping ConfirmationHook) async -> RunOutcome
    /// Runs `source` as a whole script (parsed and checked before anything runs) and returns the
    /// process exit code; used when stdin is not a terminal.
    func runScript(_ source: String, origin: String) async -> Int32
    /// The session's variables.
    func variables() async -> [VariableSummary]
    /// The account's margin level and a one-line summary.
    func accountStatus() async -> AccountStatus
    /// The exchange's assets and symbols.
    func marketCodes() async -> MarketCodes
    /// Whether plan mode is on (the session may start in it, e.g. `mops --dry-run`).
    func isPlanning() async -> Bool
    /// Turns plan mode (dry run: nothing is sent) on or off; returns what the REPL should say.
    func setPlanMode(_ on: Bool) async -> Result<String, REPLEngineError>
    /// Resets the simulator to its starting scenario and forgets the session's variables.
    func reset() async -> Result<String, REPLEngineError>
}
