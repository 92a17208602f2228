import BinanceMargin
import Foundation
import MarginSim
@testable import mops
import Testing

/// The one credential rule: environment/default-file keys go only to live Binance.
@Suite("Backend credentials")
struct BackendCredentialsTests {
    static let environment = ["BINANCE_API_KEY": "live-key", "BINANCE_API_SECRET": "live-secret",
                              "XDG_CONFIG_HOME": "/nonexistent-mops-test-config"]

    @Test("any non-Binance URL gets the demo key even with live keys in the environment",
          arguments: ["http://127.0.0.1:8765", "https://testnet.example.com", "http://binance.com.evil.example", "https://notbinance.com"])
    func otherServersGetTheDemoKey(_ text: String) throws {
        let url = try #require(URL(string: text))
        let credentials = try BackendCredentials.credentials(for: url, credentialsFile: nil, environment: Self.environment)
        #expect(credentials.apiKey == DemoCredentials.apiKey)
    }

    @Test("a Binance host gets the environment's keys", arguments: ["https://api.binance.com", "https://api1.binance.com:443"])
    func binanceGetsTheEnvironmentKeys(_ text: String) throws {
        let url = try #require(URL(string: text))
        let credentials = try BackendCredentials.credentials(for: url, credentialsFile: nil, environment: Self.environment)
        #expect(credentials.apiKey == "live-key")
    }

    @Test("a Binance host without credentials is a usage error")
    func binanceWithoutCredentials() throws {
        let url = try #require(URL(string: "https://api.binance.com"))
        #expect(throws: CLIError.self) {
            try BackendCredentials.credentials(for: url, credentialsFile: nil, environment: ["XDG_CONFIG_HOME": "/nonexistent-mops-test-config"])
        }
    }
}
