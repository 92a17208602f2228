import BinanceMargin
import Foundation
import Testing
@testable import MarginSim

@Suite("The order book: synthetic liquidity, depth and public trades")
struct BookTests {
    func fresh(_ scenario: Scenario = .default, seed: UInt64 = 1) -> Exchange {
        Exchange(scenario: scenario, time: ManualClock.defaultStart, seed: seed)
    }

    @Test("every symbol's default book: 20 levels a side one tick apart, the best ask at the last price, the best bid a tick below")
    func defaultShape() throws {
        let x = fresh()
        for symbol in Catalog.symbolOrder {
            let info = try #require(Catalog.symbols[symbol])
            let book = try #require(x.book(symbol))
            let asks = book.levels(.sell, limit: 100, orders: x.orders), bids = book.levels(.buy, limit: 100, orders: x.orders)
            #expect(asks.count == 20 && bids.count == 20, "\(symbol)")
            let bestBid = try x.price(symbol) - info.tickSize
            #expect(asks[0].price == x.price(symbol) && bids[0].price == bestBid, "\(symbol)")
            for (a, b) in zip(asks, asks.dropFirst()) { #expect(b.price.subtracting(a.price) == info.tickSize, "\(symbol)") }
            for (a, b) in zip(bids, bids.dropFirst()) { #expect(a.price.subtracting(b.price) == info.tickSize, "\(symbol)") }
            for level in asks + bids {
                #expect(level.quantity.isMultiple(ofStep: info.stepSize) && level.quantity >= info.minQty, "\(symbol)")
            }
            // Sizes grow away from the mid: the outer level is at least (1 + 19 × 0.5) × 0.8 / 1.2 = 7× the best one.
            #expect(asks[19].quantity > asks[0].quantity.multiplying(by: 6) ?? .greatest, "\(symbol)")
            #expect(bids[19].quantity > bids[0].quantity.multiplying(by: 6) ?? .greatest, "\(symbol)")
        }
    }

    @Test("the synthetic sizes depend on the seed, the symbol and the price only (no wall time): same seed, same book")
    func deterministic() throws {
        let a = fresh(seed: 7), b = fresh(seed: 7), c = fresh(seed: 8)
        for symbol in Catalog.symbolOrder {
            #expect(a.book(symbol)?.asks == b.book(symbol)?.asks)
            #expect(a.book(symbol)?.bids == b.book(symbol)?.bids)
        }
        #expect(a.book("BTCUSDT")?.asks != c.book("BTCUSDT")?.asks)
        var x = fresh(seed: 7), y = fresh(seed: 7)
        for target: Number in ["61000", "59000.5", "60000"] {
            try x.setPrice("BTCUSDT", target)
            try y.setPrice("BTCUSDT", target)
        }
        #expect(x.book("BTCUSDT")?.asks == y.book("BTCUSDT")?.asks)
        #expect(x.book("BTCUSDT")?.asks.last?.price == 60000)
    }

    @Test("a scenario's book shape: levels, spread, spacing and exact sizes without jitter")
    func scenarioShape() throws {
        var scenario = Scenario.default
        scenario.book = BookShape(levels: 3, spreadTicks: 5, levelTicks: 10, topLevelNotionals: 1200, growthPercent: 100, jitterPercent: 0)
        let x = fresh(scenario)
        let book = try #require(x.book("BTCUSDT"))
        let asks = book.levels(.sell, limit: 10, orders: x.orders), bids = book.levels(.buy, limit: 10, orders: x.orders)
        // Top level: 1200 × 5 USDT / 60000 = 0.1 BTC; then 0.2 and 0.3.
        #expect(asks == [PriceLevel(price: 60000, quantity: "0.1"), PriceLevel(price: "60000.1", quantity: "0.2"),
                         PriceLevel(price: "60000.2", quantity: "0.3")])
        #expect(bids == [PriceLevel(price: "59999.95", quantity: "0.1"), PriceLevel(price: "59999.85", quantity: "0.2"),
                         PriceLevel(price: "59999.75", quantity: "0.3")])
    }

    @Test("a scenario's book shape is validated, naming the field")
    func shapeValidation() throws {
        for (json, field) in [(#"{"book":{"levels":-1}}"#, "book.levels"), (#"{"book":{"spreadTicks":0}}"#, "book.spreadTicks"),
                              (#"{"book":{"jitterPercent":100}}"#, "book.jitterPercent"),
                              (#"{"book":{"topLevelNotionals":0}}"#, "book.topLevelNotionals")] {
            #expect(throws: ScenarioError.self) { try Scenario.load(json: Data(json.utf8)) }
            do { _ = try Scenario.load(json: Data(json.utf8)) } catch { #expect("\(error)".contains(field)) }
        }
        let shaped = try Scenario.load(json: Data(#"{"book":{"levels":5}}"#.utf8))
        #expect(shaped.book.levels == 5 && shaped.book.spreadTicks == 1)
    }
}
