import BinanceMargin
import Foundation
import Testing
@testable import MarginSim

/// `GET /api/v3/account`: the spot wallet in Binance's exact shape.
@Suite("Spot account")
struct SpotAccountTests {
    @Test("the default scenario's spot wallet, every field in Binance's order and types")
    func exactShape() async throws {
        let h = Harness()
        let response = await h.call(.get, "/api/v3/account", "omitZeroBalances=true")
        #expect(response.status == 200)
        let now = await h.simulator.now()
        #expect(response.text == """
            {"makerCommission":10,"takerCommission":10,"buyerCommission":0,"sellerCommission":0,\
            "commissionRates":{"maker":"0.00100000","taker":"0.00100000","buyer":"0.00000000","seller":"0.00000000"},\
            "canTrade":true,"canWithdraw":true,"canDeposit":true,"brokered":false,"requireSelfTradePrevention":false,\
            "preventSor":false,"updateTime":\(now),"accountType":"SPOT",\
            "balances":[{"asset":"BTC","free":"0.50000000","locked":"0.00000000"},\
            {"asset":"ETH","free":"5.00000000","locked":"0.00000000"},\
            {"asset":"USDT","free":"10000.00000000","locked":"0.00000000"}],\
            "permissions":["SPOT"],"uid":354937868}
            """)
    }

    @Test("zero balances are listed by default and omitted with omitZeroBalances=true")
    func zeroBalances() async throws {
        let h = Harness(scenario: .named("empty")!)
        let all = await h.json(.get, "/api/v3/account")
        let listed = try #require(all["balances"] as? [[String: Any]])
        #expect(listed.map { $0["asset"] as? String } == Catalog.assetOrder.map { $0 })
        #expect(listed.allSatisfy { $0["free"] as? String == "0.00000000" })
        let omitted = await h.json(.get, "/api/v3/account", "omitZeroBalances=true")
        #expect((omitted["balances"] as? [[String: Any]])?.isEmpty == true)
        let explicit = await h.json(.get, "/api/v3/account", "omitZeroBalances=false")
        #expect((explicit["balances"] as? [[String: Any]])?.count == Catalog.assetOrder.count)
    }

    @Test("a transfer to margin leaves the spot wallet at once")
    func followsTransfers() async throws {
        let h = Harness()
        let moved = await h.call(.post, "/sapi/v1/asset/transfer", "type=MAIN_MARGIN&asset=USDT&amount=2500.5")
        #expect(moved.status == 200, "\(moved.text)")
        let json = await h.json(.get, "/api/v3/account", "omitZeroBalances=true")
        let usdt = (json["balances"] as? [[String: Any]])?.first { $0["asset"] as? String == "USDT" }
        #expect(usdt?["free"] as? String == "7499.50000000")
    }

    @Test("it is signed (USER_DATA) and a bad omitZeroBalances is Binance's -1100")
    func securityAndParameters() async throws {
        let h = Harness()
        let unsigned = await h.simulator.handle(TransportRequest(method: .get, path: "/api/v3/account",
            query: "timestamp=\(h.now)", headers: [("X-MBX-APIKEY", DemoCredentials.apiKey)]))
        #expect(unsigned.status == 400)
        #expect(unsigned.text == #"{"code":-1102,"msg":"Mandatory parameter 'signature' was not sent, was empty/null, or malformed."}"#)
        let bad = await h.call(.get, "/api/v3/account", "omitZeroBalances=maybe")
        #expect(bad.status == 400)
        #expect(bad.text.contains("-1100"), "\(bad.text)")
    }
}
