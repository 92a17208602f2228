import BinanceMargin
import BinanceMarginStreams
import Foundation
import MarginSim
import Mops
import Testing

/// The time from a price move to a script's handler running (issue 13's benchmark), opt-in like the stream
/// benchmark: `MOPS_STREAM_BENCH=1 swift test --skip-build --filter HandlerLatencyBenchmarkTests`. A script
/// `on marginLevel < 1.3 { low() }` / `on marginLevel > 1.4 { high() }` / `watch` runs on a wall clock; the host
/// moves BTCUSDT across the bar and back, timing each move to `low()`. In process the engine's events reach the
/// feed through `EventForwarder`; over the network through a `MarginStream` of `btcusdt@trade` from a served sandbox
/// (the handler then reads the level over HTTP). Figures in BENCHMARKS.md.
@Suite("Handler latency benchmark (opt-in)")
struct HandlerLatencyBenchmarkTests {
    static let enabled = ProcessInfo.processInfo.environment["MOPS_STREAM_BENCH"] != nil
    static let samples = 200

    /// Runs the script on `client` with `feed`; `move` sets the price. The latencies in µs, sorted.
    static func measure(client: MarginClient, feed: EventFeed, move: @escaping @Sendable (Int64) async throws -> Void) async throws -> [Double] {
        let (ticks, sink) = AsyncStream.makeStream(of: String.self)
        let low = Builtin.host("low", arity: 0, summary: "the handler ran") { _ in sink.yield("low"); return .none }
        let high = Builtin.host("high", arity: 0, summary: "re-armed") { _ in sink.yield("high"); return .none }
        let interpreter = Interpreter(configuration: .init(backend: .connected(to: client, name: "bench", clock: WallClock()),
                                                           hostFunctions: [low, high], events: feed))
        _ = try await client.borrow(asset: "USDT", amount: 20000)
        _ = try await client.placeOrder(.market("BTCUSDT", .buy, quantity: "0.4"))
        let run = Task { await interpreter.run(Source(name: "bench", text: "on marginLevel < 1.3 { low() }\non marginLevel > 1.4 { high() }\nwatch")) }
        defer { run.cancel() }
        var events = ticks.makeAsyncIterator()
        guard await events.next() == "high" else { return [] }   // registered, level 1.55: armed
        var micros: [Double] = []
        for _ in 0..<samples {
            let start = ContinuousClock.now
            try await move(48000)
            guard await events.next() == "low" else { break }
            let elapsed = (ContinuousClock.now - start).components
            micros.append(Double(elapsed.seconds) * 1e6 + Double(elapsed.attoseconds) / 1e12)
            try await move(60000)
            guard await events.next() == "high" else { break }
        }
        return micros.sorted()
    }

    static func report(_ label: String, _ micros: [Double]) {
        let p = { (q: Double) in micros[min(micros.count - 1, Int(Double(micros.count) * q))] }
        print(String(format: "handler latency, %@ (%d samples): p50 %.0f µs, p90 %.0f µs, p99 %.0f µs, max %.0f µs",
                     label, micros.count, p(0.5), p(0.9), p(0.99), micros.last ?? 0))
    }

    @Test("price move → handler running, in process and over the network", .enabled(if: enabled))
    func latency() async throws {
        let simulator = MarginSimulator(clock: RunningClock(start: ManualClock.defaultStart))
        let feed = EventFeed(description: "in process")
        await simulator.attach(EventForwarder(isListening: { feed.isListening }, forward: { feed.push($0, isolatedSymbol: $1) }))
        let client = try MarginClient(configuration: .init(transport: InProcessTransport(simulator: simulator),
                                                           credentials: try .hmac(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret)))
        let local = try await Self.measure(client: client, feed: feed) { price in try await client.simSetPrice(symbol: "BTCUSDT", price: Number(price)) }
        #expect(local.count == Self.samples)
        Self.report("in process", local)

        try await StreamSandbox.run { sandbox in
            let feed = EventFeed(description: "over the network")
            let stream = MarginStream(client: sandbox.client, stream: .market(["btcusdt@trade"]),
                                      configuration: .init(streamURL: sandbox.streamURL, initialBackoff: .milliseconds(20)))
            let pump = HandlerStreamEndToEndTests.pump(stream, into: feed)
            defer { pump.cancel() }
            #expect(await sandbox.eventually { sandbox.streams.hub.subscriberCount == 1 })
            let client = sandbox.client
            let remote = try await Self.measure(client: client, feed: feed) { price in try await client.simSetPrice(symbol: "BTCUSDT", price: Number(price)) }
            #expect(remote.count == Self.samples)
            Self.report("over the network (HTTP + WebSocket on 127.0.0.1)", remote)
        }
    }
}
