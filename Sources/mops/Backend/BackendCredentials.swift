import BinanceMargin
import Foundation
import MarginSim

/// Which credentials a backend URL gets — the one rule for `--base-url`/`--live`.
///
/// `--credentials FILE` always wins. Otherwise the environment's or the default file's credentials
/// (``CredentialsSource/resolve(_:)``) go only to live Binance (a URL on one of
/// ``MarginClient/Configuration/liveDomains``); any other server — a sandbox, `mops sim serve`, or a
/// hostile host — gets the simulator's public demo key, so live keys and replayable signed requests
/// never leave for a server that is not Binance. The example `MarginGuard` applies the same rule
/// (it cannot import this executable target) in its `GuardBackend.url(_:credentialsFile:)`.
enum BackendCredentials {
    /// The credentials for `url`; throws a usage error when live Binance is named and none are found.
    /// `environment` is injected so the rule is testable without touching the process environment.
    static func credentials(for url: URL, credentialsFile: String?,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Credentials {
        if let credentialsFile {
            return try CredentialsSource.file(URL(fileURLWithPath: credentialsFile))
        }
        guard namesLiveBinance(url) else {
            return try Credentials.hmac(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret)
        }
        guard let credentials = try CredentialsSource.resolve(environment) else {
            throw CLIError.usage("\(url.absoluteString) is live Binance and needs credentials: export BINANCE_API_KEY and BINANCE_API_SECRET (or BINANCE_PRIVATE_KEY_FILE), or pass --credentials FILE")
        }
        return credentials
    }

    /// Whether `url` is on one of Binance's own hosts (the client's `isLive` rule).
    static func namesLiveBinance(_ url: URL) -> Bool {
        MarginClient.Configuration.isBinanceHost(url)
    }
}
