import BinanceMargin
import BinanceMarginStreams
import Foundation
import MarginSim
import Mops

/// The time from a price move to a script's handler running (issue 13): the script
/// `on marginLevel < 1.3 { low() }` / `on marginLevel > 1.4 { high() }` / `watch` runs on a wall clock while the
/// host moves BTCUSDT across the bar and back, timing each move to `low()`. The same measurement as the opt-in test
/// `HandlerLatencyBenchmarkTests`, here in a release build.
enum HandlerLatency {
    /// Runs the script on `client` with `feed`; `move` sets the price. The latencies in µs, sorted.
    static func measure(client: MarginClient, feed: EventFeed, samples: Int,
                        move: @escaping @Sendable (Int64) async throws -> Void) async throws -> [Double] {
        let (ticks, sink) = AsyncStream.makeStream(of: String.self)
        let low = Builtin.host("low", arity: 0, summary: "the handler ran") { _ in sink.yield("low"); return .none }
        let high = Builtin.host("high", arity: 0, summary: "re-armed") { _ in sink.yield("high"); return .none }
        let interpreter = Interpreter(configuration: .init(backend: .connected(to: client, name: "bench", clock: WallClock()),
                                                           hostFunctions: [low, high], events: feed))
        try await move(60000)
        _ = try await client.borrow(asset: "USDT", amount: 20000)
        _ = try await client.placeOrder(.market("BTCUSDT", .buy, quantity: "0.4"))
        let script = "on marginLevel < 1.3 { low() }\non marginLevel > 1.4 { high() }\nwatch"
        let run = Task { await interpreter.run(Source(name: "bench", text: script)) }
        defer { run.cancel() }
        var events = ticks.makeAsyncIterator()
        guard await events.next() == "high" else { return [] }   // registered at level 1.55: armed
        var micros: [Double] = []
        for _ in 0..<samples {
            let start = now()
            try await move(48000)
            guard await events.next() == "low" else { break }
            micros.append(Double(now() - start) / 1e3)
            try await move(60000)
            guard await events.next() == "high" else { break }
        }
        return micros.sorted()
    }

    /// In process: the engine's events reach the feed through `EventForwarder`.
    static func inProcess(samples: Int) async throws -> [Double] {
        let simulator = MarginSimulator(clock: RunningClock(start: ManualClock.defaultStart))
        let feed = EventFeed(description: "in process")
        await simulator.attach(EventForwarder(isListening: { feed.isListening }, forward: { feed.push($0, isolatedSymbol: $1) }))
        let client = try MarginClient(configuration: .init(transport: InProcessTransport(simulator: simulator),
                                                           credentials: try .hmac(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret)))
        return try await measure(client: client, feed: feed, samples: samples) { price in
            try await client.simSetPrice(symbol: "BTCUSDT", price: Number(price))
        }
    }

    /// Over the network: a `MarginStream` of `btcusdt@trade` from the served sandbox feeds the script, whose handler
    /// then reads the margin level over HTTP.
    static func overNetwork(client: MarginClient, streamURL: URL, samples: Int, subscribed: @Sendable () async -> Void) async throws -> [Double] {
        let feed = EventFeed(description: "over the network")
        let stream = MarginStream(client: client, stream: .market(["btcusdt@trade"]),
                                  configuration: .init(streamURL: streamURL, initialBackoff: .milliseconds(20)))
        let pump = Task {
            for try await update in stream { if case .event(let event) = update { feed.push(event) } }
        }
        defer { pump.cancel() }
        await subscribed()
        return try await measure(client: client, feed: feed, samples: samples) { price in
            try await client.simSetPrice(symbol: "BTCUSDT", price: Number(price))
        }
    }
}
