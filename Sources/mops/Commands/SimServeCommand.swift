import ArgumentParser
import Foundation
import Logging
import MarginSim
import MarginSimServer
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
            whale) or a scenario JSON file (balances, prices, rates, API keys).
            """
    )

    @Option(help: "The address to listen on. Keep 127.0.0.1 unless other machines must reach the sandbox.")
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

    @Flag(help: "Log every request (method, path, status; never keys or signatures) on stderr.")
    var verbose = false

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port \(port) is not a TCP port; use 0…65535 (0 picks a free one).")
        }
        guard !host.isEmpty else { throw ValidationError("--host is empty; use an address such as 127.0.0.1.") }
    }

    func run() async throws {
        var scenario = try loadScenario()
        if noRateLimits { scenario.enforceWeightLimits = false }
        let simulator: MarginSimulator
        let stateURL = stateFile.map { URL(fileURLWithPath: $0) }
        if let stateURL {
            do {
                simulator = try MarginSimulator(stateFile: stateURL, scenario: scenario, seed: seed)
            } catch {
                throw SimServeError(message: "--state \(stateURL.path): \(error)")
            }
        } else {
            simulator = MarginSimulator(scenario: scenario, clock: SystemClock(), seed: seed)
        }

        var logger = Logger(label: "mops.sim.serve")
        logger.logLevel = verbose ? .debug : .notice
        // The simulator's scenario, not the flag's: a state file may have been reset to another scenario.
        let key = await simulator.activeAPIKey
        let enforcesWeightLimits = scenario.enforceWeightLimits
        let banner = { @Sendable (url: URL) in
            SandboxBanner(baseURL: url, apiKey: key?.apiKey ?? DemoCredentials.apiKey,
                          secret: key == nil ? DemoCredentials.secret : key?.secret, stateFile: stateURL,
                          enforcesWeightLimits: enforcesWeightLimits)
        }
        let server = SandboxServer(simulator: simulator, host: host, port: port, logger: logger)
        let listening = Mutex(false)
        do {
            try await server.runUntilSignalled { url in
                listening.withLock { $0 = true }
                FileHandle.standardOutput.write(Data(banner(url).text.utf8))
            }
        } catch where !listening.withLock({ $0 }) {
            throw SimServeError(message: "cannot listen on \(host):\(port) (\(error)); is the port in use? Try --port 0 for a free one.")
        }
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
            return try Scenario.load(json: data)
        } catch {
            throw SimServeError(message: "--scenario \(scenarioFile): \(error)")
        }
    }
}

/// Why `mops sim serve` stopped (printed by the argument parser as `Error: …`).
struct SimServeError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
