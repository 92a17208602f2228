import Foundation
import MarginSim

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
    /// The control token every request must carry, or `nil` when none is needed (no `Token` line).
    public var controlToken: ControlToken?

    /// How the banner shows a required control token.
    public enum ControlToken: Sendable, Hashable {
        /// A token the server made: printed, since no one else knows it.
        case generated(String)
        /// A token the user gave (flag or environment): not echoed, they have it.
        case given
    }

    /// A banner for a sandbox listening at `baseURL`.
    public init(baseURL: URL, apiKey: String, secret: String?, stateFile: URL?, enforcesWeightLimits: Bool = true,
                controlToken: ControlToken? = nil) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.secret = secret
        self.stateFile = stateFile
        self.enforcesWeightLimits = enforcesWeightLimits
        self.controlToken = controlToken
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
        ]
        lines += tokenLines
        lines += streamLines
        lines += [
            "",
            "Point a client at it (KEY and SECRET: the API key and secret above):",
        ]
        lines += mopsLines
        lines += [
            "  official SDK    ConfigurationRestAPI(api_key=KEY, api_secret=SECRET, base_path=\"\(url)\")",
            "  ccxt            ex.urls[\"api\"] = {k: re.sub(r\"^https?://[^/]+\", \"\(url)\", v) if isinstance(v, str) else v for k, v in ex.urls[\"api\"].items()}   (ccxt.pro: \"ws\" is a dict)",
            "  python-binance  client.API_URL = \"\(url)/api\"; client.MARGIN_API_URL = \"\(url)/sapi\"",
            "  curl            curl \(curlToken)\(url)/api/v3/time",
            "  control         curl -X POST \(curlToken)\(url)/sim/price -d symbol=BTCUSDT -d price=55000   (also /sim/clock, /sim/deposit, /sim/fault …)",
            "  SDK streams     ConfigurationWebSocketStreams(stream_url=\"\(streamURL)\")   (risk: conn.risk_data(listenKey=KEY))",
            "  ccxt streams    ex.urls[\"api\"][\"ws\"][\"spot\"] = ex.urls[\"api\"][\"ws\"][\"margin\"] = \"\(streamURL)/ws\"; ex.urls[\"api\"][\"ws\"][\"ws-api\"][\"spot\"] = \"\(streamURL)/ws-api/v3\"",
            "  python-binance  BinanceSocketManager.STREAM_URL = \"\(streamURL)/\"; AsyncClient.WS_API_URL = \"\(streamURL)/ws-api/v3\"   (margin_socket, trade, bookTicker, miniTicker, multiplex)",
            "",
            "Press Ctrl-C to stop.",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// How to point mops at the sandbox. mops sends `BINANCE_API_KEY`/`BINANCE_API_SECRET` only to Binance
    /// itself; any other `--base-url` is signed with the demo key, or with the key of a `--credentials` file.
    private var mopsLines: [String] {
        let url = baseURL.absoluteString
        let token: String
        switch controlToken {
        case nil: token = ""
        case .generated(let value): token = "MOPS_SIM_CONTROL_TOKEN=\(value) "
        case .given: token = "MOPS_SIM_CONTROL_TOKEN=TOKEN "
        }
        guard apiKey != DemoCredentials.apiKey || secret != DemoCredentials.secret else {
            return ["  mops            \(token)mops --base-url \(url)   (the REPL; or: mops run --base-url \(url) script.mops)",
                    "                  (mops signs with the demo key above by itself; it sends BINANCE_API_KEY only to Binance)"]
        }
        let file = secret == nil ? "private_key_file = PATH" : "api_key = KEY and api_secret = SECRET"
        return ["  mops            \(token)mops --base-url \(url) --credentials FILE   (or: mops run --base-url \(url) --credentials FILE script.mops)",
                "                  (FILE: \(file), readable by its owner only; mops sends BINANCE_API_KEY only to Binance)"]
    }

    /// The `Token` line and how to send it, when a token is required.
    private var tokenLines: [String] {
        switch controlToken {
        case nil: return []
        case .generated(let token):
            return ["  Token       \(token)",
                    "              (required on every request as the X-Mops-Control-Token header; mops sends MOPS_SIM_CONTROL_TOKEN)"]
        case .given:
            return ["  Token       the one given (--control-token / MOPS_SIM_CONTROL_TOKEN), not shown",
                    "              (required on every request as the X-Mops-Control-Token header; mops sends MOPS_SIM_CONTROL_TOKEN)"]
        }
    }

    /// The WebSocket base: the same host and port as ``baseURL``, `ws://`.
    private var streamURL: String {
        let url = baseURL.absoluteString
        return url.hasPrefix("https://") ? "wss://" + url.dropFirst(8) : "ws://" + url.dropFirst(url.hasPrefix("http://") ? 7 : 0)
    }

    /// Where the streams are (docs/streams.md): the same port, Binance's paths.
    private var streamLines: [String] {
        [
            "  Streams     \(streamURL)/ws-api/v3   (user data: POST /sapi/v1/userListenToken, then userDataStream.subscribe.listenToken)",
            "              \(streamURL)/ws/<listenKey>   (risk: POST /sapi/v1/margin/listen-key; legacy user data: POST /sapi/v1/userDataStream, isolated: …/isolated)",
            "              \(streamURL)/ws/btcusdt@trade   (also @bookTicker, @miniTicker; combined: \(streamURL)/stream?streams=A/B)",
        ]
    }

    /// The header option the curl examples need: none without a token.
    private var curlToken: String {
        switch controlToken {
        case nil: return ""
        case .generated(let token): return "-H 'X-Mops-Control-Token: \(token)' "
        case .given: return "-H \"X-Mops-Control-Token: $MOPS_SIM_CONTROL_TOKEN\" "
        }
    }
}
