import Foundation
import Testing
@testable import BinanceMargin

/// max-leverage, manual-liquidation and capital-flow in the client: exact requests, the rules checked
/// before sending, and Binance's documented answers.
@Suite struct LeverageTests {
    static let tail = GoldenQueryTests.tail

    static func expect(_ json: String, _ operation: (MarginClient) async throws -> Void, _ method: HTTPMethod, _ path: String,
                       _ query: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let transport = FakeTransport(json: json)
        try await operation(try makeClient(transport))
        #expect(transport.paths == ["\(method.rawValue) \(path)"], sourceLocation: sourceLocation)
        #expect(splitSignature(transport.sent.first?.query ?? "")?.payload == query, sourceLocation: sourceLocation)
    }

    @Test("the requests, exactly")
    func requests() async throws {
        try await Self.expect(#"{"success":true}"#, { try await $0.setMaxLeverage(5) }, .post, "/sapi/v1/margin/max-leverage", "maxLeverage=5&" + Self.tail)
        try await Self.expect(#"{"asset":"ETH","interest":"0.00083334","principal":"0.001","liabilityAsset":"USDT","liabilityQty":0.3552}"#,
                              { let r = try await $0.manualLiquidation(); #expect(r.liabilityQty == Number("0.3552") && r.asset == "ETH") },
                              .post, "/sapi/v1/margin/manual-liquidation", "type=MARGIN&" + Self.tail)
        try await Self.expect("{}", { _ = try await $0.manualLiquidation(isolatedSymbol: "BTCUSDT") },
                              .post, "/sapi/v1/margin/manual-liquidation", "type=ISOLATED&symbol=BTCUSDT&" + Self.tail)
        let flow = #"[{"id":123456,"tranId":123123,"timestamp":1691116657000,"asset":"USDT","symbol":"BTCUSDT","type":"BORROW","amount":"101","note":"INSTITUTIONAL_LOAN_BORROW"},{"id":"123457","tranId":123124,"timestamp":1691116658000,"asset":"BTC","type":"BUY_INCOME","amount":"0.001"}]"#
        try await Self.expect(flow, { client in
            let rows = try await client.capitalFlow(asset: "USDT", startTime: 1_691_000_000_000, endTime: 1_691_000_000_000 + MarginClient.capitalFlowWindow)
            #expect(rows.map(\.id) == [123456, 123457] && rows[0].amount == 101 && rows[1].symbol == nil && rows[1].note == nil)
        }, .get, "/sapi/v1/margin/capital-flow", "asset=USDT&startTime=1691000000000&endTime=1691604800000&" + Self.tail)
    }

    @Test("refused before sending: leverage other than 3 or 5, a window over 7 days or reversed, a limit outside 1…1000")
    func refusedInput() async throws {
        let transport = FakeTransport(json: "{}")
        let client = try makeClient(transport)
        for leverage in [0, 1, 2, 4, 10, 20] {
            await #expect(throws: BinanceError.self) { try await client.setMaxLeverage(leverage) }
        }
        let start: Int64 = 1_691_000_000_000
        await #expect { _ = try await client.capitalFlow(startTime: start, endTime: start + MarginClient.capitalFlowWindow + 1) } throws: { error in
            ((error as? BinanceError)?.message ?? "").contains("7 days")
        }
        await #expect(throws: BinanceError.self) { _ = try await client.capitalFlow(startTime: start, endTime: start - 1) }
        await #expect(throws: BinanceError.self) { _ = try await client.capitalFlow(limit: 0) }
        #expect(transport.sent.isEmpty)
    }

    @Test("success: false is not taken for success")
    func successFalse() async throws {
        let client = try makeClient(FakeTransport(json: #"{"success":false}"#))
        await #expect(throws: BinanceError.self) { try await client.setMaxLeverage(3) }
    }
}
