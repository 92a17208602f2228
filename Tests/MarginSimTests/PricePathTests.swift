import BinanceMargin
import Testing
@testable import MarginSim

@Suite("A price path crosses resting orders and triggers stops in order")
struct PricePathTests {
    @Test("a move down fills the resting bids and triggers the stops it passes, in the order it passes them")
    func pathOrder() throws {
        var x = thinBook(cross: ["USDT": 5000, "BTC": "0.1"], levels: 20)
        let low = try x.placeOrder(order(.buy, .limit, qty: "0.001", price: 59900, tif: .gtc))
        let high = try x.placeOrder(order(.buy, .limit, qty: "0.001", price: 59950, tif: .gtc))
        let stop = try x.placeOrder(order(.sell, .stopLoss, qty: "0.001", stop: 59920))
        try x.setPrice("BTCUSDT", 59800)
        let byOrder = Dictionary(grouping: x.trades, by: \.orderId)
        let ids = [high, stop, low].map { byOrder[$0.order.orderId]?.first?.id ?? 0 }
        #expect(ids == ids.sorted() && !ids.contains(0))
        #expect(byOrder[high.order.orderId]?.first?.price == 59950 && byOrder[high.order.orderId]?.first?.isMaker == true)
        #expect(byOrder[low.order.orderId]?.first?.price == 59900)
        // The stop sells where the path reached it: to the best bid a tick below 59920.
        #expect(byOrder[stop.order.orderId]?.first?.price == Number("59919.99") && byOrder[stop.order.orderId]?.first?.isMaker == false)
        #expect(x.price("BTCUSDT") == 59800 && x.book("BTCUSDT")?.anchor == 59800)
    }

    @Test("orders at one price fill oldest first; an order the path does not reach stays")
    func sameLevelOldestFirst() throws {
        var x = thinBook(cross: ["USDT": 5000, "BTC": "0.1"])
        let a = try x.placeOrder(order(.sell, .limit, qty: "0.001", price: 60100, tif: .gtc))
        let b = try x.placeOrder(order(.sell, .limit, qty: "0.001", price: 60100, tif: .gtc))
        let far = try x.placeOrder(order(.sell, .limit, qty: "0.001", price: 60300, tif: .gtc))
        x.movePrice("BTCUSDT", to: 60200)
        let tradeOf = { (p: Placement) in x.trades.first { $0.orderId == p.order.orderId }?.id ?? 0 }
        #expect(tradeOf(a) != 0 && tradeOf(a) < tradeOf(b))
        #expect(x.orders.first { $0.orderId == far.order.orderId }?.status == .new)
        #expect(x.book("BTCUSDT")?.restingAsks.map(\.orderId) == [far.order.orderId])
    }

    @Test("a shock and a random walk move along the path too")
    func shockAndWalk() throws {
        var x = thinBook(cross: ["USDT": 5000, "BTC": "0.1"])
        let bid = try x.placeOrder(order(.buy, .limit, qty: "0.001", price: 57000, tif: .gtc))
        try x.shock("BTCUSDT", percent: -10)
        #expect(x.orders.first { $0.orderId == bid.order.orderId }?.status == .filled)
        // Whichever way the walk goes first, it crosses one of these two at its own price.
        let ask = try x.placeOrder(order(.sell, .limit, qty: "0.001", price: 54100, tif: .gtc))
        let under = try x.placeOrder(order(.buy, .limit, qty: "0.001", price: 53900, tif: .gtc))
        try x.startWalk("BTCUSDT", volatilityPercent: 2, seed: 3)
        var minute: Int64 = 0
        let ids = [ask.order.orderId, under.order.orderId]
        while x.orders.filter({ ids.contains($0.orderId) }).allSatisfy({ $0.status == .new }), minute < 2_000 {
            minute += 1
            x.advance(to: ManualClock.defaultStart + minute * RandomWalk.stepMilliseconds)
        }
        let trade = try #require(x.trades.first { ids.contains($0.orderId) })
        #expect(trade.price == (trade.orderId == ask.order.orderId ? 54100 : 53900) && trade.isMaker)
    }
}
