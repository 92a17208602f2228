import BinanceMargin
import Foundation
@testable import MarginSim
import Testing

/// Requests whose figures reach the edge of the 38-digit range get the error answer Binance would
/// send — never a trap, and the state is left as it was.
@Suite("Arithmetic overflow answers")
struct ArithmeticOverflowTests {
    /// The crash of issue 9: one signed MARKET order with a very large quoteOrderQty on a low-priced pair.
    @Test("a MARKET order with a huge quoteOrderQty on a pair at its lowest price is MARKET_LOT_SIZE, not a crash")
    func hugeQuoteOrderQty() async throws {
        let h = Harness()
        #expect(await h.control("/sim/price", "symbol=XRPUSDT&price=0.0001").status == 200)
        let before = await h.json(.get, "/sapi/v1/margin/account")
        // Past 20 integer digits the parameter itself is refused, as Binance does.
        let tooLong = await h.call(.post, "/sapi/v1/margin/order",
                                   "symbol=XRPUSDT&side=BUY&type=MARKET&quoteOrderQty=99999999999999999999999999999999999999")
        #expect(tooLong.text.hasPrefix(#"{"code":-1100,"msg":"Illegal characters found in parameter 'quoteOrderQty'"#))
        // The largest quote the rule lets through, at 0.0001, is 10^24 XRP: the old `/` at 18 places trapped.
        for quote in ["99999999999999999999.99", "10000000000000000000", "5000000000000.5"] {
            let r = await h.call(.post, "/sapi/v1/margin/order",
                                 "symbol=XRPUSDT&side=BUY&type=MARKET&sideEffectType=MARGIN_BUY&quoteOrderQty=\(quote)")
            #expect(r.status == 400, "\(quote): \(r.text)")
            #expect(r.text == #"{"code":-1013,"msg":"Filter failure: MARKET_LOT_SIZE"}"#, "\(quote): \(r.text)")
        }
        let after = await h.json(.get, "/sapi/v1/margin/account")
        #expect(NSDictionary(dictionary: before) == NSDictionary(dictionary: after))   // nothing changed
    }

    /// Order sizes from 9 to 10^20 − 10^-20 on every pair at its lowest and highest price: an answer, never a trap.
    @Test("quantities and quote amounts across the whole range, at the lowest and highest prices, always answer")
    func generatedOrderSizes() async {
        var random = SplitMix64(seed: 0x0_4D3E5)
        func next() -> UInt64 { random.next() }
        let h = Harness()
        for (index, symbol) in Catalog.symbolOrder.enumerated() {
            guard let info = Catalog.symbols[symbol] else { continue }
            let price = index % 2 == 0 ? info.tickSize : info.maxPrice
            _ = await h.control("/sim/price", "symbol=\(symbol)&price=\(price)")
            for _ in 0..<12 {
                let digits = 1 + Int(next() % 20)   // the parameter rule's limit: 20 + 20 digits
                let amount = String(repeating: "9", count: digits) + (next() % 2 == 0 ? "" : "." + String(repeating: "9", count: 20))
                let field = next() % 2 == 0 ? "quoteOrderQty" : "quantity"
                let side = next() % 2 == 0 ? "BUY" : "SELL"
                let r = await h.call(.post, "/sapi/v1/margin/order",
                                     "symbol=\(symbol)&side=\(side)&type=MARKET&sideEffectType=AUTO_BORROW_REPAY&\(field)=\(amount)")
                #expect((200...499).contains(r.status), "\(symbol) \(side) \(field)=\(amount) → \(r.status) \(r.text)")
            }
        }
        // The exchange still values every account afterwards.
        #expect(await h.call(.get, "/sapi/v1/margin/account").status == 200)
    }

    @Test("an overflow inside the engine answers -1000 and changes nothing")
    func engineOverflowLeavesStateAlone() throws {
        var x = Exchange(scenario: .default, time: 1_700_000_000_000, seed: 1)
        // Past every control's bound on purpose: a free balance at the top of the range.
        x[.cross, "USDT"].free = .greatest
        let before = x[.cross, "USDT"]
        #expect(throws: ExchangeError.valuationOutOfRange) { try x.credit(.cross, "USDT", 1) }
        #expect(throws: ExchangeError.valuationOutOfRange) { try x.lock(.cross, "USDT", -1) }
        #expect(x[.cross, "USDT"] == before)
        let transfers = x.transferRecords.count
        x[.spot, "USDT"].free = 10
        #expect(throws: ExchangeError.valuationOutOfRange) {
            try x.transfer(.mainToMargin, asset: "USDT", amount: 1, fromSymbol: nil, toSymbol: nil, insufficient: .insufficientBalance)
        }
        #expect(x[.spot, "USDT"].free == 10 && x[.cross, "USDT"] == before && x.transferRecords.count == transfers)
    }
}
