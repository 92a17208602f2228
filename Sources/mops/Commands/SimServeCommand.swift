import ArgumentParser
import Foundation
import Logging
import MarginSim
import MarginSimServer

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

    @Option(name: .customLong("scenario"), help: ArgumentHelp("A scenario JSON file: starting balances, prices, rates and API keys.", valueName: "file"))
    var scenarioFile: String?

    @Flag(help: "Log every request (method, path, status; never keys or signatures) on stderr.")
    var verbose = false

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port \(port) is not a TCP port; use 0…65535 (0 picks a free one).")
        }
        guard !host.isEmpty else { throw ValidationError("--host is empty; use an address such as 127.0.0.1.") }
    }

    func run() async throws {
        let scenario = try loadScenario()
        let simulator: MarginSimulator
        let stateURL = stateFile.map { URL(fileURLWithPath: $0) }
        if let stateURL {
            do {
                simulator = try MarginSimulator(stateFile: stateURL, scenario: scenario, seed: seed)
            } catch {
                throw ValidationError("--state \(stateURL.path): \(error)")
            }
        } else {
            simulator = MarginSimulator(scenario: scenario, clock: SystemClock(), seed: seed)
        }

        var logger = Logger(label: "mops.sim.serve")
        logger.logLevel = verbose ? .debug : .notice
        let key = scenario.apiKeys.first
        let banner = { @Sendable (url: URL) in
            SandboxBanner(baseURL: url, apiKey: key?.apiKey ?? DemoCredentials.apiKey,
                          secret: key == nil ? DemoCredentials.secret : key?.secret, stateFile: stateURL)
        }
        let server = SandboxServer(simulator: simulator, host: host, port: port, logger: logger)
        do {
            try await server.runUntilSignalled { url in
                FileHandle.standardOutput.write(Data(banner(url).text.utf8))
            }
        } catch {
            throw ValidationError("cannot serve on \(host):\(port): \(error). Is the port in use? Try --port 0.")
        }
    }

    private func loadScenario() throws -> Scenario {
        guard let scenarioFile else { return .default }
        let url = URL(fileURLWithPath: scenarioFile)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ValidationError("--scenario \(scenarioFile): cannot read the file (\(error.localizedDescription)).")
        }
        do {
            return try Scenario.load(json: data)
        } catch {
            throw ValidationError("--scenario \(scenarioFile): \(error)")
        }
    }
}
