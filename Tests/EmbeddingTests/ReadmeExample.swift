// The README's "Embedding" example. The region between the markers is copied byte for byte into
// README.md; ReadmeTests fails when the two differ, so the README always shows code that compiles.

// BEGIN README EXAMPLE
import BinanceMargin
import MarginSim
import Mops

/// A client of an in-process simulator. For a server that speaks Binance's API (`mops sim serve`,
/// or live Binance) use `HTTPTransport(baseURL:)` and your own credentials instead.
func simulatorClient() throws -> MarginClient {
    try MarginClient(transport: InProcessTransport(simulator: MarginSimulator()),
                     credentials: .hmac(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret))
}

/// Runs a margin guard once: below `floor` it alerts through a host function and repays USDT.
func guardOnce(client: MarginClient, floor: Number) async throws -> RunOutcome {
    let notify = Builtin.host("notify", arity: 1, summary: "Sends an alert to the desk.") { args in
        print("ALERT", args[0])
        return .none
    }
    var configuration = Interpreter.Configuration(
        output: { event in if case .line(let text) = event { print(text) } },
        diagnostics: { diagnostic, source in print(DiagnosticRenderer().render(diagnostic, in: source)) },
        confirm: { action in
            print("sending:", action.summary)   // approve (true) or refuse (false) each request
            return true
        },
        stepLimit: 10_000,
        capabilities: [.read, .trade],           // no `sim` statements, never live Binance
        hostFunctions: [notify])
    configuration.connect(to: client)            // backend and clock follow from the client

    let interpreter = Interpreter(configuration: configuration)
    let source = Source(name: "guard.mops", text: """
        let level = marginLevel
        if level < floor and debt(USDT) > 0 {
            notify("margin level {round(level, 3)} is below {floor}")
            repay min(debt(USDT), free(USDT)) USDT
        }
        """)
    // Parse and check once (nothing is sent when this fails) …
    let program = try await interpreter.compile(source, inputs: ["floor"]).get()
    // … then run as often as needed, each run with fresh variables.
    let outcome = await interpreter.run(program, inputs: ["floor": .number(floor)])
    print("margin level", outcome.variables["level"] ?? .none, "sent:", outcome.performed)
    return outcome
}
// END README EXAMPLE
