import BinanceMargin
import Foundation
import MarginSim
import MarginSimServer
import Synchronization
import Testing
import WSClient

/// The streams benchmark in the test build (debug), opt-in: `MOPS_STREAM_BENCH=1 swift test --skip-build --filter
/// StreamBenchmarkTests`. The same measurement as bench/streams.sh (release): events/s fanned out to 100 WebSocket
/// subscribers over 127.0.0.1, and the time from a `/sim/price` request to its trade event. Figures in BENCHMARKS.md.
@Suite("Stream benchmark (opt-in)")
struct StreamBenchmarkTests {
    static let enabled = ProcessInfo.processInfo.environment["MOPS_STREAM_BENCH"] != nil

    @Test("fan-out to 100 subscribers and /sim/price → event latency", .enabled(if: enabled))
    func fanOutAndLatency() async throws {
        try await StreamSandbox.run(capacity: 1 << 16) { sandbox in
            let (subscribers, events, samples) = (100, 2000, 300)
            let counts = Counts(subscribers)
            let ws = sandbox.streamURL.absoluteString
            var sockets: [Task<Void, any Error>] = []
            for i in 0..<subscribers {
                sockets.append(Task {
                    try await WebSocketClient.connect(url: ws + "/ws/btcusdt@trade", logger: quietLogger) { inbound, _, _ in
                        for try await _ in inbound.messages(maxSize: 1 << 16) { counts.add(i) }
                    }
                })
            }
            #expect(await sandbox.eventually { sandbox.streams.hub.subscriberCount == subscribers })
            let start = ContinuousClock.now
            for i in 0..<events {
                let price = 60000 + (i % 2 == 0 ? 1 : -1) * (1 + i % 50)
                _ = await sandbox.simulator.handle(TransportRequest(method: .post, path: "/sim/price", body: "symbol=BTCUSDT&price=\(price)"))
            }
            for _ in 0..<60_000 where counts.minimum < events { try await Task.sleep(for: .milliseconds(1)) }
            let seconds = Double((ContinuousClock.now - start).components.attoseconds) / 1e18 + Double((ContinuousClock.now - start).components.seconds)
            #expect(counts.minimum == events)
            print(String(format: "fan-out: %d subscribers × %d events: %.0f events/s, %.0f deliveries/s (%.2f s)",
                         subscribers, events, Double(events) / seconds, Double(events * subscribers) / seconds, seconds))
            sockets.forEach { $0.cancel() }
            #expect(await sandbox.eventually { sandbox.streams.hub.subscriberCount == 0 })
            try await Self.latency(sandbox, samples: samples)
        }
    }

    /// One subscriber; `samples` times: POST /sim/price over HTTP, wait for the trade event with that price.
    static func latency(_ sandbox: StreamSandbox, samples: Int) async throws {
        let (frames, sink) = AsyncStream.makeStream(of: String.self)
        let listener = Task {
            try await WebSocketClient.connect(url: sandbox.streamURL.absoluteString + "/ws/btcusdt@trade", logger: quietLogger) { inbound, _, _ in
                for try await message in inbound.messages(maxSize: 1 << 16) { if case .text(let text) = message { sink.yield(text) } }
            }
        }
        defer { listener.cancel() }
        #expect(await sandbox.eventually { sandbox.streams.hub.subscriberCount == 1 })
        var iterator = frames.makeAsyncIterator()
        var micros: [Double] = []
        for i in 0..<samples {
            let marker = "\"p\":\"\(50000 + i).00000000\""
            let start = ContinuousClock.now
            try await sandbox.client.simSetPrice(symbol: "BTCUSDT", price: Number(Int64(50000 + i)))
            while let frame = await iterator.next(), !frame.contains(marker) {}
            let elapsed = (ContinuousClock.now - start).components
            micros.append(Double(elapsed.seconds) * 1e6 + Double(elapsed.attoseconds) / 1e12)
        }
        micros.sort()
        let p = { (q: Double) in micros[min(micros.count - 1, Int(Double(micros.count) * q))] }
        print(String(format: "latency /sim/price → trade event (%d samples): p50 %.0f µs, p90 %.0f µs, p99 %.0f µs, max %.0f µs",
                     samples, p(0.5), p(0.9), p(0.99), micros.last ?? 0))
        #expect(micros.count == samples)
    }
}

/// Frames received, per subscriber.
final class Counts: Sendable {
    private let counts: Mutex<[Int]>
    init(_ n: Int) { counts = Mutex(Array(repeating: 0, count: n)) }
    func add(_ i: Int) { counts.withLock { $0[i] += 1 } }
    var minimum: Int { counts.withLock { $0.min() ?? 0 } }
}
