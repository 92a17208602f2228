import ArgumentParser
import BinanceMargin
import Foundation

/// Which exchange a command talks to — shared by `mops run`, `mops -e` and the REPL.
///
/// Default: the embedded simulator (in-process, nothing leaves the machine). `--base-url` points
/// at any Binance-compatible server such as `mops sim serve`; `--live` at Binance itself.
struct BackendOptions: ParsableArguments {
    @Option(name: .customLong("base-url"), help: ArgumentHelp(
        "A Binance-compatible server, e.g. http://127.0.0.1:8765 from `mops sim serve`. A Binance host needs --live (and https://) and uses BINANCE_API_KEY/BINANCE_API_SECRET (or the default credentials file) or --credentials; any other server gets the simulator's demo key unless --credentials is given.",
        valueName: "url"))
    var baseURL: String?

    @Flag(help: "Talk to live Binance (https://api.binance.com) with your credentials. Scripts that change the account also need --yes.")
    var live = false

    @Option(name: .customLong("credentials"), help: ArgumentHelp(
        "A credentials file (api_key = …, api_secret = … or private_key_file = …), readable by its owner only.", valueName: "file"))
    var credentialsFile: String?

    @Option(help: ArgumentHelp("The embedded simulator's starting scenario: default, empty or whale.", valueName: "name"))
    var scenario: String = "default"

    @Option(name: .customLong("sim-state"), help: ArgumentHelp(
        "Keep the embedded simulator's state in this file across runs (created when missing).", valueName: "file"))
    var simState: String?

    @Option(name: .customLong("replay"), help: ArgumentHelp(
        "Rehearse against history: the embedded simulator replays this Binance kline CSV file (data.binance.vision, unzipped) from its first candle; repeat for more days or symbols. The run ends with the rehearsal's summary.",
        valueName: "file"))
    var replay: [String] = []

    @Option(name: .customLong("report"), help: ArgumentHelp(
        "After a replay, write the rehearsal's chart (a self-contained HTML page) to this file.", valueName: "file.html"))
    var report: String?

    /// Whether these options name live Binance: `--live`, or a `--base-url` on one of Binance's own hosts
    /// (the same rule the client applies, so `mops check` judges a script as `mops run` would).
    var namesLiveBinance: Bool {
        if live { return true }
        return baseURL.flatMap { URL(string: $0) }.map(MarginClient.Configuration.isBinanceHost) ?? false
    }

    func validate() throws {
        if (live || baseURL != nil) && simState != nil {
            throw ValidationError("--sim-state is for the embedded simulator; drop it when using --live or --base-url.")
        }
        if let baseURL, !(baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://")) {
            throw ValidationError("--base-url \(baseURL) is not an http(s) URL; write e.g. http://127.0.0.1:8765")
        }
        if let problem = BackendOptions.liveGateProblem(baseURL: baseURL, live: live) { throw ValidationError(problem) }
        if !replay.isEmpty && (live || baseURL != nil) {
            throw ValidationError("--replay is for the embedded simulator; to replay on a sandbox server start it with `mops sim serve --replay FILE`.")
        }
        if !replay.isEmpty && simState != nil {
            throw ValidationError("--replay runs in memory; drop --sim-state (a replay's time is the history's, not the state file's).")
        }
    }

    /// Why `--base-url`/`--live` may not be used together as given, or nil when they may — the live gate:
    /// a Binance host (``MarginClient/Configuration/isBinanceHost(_:)``) only with `--live`, never over plain
    /// `http://`, and `--live` only with a Binance host. Checked before anything is sent (exit 64).
    static func liveGateProblem(baseURL: String?, live: Bool) -> String? {
        guard let baseURL else { return nil }
        let onBinance = URL(string: baseURL).map(MarginClient.Configuration.isBinanceHost) ?? false
        if onBinance && !baseURL.lowercased().hasPrefix("https://") {
            return "--base-url \(baseURL) is a Binance host over plain http://; Binance is reached only over https:// (and only with --live)."
        }
        if onBinance && !live {
            return "--base-url \(baseURL) is live Binance; add --live to trade on it (without --live, mops never reaches Binance)."
        }
        if live && !onBinance {
            return "--live means Binance (https://api.binance.com), but --base-url \(baseURL) is not a Binance host; drop one of them."
        }
        return nil
    }
}
