import BinanceMargin
import Foundation
import Testing
@testable import MarginSim

@Suite("Parameters, weights and JSON")
struct RequestTests {
    @Test("query and body merge; + and %20 are spaces; booleans in any case; unknown names ignored")
    func parameterMerging() throws {
        let p = try RequestParameters(query: "symbol=BTCUSDT&note=a+b", body: "isIsolated=true&note=ignored&x=hello%20world&limit=93")
        #expect(p.string("symbol") == "BTCUSDT")
        #expect(p.string("note") == "a b")          // the query wins
        #expect(p.string("x") == "hello world")
        #expect(try p.bool("isIsolated", default: false))
        #expect(try RequestParameters(query: "isIsolated=TRUE", body: "").bool("isIsolated", default: false))
        #expect(throws: ExchangeError.duplicateParameter) { try RequestParameters(query: "a=1&a=2", body: "") }
    }

    @Test("ASCII parameters split by bytes exactly as by Characters: the same pairs, the same -1101")
    func byteSplitMatchesCharacterSplit() {
        var random = SplitMix64(seed: 0xA5C11)
        let alphabet = Array("ab=&+%2F0 x~\r\n".utf8)
        var duplicates = 0
        for _ in 0..<3000 {
            let raw = String(decoding: (0..<Int(random.next(upTo: 24))).map { _ in random.pick(alphabet) }, as: UTF8.self)
            let bytes = Result { () throws(ExchangeError) in try RequestParameters.parse(raw) }
            let characters = Result { () throws(ExchangeError) in try RequestParameters.parseCharacters(raw) }
            switch (bytes, characters) {
            case (.success(let a), .success(let b)): #expect(a == b, "\(raw.debugDescription)")
            case (.failure(let a), .failure(let b)): #expect(a == b && a == .duplicateParameter, "\(raw.debugDescription)"); duplicates += 1
            default: Issue.record("\(raw.debugDescription): \(bytes) against \(characters)")
            }
        }
        #expect(duplicates > 10)   // 28 with this seed
    }

    @Test("the cross account written straight to bytes is the value's JSON, byte for byte, in generated states")
    func crossAccountBytesMatchTheValue() throws {
        var random = SplitMix64(seed: 0xC2055)
        var withDebt = 0
        for _ in 0..<200 {
            var x = Exchange(scenario: random.pick([Scenario.default, Scenario.named("whale")!, Scenario.named("empty")!]),
                             time: 1_700_000_000_000, seed: random.next())
            for _ in 0..<Int(random.next(upTo: 4)) {
                let asset = random.pick(["USDT", "BTC", "ETH", "BNB"])
                let amount = try Number(Int64(1 + random.next(upTo: 5000))) * Number(significand: 1, scale: Int(random.next(upTo: 9)))
                _ = try? x.deposit(.cross, asset: asset, amount: amount)
                if random.next(upTo: 2) == 0 { _ = try? x.borrow(.cross, asset, try amount * Number(significand: 7, scale: 1)) }
            }
            try x.setPrice("BTCUSDT", Number(Int64(1000 + random.next(upTo: 90_000))))
            if random.next(upTo: 2) == 0 { x.crossLeverageSetting = 5 }   // the bars follow the leverage (5x: 1.25 / 1.1)
            let p = RequestParameters([:])
            let fast = try AccountEndpoints.crossAccount(x, p).bytes
            let value = try AccountEndpoints.crossAccountValue(x, p).bytes
            #expect(fast == value, "\(String(decoding: fast, as: UTF8.self)) against \(String(decoding: value, as: UTF8.self))")
            if try x.riskSnapshot(.cross).hasDebt { withDebt += 1 }
        }
        #expect(withDebt > 20)
    }

    @Test("at 5x the cross account's borrowEnabled follows the 5x bars, written straight to bytes as in the value")
    func crossAccountAtFiveTimes() throws {
        var x = Exchange(scenario: Scenario.named("empty")!, time: 1_700_000_000_000, seed: 1)
        x.crossLeverageSetting = 5
        _ = try x.deposit(.cross, asset: "USDT", amount: 40)
        _ = try x.borrow(.cross, "USDT", 100)   // level 1.4: above 5x's 1.25, below 3x's 1.5
        let fast = try AccountEndpoints.crossAccount(x, RequestParameters([:])).bytes
        #expect(String(decoding: fast, as: UTF8.self).contains(#""borrowEnabled":true"#))
        #expect(fast == (try AccountEndpoints.crossAccountValue(x, RequestParameters([:])).bytes))
    }

    @Test("missing and malformed parameters get Binance's -1102 / -1100 / -1121 answers")
    func parameterErrors() async {
        let h = Harness()
        let missing = await h.call(.post, "/sapi/v1/margin/borrow-repay", "isIsolated=FALSE&amount=100&type=BORROW")
        #expect(missing.status == 400)
        #expect(missing.text == #"{"code":-1102,"msg":"Mandatory parameter 'asset' was not sent, was empty/null, or malformed."}"#)
        let malformed = await h.call(.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=1e-05")
        #expect(malformed.text == #"{"code":-1100,"msg":"Illegal characters found in parameter 'quantity'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'."}"#)
        let symbol = await h.call(.post, "/sapi/v1/margin/order", "symbol=NOPE&side=BUY&type=MARKET&quantity=1")
        #expect(symbol.text == #"{"code":-1121,"msg":"Invalid symbol."}"#)
        let side = await h.call(.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=HOLD&type=MARKET&quantity=1")
        #expect(side.text == #"{"code":-1117,"msg":"Invalid side."}"#)
        let both = await h.call(.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=BUY&type=MARKET")
        #expect(both.text == #"{"code":-1102,"msg":"Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!"}"#)
    }

    @Test("ccxt-style form bodies with lower-case booleans place isolated orders")
    func ccxtStyle() async {
        let h = Harness()
        let request = await h.signedBody(.post, "/sapi/v1/margin/order",
            "symbol=BTCUSDT&side=BUY&newClientOrderId=x-TKT5PX2F0123456789abcdefghij&newOrderRespType=FULL&type=LIMIT&quantity=0.001&price=50000&timeInForce=GTC&isIsolated=true&recvWindow=10000")
        let response = await h.simulator.handle(request)
        #expect(response.status == 200)
        #expect(response.text.contains(#""isIsolated":true"#))
        #expect(response.text.contains(#""status":"NEW""#))
        #expect(response.text.contains(#""fills":[]"#))
    }

    @Test("exact JSON: new order ACK, query, cancel (orderId as a string), account")
    func exactJSON() async {
        let h = Harness()
        let ack = await h.call(.post, "/sapi/v1/margin/order",
                               "symbol=BTCUSDT&side=SELL&type=LIMIT&quantity=0.01&price=70000&timeInForce=GTC&newClientOrderId=abc&newOrderRespType=ACK")
        #expect(ack.text == #"{"symbol":"BTCUSDT","orderId":1000001,"clientOrderId":"abc","isIsolated":false,"transactTime":1767225600000}"#)
        #expect(ack.header("x-sapi-used-uid-weight-1m") == "6")
        let query = await h.call(.get, "/sapi/v1/margin/order", "symbol=BTCUSDT&origClientOrderId=abc")
        #expect(query.text == #"{"clientOrderId":"abc","cummulativeQuoteQty":"0.00000000","executedQty":"0.00000000","icebergQty":"0.00000000","isWorking":true,"orderId":1000001,"origQty":"0.01000000","price":"70000.00000000","side":"SELL","status":"NEW","stopPrice":"0.00000000","symbol":"BTCUSDT","isIsolated":false,"time":1767225600000,"timeInForce":"GTC","type":"LIMIT","selfTradePreventionMode":"EXPIRE_MAKER","updateTime":1767225600000}"#)
        let open = await h.array(.get, "/sapi/v1/margin/openOrders", "symbol=BTCUSDT")
        #expect(open.count == 1)
        let cancel = await h.call(.delete, "/sapi/v1/margin/order", "symbol=BTCUSDT&orderId=1000001&newClientOrderId=c1")
        #expect(cancel.text == #"{"symbol":"BTCUSDT","isIsolated":false,"orderId":"1000001","origClientOrderId":"abc","clientOrderId":"c1","price":"70000.00000000","origQty":"0.01000000","executedQty":"0.00000000","cummulativeQuoteQty":"0.00000000","status":"CANCELED","timeInForce":"GTC","type":"LIMIT","side":"SELL"}"#)
        let again = await h.call(.delete, "/sapi/v1/margin/order", "symbol=BTCUSDT&orderId=1000001")
        #expect(again.text == #"{"code":-2011,"msg":"Unknown order sent."}"#)
        let unknown = await h.call(.get, "/sapi/v1/margin/order", "symbol=BTCUSDT&orderId=5")
        #expect(unknown.text == #"{"code":-2013,"msg":"Order does not exist."}"#)
        let emptyOpen = await h.call(.get, "/sapi/v1/margin/openOrders", "")
        #expect(emptyOpen.text == "[]")
        let account = await h.call(.get, "/sapi/v1/margin/account")
        #expect(account.text.hasPrefix(#"{"created":true,"borrowEnabled":true,"marginLevel":"999.00000000","collateralMarginLevel":"999.00000000","totalAssetOfBtc":"0.18333333","totalLiabilityOfBtc":"0.00000000","totalNetAssetOfBtc":"0.18333333","TotalCollateralValueInUSDT":"11000.00000000","#))
        #expect(account.text.contains(#"{"asset":"USDT","borrowed":"0.00000000","free":"5000.00000000","interest":"0.00000000","locked":"0.00000000","netAsset":"5000.00000000"}"#))
        #expect(!account.text.contains("\"code\""))
    }

    @Test("the FULL market answer carries fills and an integral marginBuyBorrowAmount")
    func fullMarketAnswer() async {
        let h = Harness()
        let response = await h.call(.post, "/sapi/v1/margin/order",
                                    "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.1&sideEffectType=MARGIN_BUY&newClientOrderId=m1")
        #expect(response.header("x-sapi-used-uid-weight-1m") == "1500")
        #expect(response.text == #"{"symbol":"BTCUSDT","orderId":1000001,"clientOrderId":"m1","isIsolated":false,"transactTime":1767225600000,"price":"0.00000000","origQty":"0.10000000","executedQty":"0.10000000","cummulativeQuoteQty":"6000.00000000","status":"FILLED","timeInForce":"GTC","type":"MARKET","side":"BUY","selfTradePreventionMode":"EXPIRE_MAKER","marginBuyBorrowAmount":1000,"marginBuyBorrowAsset":"USDT","fills":[{"price":"60000.00000000","qty":"0.10000000","commission":"0.00010000","commissionAsset":"BTC","tradeId":5000001}]}"#)
        let trades = await h.array(.get, "/sapi/v1/margin/myTrades", "symbol=BTCUSDT")
        #expect(trades.count == 1 && trades[0]["isBuyer"] as? Bool == true)
        let records = await h.json(.get, "/sapi/v1/margin/borrow-repay", "type=BORROW&asset=USDT")
        #expect(records["total"] as? Int == 1)
        let row = (records["rows"] as? [[String: Any]])?.first
        #expect(row?["type"] as? String == "AUTO" && row?["amount"] as? String == "1000.00000000")
    }

    @Test("weights add up per minute and answer 429 -1003 with Retry-After past the limit")
    func weights() async {
        let h = Harness()
        var last = TransportResponse(status: 0)
        for _ in 0..<300 { last = await h.simulator.handle(TransportRequest(method: .get, path: "/api/v3/exchangeInfo")) }
        #expect(last.status == 200 && last.header("x-mbx-used-weight-1m") == "6000")
        let over = await h.simulator.handle(TransportRequest(method: .get, path: "/api/v3/ping"))
        #expect(over.status == 429)
        #expect(over.header("retry-after") == "60")
        #expect(over.text == #"{"code":-1003,"msg":"Too much request weight used; current limit is 6000 request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API."}"#)
        // sapi buckets are separate.
        let sapi = await h.call(.get, "/sapi/v1/margin/account")
        #expect(sapi.status == 200 && sapi.header("x-sapi-used-ip-weight-1m") == "10")
        h.clock.advance(by: 60_000)
        let later = await h.simulator.handle(TransportRequest(method: .get, path: "/api/v3/ping"))
        #expect(later.status == 200 && later.header("x-mbx-used-weight-1m") == "1")
    }

    @Test("exchangeInfo lists MARKET and LIMIT, margin permission sets and the filters ccxt reads")
    func exchangeInfo() async throws {
        let h = Harness()
        let response = await h.simulator.handle(TransportRequest(method: .get, path: "/api/v3/exchangeInfo", query: "symbol=BTCUSDT"))
        let json = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
        let symbol = try #require((json["symbols"] as? [[String: Any]])?.first)
        #expect((symbol["orderTypes"] as? [String])?.contains("MARKET") == true)
        #expect(symbol["isMarginTradingAllowed"] as? Bool == true)
        #expect(symbol["baseAssetPrecision"] as? Int == 8)
        #expect((symbol["permissionSets"] as? [[String]]) == [["SPOT", "MARGIN"]])
        let filters = try #require(symbol["filters"] as? [[String: Any]])
        #expect(filters.first { $0["filterType"] as? String == "LOT_SIZE" }?["stepSize"] as? String == "0.00001000")
        let ticker = await h.simulator.handle(TransportRequest(method: .get, path: "/api/v3/ticker/price",
                                                               query: "symbols=%5B%22BTCUSDT%22,%22ETHUSDT%22%5D"))
        #expect(ticker.text == #"[{"symbol":"BTCUSDT","price":"60000.00000000"},{"symbol":"ETHUSDT","price":"3000.00000000"}]"#)
        #expect(ticker.header("x-mbx-used-weight-1m") == "24")
    }
}

@Suite("Weight limits off")
struct WeightLimitsOffTests {
    @Test("with enforceWeightLimits false the headers count on but nothing is refused")
    func unlimited() async {
        let h = Harness(scenario: Scenario(name: "load", enforceWeightLimits: false))
        var last = TransportResponse(status: 0)
        for _ in 0..<301 { last = await h.simulator.handle(TransportRequest(method: .get, path: "/api/v3/exchangeInfo")) }
        #expect(last.status == 200 && last.header("x-mbx-used-weight-1m") == "6020")
    }
}

@Suite("More shapes")
struct MoreShapeTests {
    @Test("RESULT answer; stop orders default to ACK")
    func resultAndDefaults() async {
        let h = Harness()
        let result = await h.call(.post, "/sapi/v1/margin/order",
                                  "symbol=ETHUSDT&side=SELL&type=MARKET&quantity=0.5&newOrderRespType=RESULT&newClientOrderId=r1")
        // The cross account holds no ETH: a plain sell is refused.
        #expect(result.text == #"{"code":-2010,"msg":"Account has insufficient balance for requested action."}"#)
        let stop = await h.call(.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=SELL&type=STOP_LOSS&quantity=0.01&stopPrice=50000&newClientOrderId=s1")
        #expect(stop.text == #"{"symbol":"BTCUSDT","orderId":1000001,"clientOrderId":"s1","isIsolated":false,"transactTime":1767225600000}"#)
        let sell = await h.call(.post, "/sapi/v1/margin/order",
                                "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.01&newOrderRespType=RESULT&newClientOrderId=r2")
        #expect(sell.text == #"{"symbol":"BTCUSDT","orderId":1000002,"clientOrderId":"r2","transactTime":1767225600000,"price":"0.00000000","origQty":"0.01000000","executedQty":"0.01000000","cummulativeQuoteQty":"599.99990000","status":"FILLED","timeInForce":"GTC","type":"MARKET","side":"SELL","isIsolated":false,"selfTradePreventionMode":"EXPIRE_MAKER"}"#)
    }

    @Test("python-binance's legacy loan and repay endpoints")
    func legacy() async {
        let h = Harness()
        let loan = await h.call(.post, "/sapi/v1/margin/loan", "asset=USDT&amount=10")
        #expect(loan.text == #"{"tranId":100000001}"#)
        let repay = await h.call(.post, "/sapi/v1/margin/repay", "asset=USDT&amount=5")
        #expect(repay.status == 200)
        #expect(await h.cross("USDT")["borrowed"] as? String == "5.00006250")
    }
}
