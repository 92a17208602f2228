import BinanceMargin
import Mops
import Synchronization

/// The REPL's engine over the real mops ``Interpreter``: one persistent session (variables and
/// functions survive between inputs) bound to a backend, with plan mode and simulator reset.
public actor InterpreterEngine: REPLEngine {
    /// A backend the session can run on: a client, with the interpreter's backend built from it (so they agree).
    public struct Connection: Sendable {
        /// The client every statement goes through.
        public let client: MarginClient
        /// The interpreter's backend: kind and name, this client, and where `now`, `wait` and `every` get time.
        public let backend: Interpreter.Backend

        /// Makes a connection to `client`, named `name` in messages, with `clock` (default: the client's kind's).
        public init(client: MarginClient, name: String, clock: (any InterpreterClock)? = nil) {
            self.client = client
            self.backend = .connected(to: client, name: name, clock: clock)
        }
    }

    /// How the banner and prompt name the backend.
    public nonisolated let backend: BackendLabel
    private let connection: Connection
    private let makePlanConnection: (@Sendable () async throws -> Connection)?
    private let output: TextSink
    private let color: Bool
    private let relay = ConfirmationRelay()
    /// The backend's events for the session's handlers (nil: handlers poll).
    private let events: EventFeed?
    private var session: Interpreter
    private var plan: Interpreter?
    private var codes: MarketCodes?
    private var bars: MarginBars?

    /// Makes an engine.
    /// - Parameters:
    ///   - connection: the backend.
    ///   - label: how the banner and prompt name it.
    ///   - output: where `print` lines, notes and `show` tables go.
    ///   - color: whether diagnostics are coloured.
    ///   - makePlanConnection: builds a simulated copy of the account for `:plan on` (nil: plan mode unavailable).
    ///   - events: the backend's events for `on … { }` handlers (nil: they poll the margin level).
    public init(connection: Connection, label: BackendLabel, output: TextSink = .standardOutput, color: Bool = false,
                makePlanConnection: (@Sendable () async throws -> Connection)? = nil, events: EventFeed? = nil) {
        self.events = events
        self.connection = connection
        self.backend = label
        self.output = output
        self.color = color
        self.makePlanConnection = makePlanConnection
        self.session = Self.interpreter(connection, output: output, relay: label.isLive ? relay : nil, notes: .sent, events: events)
    }

    private static func interpreter(_ connection: Connection, output: TextSink, relay: ConfirmationRelay?,
                                   notes: Interpreter.ActionNotes, events: EventFeed? = nil) -> Interpreter {
        var confirm: (@Sendable (Interpreter.PendingAction) async -> Bool)?
        if let relay {
            confirm = { @Sendable (action: Interpreter.PendingAction) async -> Bool in await relay.ask(action.summary) }
        }
        return Interpreter(configuration: .init(
            backend: connection.backend,
            output: { event in
                switch event {
                case .line(let text), .note(let text): output.write(text + "\n")
                case .table(let table): output.write(TableRenderer().render(table))
                case .liquidation(let notice): output.write(notice.text + "\n")
                }
            },
            confirm: confirm, capabilities: .all, actionNotes: notes, events: events))
    }

    private var active: Interpreter { plan ?? session }

    // MARK: - Language

    /// The language's words, with the builtins of this interpreter (host functions included).
    public func languageWords() async -> LanguageWords {
        var words = LanguageWords.standard
        words.builtins = LanguageWords.argumentKinds(of: active.builtinTable)
        return words
    }

    /// Statements and builtins, for `:help`.
    public func helpTopics() async -> [String] {
        (StatementHelp.all + StatementHelp.handlerStatements).map(\.name) + active.builtinTable.map(\.name).sorted()
    }

    /// A statement's or builtin's synopsis, summary and example.
    public func help(topic: String) async -> String? {
        if let statement = StatementHelp.named(topic) ?? StatementHelp.handlerStatements.first(where: { $0.name == topic }) {
            return "\(statement.synopsis)\n  \(statement.summary)\n  example: \(statement.example)\n"
        }
        if let builtin = active.builtinTable.first(where: { $0.name == topic }) {
            return "\(builtin.signature)\n  \(builtin.summary)\n  example: \(builtin.example)\n"
        }
        return nil
    }

    /// Whether the parser's only complaint is an unexpected end of input.
    public func needsMoreInput(_ source: String) async -> Bool {
        if case .needsMoreInput = Interpreter.status(of: source) { return true }
        return false
    }

    /// Whether `source` parses and its last statement is an `if` without a final `else`.
    public func endsWithOpenIf(_ source: String) async -> Bool {
        let (script, diagnostics) = Interpreter.parse(Source(name: "<repl>", text: source))
        guard diagnostics.isEmpty, case .if(_, let otherwise)? = script.statements.last?.kind else { return false }
        return otherwise == nil
    }

    // MARK: - Running

    /// Runs one chunk in the session (see ``REPLEngine/execute(_:origin:confirm:)``).
    public func execute(_ source: String, origin: String, confirm: @escaping ConfirmationHook) async -> RunOutcome {
        relay.set(confirm)
        defer { relay.set(nil) }
        // A lone expression prints its value, as in every REPL: it runs as `print <expression>`,
        // and diagnostics are moved back onto the text as typed.
        let typed = Source(name: origin, text: source)
        let echo = Self.isLoneExpression(typed)
        var outcome = await active.evaluate(echo ? Source(name: origin, text: Self.echoPrefix + source) : typed)
        if echo {
            outcome.source = typed
            outcome.diagnostics = outcome.diagnostics.map(Self.unshifted)
        }
        return outcome
    }

    private static let echoPrefix = "print "

    /// Whether `source` is one expression statement that is not an account change.
    private static func isLoneExpression(_ source: Source) -> Bool {
        let (script, diagnostics) = Interpreter.parse(source)
        guard diagnostics.isEmpty, script.statements.count == 1,
              case .expression(let expression) = script.statements[0].kind else { return false }
        if case .action = expression.kind { return false }
        return true
    }

    /// Moves a diagnostic of `print <typed>` back onto the typed text.
    private static func unshifted(_ diagnostic: Diagnostic) -> Diagnostic {
        guard let range = diagnostic.range else { return diagnostic }
        func back(_ location: SourceLocation) -> SourceLocation {
            let shift = echoPrefix.count
            let column = location.line == 1 ? max(1, location.column - shift) : location.column
            return SourceLocation(line: location.line, column: column, offset: max(0, location.offset - shift))
        }
        var moved = diagnostic
        moved.range = SourceRange(back(range.start), back(range.end))
        return moved
    }

    /// Checks and runs a whole script; refuses live account changes (they need `mops run --yes`). A script
    /// stays quiet: no line after each request (plan mode still projects the margin level).
    public func runScript(_ source: String, origin: String) async -> Int32 {
        let script = Source(name: origin, text: source)
        var quiet = await active.configuration
        if quiet.actionNotes == .sent { quiet.actionNotes = .none }
        let active = Interpreter(configuration: quiet)
        switch await active.compile(script) {
        case .failure(let failure):
            TextSink.standardError.write(DiagnosticRenderer(color: color).render(failure.diagnostics, in: script))
            return ExitStatus.compileError
        case .success(let program):
            if backend.isLive && program.mutates && plan == nil {
                TextSink.standardError.write("mops: \(origin) changes a live account; run it with `mops run --yes FILE`, or use --dry-run\n")
                return ExitStatus.usage
            }
            let outcome = await active.run(program)
            let rendered = DiagnosticRenderer(color: color).render(outcome.diagnostics, in: outcome.source)
            if !rendered.isEmpty { TextSink.standardError.write(rendered) }
            return outcome.exitCode
        }
    }

    /// The session's variables, sorted by name.
    public func variables() async -> [VariableSummary] {
        await active.variables.sorted { $0.key < $1.key }.map { VariableSummary(name: $0.key, value: $0.value.description) }
    }

    // MARK: - Account and market

    /// The cross margin level (nil without debt) and a one-line summary.
    public func accountStatus() async -> AccountStatus {
        do {
            let account = try await (active.configuration.client ?? connection.client).crossAccount()
            let net = account.totalNetAssetOfBtc.formatted(places: 8, rounding: .floor)
            guard account.totalLiabilityOfBtc.isPositive else {
                return AccountStatus(marginLevel: nil, summary: "cross margin: net asset \(Self.trim(net)) BTC, no debt")
            }
            let level = account.marginLevel.formatted(places: 2, rounding: .floor)
            let debts = try account.userAssets.compactMap { a in try a.liability.isPositive ? "\(try a.liability) \(a.asset)" : nil }
                .joined(separator: ", ")
            return AccountStatus(marginLevel: account.marginLevel,
                                 summary: "cross margin: net asset \(Self.trim(net)) BTC, debt \(debts), margin level \(level)",
                                 bars: await marginBars())
        } catch {
            return AccountStatus(marginLevel: nil, summary: "account unavailable: \(error)")
        }
    }

    /// The account's bars from tradeCoeff, fetched once (Binance's classic bars if it cannot answer).
    private func marginBars() async -> MarginBars {
        if let bars { return bars }
        guard let found = try? await connection.client.tradeCoefficients() else { return .classic }
        let fetched = MarginBars(normal: found.normalBar, marginCall: found.marginCallBar, forceLiquidation: found.forceLiquidationBar)
        bars = fetched
        return fetched
    }

    private static func trim(_ text: String) -> String { Number(text)?.description ?? text }

    /// Assets and symbols from exchangeInfo, fetched once.
    public func marketCodes() async -> MarketCodes {
        if let codes { return codes }
        guard let info = try? await connection.client.exchangeInfo() else { return MarketCodes() }
        let symbols = info.symbols.map(\.symbol).sorted()
        let assets = Set(info.symbols.flatMap { [$0.baseAsset, $0.quoteAsset] }).sorted()
        let found = MarketCodes(assets: assets, symbols: symbols)
        codes = found
        return found
    }

    // MARK: - Meta

    /// Whether plan mode is on.
    public func isPlanning() async -> Bool { plan != nil }

    /// Switches to a simulated copy of the account (on) or back to the backend (off).
    public func setPlanMode(_ on: Bool) async -> Result<String, REPLEngineError> {
        guard on else {
            guard plan != nil else { return .success("plan mode is already off") }
            plan = nil
            return .success("plan mode off: statements are sent to \(connection.backend) again (variables from plan mode are gone)")
        }
        guard plan == nil else { return .success("plan mode is already on") }
        guard let makePlanConnection else { return .failure(REPLEngineError("plan mode is not available here")) }
        do {
            let copy = try await makePlanConnection()
            let interpreter = Self.interpreter(copy, output: output, relay: nil, notes: .projected)
            for (name, value) in await session.variables { await interpreter.setVariable(name, to: value) }
            plan = interpreter
            return .success("plan mode on: statements run on a simulated copy of the account; each request is listed and nothing is sent (:plan off to leave)")
        } catch {
            return .failure(REPLEngineError("cannot copy the account for plan mode: \(error)"))
        }
    }

    /// Resets the simulator and starts a fresh session (refused on live Binance).
    public func reset() async -> Result<String, REPLEngineError> {
        guard connection.backend.isSimulator, !backend.isLive else {
            return .failure(REPLEngineError(":reset works on a simulator only; this session is on \(connection.backend)"))
        }
        do {
            try await connection.client.simReset()
            plan = nil
            codes = nil
            session = Self.interpreter(connection, output: output, relay: nil, notes: .sent, events: events)
            return .success("simulator reset to its starting scenario; variables cleared")
        } catch let e as BinanceError where e.outcomeUnknown {
            // The request went out but no answer came back: the simulator may have reset. Repeating a reset is safe.
            return .failure(REPLEngineError("the reset may have happened, but no answer came back (\(e.message)); "
                + "variables are kept — check with `show account`, or run :reset again (repeating a reset is safe)"))
        } catch let e as BinanceError where e.category == .network {
            return .failure(REPLEngineError("the simulator could not be reached; nothing was reset: \(e.message)"))
        } catch {
            return .failure(REPLEngineError("the simulator refused the reset: \(error)"))
        }
    }
}

/// Hands the interpreter's confirmation requests to whichever REPL prompt is current.
final class ConfirmationRelay: Sendable {
    private let hook = Mutex<ConfirmationHook?>(nil)

    func set(_ confirm: ConfirmationHook?) { hook.withLock { $0 = confirm } }

    /// Asks the current hook; refuses when there is none.
    func ask(_ plan: String) async -> Bool {
        guard let confirm = hook.withLock({ $0 }) else { return false }
        return await confirm(plan)
    }
}
