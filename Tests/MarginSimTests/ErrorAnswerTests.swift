import BinanceMargin
import Foundation
@testable import MarginSim
import Testing

/// Every Binance error the handler sends, byte for byte, with its HTTP status (reference §4).
@Suite("Binance error answers")
struct ErrorAnswerTests {
    static let now = ManualClock.defaultStart
    static let order = "/sapi/v1/margin/order"
    static let loan = "/sapi/v1/margin/borrow-repay"

    /// method, path, parameters, the exact body (status 400 for all).
    static let cases: [(HTTPMethod, String, String, String)] = [
        (.get, "/sapi/v1/margin/maxBorrowable", "asset=USDT&asset=BTC",
         #"{"code":-1101,"msg":"Duplicate values for a parameter detected."}"#),
        (.post, order, "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001&price=60000",
         #"{"code":-1106,"msg":"Parameter 'price' sent when not required."}"#),
        (.post, order, "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.001&price=60000&timeInForce=GTD",
         #"{"code":-1115,"msg":"Invalid timeInForce."}"#),
        (.post, order, "symbol=BTCUSDT&side=BUY&type=OCO&quantity=0.001",
         #"{"code":-1116,"msg":"Invalid orderType."}"#),
        (.post, order, "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.001&timeInForce=GTC",
         #"{"code":-1102,"msg":"Mandatory parameter 'price' was not sent, was empty/null, or malformed."}"#),
        (.post, order, "symbol=BTCUSDT&side=BUY&type=MARKET",
         #"{"code":-1102,"msg":"Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!"}"#),
        (.get, order, "symbol=BTCUSDT",
         #"{"code":-1102,"msg":"Param 'orderId' or 'origClientOrderId' must be sent, but both were empty/null!"}"#),
        (.post, loan, "asset=USDT&isIsolated=FALSE&amount=1.000000001&type=BORROW",
         #"{"code":-1111,"msg":"Parameter 'amount' has too much precision."}"#),
        (.post, loan, "asset=USDT&isIsolated=FALSE&amount=0&type=BORROW",
         #"{"code":-1130,"msg":"Data sent for parameter 'amount' is not valid."}"#),
        (.post, loan, "asset=USDT&isIsolated=FALSE&amount=0.001&type=BORROW",
         #"{"code":-3013,"msg":"Borrow amount less than minimum borrow amount."}"#),
        (.post, loan, "asset=USDT&isIsolated=FALSE&amount=1&type=REPAY",
         #"{"code":-3015,"msg":"Repay amount exceeds borrow amount."}"#),
        (.post, loan, "asset=DOGE&isIsolated=FALSE&amount=1&type=BORROW",
         #"{"code":-3027,"msg":"Not a valid margin asset."}"#),
        (.post, loan, "asset=USDT&isIsolated=TRUE&symbol=ETHBTC&amount=1&type=BORROW",
         #"{"code":-11001,"msg":"Isolated margin account does not exist."}"#),
        (.get, "/sapi/v1/margin/interestHistory", "startTime=\(now - 31 * 86_400_000)&endTime=\(now)",
         #"{"code":-1127,"msg":"More than 720 hours between startTime and endTime."}"#),
        (.get, "/sapi/v1/margin/interestHistory", "startTime=\(now)&endTime=\(now - 1)",
         #"{"code":-3011,"msg":"Your input date is invalid."}"#),
        (.get, "/sapi/v1/margin/transfer", "startTime=9223372036854775807",
         #"{"code":-3011,"msg":"Your input date is invalid."}"#),
        (.get, "/api/v3/ticker/price", "symbol=BTCUSDT&symbols=%5B%22BTCUSDT%22%5D",
         #"{"code":-1128,"msg":"Combination of optional parameters invalid."}"#),
        (.get, "/api/v3/ticker/price", "symbol=FOOBAR", #"{"code":-1121,"msg":"Invalid symbol."}"#),
        (.post, "/sapi/v1/margin/isolated/account", "symbol=FOOBAR", #"{"code":-3028,"msg":"Not a valid margin pair."}"#),
        (.get, "/sapi/v1/margin/priceIndex", "symbol=FOOBAR",
         #"{"code":-3042,"msg":"PriceIndex not available for this margin pair."}"#),
        (.get, "/sapi/v1/margin/maxBorrowable", "asset=USDT&recvWindow=60001",
         #"{"code":-1102,"msg":"'recvWindow' contains unexpected value. Cannot be greater than 60000."}"#),
        (.get, "/sapi/v1/margin/maxBorrowable", "asset=1e-05&size=x",
         #"{"code":-3027,"msg":"Not a valid margin asset."}"#),
        (.post, loan, "asset=USDT&isIsolated=FALSE&amount=1e-05&type=BORROW",
         #"{"code":-1100,"msg":"Illegal characters found in parameter 'amount'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'."}"#),
    ]

    @Test("each rejection has Binance's code, message and HTTP 400", arguments: 0..<cases.count)
    func answer(_ index: Int) async {
        let (method, path, parameters, body) = Self.cases[index]
        let h = Harness()
        let response = await h.call(method, path, parameters)
        #expect(response.status == 400, "\(path)?\(parameters)")
        #expect(response.text == body, "\(path)?\(parameters)")
        #expect(response.header("content-type") == "application/json;charset=UTF-8")
    }

    @Test("a repay below userMinRepay is -3016 unless it clears the whole debt")
    func minimumRepay() throws {
        var x = Exchange(scenario: .default, time: ManualClock.defaultStart, seed: 1)
        try x.borrow(.cross, "USDT", 100)
        #expect(throws: ExchangeError.repayBelowMinimum) { try x.repay(.cross, "USDT", Number("0.001")) }
        try x.repay(.cross, "USDT", Number("100.00062"))      // leaves 0.000005 of debt (interest 0.000625)
        #expect(try x[.cross, "USDT"].liability == Number("0.000005"))
        try x.repay(.cross, "USDT", Number("0.000005"))       // below the minimum, but the whole debt
        #expect(try x[.cross, "USDT"].liability == .zero)
    }

    @Test("a 500 fault is -1001, a 503 fault -1008, as Binance words them")
    func serverErrors() async {
        let h = Harness()
        _ = await h.control("/sim/fault", "kind=error&status=500")
        let failed = await h.simulator.handle(TransportRequest(method: .get, path: "/api/v3/time"))
        #expect(failed.status == 500)
        #expect(failed.text == #"{"code":-1001,"msg":"Internal error; unable to process your request. Please try again."}"#)
        _ = await h.control("/sim/fault", "kind=error")
        let busy = await h.simulator.handle(TransportRequest(method: .get, path: "/api/v3/time"))
        #expect(busy.status == 503)
        #expect(busy.text == #"{"code":-1008,"msg":"Server is currently overloaded with other requests. Please try again in a few minutes."}"#)
    }

    @Test("/sim/clock refuses an advance over 366 days (an Int64 overflow would stop the server) and keeps its time")
    func clockAdvanceBound() async {
        let h = Harness()
        let huge = await h.control("/sim/clock", "advanceMs=9223372036854775807")
        #expect(huge.status == 400)
        #expect(huge.text == #"{"code":-1102,"msg":"'advanceMs' contains unexpected value. Cannot be greater than 31622400000."}"#)
        #expect(await h.simulator.now() == h.now)
        let year = await h.control("/sim/clock", "advanceMs=31622400000")
        #expect(year.text == #"{"serverTime":\#(h.now + 31_622_400_000)}"#)
    }

    @Test("interestHistory with only startTime runs from max(startTime, now − 30 days) to now")
    func interestHistoryStartOnly() throws {
        let p = RequestParameters(["startTime": String(Self.now - 60 * 86_400_000)])
        let window = try p.window(now: Self.now, defaultSpan: 7 * 86_400_000, maxSpan: 30 * 86_400_000, startOnlyEndsNow: true)
        #expect(window == (Self.now - 30 * 86_400_000)...Self.now)
        let recent = RequestParameters(["startTime": String(Self.now - 86_400_000)])
        #expect(try recent.window(now: Self.now, defaultSpan: 7 * 86_400_000, maxSpan: 30 * 86_400_000, startOnlyEndsNow: true)
                == (Self.now - 86_400_000)...Self.now)
    }
}

/// Every endpoint's weight and weight header, from the reference's table (§3, §5), not from the router.
@Suite("Weights per endpoint")
struct WeightTableTests {
    /// method, path, parameters, header, value.
    static let cases: [(HTTPMethod, String, String, String, String)] = [
        (.get, "/api/v3/ping", "", "x-mbx-used-weight-1m", "1"),
        (.get, "/api/v3/time", "", "x-mbx-used-weight-1m", "1"),
        (.get, "/api/v3/exchangeInfo", "", "x-mbx-used-weight-1m", "20"),
        (.get, "/api/v3/ticker/price", "symbol=BTCUSDT", "x-mbx-used-weight-1m", "2"),
        (.get, "/api/v3/ticker/price", "", "x-mbx-used-weight-1m", "4"),
        (.get, "/api/v3/account", "", "x-mbx-used-weight-1m", "20"),
        (.get, "/sapi/v1/margin/priceIndex", "symbol=BTCUSDT", "x-sapi-used-ip-weight-1m", "10"),
        (.get, "/sapi/v1/margin/allPairs", "", "x-sapi-used-ip-weight-1m", "1"),
        (.get, "/sapi/v1/margin/isolated/allPairs", "", "x-sapi-used-ip-weight-1m", "10"),
        (.get, "/sapi/v1/margin/allAssets", "", "x-sapi-used-ip-weight-1m", "1"),
        (.get, "/sapi/v1/margin/isolatedMarginTier", "symbol=BTCUSDT", "x-sapi-used-ip-weight-1m", "1"),
        (.get, "/sapi/v1/margin/account", "", "x-sapi-used-ip-weight-1m", "10"),
        (.get, "/sapi/v1/margin/isolated/account", "", "x-sapi-used-ip-weight-1m", "10"),
        (.post, "/sapi/v1/margin/isolated/account", "symbol=ETHUSDT", "x-sapi-used-uid-weight-1m", "300"),
        (.get, "/sapi/v1/margin/isolated/accountLimit", "", "x-sapi-used-ip-weight-1m", "1"),
        (.get, "/sapi/v1/margin/maxBorrowable", "asset=USDT", "x-sapi-used-ip-weight-1m", "50"),
        (.get, "/sapi/v1/margin/maxTransferable", "asset=USDT", "x-sapi-used-ip-weight-1m", "50"),
        (.get, "/sapi/v1/margin/tradeCoeff", "", "x-sapi-used-ip-weight-1m", "10"),
        (.get, "/sapi/v1/margin/crossMarginData", "coin=BTC", "x-sapi-used-ip-weight-1m", "1"),
        (.get, "/sapi/v1/margin/crossMarginData", "", "x-sapi-used-ip-weight-1m", "5"),
        (.get, "/sapi/v1/margin/forceLiquidationRec", "", "x-sapi-used-ip-weight-1m", "1"),
        (.post, "/sapi/v1/margin/borrow-repay", "asset=USDT&isIsolated=FALSE&amount=10&type=BORROW", "x-sapi-used-uid-weight-1m", "1500"),
        (.get, "/sapi/v1/margin/borrow-repay", "type=BORROW", "x-sapi-used-ip-weight-1m", "10"),
        (.get, "/sapi/v1/margin/interestHistory", "", "x-sapi-used-ip-weight-1m", "1"),
        (.get, "/sapi/v1/margin/interestRateHistory", "asset=USDT", "x-sapi-used-ip-weight-1m", "1"),
        (.get, "/sapi/v1/margin/next-hourly-interest-rate", "assets=USDT&isIsolated=FALSE", "x-sapi-used-ip-weight-1m", "100"),
        (.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001", "x-sapi-used-uid-weight-1m", "6"),
        (.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001&sideEffectType=MARGIN_BUY",
         "x-sapi-used-uid-weight-1m", "1500"),
        (.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001&sideEffectType=AUTO_BORROW_REPAY",
         "x-sapi-used-uid-weight-1m", "1500"),
        (.get, "/sapi/v1/margin/order", "symbol=BTCUSDT&orderId=1", "x-sapi-used-ip-weight-1m", "10"),
        (.delete, "/sapi/v1/margin/order", "symbol=BTCUSDT&orderId=1", "x-sapi-used-ip-weight-1m", "10"),
        (.get, "/sapi/v1/margin/openOrders", "", "x-sapi-used-ip-weight-1m", "10"),
        (.delete, "/sapi/v1/margin/openOrders", "symbol=BTCUSDT", "x-sapi-used-ip-weight-1m", "1"),
        (.get, "/sapi/v1/margin/allOrders", "symbol=BTCUSDT", "x-sapi-used-ip-weight-1m", "200"),
        (.get, "/sapi/v1/margin/myTrades", "symbol=BTCUSDT", "x-sapi-used-ip-weight-1m", "10"),
        (.post, "/sapi/v1/asset/transfer", "type=MAIN_MARGIN&asset=USDT&amount=1", "x-sapi-used-uid-weight-1m", "300"),
        (.get, "/sapi/v1/asset/transfer", "type=MAIN_MARGIN", "x-sapi-used-ip-weight-1m", "1"),
        (.get, "/sapi/v1/margin/transfer", "", "x-sapi-used-ip-weight-1m", "1"),
    ]

    @Test("the first request of a minute reports exactly the endpoint's weight", arguments: 0..<cases.count)
    func weight(_ index: Int) async {
        let (method, path, parameters, header, value) = Self.cases[index]
        let h = Harness()
        let response = await h.call(method, path, parameters)
        #expect(response.header(header) == value, "\(method.rawValue) \(path)?\(parameters) → \(response.status) \(response.text.prefix(120))")
    }
}
