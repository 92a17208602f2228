import BinanceMargin
import Foundation
import MarginSim
import Mops

/// A connected backend: the client every statement goes through, and the interpreter's backend built from it
/// (its kind, its name for messages — "which backend ran" — and its clock: virtual time on simulators, wall time live).
struct BackendConnection: Sendable {
    /// The client.
    let client: MarginClient
    /// The interpreter's backend over ``client``.
    let backend: Interpreter.Backend
    /// The embedded simulator behind ``client`` (nil for a server or live Binance): where a rehearsal's log is read.
    let simulator: MarginSimulator?
    /// The server's REST base URL (nil for the embedded simulator): where its streams are found.
    let baseURL: URL?

    /// A connection to `client`, named `name` in messages.
    init(client: MarginClient, name: String, simulator: MarginSimulator? = nil, baseURL: URL? = nil) {
        self.client = client
        self.backend = .connected(to: client, name: name)
        self.simulator = simulator
        self.baseURL = baseURL
    }

    /// Connects as `options` say. `observer` sees every request (plan mode uses it).
    static func connect(_ options: BackendOptions, observer: (@Sendable (RequestEvent) -> Void)? = nil) async throws -> BackendConnection {
        if let problem = BackendOptions.liveGateProblem(baseURL: options.baseURL, live: options.live) {
            throw CLIError.usage(problem)   // also checked by `validate()`; kept here so no path reaches Binance without --live
        }
        if options.live || options.baseURL != nil {
            guard let url = URL(string: options.baseURL ?? "https://api.binance.com"), url.host != nil else {
                throw CLIError.usage("--base-url \(options.baseURL ?? "") is not a URL with a host; write e.g. http://127.0.0.1:8765")
            }
            // Environment/default-file credentials go only to live Binance; any other server gets the demo key.
            let credentials = try BackendCredentials.credentials(for: url, credentialsFile: options.credentialsFile)
            var configuration = MarginClient.Configuration(transport: try SandboxControlToken.transport(for: url), credentials: credentials)
            configuration.observer = observer
            let client = try MarginClient(configuration: configuration)
            return BackendConnection(client: client, name: (client.isLive ? "live Binance (" : "simulator at ") + url.absoluteString
                                                              + (client.isLive ? ")" : ""), baseURL: url)
        }
        guard let scenario = Scenario.named(options.scenario) else {
            throw CLIError.usage("unknown scenario '\(options.scenario)'; known: default, empty, whale")
        }
        let simulator: MarginSimulator
        if let path = options.simState {
            simulator = try MarginSimulator(stateFile: URL(fileURLWithPath: path), scenario: scenario)
        } else {
            simulator = MarginSimulator(scenario: scenario)
        }
        if !options.replay.isEmpty { return try await replaying(simulator, options.replay, scenario: scenario, observer: observer) }
        let name = "simulator (embedded, scenario \(scenario.name)" + (options.simState.map { ", state \($0)" } ?? "") + ")"
        return try embedded(simulator, name: name, observer: observer)
    }

    /// The embedded simulator replaying `files` (read and checked first: a bad file is ``CLIError/badData(_:)``,
    /// an unreadable one ``CLIError/noInput(_:)``). Its client's clock stands still: the replay's time moves only
    /// with the script's waits, and the client adopts each new time, so its signatures are never stale.
    static func replaying(_ simulator: MarginSimulator, _ files: [String], scenario: Scenario,
                          observer: (@Sendable (RequestEvent) -> Void)?) async throws -> BackendConnection {
        let series: ReplaySeries
        do {
            series = try ReplaySeries.read(paths: files)
        } catch {
            throw error.line == 0 && error.message == "cannot read the file" ? CLIError.noInput("\(error)") : CLIError.badData("\(error)")
        }
        try await simulator.startReplay(series)
        let span = "\(UTCTime.format(series.start, seconds: false)) → \(UTCTime.format(series.end, seconds: false)) UTC"
        let name = "simulator (embedded, scenario \(scenario.name), replaying \(series.symbols.joined(separator: ", ")) \(span))"
        let start = series.start
        return try embedded(simulator, name: name, observer: observer, clock: MarginClock(now: { start }, sleep: MarginClock.system.sleep))
    }

    /// Connects as `options` say, or writes why it could not to stderr and returns the exit code
    /// to end with (64 for a usage problem, 69 when the backend cannot be set up).
    static func connectReportingFailure(_ options: BackendOptions) async -> Result<BackendConnection, CLIError> {
        do {
            return .success(try await connect(options))
        } catch let error as CLIError {
            ScriptOutput.writeError("mops: \(error)\n")
            return .failure(error)
        } catch {
            ScriptOutput.writeError("mops: cannot set up the backend: \(error)\n")
            return .failure(.unavailable("cannot set up the backend: \(error)"))
        }
    }

    /// A client over an in-process simulator with the demo credentials.
    static func embedded(_ simulator: MarginSimulator, name: String, observer: (@Sendable (RequestEvent) -> Void)?,
                         clock: MarginClock? = nil) throws -> BackendConnection {
        var configuration = MarginClient.Configuration(transport: InProcessTransport(simulator: simulator),
                                                       credentials: try Credentials.hmac(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret))
        configuration.observer = observer
        if let clock { configuration.clock = clock }
        let client = try MarginClient(configuration: configuration)
        return BackendConnection(client: client, name: name, simulator: simulator)
    }

    /// The observer plan mode gives its copy: every request that would change the account is listed
    /// (`  would send: …`, or a JSON record); reads are harmless and not listed.
    static func planObserver(format: OutputOptions.Format) -> @Sendable (RequestEvent) -> Void {
        { event in
            guard case .sent(let request) = event, request.method != .get else { return }
            if format == .json {
                ScriptOutput.writeJSON(["type": "request", "method": request.method.rawValue, "path": request.path,
                                        "query": request.query, "body": request.body])
            } else {
                ScriptOutput.write("  would send: \(request.description)\n")
            }
        }
    }

    /// Plan mode: a simulated copy seeded from this backend's current state, whose requests are
    /// reported to `observer` and never reach the real backend. The copy's clock runs on from the
    /// backend's time, so a plan that lasts (the REPL's) never signs stale requests.
    func planCopy(observer: @escaping @Sendable (RequestEvent) -> Void) async throws -> BackendConnection {
        let simulator: MarginSimulator
        if backend.isSimulator {
            simulator = try MarginSimulator(snapshot: try await client.simState())
        } else {
            simulator = try await PlanSeed.simulator(copying: client)
        }
        return try BackendConnection.embedded(simulator, name: "plan: a simulated copy of \(backend)", observer: observer)
    }
}

/// A command-line error with its exit code.
enum CLIError: Error, CustomStringConvertible {
    case usage(String)
    case noInput(String)
    case unavailable(String)
    /// An input file whose content is wrong (a kline file that breaks a rule): exit 65, nothing ran.
    case badData(String)
    /// A file mops was asked to write cannot be written (`--report`): exit 73.
    case cannotCreate(String)

    var description: String {
        switch self {
        case .usage(let m), .noInput(let m), .unavailable(let m), .badData(let m), .cannotCreate(let m): return m
        }
    }

    var exitCode: Int32 {
        switch self {
        case .usage: return ExitStatus.usage
        case .noInput: return ExitStatus.noInput
        case .unavailable: return ExitStatus.unavailable
        case .badData: return ExitStatus.compileError   // 65, EX_DATAERR: the input data was wrong; nothing ran
        case .cannotCreate: return ExitStatus.cannotCreate
        }
    }
}
