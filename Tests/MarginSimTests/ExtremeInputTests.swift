import BinanceMargin
import Foundation
@testable import MarginSim
import Testing

/// The largest and smallest values the parameter rules let through never stop the simulator: every
/// request gets an answer (a Binance error or a result), never an arithmetic trap.
@Suite("Extreme inputs")
struct ExtremeInputTests {
    static let huge = "99999999999999999999.99999999999999999999"
    static let tiny = "0.00000000000000000001"

    static let requests: [(HTTPMethod, String, String)] = [
        (.post, "/sapi/v1/margin/borrow-repay", "asset=USDT&isIsolated=FALSE&type=BORROW&amount="),
        (.post, "/sapi/v1/margin/borrow-repay", "asset=USDT&isIsolated=FALSE&type=REPAY&amount="),
        (.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quoteOrderQty="),
        (.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=SELL&type=MARKET&sideEffectType=MARGIN_BUY&quantity="),
        (.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001&price="),
        (.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=BUY&type=STOP_LOSS&quantity=0.001&stopPrice="),
        (.post, "/sapi/v1/margin/transfer", "asset=USDT&type=1&amount="),
        (.post, "/sapi/v1/asset/transfer", "type=MARGIN_MAIN&asset=USDT&amount="),
        (.get, "/sapi/v1/margin/maxBorrowable", "asset=USDT&recvWindow="),
    ]

    @Test("borrow, repay, orders and transfers with the largest and smallest decimals answer", arguments: [huge, tiny])
    func extremeDecimals(_ value: String) async {
        let h = Harness()
        for (method, path, parameters) in Self.requests {
            let response = await h.call(method, path, parameters + value)
            #expect((200...499).contains(response.status), "\(path)?\(parameters)\(value) → \(response.status)")
        }
    }

    @Test("controls with the largest values answer, and the exchange still values the accounts afterwards")
    func extremeControls() async {
        let h = Harness()
        for (path, body) in [("/sim/deposit", "asset=USDT&account=MARGIN&amount=\(Self.huge)"),
                             ("/sim/price", "symbol=BTCUSDT&price=\(Self.huge)"),
                             ("/sim/shock", "symbol=ETHUSDT&percent=\(Self.huge)"),
                             ("/sim/rate", "asset=USDT&dailyInterestRate=0.99999999999999999999"),
                             ("/sim/walk", "symbol=BNBUSDT&volatility=99.99999999999999999999")] {
            let response = await h.control(path, body)
            #expect((200...499).contains(response.status), "\(path) \(body) → \(response.status)")
        }
        _ = await h.call(.post, "/sapi/v1/margin/borrow-repay", "asset=BTC&isIsolated=FALSE&type=BORROW&amount=1")
        _ = await h.control("/sim/clock", "advanceMs=7200000")
        for path in ["/sapi/v1/margin/account", "/sapi/v1/margin/isolated/account"] {
            let response = await h.call(.get, path)
            #expect(response.status == 200, "\(path) → \(response.text.prefix(200))")
        }
    }

    @Test("the largest deposits at the largest prices, borrowed to the limit and left a year at the highest rate, still answer")
    func largestReachableAccount() async {
        let h = Harness()
        for asset in ["BTC", "USDT", "ETH"] {
            _ = await h.control("/sim/deposit", "asset=\(asset)&account=MARGIN&amount=999999000000")
            _ = await h.control("/sim/rate", "asset=\(asset)&dailyInterestRate=0.99999999999999999999")
        }
        for symbol in ["BTCUSDT", "ETHUSDT", "ETHBTC"] {
            #expect(await h.control("/sim/price", "symbol=\(symbol)&price=1000000").status == 200)
        }
        for asset in ["BTC", "USDT", "ETH"] {
            let max = await h.json(.get, "/sapi/v1/margin/maxBorrowable", "asset=\(asset)")
            if let amount = max["amount"] as? String {
                _ = await h.call(.post, "/sapi/v1/margin/borrow-repay", "asset=\(asset)&isIsolated=FALSE&type=BORROW&amount=\(amount)")
            }
        }
        #expect(await h.control("/sim/clock", "advanceMs=31536000000").status == 200)
        for path in ["/sapi/v1/margin/account", "/sapi/v1/margin/isolated/account"] {
            let response = await h.call(.get, path)
            #expect((200...499).contains(response.status), "\(path) → \(response.text.prefix(200))")
        }
        #expect(await h.call(.get, "/sapi/v1/margin/maxTransferable", "asset=USDT").status == 200)
    }

    @Test("a huge BTC deposit and a huge BTC price are -1102 answers, the largest allowed ones value the account")
    func hugeBitcoinCollateral() async {
        let h = Harness()
        let deposit = await h.control("/sim/deposit", "asset=BTC&account=MARGIN&amount=99999999999999999999")
        #expect(deposit.status == 400)
        #expect(deposit.text == #"{"code":-1102,"msg":"'amount' contains unexpected value. Cannot be greater than 1000000000000."}"#)
        let price = await h.control("/sim/price", "symbol=BTCUSDT&price=99999999999999999999")
        #expect(price.status == 400)
        #expect(price.text == #"{"code":-1102,"msg":"'price' contains unexpected value. Cannot be greater than 1000000."}"#)
        let below = await h.control("/sim/price", "symbol=BTCUSDT&price=0.001")
        #expect(below.text == #"{"code":-1130,"msg":"Data sent for parameter 'price' is not valid."}"#)
        // The bounds themselves are accepted (a fresh isolated pair holds no BTC yet); a deposit past the balance bound is not.
        #expect(await h.control("/sim/deposit", "asset=BTC&account=ISOLATED&symbol=BTCUSDT&amount=1000000000000").status == 200)
        #expect(await h.control("/sim/deposit", "asset=BTC&account=ISOLATED&symbol=BTCUSDT&amount=1").status == 400)
        #expect(await h.control("/sim/price", "symbol=BTCUSDT&price=1000000").status == 200)
        #expect(await h.call(.get, "/sapi/v1/margin/account").status == 200)
        let isolated = await h.json(.get, "/sapi/v1/margin/isolated/account")
        let pair = (isolated["assets"] as? [[String: Any]])?.first { $0["symbol"] as? String == "BTCUSDT" }
        #expect((pair?["baseAsset"] as? [String: Any])?["totalAsset"] as? String == "1000000000000.00000000")
        #expect(pair?["indexPrice"] as? String == "1000000.00000000")
    }
}
