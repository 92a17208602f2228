import BinanceMargin
import Foundation
import MarginSim
import Mops

/// The backend named on the command line, as a client and the interpreter configuration it implies.
struct GuardBackend: Sendable {
    /// Every request goes through it.
    let client: MarginClient
    /// What it is, for the banner and messages.
    let name: String

    /// `--sim` (the default): a fresh in-process simulator, `scenario` (`default`, `empty`, `whale`).
    static func simulator(scenario name: String) throws -> GuardBackend {
        guard let scenario = Scenario.named(name) else {
            throw GuardError.usage("unknown scenario '\(name)'; known: default, empty, whale")
        }
        let transport = InProcessTransport(simulator: MarginSimulator(scenario: scenario))
        let credentials = try Credentials.hmac(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret)
        let client = try MarginClient(configuration: MarginClient.Configuration(transport: transport, credentials: credentials))
        return GuardBackend(client: client, name: "simulator (in-process, scenario \(scenario.name))")
    }

    /// `--base-url URL`: any server that speaks Binance's API. `--credentials FILE` is used for any URL;
    /// otherwise `BINANCE_API_KEY` with `BINANCE_API_SECRET`/`BINANCE_PRIVATE_KEY_FILE`, or the default
    /// credentials file, go only to live Binance (which without them is refused), and any other server
    /// (`mops sim serve`, a sandbox) gets the demo key, so live keys never reach it. The same rule as
    /// the `mops` CLI's `BackendCredentials` (an executable target this example cannot import).
    static func url(_ text: String, credentialsFile: String?) throws -> GuardBackend {
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw GuardError.usage("--base-url needs an http(s) URL such as http://127.0.0.1:8765, found '\(text)'")
        }
        let transport = try HTTPTransport(baseURL: url)
        let credentials: Credentials
        if let credentialsFile {
            credentials = try CredentialsSource.file(URL(fileURLWithPath: credentialsFile))
        } else if MarginClient.Configuration(transport: transport, credentials: nil).isLive {
            guard let resolved = try CredentialsSource.resolve() else {
                throw GuardError.usage("\(url.absoluteString) is live Binance and needs credentials: export BINANCE_API_KEY and BINANCE_API_SECRET, or pass --credentials FILE")
            }
            credentials = resolved
        } else {
            credentials = try Credentials.hmac(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret)
        }
        let client = try MarginClient(configuration: MarginClient.Configuration(transport: transport, credentials: credentials))
        return GuardBackend(client: client, name: (client.isLive ? "live Binance at " : "simulator at ") + url.absoluteString)
    }
}

/// A command-line problem MarginGuard reports before running anything.
enum GuardError: Error, CustomStringConvertible {
    /// Bad arguments.
    case usage(String)

    var description: String {
        switch self {
        case .usage(let message): return message
        }
    }
}
