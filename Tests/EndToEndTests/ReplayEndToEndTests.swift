import BinanceMargin
import Foundation
import MarginSim
import MarginSimServer
import Mops
import Synchronization
import Testing

/// Replay over real HTTP: `/sim/replay` on a running sandbox, a script on the replayed time through an HTTP
/// client, and `mops sim serve --replay FILE` / a scenario file's `replay` key.
@Suite("Replay over HTTP")
struct ReplayEndToEndTests {
    /// `minutes` one-minute BTCUSDT candles from 2024-03-01 00:00 UTC, falling 100 USDT a minute from 40,000.
    static func csv(minutes: Int) -> String {
        (0..<minutes).map { minute in
            let time = 1_709_251_200_000 + Int64(minute) * 60_000, open = 40_000 - 100 * minute
            return "\(time),\(open),\(open + 20),\(open - 120),\(open - 100),1,\(time + 59_999)"
        }.joined(separator: "\n") + "\n"
    }

    static func temporaryDirectory(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mops-replay-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return dir
    }

    static func client(_ url: URL) throws -> MarginClient {
        try MarginClient(configuration: .init(transport: try HTTPTransport(baseURL: url),
                                              credentials: try .hmac(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret)))
    }

    @Test("POST /sim/replay, then a guard script on the replayed time through an HTTP client; the series' end ends it")
    func simReplayOverHTTP() async throws {
        let dir = try Self.temporaryDirectory(["BTCUSDT-1m-2024-03-01.csv": Self.csv(minutes: 30)])
        defer { try? FileManager.default.removeItem(at: dir) }
        let simulator = MarginSimulator(scenario: .default, clock: SystemClock())
        try await withRunningSandbox(SandboxServer(simulator: simulator, port: 0, logger: quietLogger)) { url in
            let client = try Self.client(url)
            let started = try await client.simReplay(files: [dir.appendingPathComponent("BTCUSDT-1m-2024-03-01.csv").path])
            #expect(started.replayStart == 1_709_251_200_000 && started.replayEnd == 1_709_251_200_000 + 30 * 60_000 - 1)
            #expect(started.candles == 30 && started.symbols == ["BTCUSDT"])
            let output = OutputLines()
            let interpreter = Interpreter(configuration: .init(backend: .connected(to: client), output: output.sink))
            let outcome = await interpreter.run(Source(name: "guard.mops", text: """
                borrow 1000 USDT
                let checks = 0
                every 1m {
                    checks = checks + 1
                    if price(BTCUSDT) < 37500 { print "{checks}: {price(BTCUSDT)} {marginLevel < 100}" }
                }
                """))
            #expect(outcome.status == .ok, "\(outcome.renderedDiagnostics())")
            #expect(outcome.diagnostics.map(\.message) == ["the replayed price series ended at 2024-03-01 00:29:59 UTC: the script stopped at this wait"])
            #expect(output.lines == ["27: 37400 true", "28: 37300 true", "29: 37200 true", "30: 37100 true"])
            #expect(try await client.serverTime() == started.replayEnd)
            let log = try #require(await simulator.rehearsalLog())
            #expect(log.samples.count == 30 && log.events.map(\.kind) == [.borrow])
            // A bad file is refused with its place, and the replay running goes on.
            let bad = dir.appendingPathComponent("BTCUSDT-1m-2024-03-02.csv")
            try "1709337600000,1,1.2,0.5,1.5,10,1709337659999\n".write(to: bad, atomically: true, encoding: .utf8)
            let error = await #expect(throws: BinanceError.self) { try await client.simReplay(files: [bad.path]) }
            #expect(error?.code == -1130 && error?.message.contains("\(bad.path):1:17: high 1.2 is below") == true, "\(String(describing: error))")
            #expect(await simulator.replayEnd == started.replayEnd)
        }
    }

    @Test("mops sim serve --replay FILE, and a scenario file's replay key (relative to the file), serve the replay")
    func serveReplay() async throws {
        let dir = try Self.temporaryDirectory(["BTCUSDT-1m-2024-03-01.csv": Self.csv(minutes: 5),
                                               "scenario.json": #"{"name": "history", "replay": ["BTCUSDT-1m-2024-03-01.csv"]}"#])
        defer { try? FileManager.default.removeItem(at: dir) }
        for arguments in [["--replay", dir.appendingPathComponent("BTCUSDT-1m-2024-03-01.csv").path],
                          ["--scenario", dir.appendingPathComponent("scenario.json").path]] {
            let server = try await ServeProcess.start(arguments)
            let client = try Self.client(server.url)
            #expect(try await client.serverTime() == 1_709_251_200_000, "\(arguments)")
            #expect(try await client.price("BTCUSDT") == 40000)
            let advance = try await client.simAdvance(milliseconds: 10 * 60_000)
            #expect(advance == SimClockAdvance(serverTime: 1_709_251_499_999, replayEnd: 1_709_251_499_999, replayEnded: true))
            #expect(try await client.price("BTCUSDT") == 39500)
            _ = await server.terminate()
        }
    }

    @Test("mops sim serve replays for clients only files inside --replay-dir; without it, none")
    func replayDirectory() async throws {
        let dir = try Self.temporaryDirectory(["BTCUSDT-1m-2024-03-01.csv": Self.csv(minutes: 5)])
        let elsewhere = try Self.temporaryDirectory(["BTCUSDT-1m-2024-03-02.csv": Self.csv(minutes: 5)])
        defer { try? FileManager.default.removeItem(at: dir); try? FileManager.default.removeItem(at: elsewhere) }
        let outside = elsewhere.appendingPathComponent("BTCUSDT-1m-2024-03-02.csv").path

        let closed = try await ServeProcess.start([])
        let refused = await #expect(throws: BinanceError.self) { try await Self.client(closed.url).simReplay(files: [outside]) }
        #expect(refused?.code == -1130 && refused?.message.contains("started without --replay-dir") == true, "\(String(describing: refused))")
        _ = await closed.terminate()

        let open = try await ServeProcess.start(["--replay-dir", dir.path])
        let client = try Self.client(open.url)
        let started = try await client.simReplay(files: ["BTCUSDT-1m-2024-03-01.csv"])
        #expect(started.candles == 5 && started.replayStart == 1_709_251_200_000)
        let escaped = await #expect(throws: BinanceError.self) { try await client.simReplay(files: [outside]) }
        #expect(escaped?.code == -1130 && escaped?.message.contains("outside the replay directory") == true, "\(String(describing: escaped))")
        let climbed = await #expect(throws: BinanceError.self) {
            try await client.simReplay(files: ["../" + elsewhere.lastPathComponent + "/BTCUSDT-1m-2024-03-02.csv"])
        }
        #expect(climbed?.code == -1130 && climbed?.message.contains("outside the replay directory") == true)
        #expect(try await client.serverTime() == started.replayStart, "the refused replays left the running one alone")
        _ = await open.terminate()
    }
}

/// Captured `print` lines.
final class OutputLines: Sendable {
    private let store = Mutex<[String]>([])
    var lines: [String] { store.withLock { $0 } }
    var sink: @Sendable (OutputEvent) -> Void {
        { event in if case .line(let text) = event { self.store.withLock { $0.append(text) } } }
    }
}
