import BinanceMargin
import Foundation
import Testing
@testable import MarginSim

@Suite("Endpoint shapes and history rules")
struct EndpointTests {
    @Test("isolated account: the pair's legs, level, status and totals")
    func isolatedAccount() async {
        let h = Harness()
        let response = await h.call(.get, "/sapi/v1/margin/isolated/account")
        #expect(response.text == #"{"assets":[{"baseAsset":{"asset":"BTC","borrowEnabled":true,"borrowed":"0.00000000","free":"0.00000000","interest":"0.00000000","locked":"0.00000000","netAsset":"0.00000000","netAssetOfBtc":"0.00000000","repayEnabled":true,"totalAsset":"0.00000000"},"quoteAsset":{"asset":"USDT","borrowEnabled":true,"borrowed":"0.00000000","free":"1000.00000000","interest":"0.00000000","locked":"0.00000000","netAsset":"1000.00000000","netAssetOfBtc":"0.01666667","repayEnabled":true,"totalAsset":"1000.00000000"},"symbol":"BTCUSDT","isolatedCreated":true,"enabled":true,"marginLevel":"999.00000000","marginLevelStatus":"EXCESSIVE","marginRatio":"10.00000000","indexPrice":"60000.00000000","liquidatePrice":"0.00000000","liquidateRate":"1.05000000","tradeEnabled":true}],"totalAssetOfBtc":"0.01666667","totalLiabilityOfBtc":"0.00000000","totalNetAssetOfBtc":"0.01666667"}"#)
        let selected = await h.call(.get, "/sapi/v1/margin/isolated/account", "symbols=BTCUSDT")
        #expect(!selected.text.contains("totalAssetOfBtc\":\"0.01666667\"}"))
        #expect(selected.text.hasPrefix(#"{"assets":[{"baseAsset""#))
    }

    @Test("borrow-repay records: type is mandatory, txId wins, isolated rows carry isolatedSymbol, repay splits")
    func borrowRepayRecords() async {
        let h = Harness()
        _ = await h.call(.post, "/sapi/v1/margin/borrow-repay", "asset=USDT&isIsolated=TRUE&symbol=BTCUSDT&amount=100&type=BORROW")
        _ = await h.call(.post, "/sapi/v1/margin/borrow-repay", "asset=USDT&isIsolated=TRUE&symbol=BTCUSDT&amount=50&type=REPAY")
        let missing = await h.call(.get, "/sapi/v1/margin/borrow-repay", "asset=USDT")
        #expect(missing.text == #"{"code":-1102,"msg":"Mandatory parameter 'type' was not sent, was empty/null, or malformed."}"#)
        let cross = await h.json(.get, "/sapi/v1/margin/borrow-repay", "type=BORROW")
        #expect(cross["total"] as? Int == 0)
        let repay = await h.call(.get, "/sapi/v1/margin/borrow-repay", "type=REPAY&isolatedSymbol=BTCUSDT")
        // 100 × 0.00015 / 24 = 0.000625 interest paid first.
        #expect(repay.text == #"{"rows":[{"type":"MANUAL","isolatedSymbol":"BTCUSDT","amount":"50.00000000","asset":"USDT","interest":"0.00062500","principal":"49.99937500","status":"CONFIRMED","timestamp":1767225600000,"txId":100000003}],"total":1}"#)
        let byId = await h.json(.get, "/sapi/v1/margin/borrow-repay", "type=BORROW&isolatedSymbol=BTCUSDT&txId=100000001")
        #expect(byId["total"] as? Int == 1)
        let old = await h.json(.get, "/sapi/v1/margin/borrow-repay", "type=BORROW&isolatedSymbol=BTCUSDT&endTime=1767225500000")
        #expect(old["total"] as? Int == 0)
    }

    @Test("interest rate history is an array of daily rates; next hourly rate is daily / 24")
    func rates() async {
        let h = Harness()
        let history = await h.array(.get, "/sapi/v1/margin/interestRateHistory", "asset=USDT&limit=93")
        #expect(history.count == 8)   // 7 days back, both ends on a midnight
        #expect(history.first?["dailyInterestRate"] as? String == "0.00015000")
        #expect(history.first?["timestamp"] as? Int == 1_767_225_600_000)
        let next = await h.call(.get, "/sapi/v1/margin/next-hourly-interest-rate", "assets=USDT,BTC&isIsolated=FALSE")
        #expect(next.text == #"[{"asset":"USDT","nextHourlyInterestRate":"0.00000625"},{"asset":"BTC","nextHourlyInterestRate":"0.00000167"}]"#)
    }

    @Test("a liquidation through the handler shows in forceLiquidationRec and the account")
    func liquidationRecord() async {
        let h = Harness()
        _ = await h.call(.post, "/sapi/v1/margin/borrow-repay", "asset=BTC&isIsolated=TRUE&symbol=BTCUSDT&amount=0.15&type=BORROW")
        let sell = await h.call(.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&isIsolated=TRUE&side=SELL&type=MARKET&quantity=0.15")
        #expect(sell.status == 200)
        _ = await h.control("/sim/price", "symbol=BTCUSDT&price=64000")
        let records = await h.json(.get, "/sapi/v1/margin/forceLiquidationRec", "isolatedSymbol=BTCUSDT")
        #expect(records["total"] as? Int == 1)
        let row = (records["rows"] as? [[String: Any]])?.first
        #expect(row?["side"] as? String == "BUY" && row?["isIsolated"] as? Bool == true)
        let account = await h.call(.get, "/sapi/v1/margin/isolated/account", "symbols=BTCUSDT")
        #expect(account.text.contains(#""marginLevel":"999.00000000""#))
    }

    @Test("market data lists: allPairs, isolated pairs, assets, ticker for all symbols")
    func lists() async {
        let h = Harness()
        let key = [(name: "X-MBX-APIKEY", value: DemoCredentials.apiKey)]
        let pairs = await h.simulator.handle(TransportRequest(method: .get, path: "/sapi/v1/margin/allPairs", query: "symbol=BNBBTC", headers: key))
        #expect(pairs.text == #"[{"base":"BNB","id":351637150141315867,"isBuyAllowed":true,"isMarginTrade":true,"isSellAllowed":true,"quote":"BTC","symbol":"BNBBTC"}]"#)
        let assets = await h.simulator.handle(TransportRequest(method: .get, path: "/sapi/v1/margin/allAssets", query: "asset=USDC", headers: key))
        #expect(assets.text == #"[{"assetFullName":"USD Coin","assetName":"USDC","isBorrowable":true,"isMortgageable":true,"userMinBorrow":"0.01000000","userMinRepay":"0.01000000"}]"#)
        let tickers = await h.simulator.handle(TransportRequest(method: .get, path: "/api/v3/ticker/price"))
        let rows = (try? JSONSerialization.jsonObject(with: tickers.body)) as? [[String: Any]]
        #expect(rows?.count == Catalog.symbols.count)
        let bad = await h.simulator.handle(TransportRequest(method: .get, path: "/api/v3/ticker/price", query: "symbol=DOGEUSDT"))
        #expect(bad.text == #"{"code":-1121,"msg":"Invalid symbol."}"#)
    }

    @Test("openOrders for an isolated account needs the symbol; DELETE openOrders cancels them all")
    func openOrders() async {
        let h = Harness()
        let needSymbol = await h.call(.get, "/sapi/v1/margin/openOrders", "isIsolated=TRUE")
        #expect(needSymbol.text == #"{"code":-1102,"msg":"Mandatory parameter 'symbol' was not sent, was empty/null, or malformed."}"#)
        for price in ["50000", "51000"] {
            _ = await h.call(.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.001&price=\(price)&timeInForce=GTC")
        }
        let cancelled = await h.array(.delete, "/sapi/v1/margin/openOrders", "symbol=BTCUSDT")
        #expect(cancelled.count == 2 && cancelled.allSatisfy { $0["status"] as? String == "CANCELED" && $0["orderListId"] as? Int == -1 })
        let all = await h.array(.get, "/sapi/v1/margin/allOrders", "symbol=BTCUSDT")
        #expect(all.count == 2)
        #expect(await h.cross("USDT")["locked"] as? String == "0.00000000")
    }
}

@Suite("Isolated pairs")
struct IsolatedPairTests {
    @Test("enable, use, and disable an isolated pair")
    func lifecycle() async {
        let h = Harness()
        let missing = await h.call(.post, "/sapi/v1/margin/borrow-repay", "asset=USDT&isIsolated=TRUE&symbol=ETHUSDT&amount=10&type=BORROW")
        #expect(missing.text == #"{"code":-11001,"msg":"Isolated margin account does not exist."}"#)
        let enabled = await h.call(.post, "/sapi/v1/margin/isolated/account", "symbol=ETHUSDT")
        #expect(enabled.text == #"{"success":true,"symbol":"ETHUSDT"}"#)
        let limit = await h.call(.get, "/sapi/v1/margin/isolated/accountLimit")
        #expect(limit.text == #"{"enabledAccount":2,"maxAccount":20}"#)
        let disabled = await h.call(.delete, "/sapi/v1/margin/isolated/account", "symbol=ETHUSDT")
        #expect(disabled.status == 200)
        let funded = await h.call(.delete, "/sapi/v1/margin/isolated/account", "symbol=BTCUSDT")
        #expect(funded.status == 400)
    }

    @Test("the BTC totals add up: totalNetAssetOfBtc = totalAssetOfBtc − totalLiabilityOfBtc, cross and isolated")
    func totalsAddUp() async throws {
        let h = Harness()
        _ = await h.control("/sim/price", "symbol=BTCUSDT&price=59999.99")   // BTC values that do not terminate
        _ = await h.call(.post, "/sapi/v1/margin/borrow-repay", "asset=USDT&isIsolated=FALSE&amount=100&type=BORROW")
        _ = await h.call(.post, "/sapi/v1/margin/borrow-repay", "asset=USDT&isIsolated=TRUE&symbol=BTCUSDT&amount=100&type=BORROW")
        for path in ["/sapi/v1/margin/account", "/sapi/v1/margin/isolated/account"] {
            let json = await h.json(.get, path)
            let total = { (name: String) in Number(json[name] as? String ?? "") }
            let asset = try #require(total("totalAssetOfBtc")), liability = try #require(total("totalLiabilityOfBtc"))
            #expect(liability.isPositive)
            #expect(total("totalNetAssetOfBtc") == (try asset - liability), "\(path)")
        }
    }
}
