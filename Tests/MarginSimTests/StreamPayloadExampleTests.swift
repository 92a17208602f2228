import BinanceMargin
import Foundation
@testable import MarginSim
import Testing

/// The payload examples of docs/streams.md are what the engine produces, verbatim (a manual clock makes them fixed).
@Suite("Stream payload examples")
struct StreamPayloadExampleTests {
    /// One example of each event, from a fixed sequence: a margin buy, a price fall past a bar, a transfer, an hour.
    static func examples() async -> [PublishedEvent] {
        let h = Harness(), sink = RecordingSink()
        await h.simulator.attach(sink)
        _ = await h.call(.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.4&sideEffectType=MARGIN_BUY&newClientOrderId=guard1")
        _ = await h.simulator.handle(TransportRequest(method: .post, path: "/sim/price", body: "symbol=BTCUSDT&price=47000"))
        _ = await h.call(.post, "/sapi/v1/asset/transfer", "type=MAIN_MARGIN&asset=USDT&amount=100")
        h.clock.advance(by: 3_600_000)
        await h.simulator.tick()
        var seen = Set<String>()
        return sink.take().filter { seen.insert($0.event.type).inserted }
    }

    @Test("docs/streams.md shows each event as the engine writes it")
    func docsShowThePayloads() async throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/streams.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let examples = await Self.examples()
        #expect(Set(examples.map(\.event.type)) == ["executionReport", "outboundAccountPosition", "USER_LIABILITY_CHANGE",
                                                    "trade", "bookTicker", "24hrMiniTicker", "MARGIN_LEVEL_STATUS_CHANGE", "balanceUpdate"])
        for example in examples where !text.contains(example.payload) {
            Issue.record("docs/streams.md lacks: \(example.payload)")
        }
    }
}
