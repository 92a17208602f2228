import Foundation
import MarginSim
import MarginSimServer
import Testing

/// The banner `mops sim serve` prints: scripts (scripts/conformance/run.sh) read its labelled lines.
@Suite("Sandbox banner")
struct SandboxBannerTests {
    /// The value after `label` on its line, the way run.sh's sed reads it.
    static func field(_ label: String, in text: String) -> String? {
        text.split(separator: "\n").first { $0.hasPrefix("  \(label) ") }
            .flatMap { $0.dropFirst(label.count + 2).split(separator: " ").first.map(String.init) }
    }

    @Test("base URL, key and secret sit on labelled lines; the secret is marked as a local demo key")
    func labelledLines() {
        let banner = SandboxBanner(baseURL: URL(string: "http://127.0.0.1:41234")!, apiKey: "demoKey",
                                   secret: "demoSecret", stateFile: URL(fileURLWithPath: "/tmp/sim.state"))
        let text = banner.text
        #expect(Self.field("Base URL", in: text) == "http://127.0.0.1:41234")
        #expect(Self.field("API key", in: text) == "demoKey")
        #expect(Self.field("API secret", in: text) == "demoSecret")
        #expect(text.contains("local demo key"))
        #expect(text.contains("/tmp/sim.state"))
        #expect(text.contains("base_path=\"http://127.0.0.1:41234\""))
        #expect(text.hasSuffix("Press Ctrl-C to stop.\n"))
        #expect(Self.field("Limits", in: text) == "Binance's")
    }

    @Test("the stream URLs: the same port, Binance's paths, and how to point each client's streams at them")
    func streamLines() {
        let text = SandboxBanner(baseURL: URL(string: "http://127.0.0.1:41234")!, apiKey: "k", secret: "s", stateFile: nil).text
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let streams = lines.firstIndex { $0.hasPrefix("  Streams ") }.map { Array(lines[$0...($0 + 2)]) }
        #expect(streams == [
            "  Streams     ws://127.0.0.1:41234/ws-api/v3   (user data: POST /sapi/v1/userListenToken, then userDataStream.subscribe.listenToken)",
            "              ws://127.0.0.1:41234/ws/<listenKey>   (risk: POST /sapi/v1/margin/listen-key; legacy user data: POST /sapi/v1/userDataStream, isolated: …/isolated)",
            "              ws://127.0.0.1:41234/ws/btcusdt@trade   (also @bookTicker, @miniTicker; combined: ws://127.0.0.1:41234/stream?streams=A/B)",
        ])
        // ccxt.pro's urls["api"] also holds the "ws" dict: the rewrite must leave it alone (scripts/conformance/test_streams_ccxt.py).
        #expect(lines.contains("  ccxt            ex.urls[\"api\"] = {k: re.sub(r\"^https?://[^/]+\", \"http://127.0.0.1:41234\", v) if isinstance(v, str) else v for k, v in ex.urls[\"api\"].items()}   (ccxt.pro: \"ws\" is a dict)"))
        #expect(lines.contains("  SDK streams     ConfigurationWebSocketStreams(stream_url=\"ws://127.0.0.1:41234\")   (risk: conn.risk_data(listenKey=KEY))"))
        #expect(lines.contains("  ccxt streams    ex.urls[\"api\"][\"ws\"][\"spot\"] = ex.urls[\"api\"][\"ws\"][\"margin\"] = \"ws://127.0.0.1:41234/ws\"; ex.urls[\"api\"][\"ws\"][\"ws-api\"][\"spot\"] = \"ws://127.0.0.1:41234/ws-api/v3\""))
        #expect(lines.contains("  python-binance  BinanceSocketManager.STREAM_URL = \"ws://127.0.0.1:41234/\"; AsyncClient.WS_API_URL = \"ws://127.0.0.1:41234/ws-api/v3\"   (margin_socket, trade, bookTicker, miniTicker, multiplex)"))
    }

    @Test("--no-rate-limits is shown on the Limits line")
    func limitsOff() {
        let text = SandboxBanner(baseURL: URL(string: "http://127.0.0.1:1")!, apiKey: "k", secret: "s", stateFile: nil,
                                 enforcesWeightLimits: false).text
        #expect(Self.field("Limits", in: text) == "off")
        #expect(text.contains("never 429"))
    }

    @Test("an Ed25519 key prints no secret")
    func ed25519KeyHasNoSecret() {
        let text = SandboxBanner(baseURL: URL(string: "http://127.0.0.1:1")!, apiKey: "edKey", secret: nil, stateFile: nil).text
        #expect(Self.field("API secret", in: text) == "none:")
        #expect(text.contains("in memory"))
    }

    @Test("no token needed → no Token line and no token header in the examples")
    func noTokenLine() {
        let text = SandboxBanner(baseURL: URL(string: "http://127.0.0.1:1")!, apiKey: "k", secret: "s", stateFile: nil).text
        #expect(Self.field("Token", in: text) == nil)
        #expect(!text.contains("X-Mops-Control-Token"))
    }

    @Test("a generated token is printed on its labelled line and used in the curl examples")
    func generatedTokenLine() {
        let text = SandboxBanner(baseURL: URL(string: "http://0.0.0.0:8765")!, apiKey: "k", secret: "s", stateFile: nil,
                                 controlToken: .generated("0123abcd0123abcd")).text
        #expect(Self.field("Token", in: text) == "0123abcd0123abcd")
        #expect(text.contains("curl -H 'X-Mops-Control-Token: 0123abcd0123abcd' http://0.0.0.0:8765/api/v3/time"))
        #expect(text.contains("MOPS_SIM_CONTROL_TOKEN"))
    }

    @Test("a token the user gave is required but not echoed")
    func givenTokenNotEchoed() {
        let text = SandboxBanner(baseURL: URL(string: "http://127.0.0.1:1")!, apiKey: "k", secret: "s", stateFile: nil,
                                 controlToken: .given).text
        #expect(Self.field("Token", in: text) == "the")
        #expect(text.contains("X-Mops-Control-Token: $MOPS_SIM_CONTROL_TOKEN"))
    }

    @Test("with the demo key, the banner tells mops users to pass --base-url alone (mops signs with the demo key) — never to export BINANCE_API_KEY")
    func mopsLineWithDemoKey() {
        let text = SandboxBanner(baseURL: URL(string: "http://127.0.0.1:41234")!, apiKey: DemoCredentials.apiKey,
                                 secret: DemoCredentials.secret, stateFile: nil).text
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains("  mops            mops --base-url http://127.0.0.1:41234   (the REPL; or: mops run --base-url http://127.0.0.1:41234 script.mops)"))
        #expect(lines.contains("                  (mops signs with the demo key above by itself; it sends BINANCE_API_KEY only to Binance)"))
        #expect(!text.contains("BINANCE_API_SECRET"))
        #expect(!text.contains("--credentials"))
    }

    @Test("with a scenario's own key, the banner tells mops users to pass it in a --credentials file", arguments: [true, false])
    func mopsLineWithOwnKey(_ hmac: Bool) {
        let text = SandboxBanner(baseURL: URL(string: "http://127.0.0.1:1")!, apiKey: "ownKey", secret: hmac ? "ownSecret" : nil,
                                 stateFile: nil).text
        #expect(text.contains("  mops            mops --base-url http://127.0.0.1:1 --credentials FILE   (or: mops run --base-url http://127.0.0.1:1 --credentials FILE script.mops)"))
        #expect(text.contains(hmac ? "(FILE: api_key = KEY and api_secret = SECRET, readable by its owner only;" : "(FILE: private_key_file = PATH,"))
        #expect(!text.contains("BINANCE_API_SECRET"))
    }

    @Test("a required token is part of the mops command line: the generated one printed, a given one as a placeholder")
    func mopsLineWithToken() {
        let generated = SandboxBanner(baseURL: URL(string: "http://0.0.0.0:8765")!, apiKey: DemoCredentials.apiKey,
                                      secret: DemoCredentials.secret, stateFile: nil, controlToken: .generated("0123abcd0123abcd")).text
        #expect(generated.contains("  mops            MOPS_SIM_CONTROL_TOKEN=0123abcd0123abcd mops --base-url http://0.0.0.0:8765   (the REPL;"))
        let given = SandboxBanner(baseURL: URL(string: "http://127.0.0.1:1")!, apiKey: DemoCredentials.apiKey,
                                  secret: DemoCredentials.secret, stateFile: nil, controlToken: .given).text
        #expect(given.contains("  mops            MOPS_SIM_CONTROL_TOKEN=TOKEN mops --base-url http://127.0.0.1:1   (the REPL;"))
    }
}
