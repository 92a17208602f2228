import BinanceMargin
import Foundation
import Logging
import MarginSim
import MarginSimServer
import Synchronization
import WSClient

// Usage: StreamBench [subscribers] [events] [latency-samples]   (default 100 2000 300)
// 1. fan-out: `subscribers` WebSocket clients follow btcusdt@trade; `events` price moves are made in process
//    (one trade event each); reported: events/s and deliveries/s until every subscriber has every event.
// 2. latency: one subscriber; `samples` times, POST /sim/price over HTTP and wait for its trade event;
//    reported: p50 / p90 / p99 / max in µs.
// 3. handler latency: the time from a price move to a script's handler running, in process and over the network
//    (HandlerLatency.swift); `samples` times each.
let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let subscribers = arguments.count > 0 ? arguments[0] : 100
let events = arguments.count > 1 ? arguments[1] : 2000
let samples = arguments.count > 2 ? arguments[2] : 300

var logger = Logger(label: "bench")
logger.logLevel = .critical

/// Counts frames per subscriber.
final class Counter: Sendable {
    let counts: Mutex<[Int]>
    init(_ n: Int) { counts = Mutex(Array(repeating: 0, count: n)) }
    func add(_ i: Int) { counts.withLock { $0[i] += 1 } }
    var minimum: Int { counts.withLock { $0.min() ?? 0 } }
}

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

let simulator = MarginSimulator(clock: RunningClock(start: ManualClock.defaultStart))
let streams = SandboxStreams(simulator: simulator, capacity: 1 << 16)
let server = SandboxServer(simulator: simulator, port: 0, logger: logger, maximumConnections: 1024, streams: streams)
let (urls, urlSink) = AsyncStream.makeStream(of: URL.self)
let serving = Task { try await server.run { url in urlSink.yield(url); urlSink.finish() } }
var urlIterator = urls.makeAsyncIterator()
guard let base = await urlIterator.next() else { fatalError("the server did not start") }
let ws = base.absoluteString.replacingOccurrences(of: "http://", with: "ws://")

func waitFor(_ condition: () -> Bool) async {
    for _ in 0..<60_000 where !condition() { try? await Task.sleep(for: .milliseconds(1)) }
}

// 1. Fan-out.
let counter = Counter(subscribers)
var sockets: [Task<Void, any Error>] = []
for i in 0..<subscribers {
    sockets.append(Task {
        try await WebSocketClient.connect(url: ws + "/ws/btcusdt@trade", logger: logger) { inbound, _, _ in
            for try await _ in inbound.messages(maxSize: 1 << 16) { counter.add(i) }
        }
    })
}
await waitFor { streams.hub.subscriberCount == subscribers }
let start = now()
for i in 0..<events {
    let price = 60000 + (i % 2 == 0 ? 1 : -1) * (1 + i % 50)
    _ = await simulator.handle(TransportRequest(method: .post, path: "/sim/price", body: "symbol=BTCUSDT&price=\(price)"))
}
await waitFor { counter.minimum >= events }
let seconds = Double(now() - start) / 1e9
print(String(format: "fan-out: %d subscribers, %d events: %.0f events/s, %.0f deliveries/s (%.2f s; every subscriber got %d)",
             subscribers, events, Double(events) / seconds, Double(events * subscribers) / seconds, seconds, counter.minimum))
sockets.forEach { $0.cancel() }
await waitFor { streams.hub.subscriberCount == 0 }

// 2. Latency from a price request to its event.
let client = try MarginClient(configuration: .init(transport: try HTTPTransport(baseURL: base),
                                                   credentials: try .hmac(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret)))
let (frames, frameSink) = AsyncStream.makeStream(of: String.self)
let listener = Task {
    try await WebSocketClient.connect(url: ws + "/ws/btcusdt@trade", logger: logger) { inbound, _, _ in
        for try await message in inbound.messages(maxSize: 1 << 16) {
            if case .text(let text) = message { frameSink.yield(text) }
        }
    }
}
var frameIterator = frames.makeAsyncIterator()
await waitFor { streams.hub.subscriberCount == 1 }
var latencies: [Double] = []
for i in 0..<samples {
    let price = 50000 + i
    let marker = "\"p\":\"\(price).00000000\""
    let t0 = now()
    try await client.simSetPrice(symbol: "BTCUSDT", price: Number(Int64(price)))
    while let frame = await frameIterator.next(), !frame.contains(marker) {}
    latencies.append(Double(now() - t0) / 1e3)
}
latencies.sort()
func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
print(String(format: "latency /sim/price → trade event (HTTP request + WebSocket frame, %d samples): p50 %.0f µs, p90 %.0f µs, p99 %.0f µs, max %.0f µs",
             samples, percentile(0.5), percentile(0.9), percentile(0.99), latencies.last ?? 0))
listener.cancel()
await waitFor { streams.hub.subscriberCount == 0 }

// 3. Price move → a script's handler running, in process and over the network (HTTP + WebSocket on 127.0.0.1).
HandlerLatency.report("in process", try await HandlerLatency.inProcess(samples: samples))
let streamURL = URL(string: ws)!
HandlerLatency.report("over the network", try await HandlerLatency.overNetwork(client: client, streamURL: streamURL, samples: samples) {
    await waitFor { streams.hub.subscriberCount == 1 }
})
serving.cancel()
_ = await serving.result
