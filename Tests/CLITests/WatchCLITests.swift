import Foundation
import ProcessTestSupport
import Testing

/// `mops watch`: its whole output against a sandbox started in the test (its streams read over WebSockets), the
/// embedded simulator's streamed events, `--for` / `--count` ending it with 0, Ctrl-C with 130, and bad flags with 64.
@Suite("mops watch", .serialized)   // each test starts a sandbox, a watch and clients: one at a time keeps the load down
struct WatchCLITests {
    /// Starts `mops watch ARGS`, waits (bounded) for its banner, runs `action`, and returns its stdout, stderr and status;
    /// a watch still running `timeout` seconds after the action is terminated (the test fails on its output, not hangs).
    /// The tests call it off the shared threads (``offThePool(_:)``): it waits seconds for its child.
    static func watch(_ arguments: [String], timeout: TimeInterval = 60, after action: () throws -> Void = {},
                      interrupt: Bool = false) throws -> MopsProcess.Result {
        let mops = try RunningMops(["watch"] + arguments)
        // The banner is written once Ctrl-C is handled: an interrupt after it is never lost.
        #expect(mops.waitFor("Ctrl-C stops\n", in: .stderr), "\(mops.text(.stderr))")
        do { try action() } catch {
            _ = mops.finish(timeout: 0)
            throw error
        }
        if interrupt { mops.interrupt() }
        return mops.finish(timeout: timeout)
    }

    /// Each line without its leading time (`2026-12-03 16:40:01  `), which is the sandbox's clock.
    static func untimed(_ text: String) -> [String] {
        text.split(separator: "\n").map { String($0.dropFirst(21)) }
    }

    /// Runs `mops -e SCRIPT --base-url URL`; throws what it said when it fails.
    static func mops(_ script: String, at url: String) throws {
        let r = try MopsProcess.run(["-e", script, "--base-url", url], timeout: 60)
        guard r.status == 0 else { throw StepFailed(description: "\(script): exit \(r.status): \(r.stderr)") }
    }

    /// The sandbox's streams, as the banner names them: `ws://127.0.0.1:PORT`.
    static func streams(of url: String) -> String {
        "ws://" + url.dropFirst("http://".count).split(separator: "/")[0]
    }

    @Test("over HTTP: streamed (the banner says from where); a borrow and a market buy show as debt, balance, order and fill lines, whole")
    func sandboxText() async throws {
        try await offThePool {
            let (server, url) = try CLITests.startServer()
            defer { server.terminateAndWait() }
            let r = try WatchCLITests.watch(["--base-url", url, "--count", "5"]) {
                try WatchCLITests.mops("borrow 100 USDT", at: url)
                try WatchCLITests.mops("buy 0.01 BTCUSDT", at: url)
            }
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stderr == "mops: watching simulator at \(url) (events streamed from \(WatchCLITests.streams(of: url)) (user data, risk, user data of 1 isolated pair(s))); Ctrl-C stops\n")
            let lines = WatchCLITests.untimed(r.stdout)
            // The risk stream (debts) and the user-data stream (the rest) are two connections: each keeps its order.
            #expect(lines.filter { $0.hasPrefix("debt") } == ["debt      USDT BORROW: principal 100, interest 0.000625"], "\(r.stdout)")
            #expect(lines.filter { !$0.hasPrefix("debt") } == [
                "balance   USDT free 5100 locked 0",
                "order     NEW BUY MARKET 0.01 BTCUSDT (order 1000001)",
                "fill      BUY 0.01 BTCUSDT at 60000 (order 1000001 FILLED)",
                "balance   BTC free 0.10999 locked 0; USDT free 4500 locked 0",
            ], "\(r.stdout)")
            // Each line starts with the sandbox's time, `2026-12-03 16:40:01`, and two spaces.
            #expect(r.stdout.split(separator: "\n").allSatisfy { $0.count > 21 && $0.dropFirst(4).hasPrefix("-") && $0.dropFirst(19).hasPrefix("  ") })
        }
    }

    @Test("over HTTP: an OCO placed and filled by a price move shows its legs, its order list (EXEC_STARTED, ALL_DONE), the fill and the balances, whole")
    func sandboxOrderList() async throws {
        try await offThePool {
            let (server, url) = try CLITests.startServer()
            defer { server.terminateAndWait() }
            let r = try WatchCLITests.watch(["--base-url", url, "--count", "8"]) {
                try WatchCLITests.mops("sell 0.01 BTCUSDT limit 70000 or stop 50000", at: url)
                try WatchCLITests.mops("sim price BTCUSDT 71000", at: url)
            }
            #expect(r.status == 0, "\(r.stderr)")
            #expect(WatchCLITests.untimed(r.stdout) == [
                "order     NEW SELL STOP_LOSS 0.01 BTCUSDT (order 1000001)",
                "order     NEW SELL LIMIT_MAKER 0.01 BTCUSDT at 70000 (order 1000002)",
                "order list EXEC_STARTED BTCUSDT (list 1)",
                "balance   BTC free 0.09 locked 0.01",
                "order     EXPIRED SELL STOP_LOSS 0.01 BTCUSDT (order 1000001)",
                "fill      SELL 0.01 BTCUSDT at 70000 (order 1000002 FILLED)",
                "order list ALL_DONE BTCUSDT (list 1)",
                "balance   BTC free 0.09 locked 0; USDT free 5699.3 locked 0",
            ], "\(r.stdout)")
        }
    }

    @Test("over HTTP: a forced liquidation shows as FORCE_LIQUIDATION at the level that triggered it, the balance and debt it changed, then the status after it")
    func sandboxLiquidation() async throws {
        try await offThePool {
            let (server, url) = try CLITests.startServer()
            defer { server.terminateAndWait() }
            try WatchCLITests.mops("borrow 20000 USDT\nbuy 0.4 BTCUSDT", at: url)
            let r = try WatchCLITests.watch(["--base-url", url, "--count", "4"]) {
                try WatchCLITests.mops("sim shock BTCUSDT -30%", at: url)
            }
            #expect(r.status == 0, "\(r.stderr)")
            let lines = WatchCLITests.untimed(r.stdout)
            #expect(lines.filter { !$0.hasPrefix("balance") } == [
                "debt      USDT REPAY: principal 0, interest 0",
                "status    FORCE_LIQUIDATION, margin level 1.09915313",
                "status    EXCESSIVE, margin level 999",
            ], "\(r.stdout)")
            #expect(lines.filter { $0.hasPrefix("balance") } == ["balance   BTC free 0.04676323 locked 0; USDT free 0.00019566 locked 0"], "\(r.stdout)")
        }
    }

    @Test("over HTTP: an isolated pair's user-data stream is read too — its lines say so, its -o json objects name the account")
    func sandboxIsolated() async throws {
        try await offThePool {
            let (server, url) = try CLITests.startServer()
            defer { server.terminateAndWait() }
            let text = try WatchCLITests.watch(["--base-url", url, "--count", "3"]) {
                try WatchCLITests.mops("buy 0.001 BTCUSDT isolated", at: url)
            }
            #expect(text.status == 0, "\(text.stderr)")
            #expect(WatchCLITests.untimed(text.stdout) == [
                "order     NEW BUY MARKET 0.001 BTCUSDT (order 1000001)  (isolated BTCUSDT)",
                "fill      BUY 0.001 BTCUSDT at 60000 (order 1000001 FILLED)  (isolated BTCUSDT)",
                "balance   BTC free 0.000999 locked 0; USDT free 940 locked 0  (isolated BTCUSDT)",
            ], "\(text.stdout)")
            let json = try WatchCLITests.watch(["--base-url", url, "-o", "json", "--count", "1"]) {
                try WatchCLITests.mops("sell 0.0009 BTCUSDT isolated limit 70000", at: url)
            }
            #expect(json.status == 0, "\(json.stderr)")
            #expect(json.stdout.split(separator: "\n").map(WatchCLITests.masked) == [
                #"{"account":"isolated BTCUSDT","event":{"c":"…","C":"","e":"executionReport","E":…,"f":"GTC","g":-1,"i":1000002,"l":"0","L":"0","m":false,"n":"0","o":"LIMIT","O":…,"p":"70000","P":"0","q":"0.0009","r":"NONE","s":"BTCUSDT","S":"SELL","t":-1,"T":…,"w":true,"x":"NEW","X":"NEW","Y":"0","z":"0","Z":"0"},"type":"event"}"#,
            ], "\(json.stdout)")
        }
    }

    /// How a test funds ETHUSDT's isolated pair while a watch runs.
    enum PairFunding: CaseIterable, Sendable, CustomTestStringConvertible {
        /// A transfer from cross: its cross `balanceUpdate` makes the watch read the isolated accounts at once.
        case fromCross
        /// Funds that land in the pair with no cross event, as a transfer from spot (MAIN_ISOLATED_MARGIN) does on
        /// Binance: only the periodic read (`BackendStreams.followInterval`, 15 s) finds the pair.
        case fromSpot

        var testDescription: String { self == .fromCross ? "from cross" : "from spot" }

        func fund(_ url: String) throws {
            switch self {
            case .fromCross: try WatchCLITests.mops("transfer 100 USDT from margin to isolated ETHUSDT", at: url)
            case .fromSpot:
                let status = try SandboxControlPost.post(url, "/sim/deposit", "asset=USDT&amount=100&account=ISOLATED&symbol=ETHUSDT")
                #expect(status == "HTTP/1.1 200 OK", "\(status)")
            }
        }

        /// The watch's lines for the funding itself (the cross account's; the pair is not followed yet).
        var lines: [String] { self == .fromCross ? ["transfer  USDT -100", "balance   USDT free 4900 locked 0"] : [] }
    }

    @Test("over HTTP: an isolated pair funded after the watch started is followed (at once from cross, by the 15 s read from spot) — said once its stream is connected, then its order, fill and balance lines",
          arguments: PairFunding.allCases)
    func sandboxIsolatedOpenedLater(funding: PairFunding) async throws {
        try await offThePool {
            let (server, url) = try CLITests.startServer()
            defer { server.terminateAndWait() }
            let mops = try RunningMops(["watch", "--base-url", url, "--count", "\(funding.lines.count + 3)"])
            #expect(mops.waitFor("Ctrl-C stops\n", in: .stderr), "\(mops.text(.stderr))")
            let started = ContinuousClock.now
            let following = "mops: watch: events: following isolated pair ETHUSDT from now: it came to hold or owe something after the streams started\n"
            do {
                try funding.fund(url)
                #expect(mops.waitFor(following, in: .stderr, timeout: 45), "\(mops.text(.stderr))")
                try WatchCLITests.mops("buy 0.01 ETHUSDT isolated", at: url)
            } catch {
                _ = mops.finish(timeout: 0)
                throw error
            }
            let waited = ContinuousClock.now - started
            let r = mops.finish(timeout: 60)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stderr == "mops: watching simulator at \(url) (events streamed from \(WatchCLITests.streams(of: url)) (user data, risk, user data of 1 isolated pair(s))); Ctrl-C stops\n" + following)
            #expect(WatchCLITests.untimed(r.stdout) == funding.lines + [
                "order     NEW BUY MARKET 0.01 ETHUSDT (order 1000001)  (isolated ETHUSDT)",
                "fill      BUY 0.01 ETHUSDT at 3000 (order 1000001 FILLED)  (isolated ETHUSDT)",
                "balance   ETH free 0.00999 locked 0; USDT free 70 locked 0  (isolated ETHUSDT)",
            ], "\(r.stdout)")
            if funding == .fromSpot { #expect(waited >= .seconds(5), "followed after \(waited): not by the periodic read") }
        }
    }

    @Test("over HTTP, where no stream can connect (the sandbox refuses their keys): polled, and the banner says so and why; a borrow shows")
    func pollingFallback() async throws {
        try await offThePool {
            let (server, url) = try CLITests.startServer()
            defer { server.terminateAndWait() }
            for path in ["/sapi/v1/userListenToken", "/sapi/v1/margin/listen-key"] {
                let status = try SandboxControlPost.post(url, "/sim/fault", "kind=error&path=\(path)&count=1000")
                #expect(status == "HTTP/1.1 200 OK", "\(status)")
            }
            let r = try WatchCLITests.watch(["--base-url", url, "--count", "2", "--interval", "100ms"]) {
                try WatchCLITests.mops("borrow 100 USDT", at: url)
            }
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stderr == "mops: watching simulator at \(url) (events polled every 100ms: balances, debts and the margin status over REST; "
                + "fills and orders are not seen (its streams at \(WatchCLITests.streams(of: url)) were not connected after 10s)); Ctrl-C stops\n")
            #expect(WatchCLITests.untimed(r.stdout) == ["balance   USDT free 5100 locked 0", "debt      USDT BORROW: principal 100, interest 0.000625"],
                    "\(r.stdout)")
        }
    }

    /// A `-o json` line with its times (`E`, `O`, `T`, `u`) and the client order id (`c`) replaced by `…`.
    static func masked(_ line: Substring) -> String {
        var text = String(line)
        for key in ["E", "O", "T", "u"] {
            text = text.replacingOccurrences(of: "\"\(key)\":[0-9]+", with: "\"\(key)\":…", options: .regularExpression)
        }
        return text.replacingOccurrences(of: "\"c\":\"mops-[A-Za-z0-9]+\"", with: "\"c\":\"…\"", options: .regularExpression)
    }

    @Test("over HTTP, -o json: one event object per line carrying Binance's JSON — a fill's executionReports and a shock's MARGIN_LEVEL_STATUS_CHANGE")
    func sandboxJSON() async throws {
        try await offThePool {
            let (server, url) = try CLITests.startServer()
            defer { server.terminateAndWait() }
            try WatchCLITests.mops("borrow 20000 USDT\nbuy 0.4 BTCUSDT", at: url)
            let r = try WatchCLITests.watch(["--base-url", url, "-o", "json", "--count", "6"]) {
                try WatchCLITests.mops("borrow 100 USDT", at: url)
                try WatchCLITests.mops("buy 0.01 BTCUSDT", at: url)
                try WatchCLITests.mops("sim shock BTCUSDT -20%", at: url)
            }
            #expect(r.status == 0, "\(r.stderr)")
            let lines = r.stdout.split(separator: "\n")
            #expect(lines.count == 6, "\(r.stdout)")
            let risk = lines.filter { $0.contains("USER_LIABILITY_CHANGE") || $0.contains("MARGIN_LEVEL_STATUS_CHANGE") }.map(WatchCLITests.masked)
            #expect(risk == [
                #"{"account":"cross","event":{"a":"USDT","e":"USER_LIABILITY_CHANGE","E":…,"i":"0.125625","p":"20100","t":"BORROW"},"type":"event"}"#,
                #"{"account":"cross","event":{"e":"MARGIN_LEVEL_STATUS_CHANGE","E":…,"l":"1.2417992","s":"MARGIN_CALL"},"type":"event"}"#,
            ], "\(r.stdout)")
            let user = lines.filter { !$0.contains("USER_LIABILITY_CHANGE") && !$0.contains("MARGIN_LEVEL_STATUS_CHANGE") }.map(WatchCLITests.masked)
            #expect(user == [
                #"{"account":"cross","event":{"B":[{"a":"USDT","f":"1100","l":"0"}],"e":"outboundAccountPosition","E":…,"u":…},"type":"event"}"#,
                #"{"account":"cross","event":{"c":"…","C":"","e":"executionReport","E":…,"f":"GTC","g":-1,"i":1000002,"l":"0","L":"0","m":false,"n":"0","o":"MARKET","O":…,"p":"0","P":"0","q":"0.01","r":"NONE","s":"BTCUSDT","S":"BUY","t":-1,"T":…,"w":true,"x":"NEW","X":"NEW","Y":"0","z":"0","Z":"0"},"type":"event"}"#,
                #"{"account":"cross","event":{"c":"…","C":"","e":"executionReport","E":…,"f":"GTC","g":-1,"i":1000002,"l":"0.01","L":"60000","m":false,"n":"0.00001","N":"BTC","o":"MARKET","O":…,"p":"0","P":"0","q":"0.01","r":"NONE","s":"BTCUSDT","S":"BUY","t":5000002,"T":…,"w":false,"x":"TRADE","X":"FILLED","Y":"600","z":"0.01","Z":"600"},"type":"event"}"#,
                #"{"account":"cross","event":{"B":[{"a":"BTC","f":"0.50959","l":"0"},{"a":"USDT","f":"500","l":"0"}],"e":"outboundAccountPosition","E":…,"u":…},"type":"event"}"#,
            ], "\(r.stdout)")
        }
    }

    @Test("the embedded simulator: streamed (said on stderr); --for ends it with 0; Ctrl-C with 130")
    func embedded() async throws {
        try await offThePool {
            let timed = try WatchCLITests.watch(["--for", "300ms"])
            #expect(timed.status == 0)
            #expect(timed.stdout == "")
            #expect(timed.stderr == "mops: watching simulator (embedded, scenario default) (events streamed from its engine); Ctrl-C stops\n")
            let interrupted = try WatchCLITests.watch([], interrupt: true)
            #expect(interrupted.status == 130)
            #expect(interrupted.stdout == "")
        }
    }

    @Test("a server that cannot be reached: no stream is tried, the first read fails, exit 69 naming why")
    func unreachable() async throws {
        try await offThePool {
            let r = try MopsProcess.run(["watch", "--base-url", "http://127.0.0.1:1"], timeout: 60)
            #expect(r.status == 69, "\(r.stderr)")
            #expect(r.stdout == "")
            #expect(r.stderr.hasPrefix("mops: watching simulator at http://127.0.0.1:1 (events polled every 2s: "), "\(r.stderr)")
            #expect(r.stderr.contains("\nmops: watch: cannot read the backend: could not connect"), "\(r.stderr)")
        }
    }

    @Test("bad flags are usage errors (64) naming the fix")
    func usage() async throws {
        try await offThePool {
            let count = try MopsProcess.run(["watch", "--count", "0"])
            #expect(count.status == 64 && count.stderr.contains("--count must be at least 1, got 0"))
            let duration = try MopsProcess.run(["watch", "--for", "soon"])
            #expect(duration.status == 64 && duration.stderr.contains("--for soon is not a duration; write e.g. 30s, 10m, 1h"))
            let interval = try MopsProcess.run(["watch", "--interval", "10ms"])
            #expect(interval.status == 64 && interval.stderr.contains("--interval 10ms is not a duration of at least 50ms"))
        }
    }

    @Test("a reader that goes away ends watch as SIGPIPE would, never a trap; a closed stderr loses the banner, not the watch")
    func closedOutput() async throws {
        try await offThePool {
            // Over HTTP the streams' WebSocket client (SwiftNIO) ignores SIGPIPE: a write to the closed pipe fails instead.
            let (server, url) = try CLITests.startServer()
            defer { server.terminateAndWait() }
            let mops = try RunningMops(["watch", "--base-url", url, "--count", "5"], closingStdout: true)
            #expect(mops.waitFor("Ctrl-C stops\n", in: .stderr), "\(mops.text(.stderr))")
            try WatchCLITests.mops("borrow 100 USDT", at: url)
            let ended = mops.finish(timeout: 60)
            #expect(ended.status == SIGPIPE, "\(ended.stderr)")
            #expect(!ended.stderr.contains("Fatal error"), "\(ended.stderr)")
            // Standard error closed (`2>&-`): the banner cannot be written; the watch runs its time and ends with 0.
            let quiet = try MopsProcess.shell(#""$0" watch --for 300ms 2>&-"#, timeout: 60)
            #expect(quiet.status == 0, "\(quiet.stderr)")
            #expect(quiet.stdout == "" && quiet.stderr == "")
        }
    }
}
