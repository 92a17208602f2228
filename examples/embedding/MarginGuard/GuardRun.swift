import BinanceMargin
import Mops

/// One guard session: builds the interpreter, compiles the guard once, and runs it tick after tick.
struct GuardRun: Sendable {
    let backend: GuardBackend
    let source: Source
    let floor: Number
    let asset: String
    let interval: GuardInterval
    let iterations: Int?
    let rehearse: Bool
    let allowLive: Bool

    /// The interpreter configuration: the backend, stdout/stderr sinks, a logging confirmation hook,
    /// `notify`, a step budget, and no `sim` statements (no live Binance unless `--live`).
    func configuration() -> Interpreter.Configuration {
        var configuration = Interpreter.Configuration(
            output: { event in
                switch event {
                case .line(let text), .note(let text): Console.out(text)
                case .table(let table): Console.out(TableRenderer().render(table))
                case .liquidation(let notice): Console.error(notice.text)
                }
            },
            diagnostics: { diagnostic, source in Console.error(DiagnosticRenderer().render(diagnostic, in: source), newline: false) },
            confirm: { action in
                Console.out("  sending: \(action.summary)")
                return true
            },
            stepLimit: 10_000,
            capabilities: allowLive ? [.read, .trade, .live] : [.read, .trade],
            hostFunctions: [
                .host("notify", arity: 1, summary: "Prints an alert line from margin-guard.", example: #"notify("margin level low")"#) { args in
                    Console.out("ALERT \(args[0])")
                    return .none
                },
            ])
        configuration.connect(to: backend.client, name: backend.name)
        return configuration
    }

    /// Runs the session and returns the process exit code.
    func run() async -> Int32 {
        let interpreter = Interpreter(configuration: configuration())
        let program: Program
        switch await interpreter.compile(source, inputs: GuardScript.inputs) {
        case .failure: return ExitStatus.compileError   // the diagnostics sink already printed them
        case .success(let compiled): program = compiled
        }
        Console.out("margin-guard: \(backend.name); floor \(floor); \(asset) debt; every \(interval)"
                    + (iterations.map { "; \($0) tick\($0 == 1 ? "" : "s")" } ?? ""))
        if rehearse {
            var setup = configuration()
            setup.capabilities = .all.subtracting(.live)
            let outcome = await Interpreter(configuration: setup).run(Source(name: "rehearsal.mops", text: GuardScript.rehearsal))
            guard outcome.succeeded else { return outcome.exitCode }
            Console.out("rehearsal: " + outcome.performed.joined(separator: "; "))
        }
        var failures = 0
        var tick = 0
        while iterations.map({ tick < $0 }) ?? true {
            if tick > 0 {
                do { try await Task.sleep(for: .milliseconds(interval.milliseconds)) } catch {
                    Console.out("margin-guard: interrupted between ticks; nothing in flight")
                    return ExitStatus.interrupted
                }
            }
            tick += 1
            let outcome = await interpreter.run(program, inputs: ["floor": .number(floor), "asset": .code(asset)])
            let level = outcome.variables["level"]?.numberValue.map { $0.rounded(scale: 4, .halfEven).description } ?? "unknown"
            switch outcome.status {
            case .ok, .exited:
                Console.out("tick \(tick): margin level \(level)" + (outcome.performed.isEmpty ? "" : "; sent: " + outcome.performed.joined(separator: "; ")))
            case .cancelled:
                Console.out("tick \(tick): interrupted; " + (outcome.performed.isEmpty ? "nothing was sent" : "already sent: " + outcome.performed.joined(separator: "; ")))
                return ExitStatus.interrupted
            case .compileError:
                return ExitStatus.compileError
            case .runtimeError, .assertionFailed:
                failures += 1
                Console.out("tick \(tick): failed" + (outcome.exchangeCode.map { " (exchange code \($0))" } ?? "")
                            + (outcome.performed.isEmpty ? "" : "; sent before failing: " + outcome.performed.joined(separator: "; ")))
            }
        }
        return failures == 0 ? ExitStatus.ok : ExitStatus.runtimeError
    }
}
