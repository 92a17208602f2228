import BinanceMargin
import Foundation
import MarginSim
import Testing

/// The order book over HTTP on 127.0.0.1: a client's order crossing levels, its partial fill, the
/// depth and trades endpoints, and a cancel that repays what it frees.
@Suite("The order book end to end over HTTP")
struct OrderBookEndToEndTests {
    /// Exact levels 5 USDT apart: asks 60000, 60005, 60010 (0.001 BTC each); cross 100 USDT + 0.1 BTC, no USDT interest.
    static let thin: Scenario = {
        var scenario = Scenario.default
        scenario.crossMargin = ["USDT": 100, "BTC": "0.1"]
        scenario.dailyInterestRates["USDT"] = 0   // the debt figures below carry no interest
        scenario.book = BookShape(levels: 3, spreadTicks: 1, levelTicks: 500, topLevelNotionals: 12, growthPercent: 0, jitterPercent: 0)
        return scenario
    }()

    /// An unsigned GET through the client library's HTTP transport.
    func get(_ url: URL, _ path: String, _ query: String) async throws -> Any {
        let response = try await HTTPTransport(baseURL: url).send(TransportRequest(method: .get, path: path, query: query))
        return try JSONSerialization.jsonObject(with: response.body)
    }

    @Test("a MARGIN_BUY LIMIT crosses two levels and rests: fills, myTrades, depth, trades; its cancel repays what it frees")
    func partialFillOverHTTP() async throws {
        try await ClientSandbox.run(scenario: Self.thin) { sandbox in
            let client = sandbox.client
            let placed = try await client.placeOrder(NewOrder(symbol: "BTCUSDT", side: .buy, type: .limit, quantity: "0.003",
                                                             price: "60007", timeInForce: .gtc, sideEffect: .marginBuy))
            #expect(placed.status == .partiallyFilled && placed.executedQty == "0.002" && placed.cumulativeQuoteQty == "120.005")
            #expect(placed.fills.map(\.price) == ["60000", "60005"] && placed.fills.allSatisfy { $0.commissionAsset == "BTC" })
            let trades = try await client.myTrades(symbol: "BTCUSDT", orderId: placed.orderId)
            #expect(trades.count == 2 && Set(trades.map(\.id)).count == 2)
            let depth = try #require(try await get(sandbox.url, "/api/v3/depth", "symbol=BTCUSDT&limit=2") as? [String: Any])
            #expect(depth["bids"] as? [[String]] == [["60007.00000000", "0.00100000"], ["59999.99000000", "0.00100000"]])
            #expect(depth["asks"] as? [[String]] == [["60010.00000000", "0.00100000"]])
            let public_ = try #require(try await get(sandbox.url, "/api/v3/trades", "symbol=BTCUSDT") as? [[String: Any]])
            #expect(public_.map { $0["price"] as? String } == ["60000.00000000", "60005.00000000"])
            #expect(try await sandbox.cross("USDT").borrowed == "80.021")
            let cancelled = try await client.cancelOrder(symbol: "BTCUSDT", orderId: placed.orderId)
            #expect(cancelled.status == .canceled && cancelled.executedQty == "0.002")
            // The cancel freed the 60.007 locked for the rest: that much of the debt is repaid.
            #expect(try await sandbox.cross("USDT").borrowed == "20.014")
        }
    }
}
