import Foundation
import Testing

/// "Live only with --live": a Binance host is refused without `--live` (and over plain http:// always)
/// before anything is sent — exit 64, naming `--live`. Port 1 on every URL: a connection attempt would
/// fail differently (exit 69), so exit 64 with an empty stdout proves nothing was sent.
@Suite("CLI: the live gate")
struct LiveGateTests {
    static let environment = ["BINANCE_API_KEY": "gate-test-key", "BINANCE_API_SECRET": "gate-test-secret"]

    /// The whole stderr of a refusal: the message, then ArgumentParser's usage lines.
    static func refusal(_ message: String) -> String {
        "Error: \(message)\n"
            + "Usage: mops [-e <code>] [--dry-run] [--yes] [--verbose] [--base-url <url>] [--live] [--credentials <file>] [--scenario <name>] [--sim-state <file>] [--replay <file> ...] [--report <file.html>] [--output <output>] <subcommand>\n"
            + "  See 'mops --help' for more information.\n"
    }

    /// Binance hosts in spellings a user (or a copy-paste) might produce, each on port 1.
    static let binanceHosts = ["api.binance.com", "API.Binance.COM", "api1.binance.com", "api.binance.com.",
                               "testnet.binance.vision", "api.binance.us", "binance.com"]

    /// Every command that reaches a backend, with the URL inserted.
    static func invocations(_ url: String, live: Bool) throws -> [[String]] {
        let file = try MopsProcess.script("print marginLevel\n")
        let flag = live ? ["--live"] : []
        return [["run"] + flag + ["--base-url", url, file.path],
                flag + ["--base-url", url, "-e", "print marginLevel"],
                ["check"] + flag + ["--base-url", url, file.path]]
    }

    @Test("a Binance host without --live is refused before anything is sent (exit 64, naming --live)", arguments: binanceHosts)
    func binanceHostNeedsLive(host: String) throws {
        let url = "https://\(host):1"
        for arguments in try Self.invocations(url, live: false) {
            let r = try MopsProcess.run(arguments, environment: Self.environment)
            #expect(r.status == 64, "\(arguments): \(r.stderr)")
            #expect(r.stdout == "")
            #expect(r.stderr == Self.refusal("--base-url \(url) is live Binance; add --live to trade on it (without --live, mops never reaches Binance)."))
            #expect(!r.stderr.contains("gate-test-secret"))
        }
    }

    @Test("plain http:// to a Binance host is refused, with or without --live", arguments: binanceHosts)
    func plainHTTPToBinanceIsRefused(host: String) throws {
        let url = "http://\(host):1"
        for live in [false, true] {
            for arguments in try Self.invocations(url, live: live) {
                let r = try MopsProcess.run(arguments, environment: Self.environment)
                #expect(r.status == 64, "\(arguments): \(r.stderr)")
                #expect(r.stdout == "")
                #expect(r.stderr == Self.refusal("--base-url \(url) is a Binance host over plain http://; Binance is reached only over https:// (and only with --live)."))
            }
        }
    }

    @Test("--live with a base URL that is not Binance's is refused (live means Binance)")
    func liveNeedsABinanceHost() throws {
        for arguments in try Self.invocations("http://127.0.0.1:1", live: true) {
            let r = try MopsProcess.run(arguments, environment: Self.environment)
            #expect(r.status == 64)
            #expect(r.stdout == "")
            #expect(r.stderr == Self.refusal("--live means Binance (https://api.binance.com), but --base-url http://127.0.0.1:1 is not a Binance host; drop one of them."))
        }
    }

    @Test("look-alike hosts are not Binance: they are servers like any other (no --live, the demo key)")
    func lookAlikesAreNotBinance() throws {
        for host in ["binance.com.evil.example", "notbinance.com", "api.binance.com.127.0.0.1.nip.io"] {
            // `print 1` sends nothing: the run succeeds against "a simulator at" that URL, which never hears from it.
            let r = try MopsProcess.run(["--base-url", "http://\(host):1", "-e", "print 1"], environment: Self.environment)
            #expect(r.status == 0 && r.stdout == "1\n", "\(host): \(r.stderr)")
            #expect(r.stderr == "mops: running <-e> on simulator at http://\(host):1\n")
        }
    }
}
