import Foundation

/// What `mops sim serve` prints once it listens: the base URL, the local demo key and how to point
/// each client at the sandbox.
///
/// The lines `Base URL`, `API key` and `API secret` have a fixed shape (label, spaces, value) so
/// scripts can read them (`scripts/conformance/run.sh` does).
public struct SandboxBanner: Sendable, Hashable {
    /// The server's base URL, e.g. `http://127.0.0.1:8765`.
    public var baseURL: URL
    /// The API key clients send in `X-MBX-APIKEY`.
    public var apiKey: String
    /// The HMAC secret that goes with ``apiKey``: a local demo secret, printed on purpose. `nil`
    /// when the key is an Ed25519 key (the private key stays with its owner).
    public var secret: String?
    /// The durable state file, or `nil` when the state lives in memory only.
    public var stateFile: URL?
    /// Whether requests past Binance's per-minute weight limits get 429 (false with `--no-rate-limits`).
    public var enforcesWeightLimits: Bool

    /// A banner for a sandbox listening at `baseURL`.
    public init(baseURL: URL, apiKey: String, secret: String?, stateFile: URL?, enforcesWeightLimits: Bool = true) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.secret = secret
        self.stateFile = stateFile
        self.enforcesWeightLimits = enforcesWeightLimits
    }

    /// The banner's text, ending with a newline.
    public var text: String {
        let url = baseURL.absoluteString
        let state = stateFile.map { "\($0.path) (every acknowledged change survives a crash)" }
            ?? "in memory (use --state FILE to keep it)"
        var lines = [
            "mops sim serve: a simulated Binance margin exchange (no real funds, nothing leaves this machine)",
            "",
            "  Base URL    \(url)",
            "  API key     \(apiKey)",
        ]
        if let secret {
            lines.append("  API secret  \(secret)")
            lines.append("              (a local demo key: it works only against this sandbox, never on Binance)")
        } else {
            lines.append("  API secret  none: this key is an Ed25519 key; sign with its private key")
        }
        lines += [
            "  State       \(state)",
            "  Limits      " + (enforcesWeightLimits
                ? "Binance's per-minute request weights (429 with Retry-After past them)"
                : "off (--no-rate-limits): used-weight headers only, never 429"),
            "",
            "Point a client at it:",
            "  mops            mops run --base-url \(url) script.mops   (BINANCE_API_KEY / BINANCE_API_SECRET = the key above)",
            "  official SDK    ConfigurationRestAPI(api_key=KEY, api_secret=SECRET, base_path=\"\(url)\")",
            "  ccxt            ex.urls[\"api\"] = {k: re.sub(r\"^https?://[^/]+\", \"\(url)\", v) for k, v in ex.urls[\"api\"].items()}",
            "  python-binance  client.API_URL = \"\(url)/api\"; client.MARGIN_API_URL = \"\(url)/sapi\"",
            "  curl            curl \(url)/api/v3/time",
            "  control         curl -X POST \(url)/sim/price -d symbol=BTCUSDT -d price=55000   (also /sim/clock, /sim/deposit, /sim/fault …)",
            "",
            "Press Ctrl-C to stop.",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
