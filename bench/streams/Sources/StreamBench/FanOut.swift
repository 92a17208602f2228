import BinanceMargin
import Foundation
import MarginSim
import Synchronization
import WSClient

/// Events fanned out to WebSocket subscribers of `btcusdt@trade`: every price move made in process is one trade
/// event, timed until every subscriber has every event.
enum FanOut {
    struct Result { let subscribers: Int, events: Int, seconds: Double }

    /// Counts frames per subscriber.
    final class Counter: Sendable {
        let counts: Mutex<[Int]>
        init(_ n: Int) { counts = Mutex(Array(repeating: 0, count: n)) }
        func add(_ i: Int) { counts.withLock { $0[i] += 1 } }
        var minimum: Int { counts.withLock { $0.min() ?? 0 } }
    }

    /// Connects `subscribers` clients, makes `events` price moves and waits until all have arrived everywhere.
    static func run(_ sandbox: BenchSandbox, subscribers: Int, events: Int) async throws -> Result {
        let counter = Counter(subscribers)
        let url = sandbox.streamURL.absoluteString + "/ws/btcusdt@trade"
        let sockets = (0..<subscribers).map { i in
            Task {
                try await WebSocketClient.connect(url: url, logger: BenchSandbox.logger) { inbound, _, _ in
                    for try await _ in inbound.messages(maxSize: 1 << 16) { counter.add(i) }
                }
            }
        }
        await sandbox.waitFor { sandbox.streams.hub.subscriberCount == subscribers }
        let start = now()
        for i in 0..<events {
            let price = 60000 + (i % 2 == 0 ? 1 : -1) * (1 + i % 50)
            _ = await sandbox.simulator.handle(TransportRequest(method: .post, path: "/sim/price", body: "symbol=BTCUSDT&price=\(price)"))
        }
        await sandbox.waitFor { counter.minimum >= events }
        let seconds = Double(now() - start) / 1e9
        sockets.forEach { $0.cancel() }
        await sandbox.waitFor { sandbox.streams.hub.subscriberCount == 0 }
        return Result(subscribers: counter.minimum >= events ? subscribers : 0, events: events, seconds: seconds)
    }

    /// One line: events/s, deliveries/s, and deliveries/s as a ratio of the baseline's.
    static func report(_ r: Result, baseline: Result) {
        let deliveries = Double(r.events * r.subscribers) / r.seconds
        let base = Double(baseline.events * baseline.subscribers) / baseline.seconds
        print(String(format: "fan-out: %d subscriber(s), %d events: %.0f events/s, %.0f deliveries/s (%.2f s; %.2f× the deliveries/s of %d subscriber(s))",
                     r.subscribers, r.events, Double(r.events) / r.seconds, deliveries, r.seconds, deliveries / base, baseline.subscribers))
    }
}
