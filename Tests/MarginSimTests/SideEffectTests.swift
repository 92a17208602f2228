import BinanceMargin
import Testing
@testable import MarginSim

@Suite("Margin side effects with partial fills and cancels")
struct SideEffectTests {
    @Test("MARGIN_BUY borrows once, at placement, for the whole order; the FULL answer names the amount (a JSON number, fraction and all) and asset")
    func marginBuyAtPlacement() throws {
        var x = thinBook(cross: ["USDT": 100, "BTC": "0.1"])
        let p = try x.placeOrder(order(.buy, .limit, qty: "0.003", price: 60010, tif: .gtc, effect: .marginBuy))
        // 0.003 × 60010 = 180.03 needed, 100 free: 80.03 borrowed, one borrow record.
        #expect(p.order.borrowedAmount == Number("80.03") && x[.cross, "USDT"].borrowed == Number("80.03"))
        #expect(x.loanRecords.filter { $0.kind == .borrow }.count == 1)
        #expect(p.json(.full).text.contains(#""marginBuyBorrowAmount":80.03,"marginBuyBorrowAsset":"USDT""#))
        let full = try thinBook(cross: ["USDT": 0, "BTC": "0.1"]).placing(order(.buy, .market, qty: "0.001", effect: .marginBuy))
        #expect(full.json(.full).text.contains(#""marginBuyBorrowAmount":60,"marginBuyBorrowAsset":"USDT""#))
    }

    @Test("cancelling a partly filled MARGIN_BUY repays at most what the cancel frees, interest first")
    func cancelAfterPartialFill() throws {
        var x = thinBook(cross: ["USDT": 100, "BTC": "0.1"])
        let p = try x.placeOrder(order(.buy, .limit, qty: "0.003", price: 60007, tif: .gtc, effect: .marginBuy))
        #expect(p.order.borrowedAmount == Number("80.021"))
        _ = try x.cancelOrder(symbol: "BTCUSDT", account: .cross, orderId: p.order.orderId, clientOrderId: nil, cancelClientOrderId: nil)
        // The cancel frees the 60.007 locked for the rest: that much of the 80.021 is repaid.
        #expect(x[.cross, "USDT"].borrowed == Number("20.014") && x[.cross, "USDT"].locked == .zero)
        #expect(x[.cross, "USDT"].free == Number("0.009"))
        let cancelled = try #require(x.orders.first { $0.orderId == p.order.orderId })
        #expect(cancelled.status == .canceled && cancelled.executedQty == Number("0.002"))
    }

    @Test("autoRepayAtCancel=false keeps the whole liability after a partial fill and a cancel")
    func keepLiability() throws {
        var x = thinBook(cross: ["USDT": 100, "BTC": "0.1"])
        var request = order(.buy, .limit, qty: "0.003", price: 60007, tif: .gtc, effect: .autoBorrowRepay)
        request.autoRepayAtCancel = false
        let p = try x.placeOrder(request)
        _ = try x.cancelOrder(symbol: "BTCUSDT", account: .cross, orderId: p.order.orderId, clientOrderId: nil, cancelClientOrderId: nil)
        #expect(x[.cross, "USDT"].borrowed == Number("80.021") && x[.cross, "USDT"].free == Number("60.016"))
    }

    @Test("an IOC MARGIN_BUY that expires in part repays what its expiry frees")
    func iocExpiryRepays() throws {
        var x = thinBook(cross: ["USDT": 100, "BTC": "0.1"])
        let p = try x.placeOrder(order(.buy, .limit, qty: "0.003", price: 60007, tif: .ioc, effect: .marginBuy))
        #expect(p.order.status == .expired && p.order.executedQty == Number("0.002"))
        // 180.021 locked, 120.005 spent, 60.016 freed: repaid from the 80.021 borrowed.
        #expect(x[.cross, "USDT"].borrowed == Number("20.005") && x[.cross, "USDT"].free == .zero)
    }

    @Test("AUTO_REPAY repays the bought asset's debt on every fill: at placement and when the rest fills later")
    func autoRepayPerFill() throws {
        var x = thinBook(cross: ["USDT": 1000, "BTC": "0.1"])
        try x.borrow(.cross, "BTC", Number("0.01"))
        let p = try x.placeOrder(order(.buy, .limit, qty: "0.003", price: 60007, tif: .gtc, effect: .autoRepay))
        // Two fills of 0.001 at placement, each 0.000999 net after the fee: 0.001998 repaid.
        #expect(p.order.status == .partiallyFilled && x[.cross, "BTC"].borrowed == Number("0.008002"))
        #expect(x.loanRecords.filter { $0.kind == .repay && $0.origin == "AUTO" }.count == 2)
        try x.setPrice("BTCUSDT", 60006)                 // the path crosses the resting 0.001 at 60007
        #expect(x.orders.first { $0.orderId == p.order.orderId }?.status == .filled)
        #expect(x[.cross, "BTC"].borrowed == Number("0.007003"))
    }
}

extension Exchange {
    /// Places `request` on a copy and returns the placement (for answers only).
    func placing(_ request: OrderRequest) throws -> Placement {
        var copy = self
        return try copy.placeOrder(request)
    }
}
