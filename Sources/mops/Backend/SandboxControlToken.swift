import BinanceMargin
import Foundation
import MarginSimServer

/// The control token a `mops sim serve` bound beyond loopback requires, sent by mops's own client.
///
/// `MOPS_SIM_CONTROL_TOKEN` (the variable the server reads too) is sent as `X-Mops-Control-Token`
/// to a `--base-url` server — never to live Binance, which has no use for it. It is added below the
/// client, so plan output, request observers and errors never show it.
enum SandboxControlToken {
    /// The HTTP transport to `url`, adding the token when the environment has one and `url` is not Binance.
    static func transport(for url: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> any Transport {
        let http = try HTTPTransport(baseURL: url)
        guard !BackendCredentials.namesLiveBinance(url),
              let token = environment[SandboxAccessPolicy.tokenEnvironmentVariable], !token.isEmpty else { return http }
        return HeaderAddingTransport(base: http, fields: [(name: SandboxAccessPolicy.tokenHeader, value: token)])
    }
}
