import ArgumentParser
import Foundation
import BinanceMargin
import Logging
import MarginSim
import MarginSimServer
import MopsREPL
import Synchronization

/// `mops sim serve`: serves the simulator over HTTP with Binance's REST API, a local sandbox any
/// Binance client can be pointed at.
struct SimServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the simulated margin exchange over HTTP (a local Binance margin sandbox).",
        discussion: """
            Prints the base URL and a local demo API key and secret, then serves Binance's margin REST \
            API (plus /sim/* control endpoints) until Ctrl-C or SIGTERM. With --state, every \
            acknowledged change is durable: kill the server, start it again with the same file, and \
            the accounts, loans and orders are as they were.

            --no-rate-limits keeps the used-weight headers but never answers 429, so a load test \
            measures the server rather than Binance's per-minute limits.

            --scenario NAME|FILE chooses the starting state: a built-in scenario (default, empty, \
            whale) or a scenario JSON file (balances, prices, rates, API keys, "replay" files).

            --replay FILE (repeatable) replays Binance kline files from their first candle: the \
            sandbox's time is then the history's and moves only with POST /sim/clock (docs/replay.md). \
            A bad file stops the server with exit status 65 (66 when it cannot be read).

            Web pages cannot drive the sandbox: /sim/* refuses requests carrying Origin (or a \
            Sec-Fetch-Site other than none), and on a loopback address every request must be \
            addressed to 127.0.0.1, [::1] or localhost (DNS rebinding). Bound to any other address \
            (--host 0.0.0.0), every request must carry the control token printed in the banner as \
            the X-Mops-Control-Token header (mops sends $MOPS_SIM_CONTROL_TOKEN). One process \
            writes a --state file at a time; a second one stops with exit status 69.

            --verbose (-v) logs every request (method, path, status; never keys, tokens or \
            signatures) on stderr.
            """
    )

    @Option(help: "The address to listen on. Keep 127.0.0.1 unless other machines must reach the sandbox (then every request needs the control token).")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free port (printed in the base URL).")
    var port = 8765

    @Option(name: .customLong("state"), help: ArgumentHelp("A state file: loaded when it exists, created otherwise, and kept durable.", valueName: "file"))
    var stateFile: String?

    @Option(help: "The seed of the simulator's random walks (the same seed replays the same prices).")
    var seed: UInt64 = 1

    /// `--scenario` belongs to the root command's backend options (the root parses it wherever it
    /// appears), so `sim serve` reads it from there: a built-in name or a scenario JSON file.
    @OptionGroup(visibility: .private) var backend: BackendOptions

    @Flag(name: .customLong("no-rate-limits"),
          help: "Keep counting request weight in the used-weight headers but never answer 429 (load tests and benchmarks).")
    var noRateLimits = false

    @Option(name: .customLong("control-token"), help: ArgumentHelp(
        "Require this token (X-Mops-Control-Token) on every request; default: $MOPS_SIM_CONTROL_TOKEN, else none on loopback and a random one printed in the banner on any other --host.",
        valueName: "token"))
    var controlToken: String?

    @Option(name: .customLong("idle-timeout"), help: ArgumentHelp(
        "Close a connection idle this many seconds (0: never).", valueName: "seconds"))
    var idleTimeout = 60

    @Option(name: .customLong("max-connections"), help: ArgumentHelp(
        "Serve at most this many connections at once; one more gets 503 and is closed.", valueName: "n"))
    var maxConnections = SandboxServer.defaultMaximumConnections

    /// `--verbose`/`-v` belongs to the root command's run options (the root parses it wherever it appears),
    /// so `sim serve` reads it from there too: log every request.
    @OptionGroup(visibility: .private) var runOptions: RunOptions
    /// The folder `POST /sim/replay` may read from (``ReplayFileAccess``); nil: no file.
    @Option(name: .customLong("replay-dir"), help: ArgumentHelp(
        "The directory whose kline files clients may replay with POST /sim/replay (names relative to it, or paths inside it). Without it, clients cannot make the sandbox read files.",
        valueName: "dir"))
    var replayDirectory: String?

    /// How long the journal of a --state file may grow before it is compacted (tests force compactions with a small value).
    @Option(name: .customLong("journal-compaction-bytes"), help: .private)
    var journalCompactionBytes: Int?

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port \(port) is not a TCP port; use 0…65535 (0 picks a free one).")
        }
        guard !host.isEmpty else { throw ValidationError("--host is empty; use an address such as 127.0.0.1.") }
        guard (0...86_400).contains(idleTimeout) else {
            throw ValidationError("--idle-timeout \(idleTimeout) is out of range; use 0…86400 seconds (0: never).")
        }
        guard (1...100_000).contains(maxConnections) else {
            throw ValidationError("--max-connections \(maxConnections) is out of range; use 1…100000.")
        }
        if let controlToken { try Self.validateToken(controlToken, source: "--control-token") }
        if let replayDirectory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: replayDirectory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("--replay-dir \(replayDirectory) is not a directory; name the folder that holds the kline files clients may replay.")
            }
        }
    }

    /// A token must be a header-safe word long enough not to be guessed.
    static func validateToken(_ token: String, source: String) throws {
        guard token.count >= 16, token.unicodeScalars.allSatisfy({ (0x21...0x7e).contains($0.value) }) else {
            throw ValidationError("\(source) must be at least 16 visible ASCII characters (no spaces), e.g. the output of `openssl rand -hex 32`.")
        }
    }

    func run() async throws {
        do {
            try await serve()
        } catch let error as SimServeError where error.exitCode != 1 {
            // The argument parser would exit with 1; this failure has its own documented status.
            StandardStream.error.write("Error: \(error.message)\n")
            throw ArgumentParser.ExitCode(error.exitCode)
        }
    }

    private func serve() async throws {
        let givenToken = controlToken ?? ProcessInfo.processInfo.environment[SandboxAccessPolicy.tokenEnvironmentVariable]
        if controlToken == nil, let givenToken {
            try Self.validateToken(givenToken, source: SandboxAccessPolicy.tokenEnvironmentVariable)
        }
        var scenario = try loadScenario()
        if noRateLimits { scenario.enforceWeightLimits = false }
        let simulator: MarginSimulator
        let stateURL = stateFile.map { URL(fileURLWithPath: $0) }
        if let stateURL {
            do {
                simulator = try MarginSimulator(stateFile: stateURL, scenario: scenario, seed: seed,
                                                journalCompactionBytes: journalCompactionBytes)
            } catch let error as StateFileInUse {
                throw SimServeError(message: "--state \(stateURL.path): \(error)", exitCode: 69)
            } catch {
                throw SimServeError(message: "--state \(stateURL.path): \(error)")
            }
        } else {
            simulator = MarginSimulator(scenario: scenario, clock: SystemClock(), seed: seed)
        }
        try await startReplay(on: simulator, scenario: scenario)
        await simulator.limitReplayFiles(to: replayDirectory.map { ReplayFileAccess.within($0) } ?? .noFiles)

        var logger = Logger(label: "mops.sim.serve")
        logger.logLevel = runOptions.verbose ? .debug : .notice
        // The simulator's scenario, not the flag's: a state file may have been reset to another scenario.
        let key = await simulator.activeAPIKey
        let enforcesWeightLimits = scenario.enforceWeightLimits
        let server = SandboxServer(simulator: simulator, host: host, port: port, logger: logger, controlToken: givenToken,
                                   idleTimeout: idleTimeout == 0 ? nil : .seconds(idleTimeout),
                                   maximumConnections: maxConnections)
        let token: SandboxBanner.ControlToken? = server.controlToken.map { givenToken == nil ? .generated($0) : .given }
        let banner = { @Sendable (url: URL) in
            SandboxBanner(baseURL: url, apiKey: key?.apiKey ?? DemoCredentials.apiKey,
                          secret: key == nil ? DemoCredentials.secret : key?.secret, stateFile: stateURL,
                          enforcesWeightLimits: enforcesWeightLimits, controlToken: token)
        }
        let listening = Mutex(false)
        do {
            try await server.runUntilSignalled { url in
                listening.withLock { $0 = true }
                StandardStream.output.write(banner(url).text)
            }
        } catch where !listening.withLock({ $0 }) {
            throw SimServeError(message: "cannot listen on \(host):\(port) (\(error)); is the port in use? Try --port 0 for a free one.")
        }
    }

    /// Starts the replay of `--replay` files and the scenario's `replay` files, if any.
    private func startReplay(on simulator: MarginSimulator, scenario: Scenario) async throws {
        let files = backend.replay + scenario.replay
        guard !files.isEmpty else { return }
        guard stateFile == nil else {
            throw SimServeError(message: "--replay runs in memory; drop --state (a replay's time is the history's, not the state file's).", exitCode: 64)
        }
        let series: ReplaySeries
        do {
            series = try ReplaySeries.read(paths: files)
        } catch {
            throw SimServeError(message: "\(error)", exitCode: error.line == 0 && error.message == "cannot read the file" ? 66 : 65)
        }
        try await simulator.startReplay(series)
        let span = "\(UTCTime.format(series.start, seconds: false)) → \(UTCTime.format(series.end, seconds: false)) UTC"
        StandardStream.error.write("replaying \(series.symbols.joined(separator: ", ")), \(series.candleCount) candles, \(span)\n")
    }

    private func loadScenario() throws -> Scenario {
        let scenarioFile = backend.scenario
        if let named = Scenario.named(scenarioFile) { return named }
        let url = URL(fileURLWithPath: scenarioFile)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SimServeError(message: "--scenario \(scenarioFile): not a built-in scenario (default, empty, whale) and not a readable file (\(error.localizedDescription)).")
        }
        do {
            var scenario = try Scenario.load(json: data)
            // Replay files are named relative to the scenario file.
            let folder = url.deletingLastPathComponent()
            scenario.replay = scenario.replay.map { $0.hasPrefix("/") ? $0 : folder.appendingPathComponent($0).path }
            return scenario
        } catch {
            throw SimServeError(message: "--scenario \(scenarioFile): \(error)")
        }
    }
}

/// Why `mops sim serve` stopped (printed as `Error: …`): exit status 1, or 69 when the --state file
/// is held by another process.
struct SimServeError: Error, CustomStringConvertible {
    var message: String
    var exitCode: Int32 = 1
    var description: String { message }
}
