import BinanceMargin
import Testing
@testable import MarginSim

/// A book with exact levels 5 USDT apart: asks 60000, 60005, 60010 (0.001 BTC each), bids 59999.99, 59994.99, 59989.99.
func thinBook(cross: [String: Number] = ["USDT": 100, "BTC": "0.1"], levels: Int = 3) -> Exchange {
    var scenario = Scenario.default
    scenario.crossMargin = cross
    scenario.book = BookShape(levels: levels, spreadTicks: 1, levelTicks: 500, topLevelNotionals: 12, growthPercent: 0, jitterPercent: 0)
    var x = Exchange(scenario: scenario, time: ManualClock.defaultStart, seed: 1)
    x.dailyRates = x.dailyRates.mapValues { _ in .zero }
    return x
}

func order(_ side: Side, _ type: OrderType, qty: Number, price: Number? = nil, stop: Number? = nil, tif: TimeInForce? = nil,
           effect: SideEffect = .none, stp: String? = nil) -> OrderRequest {
    OrderRequest(symbol: "BTCUSDT", side: side, type: type, quantity: qty, price: price, stopPrice: stop, timeInForce: tif,
                 sideEffect: effect, selfTradePreventionMode: stp)
}

@Suite("Matching: price-time priority across levels, partial fills, time in force")
struct MatchingTests {
    @Test("Binance's worked example: a MARGIN_BUY LIMIT crosses two levels, borrows at placement and rests the rest")
    func workedExample() throws {
        var x = thinBook()
        let p = try x.placeOrder(order(.buy, .limit, qty: "0.003", price: 60007, tif: .gtc, effect: .marginBuy))
        #expect(p.order.status == .partiallyFilled && p.order.executedQty == Number("0.002"))
        #expect(p.order.cummulativeQuoteQty == Number("120.005") && p.order.borrowedAmount == Number("80.021"))
        #expect(p.fills.map(\.price) == [60000, 60005] && p.fills.map(\.qty) == [Number("0.001"), Number("0.001")])
        #expect(p.fills.allSatisfy { $0.commission == Number("0.000001") && $0.commissionAsset == "BTC" && !$0.isMaker })
        #expect(Set(p.fills.map(\.id)).count == 2)
        // 180.021 locked at placement; 120.005 spent; 60.007 stays locked for the resting 0.001; 0.009 freed.
        #expect(x[.cross, "USDT"].locked == Number("60.007") && x[.cross, "USDT"].free == Number("0.009"))
        #expect(x[.cross, "BTC"].free == Number("0.101998"))
        let book = try #require(x.book("BTCUSDT"))
        #expect(book.levels(.buy, limit: 1, orders: x.orders) == [PriceLevel(price: 60007, quantity: Number("0.001"))])
        #expect(book.levels(.sell, limit: 5, orders: x.orders) == [PriceLevel(price: 60010, quantity: Number("0.001"))])
        let full = p.json(.full).text
        #expect(full.contains(#""status":"PARTIALLY_FILLED""#) && full.contains(#""fills":[{"price":"60000.00000000","qty":"0.00100000","commission":"0.00000100","commissionAsset":"BTC","tradeId":"#))
    }

    @Test("IOC fills what crosses and expires the rest; FOK that cannot fill completely expires without a trade")
    func immediateOrCancel() throws {
        var x = thinBook(cross: ["USDT": 1000, "BTC": "0.1"])
        let ioc = try x.placeOrder(order(.buy, .limit, qty: "0.003", price: 60007, tif: .ioc))
        #expect(ioc.order.status == .expired && ioc.order.executedQty == Number("0.002") && ioc.fills.count == 2)
        #expect(x[.cross, "USDT"].locked == .zero && x[.cross, "USDT"].free == Number("879.995"))
        var y = thinBook(cross: ["USDT": 1000, "BTC": "0.1"])
        let fok = try y.placeOrder(order(.buy, .limit, qty: "0.003", price: 60007, tif: .fok))
        #expect(fok.order.status == .expired && fok.order.executedQty == .zero && fok.fills.isEmpty)
        #expect(y[.cross, "USDT"].free == 1000 && y[.cross, "USDT"].locked == .zero && y.trades.isEmpty)
        let filled = try y.placeOrder(order(.buy, .limit, qty: "0.003", price: 60010, tif: .fok))
        #expect(filled.order.status == .filled && filled.fills.map(\.price) == [60000, 60005, 60010])
    }

    @Test("a MARKET order walks the book; beyond its liquidity it fills what there is and expires")
    func marketWalks() throws {
        var x = thinBook(cross: ["USDT": 1000, "BTC": "0.1"])
        let walk = try x.placeOrder(order(.buy, .market, qty: "0.0025"))
        #expect(walk.order.status == .filled && walk.fills.map(\.price) == [60000, 60005, 60010])
        #expect(walk.order.cummulativeQuoteQty == Number("150.01"))
        let rest = try x.placeOrder(order(.buy, .market, qty: "0.001"))       // 0.0005 left at 60010
        #expect(rest.order.status == .expired && rest.order.executedQty == Number("0.0005"))
        #expect(x[.cross, "USDT"].locked == .zero)
        let empty = try x.placeOrder(order(.buy, .market, qty: "0.001"))
        #expect(empty.order.status == .expired && empty.order.executedQty == .zero)
        try x.setPrice("BTCUSDT", 60000)                                       // the market refills
        #expect(try x.placeOrder(order(.buy, .market, qty: "0.001")).order.status == .filled)
    }

    @Test("a MARKET BUY needs what its walk costs; without it, it is refused and nothing changes")
    func marketFunds() throws {
        var x = thinBook(cross: ["USDT": "120", "BTC": "0.1"])
        #expect(throws: ExchangeError.insufficientBalance) { try x.placeOrder(order(.buy, .market, qty: "0.002")) }   // 120.005
        #expect(x.orders.isEmpty && x[.cross, "USDT"].free == 120)
    }

    @Test("LIMIT_MAKER that would cross the book is refused; one that does not rests")
    func limitMaker() throws {
        var x = thinBook(cross: ["USDT": 1000, "BTC": "0.1"])
        #expect(throws: ExchangeError.wouldTake) { try x.placeOrder(order(.buy, .limitMaker, qty: "0.001", price: 60000)) }
        #expect(throws: ExchangeError.wouldTake) { try x.placeOrder(order(.sell, .limitMaker, qty: "0.001", price: Number("59999.99"))) }
        let maker = try x.placeOrder(order(.buy, .limitMaker, qty: "0.001", price: Number("59999.99")))
        #expect(maker.order.status == .new && x.book("BTCUSDT")?.restingBids.count == 1)
    }

    @Test("a resting order keeps its place: same price, older first; a later order of the user crossing it is a self-trade")
    func priceTimePriority() throws {
        var x = thinBook(cross: ["USDT": 1000, "BTC": "0.1"])
        let first = try x.placeOrder(order(.sell, .limit, qty: "0.001", price: 60003, tif: .gtc))
        let second = try x.placeOrder(order(.sell, .limit, qty: "0.001", price: 60003, tif: .gtc))
        let taker = try x.placeOrder(order(.buy, .limit, qty: "0.0025", price: 60003, tif: .ioc, stp: "NONE"))
        #expect(taker.fills.map(\.price) == [60000, 60003, 60003])
        let a = try #require(x.orders.first { $0.orderId == first.order.orderId })
        let b = try #require(x.orders.first { $0.orderId == second.order.orderId })
        #expect(a.status == .filled && b.status == .partiallyFilled && b.executedQty == Number("0.0005"))
        // A self-trade is booked on both sides under one trade id.
        let shared = x.trades.filter { $0.orderId == b.orderId }
        #expect(shared.count == 1 && x.trades.filter { $0.id == shared[0].id }.count == 2 && shared[0].isMaker)
    }
}

@Suite("Self-trade prevention")
struct SelfTradePreventionTests {
    /// A resting SELL at 60003 between the synthetic asks 60000 and 60005, then a BUY MARKET 0.003 with `mode`.
    func cross(_ mode: String) throws -> (Exchange, maker: ExchangeOrder, taker: Placement) {
        var x = thinBook(cross: ["USDT": 1000, "BTC": "0.1"])
        let resting = try x.placeOrder(order(.sell, .limit, qty: "0.001", price: 60003, tif: .gtc))
        let taker = try x.placeOrder(order(.buy, .market, qty: "0.003", stp: mode))
        return (x, try #require(x.orders.first { $0.orderId == resting.order.orderId }), taker)
    }

    @Test("EXPIRE_MAKER: the resting order expires in match, the taker goes on to the next levels")
    func expireMaker() throws {
        let (x, maker, taker) = try cross("EXPIRE_MAKER")
        #expect(maker.status == .expiredInMatch && maker.preventedMatchId != nil && maker.preventedQuantity == Number("0.001"))
        #expect(taker.order.status == .filled && taker.fills.map(\.price) == [60000, 60005, 60010])
        #expect(x[.cross, "BTC"].locked == .zero)
        #expect(maker.queryJSON.text.contains(#""preventedMatchId":1,"preventedQuantity":"0.00100000""#))
    }

    @Test("EXPIRE_TAKER: the taker expires in match after what it filled before; the resting order stays")
    func expireTaker() throws {
        let (x, maker, taker) = try cross("EXPIRE_TAKER")
        #expect(taker.order.status == .expiredInMatch && taker.order.executedQty == Number("0.001"))
        #expect(taker.order.preventedQuantity == Number("0.002") && taker.order.preventedMatchId != nil)
        #expect(maker.status == .new && x[.cross, "USDT"].locked == .zero)
    }

    @Test("EXPIRE_BOTH: both expire in match under one preventedMatchId")
    func expireBoth() throws {
        let (_, maker, taker) = try cross("EXPIRE_BOTH")
        #expect(taker.order.status == .expiredInMatch && maker.status == .expiredInMatch)
        #expect(taker.order.preventedMatchId == maker.preventedMatchId && maker.preventedMatchId != nil)
    }

    @Test("NONE: the user trades with the resting order")
    func none() throws {
        let (x, maker, taker) = try cross("NONE")
        #expect(maker.status == .filled && taker.order.status == .filled)
        #expect(taker.fills.map(\.price) == [60000, 60003, 60005])
        #expect(x.trades.filter { $0.orderId == maker.orderId }.first?.isMaker == true)
    }
}
