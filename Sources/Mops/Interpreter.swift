import BinanceMargin

/// The mops interpreter: parse, check and run scripts against a margin backend.
///
/// ```swift
/// let interpreter = Interpreter(configuration: .init(backend: .connected(to: client, name: "simulator (embedded)"),
///                                                    output: { print($0) }))
/// let outcome = await interpreter.run(Source(name: "guard.mops", text: "if marginLevel < 1.5 { repay all USDT }"))
/// ```
///
/// The pipeline is `Tokenizer → Parser → Checker → Evaluator`. A script is parsed and checked whole
/// before any statement runs; with any error nothing is sent. An interpreter is an actor: runs on
/// one interpreter are serialized, two interpreters share nothing, and there is no global state.
///
/// Two ways to use it:
/// - **Programs**: ``compile(_:inputs:)`` once, ``run(_:inputs:)`` many times, each run with fresh variables.
/// - **Sessions** (the REPL): ``evaluate(_:)`` runs chunk after chunk in one environment, keeping
///   variables and functions between chunks.
public actor Interpreter {
    /// The configuration given at creation.
    public let configuration: Configuration
    private let builtins: [Builtin]
    private var session = SymbolTable()
    private var sessionGlobals: [Value] = []
    /// The liquidations already reported in this interpreter's runs (each is said once).
    private let liquidations = LiquidationWatch()
    /// A session's handlers (``evaluate(_:)``): registered by one chunk, they run during the later ones.
    let sessionHandlers = HandlerTable()

    /// Makes an interpreter. Host functions are appended to the standard builtin table.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        self.builtins = Builtins.standard + configuration.hostFunctions
    }

    // MARK: - Static helpers (no state)

    /// Whether `text` is a complete chunk, needs more input (it ends mid-statement), or has errors.
    package static func status(of text: String) -> ChunkStatus {
        let diagnostics = LargeStack.run {
            var parser = Parser(text)
            _ = parser.parseScript()
            return parser.diagnostics
        }
        if diagnostics.isEmpty { return .complete }
        if diagnostics.allSatisfy(\.isUnexpectedEnd) { return .needsMoreInput }
        return .errors(diagnostics.filter { !$0.isUnexpectedEnd })   // more input cannot fix these
    }

    /// Parses `source` without checking it (syntax errors only).
    package static func parse(_ source: Source) -> (Script, [Diagnostic]) {
        LargeStack.run {
            var parser = Parser(source.text)
            let script = parser.parseScript()
            return (script, parser.diagnostics)
        }
    }

    /// The reserved words, for completion.
    package static var keywords: [String] { Keyword.allCases.map(\.rawValue) }

    /// The words that have meaning inside statements (`isolated`, `limit`, `gtc`, …), for completion.
    package static var statementWords: [String] { Vocabulary.contextualWords.sorted() }

    // MARK: - Programs

    /// Parses and checks `source` as a whole program. `inputs` are variables the caller will pass
    /// to every run (they start as `none` when not passed).
    public func compile(_ source: Source, inputs: [String] = []) -> Result<Program, CompileFailure> {
        var environment = SymbolTable()
        for name in inputs { _ = environment.declare(name, type: .any, line: 0) }
        return compile(source, in: &environment, allowsRedeclaration: false, inputs: inputs)
    }

    private func compile(_ source: Source, in environment: inout SymbolTable, allowsRedeclaration: Bool,
                         inputs: [String]) -> Result<Program, CompileFailure> {
        var compiled = environment
        let result = LargeStack.run {
            compileOnThisThread(source, in: &compiled, allowsRedeclaration: allowsRedeclaration, inputs: inputs)
        }
        environment = compiled
        return result
    }

    /// Tokens, tree, check, program — the whole pipeline (on the large-stack thread: these passes
    /// recurse over the tree). Nothing runs when any step reports an error.
    private nonisolated func compileOnThisThread(_ source: Source, in environment: inout SymbolTable, allowsRedeclaration: Bool,
                                                 inputs: [String]) -> Result<Program, CompileFailure> {
        var tokenizer = Tokenizer(source.text)
        let tokens = tokenizer.tokenize()
        var parser = Parser(tokens: tokens)
        let tree = parser.parseScript()
        var checker = Checker(symbols: environment, builtins: builtins, allowsRedeclaration: allowsRedeclaration)
        let ops = checker.check(tree, syntaxErrors: tokenizer.diagnostics + parser.diagnostics, policy: Checker.Policy(configuration))
        let diagnostics = (checker.diagnostics + Interpreter.hostFunctionDiagnostics(configuration.hostFunctions))
            .sorted { ($0.range?.start.offset ?? -1) < ($1.range?.start.offset ?? -1) }   // unplaced ones first
        guard diagnostics.isEmpty else {
            for diagnostic in diagnostics { configuration.diagnostics(diagnostic, source) }
            return .failure(CompileFailure(source: source, diagnostics: diagnostics))
        }
        environment = checker.symbols
        return .success(Program(source: source, inputs: inputs, ops: ops, symbols: checker.symbols, builtins: builtins,
                                mutates: !checker.effects.mutations.isEmpty, usesSimulator: !checker.effects.simStatements.isEmpty,
                                handlesEvents: !checker.effects.handlers.isEmpty))
    }

    /// Runs a compiled program with fresh variables; `inputs` set declared input variables by name.
    public func run(_ program: Program, inputs: [String: Value] = [:]) async -> RunOutcome {
        var globals = Array(repeating: Value.none, count: program.symbols.slotCount)
        for (name, value) in inputs {
            if let slot = program.symbols.slot(of: name) { globals[slot] = value }
        }
        let (outcome, _) = await Interpreter.execute(program, globals: globals, configuration: configuration, liquidations: liquidations,
                                                     handlers: nil)
        return outcome
    }

    /// Compiles and runs `source` as a whole program (nothing runs if it has any error).
    public func run(_ source: Source) async -> RunOutcome {
        switch compile(source) {
        case .failure(let failure): return failure.outcome
        case .success(let program): return await run(program)
        }
    }

    /// Parses and checks only, reporting every error (what `mops check` does).
    public func check(_ source: Source) -> [Diagnostic] {
        switch compile(source) {
        case .failure(let failure): return failure.diagnostics
        case .success: return []
        }
    }

    // MARK: - Sessions (REPL)

    /// Runs a chunk in the persistent session: variables and functions defined by earlier chunks
    /// are visible, and what this chunk defines stays for the next. A chunk with errors changes nothing.
    public func evaluate(_ source: Source) async -> RunOutcome {
        var environment = session
        switch compile(source, in: &environment, allowsRedeclaration: true, inputs: []) {
        case .failure(let failure):
            var outcome = failure.outcome
            outcome.variables = variables
            return outcome
        case .success(let program):
            session = environment
            var globals = sessionGlobals
            if globals.count < environment.slotCount {
                globals += Array(repeating: Value.none, count: environment.slotCount - globals.count)
            }
            let (outcome, finalGlobals) = await Interpreter.execute(program, globals: globals, configuration: configuration, liquidations: liquidations,
                                                                    handlers: sessionHandlers)
            sessionGlobals = finalGlobals
            return outcome
        }
    }

    /// The session's top-level variables by name.
    public var variables: [String: Value] {
        var out: [String: Value] = [:]
        for (name, v) in session.variables where v.slot < sessionGlobals.count { out[name] = sessionGlobals[v.slot] }
        return out
    }

    /// The session variable `name`, or nil when it is not defined.
    public func variable(_ name: String) -> Value? {
        guard let slot = session.slot(of: name), slot < sessionGlobals.count else { return nil }
        return sessionGlobals[slot]
    }

    /// Defines or replaces the session variable `name` (a host passing a value in).
    public func setVariable(_ name: String, to value: Value) {
        let slot = session.declare(name, type: .any, line: 0)
        if sessionGlobals.count <= slot { sessionGlobals += Array(repeating: .none, count: slot + 1 - sessionGlobals.count) }
        sessionGlobals[slot] = value
    }

    /// Names a completer may offer in the session: keywords, statement words, builtins and host
    /// functions, user functions and variables, sorted and unique.
    package var completionWords: [String] {
        Array(Set(Interpreter.keywords + Interpreter.statementWords + builtins.map(\.name)
                  + session.variableNames + session.functionNames)).sorted()
    }

    /// Every builtin this interpreter knows (standard ones, then host functions).
    public nonisolated var builtinTable: [Builtin] { Builtins.standard + configuration.hostFunctions }

    // MARK: - Execution

    /// Runs `program`; `handlers` is a session's table (nil: a table for this run only, which stops listening after it).
    private static func execute(_ program: Program, globals: [Value], configuration: Configuration,
                                liquidations: LiquidationWatch, handlers: HandlerTable?) async -> (RunOutcome, [Value]) {
        let table = handlers ?? HandlerTable()
        defer { if handlers == nil { table.stopListening() } }
        let (outcome, finalGlobals, reported) = if let limit = configuration.timeLimitMilliseconds {
            await withTimeLimit(limit) { await evaluate(program, globals: globals, configuration: configuration, liquidations: liquidations, handlers: table) }
        } else {
            await evaluate(program, globals: globals, configuration: configuration, liquidations: liquidations, handlers: table)
        }
        for diagnostic in outcome.diagnostics.dropFirst(reported) { configuration.diagnostics(diagnostic, program.source) }
        return (outcome, finalGlobals)
    }

    /// Runs `program`; also how many of the outcome's diagnostics (its first ones: handler failures) were reported already.
    private static func evaluate(_ program: Program, globals: [Value], configuration: Configuration,
                                 liquidations: LiquidationWatch, handlers: HandlerTable) async -> (RunOutcome, [Value], Int) {
        if let refused = oversized(globals, program) { return (refused, globals, 0) }
        let evaluator = Evaluator(globals: globals, functions: program.symbols.functions, builtins: program.builtins,
                                  configuration: configuration, liquidations: liquidations, handlers: handlers)
        evaluator.handlerState.source = program.source
        await evaluator.startLiquidationWatch()
        var status = RunOutcome.Status.ok
        var diagnostics: [Diagnostic] = []
        do {
            let flow = try await evaluator.runScript(program.ops)
            if case .exit(let code) = flow, code != 0 { status = .exited(code) }
        } catch let exit as ExitRequest {
            if exit.code != 0 { status = .exited(exit.code) }
        } catch let stopped as ClockStopped {
            diagnostics = [Diagnostic(.note, phase: .runtime, range: evaluator.currentRange,
                                      message: stopped.reason + ": the script stopped at this wait")]
        } catch let failure as RuntimeFailure {
            status = .runtimeError
            diagnostics = [failure.diagnostic]
        } catch let failure as AssertionFailure {
            status = .assertionFailed
            diagnostics = [failure.diagnostic]
        } catch is CancellationError {
            status = .cancelled
            var message = "cancelled"
            if !evaluator.performed.isEmpty {
                message += " after sending: " + evaluator.performed.joined(separator: "; ")
            } else {
                message += "; nothing was sent"
            }
            diagnostics = [Diagnostic(.note, phase: .runtime, range: evaluator.currentRange, message: message)]
        } catch {
            status = .runtimeError
            diagnostics = [Diagnostic(phase: .runtime, range: nil, message: "\(error)")]
        }
        await evaluator.checkLiquidationsAtEnd()
        var variables: [String: Value] = [:]
        for (name, v) in program.symbols.variables where v.slot < evaluator.globals.count {
            variables[name] = evaluator.globals[v.slot]
        }
        let failures = evaluator.handlerState.failures
        if !failures.isEmpty, status == .ok { status = .runtimeError }
        let outcome = RunOutcome(status: status, diagnostics: failures + diagnostics, source: program.source, variables: variables,
                                 performed: evaluator.performed, steps: evaluator.steps)
        return (outcome, evaluator.globals, failures.count)
    }

    /// A run that stops before its first statement because a value the host passed in (an input or
    /// `setVariable`) breaks ``Limits``; nil when every variable is within them.
    private static func oversized(_ globals: [Value], _ program: Program) -> RunOutcome? {
        for (name, variable) in program.symbols.variables where variable.slot < globals.count {
            guard let problem = ValueSize.problem(in: globals[variable.slot]) else { continue }
            let diagnostic = Diagnostic(phase: .runtime, range: nil, message: "variable '\(name)': " + ValueSize.message(problem),
                                        hint: "the host passed a value over the limits (docs/language.md, Limits)")
            return RunOutcome(status: .runtimeError, diagnostics: [diagnostic], source: program.source, variables: [:],
                              performed: [], steps: 0)
        }
        return nil
    }
}

/// Parse or check errors: nothing ran and nothing was sent.
public struct CompileFailure: Error, Sendable {
    /// The source the diagnostics refer to.
    public var source: Source
    /// Every error found, in source order.
    public var diagnostics: [Diagnostic]

    /// The same failure as a run outcome.
    public var outcome: RunOutcome {
        RunOutcome(status: .compileError, diagnostics: diagnostics, source: source, variables: [:], performed: [], steps: 0)
    }
}
