import BinanceMargin
import Foundation
import Testing

/// A generated day of BTCUSDT candles in Binance's format: the file README's rehearsal example replays.
enum ReplayFixture {
    /// The README example's file, next to its guard script.
    static let examples: URL = {
        var dir = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { dir.deleteLastPathComponent() }
        return dir.appendingPathComponent("examples/replay")
    }()

    /// `minutes` one-minute candles from 2024-03-01 00:00 UTC: a seeded walk from 62,000 USDT that falls
    /// about 40 % between the fourth and the eighth hour and recovers a little after.
    static func csv(seed: UInt64 = 14, minutes: Int = 720) -> String {
        var random = SplitMix64(seed: seed)
        var price: Int64 = 6_200_000   // cents
        var lines: [String] = []
        let start: Int64 = 1_709_251_200_000
        for minute in 0..<minutes {
            let drift: Int64 = (240..<480).contains(minute) ? -10_500 : minute >= 480 ? 2_000 : 0
            let open = price
            let close = max(100, open + drift + Int64(random.next(upTo: 16_001)) - 8_000)
            let high = max(open, close) + Int64(random.next(upTo: 6_000))
            let low = min(open, close) - Int64(random.next(upTo: 6_000))
            let time = start + Int64(minute) * 60_000
            func dollars(_ cents: Int64) -> String { "\(cents / 100).\(String(format: "%02d", cents % 100))" }
            lines.append("\(time),\(dollars(open)),\(dollars(high)),\(dollars(low)),\(dollars(close)),\(1 + random.next(upTo: 50)),\(time + 59_999)")
            price = close
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A temporary directory holding `files` (name → contents).
    static func directory(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mops-replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return dir
    }
}

@Suite("mops run --replay")
struct ReplayCLITests {
    @Test("the README example: its generated file is the committed one, and its output is README's, whole")
    func readmeExample() throws {
        let file = ReplayFixture.examples.appendingPathComponent("BTCUSDT-1m-2024-03-01.csv")
        let regenerate = ProcessInfo.processInfo.environment["MOPS_REGENERATE_EXAMPLES"] == "1"
        if regenerate { try ReplayFixture.csv().write(to: file, atomically: true, encoding: .utf8) }
        #expect(try String(contentsOf: file, encoding: .utf8) == ReplayFixture.csv(), "regenerate examples/replay from ReplayFixture.csv()")
        let guardScript = ReplayFixture.examples.appendingPathComponent("guard.mops")
        let dir = try ReplayFixture.directory([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = dir.appendingPathComponent("report.html")
        let r = try MopsProcess.run(["run", "--replay", file.path, guardScript.path, "--report", report.path])
        #expect(r.status == 0, "\(r.stderr)")
        let output = ReplayFixture.examples.appendingPathComponent("output.txt")
        if regenerate { try r.stdout.write(to: output, atomically: true, encoding: .utf8) }
        let expected = try String(contentsOf: output, encoding: .utf8)
        #expect(r.stdout == expected)
        let readme = try String(contentsOf: ReplayFixture.examples.deletingLastPathComponent().deletingLastPathComponent()
                                    .appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains(expected), "README's rehearsal example shows examples/replay/output.txt")
        #expect(readme.contains(try String(contentsOf: guardScript, encoding: .utf8)), "README shows examples/replay/guard.mops")
        #expect(r.stderr.hasSuffix("note: the replayed price series ended at 2024-03-01 11:59:59 UTC: the script stopped at this wait\n 3 | every 1m {\n   | ^~~~~~~~~~\n"), "\(r.stderr)")
        let html = try String(contentsOf: report, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<svg") && html.contains("Rehearsal of BTCUSDT"))
    }

    @Test("without a guard the same day liquidates inside a candle; the summary says so")
    func unguardedLiquidates() throws {
        let dir = try ReplayFixture.directory(["BTCUSDT-1m-2024-03-01.csv": ReplayFixture.csv(),
                                               "bare.mops": "borrow 15000 USDT\nbuy 0.3 BTCUSDT\nwait 1d\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try MopsProcess.run(["run", "--replay", dir.appendingPathComponent("BTCUSDT-1m-2024-03-01.csv").path,
                                     dir.appendingPathComponent("bare.mops").path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("— at or below liquidation (1.1)"), "\(r.stdout)")
        #expect(r.stdout.contains(", 1 liquidation,") || r.stdout.contains("liquidations,"), "\(r.stdout)")
        #expect(!r.stdout.contains(" 0 liquidations"), "\(r.stdout)")
    }

    @Test("bad files: a located error and exit 65; a missing file exit 66; --replay with --base-url or --sim-state exit 64")
    func refusals() throws {
        let dir = try ReplayFixture.directory(["BTCUSDT-1m-2024-03-02.csv": "1709337600000,1,1.2,0.5,1.5,10,1709337659999\n",
                                               "s.mops": "print 1\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("BTCUSDT-1m-2024-03-02.csv").path, script = dir.appendingPathComponent("s.mops").path
        let r = try MopsProcess.run(["run", "--replay", bad, script])
        #expect(r.status == 65)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "mops: \(bad):1:17: high 1.2 is below the candle's other prices (check the column order: open time, open, high, low, close)\n")
        let missing = try MopsProcess.run(["run", "--replay", dir.appendingPathComponent("nope.csv").path, script])
        #expect(missing.status == 66)
        #expect(missing.stderr.hasPrefix("mops: \(dir.appendingPathComponent("nope.csv").path): cannot read the file ("), "\(missing.stderr)")
        let remote = try MopsProcess.run(["run", "--replay", bad, "--base-url", "http://127.0.0.1:9", script])
        #expect(remote.status == 64)
        #expect(remote.stderr.contains("--replay is for the embedded simulator"))
        let durable = try MopsProcess.run(["run", "--replay", bad, "--sim-state", dir.appendingPathComponent("st.json").path, script])
        #expect(durable.status == 64)
    }

    @Test("mops sim serve --replay-dir must name a directory (exit 64, naming the flag)")
    func replayDirectoryMustExist() throws {
        let dir = try ReplayFixture.directory(["BTCUSDT-1m-2024-03-01.csv": ReplayFixture.csv(minutes: 1)])
        defer { try? FileManager.default.removeItem(at: dir) }
        for path in ["/nonexistent/replays", dir.appendingPathComponent("BTCUSDT-1m-2024-03-01.csv").path] {
            let r = try MopsProcess.run(["sim", "serve", "--port", "0", "--replay-dir", path])
            #expect(r.status == 64, "\(path): \(r.stderr)")
            #expect(r.stderr.contains("--replay-dir \(path) is not a directory; name the folder that holds the kline files"), "\(r.stderr)")
        }
    }

    @Test("sim replay in a script: the same rehearsal, its summary at the end; --report without a replay says so")
    func simReplayStatement() throws {
        let dir = try ReplayFixture.directory(["BTCUSDT-1m-2024-03-01.csv": ReplayFixture.csv(minutes: 30)])
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("BTCUSDT-1m-2024-03-01.csv").path
        let r = try MopsProcess.run(["-e", "sim replay \"\(file)\"\nprint now\nwait 10m\nprint now\nprint price(BTCUSDT)"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("1709251200000\n1709251800000\n"), "\(r.stdout)")
        #expect(r.stdout.contains("rehearsal of BTCUSDT, 2024-03-01 00:00 → 2024-03-01 00:09 UTC (10 samples)"), "\(r.stdout)")
        let none = try MopsProcess.run(["-e", "print 1", "--report", dir.appendingPathComponent("r.html").path])
        #expect(none.status == 0)
        #expect(none.stderr.contains("mops: --report \(dir.appendingPathComponent("r.html").path): nothing was replayed, so no chart was written (add --replay FILE)"))
    }

    @Test("the REPL's entry with --replay: a script on stdin runs on the replayed time, the summary follows; -o json wraps it")
    func replOnStdin() throws {
        let dir = try ReplayFixture.directory(["BTCUSDT-1m-2024-03-01.csv": ReplayFixture.csv(minutes: 5)])
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("BTCUSDT-1m-2024-03-01.csv").path
        let r = try MopsProcess.run(["--replay", file], stdin: "print now\nwait 2m\nprint now\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("1709251200000\n1709251320000\nrehearsal of BTCUSDT, 2024-03-01 00:00 → 2024-03-01 00:01 UTC (2 samples)\n"), "\(r.stdout)")
        let json = try MopsProcess.run(["--replay", file, "-o", "json", "-e", "wait 1m"])
        #expect(json.status == 0)
        let types = json.stdout.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["type"] as? String
        }
        #expect(types == ["rehearsal", "result"], "\(json.stdout)")
    }
}
