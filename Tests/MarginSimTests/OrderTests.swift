import BinanceMargin
import Testing
@testable import MarginSim

@Suite("Orders and matching")
struct OrderTests {
    func fresh() -> Exchange {
        var x = Exchange(scenario: .default, time: ManualClock.defaultStart, seed: 1)
        x.dailyRates = x.dailyRates.mapValues { _ in .zero }
        return x
    }

    func request(_ side: Side, _ type: OrderType, qty: Number? = nil, price: Number? = nil, stop: Number? = nil,
                 tif: TimeInForce? = nil, effect: SideEffect = .none, symbol: String = "BTCUSDT") -> OrderRequest {
        OrderRequest(symbol: symbol, side: side, type: type, quantity: qty, price: price, stopPrice: stop,
                     timeInForce: tif, sideEffect: effect)
    }

    @Test("MARKET by quantity fills at the last price; the buyer's fee is taken in the base asset")
    func marketByQuantity() throws {
        var x = fresh()
        let p = try x.placeOrder(request(.buy, .market, qty: Number("0.01")))
        #expect(p.order.status == .filled)
        #expect(p.order.cummulativeQuoteQty == 600)
        #expect(p.fills.count == 1 && p.fills[0].commission == Number("0.00001") && p.fills[0].commissionAsset == "BTC")
        #expect(x[.cross, "USDT"].free == 4400)
        #expect(x[.cross, "BTC"].free == Number("0.10999"))
    }

    @Test("MARKET by quoteOrderQty spends at most that, floored to the step")
    func marketByQuote() throws {
        var x = fresh()
        var r = request(.buy, .market)
        r.quoteOrderQty = 100
        let p = try x.placeOrder(r)
        #expect(p.order.origQty == Number("0.00166"))
        #expect(p.order.cummulativeQuoteQty == Number("99.6"))
        #expect(x[.cross, "USDT"].free == Number("4900.4"))
    }

    @Test("LIMIT GTC rests with its funds locked and fills as maker when the price crosses")
    func limitRestsAndFills() throws {
        var x = fresh()
        let p = try x.placeOrder(request(.buy, .limit, qty: Number("0.01"), price: 50000, tif: .gtc))
        #expect(p.order.status == .new && p.fills.isEmpty)
        #expect(x[.cross, "USDT"].locked == 500 && x[.cross, "USDT"].free == 4500)
        try x.setPrice("BTCUSDT", 50500)
        #expect(x.orders[0].status == .new)
        try x.setPrice("BTCUSDT", 49000)
        #expect(x.orders[0].status == .filled)
        #expect(x.trades[0].price == 50000 && x.trades[0].isMaker)
        #expect(x[.cross, "USDT"].locked == .zero && x[.cross, "USDT"].free == 4500)
    }

    @Test("a marketable LIMIT takes at the last price; IOC and FOK that cannot fill expire")
    func limitTimeInForce() throws {
        var x = fresh()
        let taken = try x.placeOrder(request(.buy, .limit, qty: Number("0.01"), price: 61000, tif: .gtc))
        #expect(taken.order.status == .filled && taken.fills[0].price == 60000)
        for tif in [TimeInForce.ioc, .fok] {
            let p = try x.placeOrder(request(.buy, .limit, qty: Number("0.01"), price: 59000, tif: tif))
            #expect(p.order.status == .expired)
        }
        #expect(x[.cross, "USDT"].locked == .zero)
    }

    @Test("LIMIT_MAKER that would take is rejected")
    func limitMaker() throws {
        var x = fresh()
        #expect(throws: ExchangeError.wouldTake) { try x.placeOrder(request(.buy, .limitMaker, qty: Number("0.01"), price: 60000)) }
        let p = try x.placeOrder(request(.buy, .limitMaker, qty: Number("0.01"), price: 59000))
        #expect(p.order.status == .new)
    }

    @Test("stop orders reject an immediate trigger, wait, then fire")
    func stops() throws {
        var x = fresh()
        #expect(throws: ExchangeError.wouldTrigger) { try x.placeOrder(request(.sell, .stopLoss, qty: Number("0.05"), stop: 61000)) }
        #expect(throws: ExchangeError.wouldTrigger) { try x.placeOrder(request(.sell, .takeProfit, qty: Number("0.05"), stop: 59000)) }
        let stop = try x.placeOrder(request(.sell, .stopLoss, qty: Number("0.05"), stop: 55000))
        #expect(!stop.order.isWorking && x[.cross, "BTC"].locked == Number("0.05"))
        let tp = try x.placeOrder(request(.sell, .takeProfitLimit, qty: Number("0.05"), price: 70000, stop: 70000, tif: .gtc))
        #expect(!tp.order.isWorking)
        try x.setPrice("BTCUSDT", 54000)
        // The path down to 54000 reaches the stop at 55000: it sells there, to the best bid a tick below.
        let fired = try #require(x.orders.first { $0.orderId == stop.order.orderId })
        #expect(fired.status == .filled && x.trades.last?.price == Number("54999.99"))
        try x.setPrice("BTCUSDT", 70000)
        let limit = try #require(x.orders.first { $0.orderId == tp.order.orderId })
        #expect(limit.status == .filled && limit.isWorking)
    }

    @Test("MARGIN_BUY borrows the shortfall at placement")
    func marginBuy() throws {
        var x = fresh()
        let p = try x.placeOrder(request(.buy, .market, qty: Number("0.2"), effect: .marginBuy))
        #expect(p.order.borrowedAmount == 7000 && p.order.borrowAsset == "USDT")
        #expect(x[.cross, "USDT"].borrowed == 7000 && x[.cross, "USDT"].free == .zero)
        let full = p.json(.full).text
        #expect(full.contains("\"marginBuyBorrowAmount\":7000,\"marginBuyBorrowAsset\":\"USDT\""))
        #expect(x.loanRecords.last?.origin == "AUTO")
    }

    @Test("AUTO_REPAY pays debt from the proceeds")
    func autoRepay() throws {
        var x = fresh()
        try x.borrow(.cross, "USDT", 1000)
        _ = try x.placeOrder(request(.sell, .market, qty: Number("0.01"), effect: .autoRepay))
        // Sold at the best bid 59999.99: proceeds 599.9999 − 0.5999999 fee = 599.3999001 repay the USDT debt.
        #expect(x[.cross, "USDT"].borrowed == Number("400.6000999"))
    }

    @Test("cancelling a MARGIN_BUY order repays what it borrowed, unless autoRepayAtCancel is false")
    func autoRepayAtCancel() throws {
        var x = fresh()
        let p = try x.placeOrder(request(.buy, .limit, qty: Number("0.1"), price: 55000, tif: .gtc, effect: .marginBuy))
        #expect(x[.cross, "USDT"].borrowed == 500)
        _ = try x.cancelOrder(symbol: "BTCUSDT", account: .cross, orderId: p.order.orderId, clientOrderId: nil, cancelClientOrderId: nil)
        #expect(x[.cross, "USDT"].borrowed == .zero && x[.cross, "USDT"].locked == .zero)
        var keep = request(.buy, .limit, qty: Number("0.1"), price: 55000, tif: .gtc, effect: .marginBuy)
        keep.autoRepayAtCancel = false
        let q = try x.placeOrder(keep)
        _ = try x.cancelOrder(symbol: "BTCUSDT", account: .cross, orderId: nil, clientOrderId: q.order.clientOrderId, cancelClientOrderId: nil)
        #expect(x[.cross, "USDT"].borrowed == 500)
    }

    @Test("filters reject with Binance's -1013 messages")
    func filters() throws {
        var x = fresh()
        #expect(throws: ExchangeError.filterFailure("LOT_SIZE")) { try x.placeOrder(request(.buy, .limit, qty: Number("0.000015"), price: 50000, tif: .gtc)) }
        #expect(throws: ExchangeError.filterFailure("PRICE_FILTER")) { try x.placeOrder(request(.buy, .limit, qty: Number("0.01"), price: Number("50000.005"), tif: .gtc)) }
        #expect(throws: ExchangeError.filterFailure("NOTIONAL")) { try x.placeOrder(request(.buy, .limit, qty: Number("0.00001"), price: 50000, tif: .gtc)) }
        #expect(throws: ExchangeError.tooMuchPrecision("quantity")) { try x.placeOrder(request(.buy, .market, qty: Number("0.000000001"))) }
        #expect(throws: ExchangeError.mandatory("timeInForce")) { try x.placeOrder(request(.buy, .limit, qty: Number("0.01"), price: 50000)) }
        #expect(throws: ExchangeError.eitherMandatory("quantity", "quoteOrderQty")) { try x.placeOrder(request(.buy, .market)) }
        #expect(x.orders.isEmpty)
    }

    @Test("insufficient balance, duplicate ids and unknown orders")
    func rejections() throws {
        var x = fresh()
        #expect(throws: ExchangeError.insufficientBalance) { try x.placeOrder(request(.buy, .market, qty: 1)) }
        var r = request(.buy, .limit, qty: Number("0.01"), price: 50000, tif: .gtc)
        r.newClientOrderId = "mine-1"
        _ = try x.placeOrder(r)
        #expect(throws: ExchangeError.duplicateOrder) { try x.placeOrder(r) }
        #expect(throws: ExchangeError.unknownOrder) {
            try x.cancelOrder(symbol: "BTCUSDT", account: .cross, orderId: 42, clientOrderId: nil, cancelClientOrderId: nil)
        }
        #expect(x.findOrder(symbol: "BTCUSDT", account: .cross, orderId: 42, clientOrderId: nil) == nil)
    }

    @Test("STOP_LOSS_LIMIT becomes a resting limit when triggered; TAKE_PROFIT fires at market")
    func stopLimitAndTakeProfit() throws {
        var x = fresh()
        let stopLimit = try x.placeOrder(request(.sell, .stopLossLimit, qty: Number("0.01"), price: 54000, stop: 55000, tif: .gtc))
        try x.setPrice("BTCUSDT", 55000)                     // triggered at 55000: the best bid 54999.99 ≥ 54000, it takes now
        var order = try #require(x.orders.first { $0.orderId == stopLimit.order.orderId })
        #expect(order.status == .filled && order.isWorking && x.trades.last?.price == Number("54999.99"))
        let buyStop = try x.placeOrder(request(.buy, .stopLossLimit, qty: Number("0.01"), price: 55900, stop: 56000, tif: .gtc))
        try x.setPrice("BTCUSDT", 57000)                     // triggered at 56000, below the asks there: rests as a BUY at 55900
        order = try #require(x.orders.first { $0.orderId == buyStop.order.orderId })
        #expect(order.status == .new && order.isWorking)
        try x.setPrice("BTCUSDT", 55800)
        order = try #require(x.orders.first { $0.orderId == buyStop.order.orderId })
        #expect(order.status == .filled && x.trades.last?.price == 55900 && x.trades.last?.isMaker == true)
        let tp = try x.placeOrder(request(.buy, .takeProfit, qty: Number("0.01"), stop: 50000))
        try x.setPrice("BTCUSDT", 49000)                     // the path down reaches 50000 first: it buys at the ask there
        order = try #require(x.orders.first { $0.orderId == tp.order.orderId })
        #expect(order.status == .filled && x.trades.last?.price == 50000 && x.trades.last?.isMaker == false)
        #expect(x[.cross, "USDT"].locked == .zero && x[.cross, "BTC"].locked == .zero)
    }

    @Test("TAKE_PROFIT_LIMIT: rejects an immediate trigger, then becomes a limit order at its stop, both sides")
    func takeProfitLimit() throws {
        var x = fresh()
        #expect(throws: ExchangeError.wouldTrigger) {
            try x.placeOrder(request(.sell, .takeProfitLimit, qty: Number("0.01"), price: 58900, stop: 59000, tif: .gtc))
        }
        let sell = try x.placeOrder(request(.sell, .takeProfitLimit, qty: Number("0.01"), price: 64900, stop: 65000, tif: .gtc))
        #expect(sell.order.status == .new && !sell.order.isWorking && x[.cross, "BTC"].locked == Number("0.01"))
        try x.setPrice("BTCUSDT", Number("64999.99"))                // not yet
        var order = try #require(x.orders.first { $0.orderId == sell.order.orderId })
        #expect(order.status == .new && !order.isWorking)
        try x.setPrice("BTCUSDT", 65000)                     // triggered: a SELL limit at 64900 takes the best bid 64999.99
        order = try #require(x.orders.first { $0.orderId == sell.order.orderId })
        #expect(order.status == .filled && x.trades.last?.price == Number("64999.99") && x.trades.last?.isMaker == false)
        let buy = try x.placeOrder(request(.buy, .takeProfitLimit, qty: Number("0.01"), price: 54000, stop: 55000, tif: .gtc))
        try x.setPrice("BTCUSDT", 55000)                     // triggered above its limit: rests as a BUY at 54000
        order = try #require(x.orders.first { $0.orderId == buy.order.orderId })
        #expect(order.status == .new && order.isWorking)
        try x.setPrice("BTCUSDT", 53000)
        order = try #require(x.orders.first { $0.orderId == buy.order.orderId })
        #expect(order.status == .filled && x.trades.last?.price == 54000 && x.trades.last?.isMaker == true)
        #expect(x[.cross, "USDT"].locked == .zero && x[.cross, "BTC"].locked == .zero)
    }

    @Test("AUTO_BORROW_REPAY borrows for a short and repays it when buying back")
    func autoBorrowRepay() throws {
        var x = fresh()
        let short = try x.placeOrder(request(.sell, .market, qty: Number("0.3"), effect: .autoBorrowRepay))
        #expect(short.order.borrowAsset == "BTC" && short.order.borrowedAmount == Number("0.2"))
        #expect(x[.cross, "BTC"].borrowed == Number("0.2") && x[.cross, "BTC"].free == .zero)
        try x.setPrice("BTCUSDT", 50000)
        _ = try x.placeOrder(request(.buy, .market, qty: Number("0.21"), effect: .autoBorrowRepay))
        // Bought 0.21 − 0.00021 fee = 0.20979 BTC; 0.2 repays the debt.
        #expect(x[.cross, "BTC"].borrowed == .zero)
        #expect(x[.cross, "BTC"].free == Number("0.00979"))
    }

    @Test("a SELL locks the base asset; a cancelled order releases exactly its lock")
    func sellLocks() throws {
        var x = fresh()
        let a = try x.placeOrder(request(.sell, .limit, qty: Number("0.04"), price: 70000, tif: .gtc))
        _ = try x.placeOrder(request(.sell, .limit, qty: Number("0.05"), price: 71000, tif: .gtc))
        #expect(x[.cross, "BTC"].locked == Number("0.09") && x[.cross, "BTC"].free == Number("0.01"))
        #expect(throws: ExchangeError.insufficientBalance) { try x.placeOrder(request(.sell, .limit, qty: Number("0.02"), price: 70000, tif: .gtc)) }
        _ = try x.cancelOrder(symbol: "BTCUSDT", account: .cross, orderId: a.order.orderId, clientOrderId: nil, cancelClientOrderId: nil)
        #expect(x[.cross, "BTC"].locked == Number("0.05") && x[.cross, "BTC"].free == Number("0.05"))
    }
}

