import BinanceMargin
import Foundation
import WSClient

/// The time from a `POST /sim/price` over HTTP to its trade event at a WebSocket subscriber.
enum TradeLatency {
    /// `samples` price requests, each timed until its event arrives; the latencies in µs, sorted.
    static func run(_ sandbox: BenchSandbox, samples: Int) async throws -> [Double] {
        let (frames, frameSink) = AsyncStream.makeStream(of: String.self)
        let url = sandbox.streamURL.absoluteString + "/ws/btcusdt@trade"
        let listener = Task {
            try await WebSocketClient.connect(url: url, logger: BenchSandbox.logger) { inbound, _, _ in
                for try await message in inbound.messages(maxSize: 1 << 16) {
                    if case .text(let text) = message { frameSink.yield(text) }
                }
            }
        }
        defer { listener.cancel() }
        var frameIterator = frames.makeAsyncIterator()
        await sandbox.waitFor { sandbox.streams.hub.subscriberCount == 1 }
        var latencies: [Double] = []
        for i in 0..<samples {
            let price = 50000 + i
            let marker = "\"p\":\"\(price).00000000\""
            let t0 = now()
            try await sandbox.client.simSetPrice(symbol: "BTCUSDT", price: Number(Int64(price)))
            while let frame = await frameIterator.next(), !frame.contains(marker) {}
            latencies.append(Double(now() - t0) / 1e3)
        }
        listener.cancel()
        await sandbox.waitFor { sandbox.streams.hub.subscriberCount == 0 }
        return latencies.sorted()
    }
}
