import BinanceMargin
import Foundation
import Testing
@testable import MarginSim

@Suite("GET /api/v3/depth and /api/v3/trades")
struct DepthEndpointTests {
    func get(_ h: Harness, _ path: String, _ query: String) async -> TransportResponse {
        await h.simulator.handle(TransportRequest(method: .get, path: path, query: query))
    }

    func object(_ response: TransportResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] ?? [:]
    }

    @Test("depth: lastUpdateId, bids best first, asks best first, 8-decimal strings, the limit and its weight")
    func depth() async throws {
        let h = Harness()
        let all = await get(h, "/api/v3/depth", "symbol=BTCUSDT")
        #expect(all.status == 200 && all.header("x-mbx-used-weight-1m") == "5")
        let body = object(all)
        let bids = try #require(body["bids"] as? [[String]]), asks = try #require(body["asks"] as? [[String]])
        #expect(body["lastUpdateId"] is Int && bids.count == 20 && asks.count == 20)
        #expect(asks[0][0] == "60000.00000000" && bids[0][0] == "59999.99000000")
        #expect(bids.map { Number($0[0])! } == bids.map { Number($0[0])! }.sorted(by: >))
        #expect(asks.map { Number($0[0])! } == asks.map { Number($0[0])! }.sorted())
        #expect((asks + bids).allSatisfy { $0[1].split(separator: ".").last?.count == 8 })
        for (limit, weight, rows) in [("5", "5", 5), ("100", "5", 20), ("101", "25", 20), ("500", "25", 20), ("501", "50", 20),
                                      ("1000", "50", 20), ("1001", "250", 20), ("6000", "250", 20)] {
            let h = Harness()
            let response = await get(h, "/api/v3/depth", "symbol=BTCUSDT&limit=\(limit)")
            #expect(response.header("x-mbx-used-weight-1m") == weight, "limit \(limit)")
            #expect((object(response)["bids"] as? [[String]])?.count == rows, "limit \(limit)")
        }
        #expect(await get(h, "/api/v3/depth", "symbol=NOPE").text == #"{"code":-1121,"msg":"Invalid symbol."}"#)
        #expect(await get(h, "/api/v3/depth", "").text.contains("-1102"))
        #expect(await get(h, "/api/v3/depth", "symbol=BTCUSDT&limit=0").text == #"{"code":-1130,"msg":"Data sent for parameter 'limit' is not valid."}"#)
        #expect(await get(h, "/api/v3/depth", "symbol=BTCUSDT&symbolStatus=HALT").text
                == #"{"code":-1220,"msg":"The symbol's status does not match the requested symbolStatus."}"#)
    }

    @Test("depth shows the user's resting orders in their level; lastUpdateId grows with every change")
    func restingOrdersInDepth() async throws {
        let h = Harness()
        let before = object(await get(h, "/api/v3/depth", "symbol=BTCUSDT&limit=5"))
        let level = try #require((before["bids"] as? [[String]])?[2])   // 59999.97
        _ = await h.call(.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.05&price=59999.97")
        _ = await h.call(.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=59000")
        let after = object(await get(h, "/api/v3/depth", "symbol=BTCUSDT&limit=5"))
        let row = try #require((after["bids"] as? [[String]])?[2])
        #expect(row[0] == "59999.97000000" && Number(row[1]) == Number(level[1])?.adding(Number("0.05")))
        let deep = try #require(object(await get(h, "/api/v3/depth", "symbol=BTCUSDT&limit=100"))["bids"] as? [[String]])
        #expect(deep.count == 21 && deep.last == ["59000.00000000", "0.01000000"])
        #expect((after["lastUpdateId"] as? Int ?? 0) > (before["lastUpdateId"] as? Int ?? .max))
    }

    @Test("trades: the symbol's recent trades, oldest first, with the taker's side as isBuyerMaker")
    func trades() async throws {
        let h = Harness()
        let none = await get(h, "/api/v3/trades", "symbol=BTCUSDT")
        #expect(none.text == "[]" && none.header("x-mbx-used-weight-1m") == "25")
        _ = await h.call(.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01")
        _ = await h.call(.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.02")
        let response = await get(h, "/api/v3/trades", "symbol=BTCUSDT")
        let rows = try #require((try? JSONSerialization.jsonObject(with: response.body)) as? [[String: Any]])
        #expect(rows.count == 2)
        #expect(rows[0]["price"] as? String == "60000.00000000" && rows[0]["qty"] as? String == "0.01000000")
        #expect(rows[0]["quoteQty"] as? String == "600.00000000" && rows[0]["isBuyerMaker"] as? Bool == false)
        #expect(rows[1]["price"] as? String == "59999.99000000" && rows[1]["isBuyerMaker"] as? Bool == true)
        #expect((rows[1]["id"] as? Int ?? 0) > (rows[0]["id"] as? Int ?? .max) && rows[0]["isBestMatch"] as? Bool == true)
        let one = await get(h, "/api/v3/trades", "symbol=BTCUSDT&limit=1")
        #expect(one.text.contains("59999.99") && !one.text.contains("\"60000.00000000\""))
        #expect(await get(h, "/api/v3/trades", "symbol=BTCUSDT&limit=1001").text.contains("-1"))
    }
}
