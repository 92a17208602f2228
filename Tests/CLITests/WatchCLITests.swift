import Foundation
import Testing

/// `mops watch`: its whole output against a sandbox started in the test (polled over HTTP), the embedded simulator's
/// streamed events, `--for` / `--count` ending it with 0, Ctrl-C with 130, and bad flags with 64.
@Suite("mops watch")
struct WatchCLITests {
    /// Starts `mops watch ARGS`, waits (bounded) for its banner, runs `action`, and returns its stdout, stderr and status.
    static func watch(_ arguments: [String], after action: () throws -> Void = {}, interrupt: Bool = false) throws -> MopsProcess.Result {
        let mops = try RunningMops(["watch"] + arguments)
        // The banner is written once Ctrl-C is handled: an interrupt after it is never lost.
        #expect(mops.waitFor("Ctrl-C stops\n", in: .stderr), "\(mops.text(.stderr))")
        try action()
        if interrupt { mops.interrupt() }
        return mops.finish()
    }

    /// Each line without its leading time (`2026-12-03 16:40:01  `), which is the sandbox's clock.
    static func untimed(_ text: String) -> [String] {
        text.split(separator: "\n").map { String($0.dropFirst(21)) }
    }

    @Test("over HTTP: the banner says it polls; a borrow shows as the balance and the debt it changed, whole; --count ends it with 0")
    func sandboxText() throws {
        let (server, url) = try CLITests.startServer()
        defer { server.terminate(); server.waitUntilExit() }
        let r = try WatchCLITests.watch(["--base-url", url, "--count", "2", "--interval", "100ms"]) {
            let borrow = try MopsProcess.run(["-e", "borrow 100 USDT", "--base-url", url])
            #expect(borrow.status == 0, "\(borrow.stderr)")
        }
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr == "mops: watching simulator at \(url) (events polled every 100ms: balances, debts and the margin status over REST; "
            + "fills and orders are not seen (mops does not read the streams over the network yet)); Ctrl-C stops\n")
        let lines = WatchCLITests.untimed(r.stdout)
        #expect(lines.count == 2, "\(r.stdout)")
        #expect(lines.first == "balance   USDT free 5100 locked 0")
        #expect(lines.last?.hasPrefix("debt      USDT BORROW: principal 100, interest ") == true, "\(r.stdout)")
        // Each line starts with the sandbox's time, `2026-12-03 16:40:01`, and two spaces.
        #expect(r.stdout.split(separator: "\n").allSatisfy { $0.count > 21 && $0.dropFirst(4).hasPrefix("-") && $0.dropFirst(19).hasPrefix("  ") })
    }

    @Test("over HTTP, -o json: one event object per line carrying Binance's JSON; a shock's status change included")
    func sandboxJSON() throws {
        let (server, url) = try CLITests.startServer()
        defer { server.terminate(); server.waitUntilExit() }
        let setup = try MopsProcess.run(["-e", "borrow 20000 USDT\nbuy 0.4 BTCUSDT", "--base-url", url])
        #expect(setup.status == 0, "\(setup.stderr)")
        // One poll reports a change as balances, then debts, then the status: the order holds however the polls fall.
        let r = try WatchCLITests.watch(["--base-url", url, "-o", "json", "--count", "3", "--interval", "100ms"]) {
            let borrow = try MopsProcess.run(["-e", "borrow 100 USDT", "--base-url", url])
            #expect(borrow.status == 0, "\(borrow.stderr)")
            Thread.sleep(forTimeInterval: 0.3)
            let shock = try MopsProcess.run(["-e", "sim shock BTCUSDT -20%", "--base-url", url])
            #expect(shock.status == 0, "\(shock.stderr)")
        }
        #expect(r.status == 0, "\(r.stderr)")
        let objects = try r.stdout.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects.count == 3)
        #expect(objects.allSatisfy { $0["type"] as? String == "event" && $0["account"] as? String == "cross" })
        let events = objects.compactMap { $0["event"] as? [String: Any] }
        #expect(events.map { $0["e"] as? String } == ["outboundAccountPosition", "USER_LIABILITY_CHANGE", "MARGIN_LEVEL_STATUS_CHANGE"])
        #expect((events.first?["B"] as? [[String: Any]])?.map { $0["a"] as? String } == ["USDT"])
        #expect(events[1]["a"] as? String == "USDT" && events[1]["t"] as? String == "BORROW" && (events[1]["p"] as? String)?.hasPrefix("20100") == true)
        #expect(events.last?["s"] as? String == "MARGIN_CALL" && events.last?["l"] is String && events.last?["E"] is Int)
    }

    @Test("the embedded simulator: streamed (said on stderr); --for ends it with 0; Ctrl-C with 130")
    func embedded() throws {
        let timed = try WatchCLITests.watch(["--for", "300ms"])
        #expect(timed.status == 0)
        #expect(timed.stdout == "")
        #expect(timed.stderr == "mops: watching simulator (embedded, scenario default) (events streamed from its engine); Ctrl-C stops\n")
        let interrupted = try WatchCLITests.watch([], interrupt: true)
        #expect(interrupted.status == 130)
        #expect(interrupted.stdout == "")
    }

    @Test("bad flags are usage errors (64) naming the fix")
    func usage() throws {
        let count = try MopsProcess.run(["watch", "--count", "0"])
        #expect(count.status == 64 && count.stderr.contains("--count must be at least 1, got 0"))
        let duration = try MopsProcess.run(["watch", "--for", "soon"])
        #expect(duration.status == 64 && duration.stderr.contains("--for soon is not a duration; write e.g. 30s, 10m, 1h"))
        let interval = try MopsProcess.run(["watch", "--interval", "10ms"])
        #expect(interval.status == 64 && interval.stderr.contains("--interval 10ms is not a duration of at least 50ms"))
    }
}
