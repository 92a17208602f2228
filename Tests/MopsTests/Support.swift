import BinanceMargin
import Foundation
import MarginSim
import Mops
import Synchronization

/// Collects everything an interpreter outputs, for assertions.
final class Captured: Sendable {
    private let lines = Mutex<[String]>([])
    private let events = Mutex<[OutputEvent]>([])

    var all: [String] { lines.withLock { $0 } }
    var allEvents: [OutputEvent] { events.withLock { $0 } }

    /// The sink: print lines as they are, tables rendered line by line, notes as they are.
    var sink: @Sendable (OutputEvent) -> Void {
        { event in
            self.events.withLock { $0.append(event) }
            switch event {
            case .line(let text), .note(let text):
                self.lines.withLock { $0.append(contentsOf: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)) }
            case .table(let table):
                let text = TableRenderer().render(table)
                self.lines.withLock { $0.append(contentsOf: text.split(separator: "\n").map(String.init)) }
            case .liquidation(let notice):
                self.lines.withLock { $0.append(notice.text) }
            }
        }
    }
}

/// A fresh in-process simulator, a client over it, and an interpreter configured like `mops run`.
struct Rig {
    let simulator: MarginSimulator
    let client: MarginClient
    let output = Captured()
    let interpreter: Interpreter
    /// The simulator's events for handlers (attached by ``attachEvents()``).
    let events = EventFeed(description: "streamed from the simulator (in process)")

    init(scenario: Scenario = .default, configure: (inout Interpreter.Configuration) -> Void = { _ in }) throws {
        try self.init(scenario: scenario, observer: nil, configure: configure)
    }

    /// A rig whose client reports every request to `observer`.
    init(observing observer: @escaping @Sendable (RequestEvent) -> Void) throws {
        try self.init(scenario: .default, observer: observer, configure: { _ in })
    }

    private init(scenario: Scenario, observer: (@Sendable (RequestEvent) -> Void)?,
                 configure: (inout Interpreter.Configuration) -> Void) throws {
        // Time stands still unless a script moves it, and the client reads the same clock: outputs
        // that show times are the same on every run.
        let clock = ManualClock()
        simulator = MarginSimulator(scenario: scenario, clock: clock)
        var clientConfiguration = MarginClient.Configuration(
            transport: InProcessTransport(simulator: simulator),
            credentials: try .hmac(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret),
            clock: .reading(clock))
        clientConfiguration.observer = observer
        client = try MarginClient(configuration: clientConfiguration)
        var configuration = Interpreter.Configuration(backend: .connected(to: client, name: "simulator (in-process test)"),
                                                      output: output.sink, events: events)
        configure(&configuration)
        interpreter = Interpreter(configuration: configuration)
    }

    /// Sends the simulator's engine events to ``events`` (what `mops run` does for the embedded simulator).
    func attachEvents() async {
        let feed = events
        await simulator.attach(EventForwarder(isListening: { feed.isListening }, forward: { feed.push($0, isolatedSymbol: $1) }))
    }

    func run(_ text: String, name: String = "test.mops") async -> RunOutcome {
        await interpreter.run(Source(name: name, text: text))
    }
}

/// A pure interpreter with no backend.
func pureInterpreter(_ output: Captured) -> Interpreter {
    Interpreter(configuration: .init(output: output.sink))
}
