import ArgumentParser
import BinanceMargin
import Foundation
import Mops

/// margin-guard: embeds the mops interpreter to watch a margin account and act when its margin level sags.
///
/// The guard script is compiled once and run every `--interval` with `floor` and `asset` passed in; it
/// calls the host function `notify(message)`, which prints an alert line. Each mutating request passes
/// the confirmation hook (which logs it) before it is sent. Ctrl-C cancels the running script at its
/// next statement and reports what it had already sent.
@main
struct MarginGuardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "margin-guard",
        abstract: "Watch a margin account; below the floor, alert and repay debt.",
        discussion: """
        Exit codes: 0 every tick ran cleanly; 64 bad arguments; 65 the guard script has errors (nothing was sent);
        70 a tick failed at run time (the others still ran); 130 interrupted.
        """)

    @Flag(help: "Run against a fresh in-process simulator (the default).")
    var sim = false

    @Option(name: .customLong("base-url"), help: "Run against a server that speaks Binance's API, e.g. http://127.0.0.1:8765 (mops sim serve).")
    var baseURL: String?

    @Option(help: "Credentials file (api_key = …, api_secret = …) for --base-url; default: BINANCE_API_KEY/BINANCE_API_SECRET, then ~/.config/mops/credentials.")
    var credentials: String?

    @Flag(help: "Allow live Binance (without it a live --base-url is refused before anything is sent).")
    var live = false

    @Option(help: "Scenario of the in-process simulator: default, empty, whale.")
    var scenario = "default"

    @Option(help: "Time between ticks: 500ms, 30s, 5m, 1h (a bare number is seconds).")
    var interval = GuardInterval(argument: "30s")!

    @Option(help: "Stop after this many ticks (default: run until interrupted).")
    var iterations: Int?

    @Option(help: "The margin level below which the guard acts, an exact decimal.")
    var floor = "1.5"

    @Option(help: "The debt asset the guard repays.")
    var asset = "USDT"

    @Option(help: "A mops guard script to run instead of the built-in one (it may use `floor`, `asset` and `notify`).")
    var script: String?

    @Flag(help: "Simulator only: first open a leveraged long and drop the price, so the guard has work to do.")
    var rehearse = false

    func validate() throws {
        if sim && baseURL != nil { throw ValidationError("--sim and --base-url name two backends; pass one") }
        if live && baseURL == nil { throw ValidationError("--live needs --base-url (e.g. https://api.binance.com)") }
        if let problem = Self.liveGateProblem(baseURL: baseURL, live: live) { throw ValidationError(problem) }
        if let iterations, iterations < 1 { throw ValidationError("--iterations needs a whole number from 1 up, found \(iterations)") }
        guard let level = Number(floor), level.isPositive else {
            throw ValidationError("--floor needs a decimal above zero such as 1.5, found '\(floor)'")
        }
        guard !asset.isEmpty, asset.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }) else {
            throw ValidationError("--asset needs an asset code in capitals such as USDT, found '\(asset)'")
        }
    }

    /// Why `--base-url` may not be used as given, or nil: a Binance host
    /// (``MarginClient/Configuration/isBinanceHost(_:)``) only over https:// and only with `--live` — the `mops` CLI's gate.
    static func liveGateProblem(baseURL: String?, live: Bool) -> String? {
        guard let baseURL, let url = URL(string: baseURL), MarginClient.Configuration.isBinanceHost(url) else { return nil }
        if url.scheme?.lowercased() != "https" {
            return "--base-url \(baseURL) is a Binance host over plain http://; Binance is reached only over https:// (and only with --live)."
        }
        if !live {
            return "--base-url \(baseURL) is live Binance; add --live to guard it (without --live, margin-guard never reaches Binance)."
        }
        return nil
    }

    func run() async throws {
        let backend: GuardBackend
        do {
            backend = try baseURL.map { try GuardBackend.url($0, credentialsFile: credentials) }
                ?? GuardBackend.simulator(scenario: scenario)
        } catch {
            Console.error("margin-guard: \(error)")
            throw ArgumentParser.ExitCode(ExitStatus.usage)
        }
        let source: Source
        if let script {
            guard let text = try? String(contentsOfFile: script, encoding: .utf8) else {
                Console.error("margin-guard: cannot read the guard script \(script)")
                throw ArgumentParser.ExitCode(ExitStatus.noInput)
            }
            source = Source(name: script, text: text)
        } else {
            source = Source(name: "guard.mops", text: GuardScript.standard)
        }
        let options = GuardRun(backend: backend, source: source, floor: Number(floor)!, asset: asset,
                               interval: interval, iterations: iterations, rehearse: rehearse, allowLive: live)
        // Listen for signals before the run starts, so a Ctrl-C during the first tick is not lost.
        let pending = PendingCancellation()
        let interrupt = await Interrupt { pending.cancel() }
        let task = Task { await options.run() }
        pending.attach(task)
        let code = await task.value
        interrupt.stop()
        if code != 0 { throw ArgumentParser.ExitCode(code) }
    }
}
