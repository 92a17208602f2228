import BinanceMargin

extension Interpreter {
    /// Everything an interpreter needs from its host. Every field has a documented default, so
    /// `Interpreter.Configuration()` is a working (backend-less, pure) interpreter.
    public struct Configuration: Sendable {
        /// The exchange the script talks to, with its client and clock, as one value (they cannot disagree):
        /// ``Backend/connected(to:name:clock:)`` for any ``MarginClient`` (live Binance, a URL such as
        /// `mops sim serve`, or the in-process simulator). Default: ``Backend/none`` — account values and
        /// mutating statements then fail with "no backend".
        public var backend: Backend
        /// The backend's client (nil without one).
        public var client: MarginClient? { backend.client }
        /// Where time comes from (`now`, `wait`, `every`): the backend's clock.
        public var clock: any InterpreterClock { backend.clock }
        /// Receives `print` lines, `show` tables and notes. Default: discards them.
        public var output: @Sendable (OutputEvent) -> Void
        /// Receives every diagnostic a compile or run reports (compile errors, the runtime error, the
        /// cancellation note), with the source it refers to, as it is reported. Default: discards them
        /// (they are in the returned ``RunOutcome``/``CompileFailure`` either way).
        public var diagnostics: @Sendable (Diagnostic, Source) -> Void
        /// Asked before each request that changes the account is sent; return false to refuse it
        /// (the script stops with a runtime error). Default: nil — on a simulator everything is approved;
        /// on a live backend (``Backend/live(_:)`` or a client whose base URL is Binance's) every such
        /// request is refused before it is sent: embedding fails closed, so live trading needs a hook.
        public var confirm: (@Sendable (PendingAction) async -> Bool)?
        /// The most statements one run may execute (a runaway-loop guard). Default: nil — no limit.
        public var stepLimit: Int?
        /// The most wall-clock time one run may take, in milliseconds. Default: nil — no limit.
        public var timeLimitMilliseconds: Int64?
        /// What scripts may do. Default: ``Capabilities/standard`` — everything but ``Capabilities/live``:
        /// an interpreter talks to live Binance only when the host grants `.live` (e.g. ``Capabilities/all``).
        public var capabilities: Capabilities
        /// What the interpreter says (as ``OutputEvent/note(_:)``) after each request that changes the account.
        /// Default: ``ActionNotes/none``.
        public var actionNotes: ActionNotes
        /// Functions the host adds to the language (see ``Builtin/host(_:arity:summary:example:_:)``). Default: none.
        public var hostFunctions: [Builtin]
        /// The account's events, pushed by the host, that drive `on … { }` handlers (docs/language.md, "Handlers").
        /// Default: nil — handlers on the margin level and status are then polled (every minute of simulated time,
        /// every 5 s of real time), and `on fill` / `on balance` / `on liability` are refused when registered.
        public var events: EventFeed?

        /// Makes a configuration; every argument has the default documented on its property.
        public init(backend: Backend = .none,
                    output: @escaping @Sendable (OutputEvent) -> Void = { _ in },
                    diagnostics: @escaping @Sendable (Diagnostic, Source) -> Void = { _, _ in },
                    confirm: (@Sendable (PendingAction) async -> Bool)? = nil,
                    stepLimit: Int? = nil,
                    timeLimitMilliseconds: Int64? = nil, capabilities: Capabilities = .standard,
                    actionNotes: ActionNotes = .none, hostFunctions: [Builtin] = [], events: EventFeed? = nil) {
            self.backend = backend
            self.output = output
            self.diagnostics = diagnostics
            self.confirm = confirm
            self.stepLimit = stepLimit
            self.timeLimitMilliseconds = timeLimitMilliseconds
            self.capabilities = capabilities
            self.actionNotes = actionNotes
            self.hostFunctions = hostFunctions
            self.events = events
        }
    }

    /// What the interpreter says after each request that changes the account (see ``Configuration/actionNotes``).
    public enum ActionNotes: Sendable, Hashable {
        /// Nothing: scripts stay quiet (``RunOutcome/performed`` lists what was sent).
        case none
        /// One line per request that succeeded: what was done, its id and the margin level after, of the
        /// account concerned — `borrowed 10 USDT (tranId 100001); margin level 12.5 (cross)` (the REPL; `mops run -v`).
        case sent
        /// Plan mode: each request and the projected margin level — `  → borrow 10 USDT; projected margin level
        /// 12.5 (cross)`. The host points ``Configuration/client`` at a simulated copy so nothing real is sent.
        case projected
    }

    /// The exchange a run talks to: its kind, its name in messages, its client and its clock — one value, so
    /// the client, the kind and the clock cannot disagree (the kind of a connected backend comes from its client).
    public struct Backend: Sendable, CustomStringConvertible {
        /// Which kind of exchange it is.
        public enum Kind: Sendable, Hashable {
            /// No exchange: pure computation only.
            case none
            /// A simulator (embedded or over HTTP); `sim` statements are allowed.
            case simulator
            /// Live Binance: `sim` statements are rejected before anything runs.
            case live
        }

        /// Which kind of exchange it is.
        public let kind: Kind
        /// How messages name it: `simulator (embedded)`, `live Binance (https://api.binance.com)`, `no backend`.
        public let name: String
        /// The client every request goes through; nil for ``none`` and for a backend described for checking only.
        public let client: MarginClient?
        /// Where `now`, `wait` and `every` get time.
        public let clock: any InterpreterClock

        /// No exchange: pure computation only.
        public static let none = Backend(kind: .none, name: "no backend", client: nil, clock: WallClock())

        /// A backend reached through `client`: live when the client's base URL is Binance's own (default clock
        /// ``WallClock``), a simulator otherwise (default clock ``SimulatorClock``, so `wait 1h` advances virtual time
        /// at once; pass `WallClock()` to run a simulator in real time). `name` defaults to `live Binance` or `simulator`.
        public static func connected(to client: MarginClient, name: String? = nil, clock: (any InterpreterClock)? = nil) -> Backend {
            client.isLive
                ? Backend(kind: .live, name: name ?? "live Binance", client: client, clock: clock ?? WallClock())
                : Backend(kind: .simulator, name: name ?? "simulator", client: client, clock: clock ?? SimulatorClock(client: client))
        }

        /// A simulator named `name` without a client: how a script is checked for a simulator (`mops check`).
        public static func simulator(_ name: String) -> Backend { Backend(kind: .simulator, name: name, client: nil, clock: WallClock()) }

        /// Live Binance named `name` without a client: how a script is checked for live (`mops check --live`).
        public static func live(_ name: String) -> Backend { Backend(kind: .live, name: name, client: nil, clock: WallClock()) }

        /// Whether this is live Binance.
        public var isLive: Bool { kind == .live }

        /// Whether `sim` statements can work here.
        public var isSimulator: Bool { kind == .simulator }

        /// The name.
        public var description: String { name }
    }

    /// What scripts may do.
    public struct Capabilities: OptionSet, Sendable, Hashable {
        /// The bits of the set (one per capability below).
        public let rawValue: Int
        /// Makes a set from its bits; prefer the named capabilities and sets.
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// Read account values and market data.
        public static let read = Capabilities(rawValue: 1 << 0)
        /// Borrow, repay, transfer, place and cancel orders.
        public static let trade = Capabilities(rawValue: 1 << 1)
        /// `sim` scenario statements.
        public static let simulate = Capabilities(rawValue: 1 << 2)
        /// `wait`, `wait until`, `every`.
        public static let wait = Capabilities(rawValue: 1 << 3)
        /// Talking to live Binance at all (a live ``Backend`` or a client whose base URL is Binance's);
        /// without it every script is refused before anything runs.
        public static let live = Capabilities(rawValue: 1 << 4)

        /// Queries only: nothing that changes the account or the simulator, and no live backend.
        public static let readOnly: Capabilities = [.read, .wait]
        /// Everything except live Binance: the default.
        public static let standard: Capabilities = [.read, .trade, .simulate, .wait]
        /// Everything, live Binance included.
        public static let all: Capabilities = [.read, .trade, .simulate, .wait, .live]
    }

    /// A request that changes the account, described for the confirmation hook before it is sent.
    public struct PendingAction: Sendable, Hashable, CustomStringConvertible {
        /// `borrow`, `repay`, `transfer`, `order`, `cancel`, `sim`.
        public var kind: String
        /// What will be sent, in words: `borrow 100 USDT (isolated BTCUSDT)`.
        public var summary: String
        /// Where in the script.
        public var range: SourceRange

        /// The summary.
        public var description: String { summary }
    }
}
