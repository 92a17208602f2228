import Foundation
import Testing
@testable import BinanceMargin

/// `spotAccount(omitZeroBalances:)`: the exact request and the decoding of Binance's example answer.
@Suite struct SpotAccountTests {
    /// Binance's "Account information" example (SD rest-api.md), field for field.
    static let example = """
        {"makerCommission":15,"takerCommission":15,"buyerCommission":0,"sellerCommission":0,
        "commissionRates":{"maker":"0.00150000","taker":"0.00150000","buyer":"0.00000000","seller":"0.00000000"},
        "canTrade":true,"canWithdraw":true,"canDeposit":true,"brokered":false,"requireSelfTradePrevention":false,
        "preventSor":false,"updateTime":123456789,"accountType":"SPOT",
        "balances":[{"asset":"BTC","free":"4723846.89208129","locked":"0.00000000"},
        {"asset":"LTC","free":"4763368.68006011","locked":"0.00000001"}],
        "permissions":["SPOT"],"uid":354937868}
        """

    @Test("the request: GET /api/v3/account, signed, omitZeroBalances=true only when asked")
    func goldenQuery() async throws {
        for (omit, query) in [(false, GoldenQueryTests.tail), (true, "omitZeroBalances=true&" + GoldenQueryTests.tail)] {
            let transport = FakeTransport(json: Self.example)
            _ = try await makeClient(transport).spotAccount(omitZeroBalances: omit)
            let request = try #require(transport.sent.first)
            #expect(transport.sent.count == 1)
            #expect(request.method == .get && request.path == "/api/v3/account" && request.body.isEmpty)
            let split = try #require(splitSignature(request.query))
            #expect(split.payload == query)
            #expect(split.signature == Signatures.hmacSHA256Hex(split.payload, secret: TestKeys.secret))
            #expect(request.header("X-MBX-APIKEY") == TestKeys.apiKey)
        }
        #expect(Endpoints.spotAccount.weight == .ip(20) && Endpoints.spotAccount.security == .signed)
        #expect(Endpoints.all.contains(Endpoints.spotAccount))
    }

    @Test("Binance's example decodes with exact decimals")
    func decodesTheExample() throws {
        let account = try JSONDecoder().decode(SpotAccount.self, from: Data(Self.example.utf8))
        #expect(account.makerCommission == 15 && account.takerCommission == 15)
        #expect(account.buyerCommission == 0 && account.sellerCommission == 0)
        #expect(account.commissionRates == CommissionRates(maker: "0.0015", taker: "0.0015", buyer: 0, seller: 0))
        #expect(account.canTrade && account.canWithdraw && account.canDeposit)
        #expect(account.brokered == false && account.requireSelfTradePrevention == false && account.preventSor == false)
        #expect(account.updateTime == 123456789 && account.accountType == "SPOT")
        #expect(account.permissions == ["SPOT"] && account.uid == 354937868)
        #expect(account.balances == [SpotBalance(asset: "BTC", free: "4723846.89208129"),
                                     SpotBalance(asset: "LTC", free: "4763368.68006011", locked: "0.00000001")])
        #expect(try account.balance("LTC").total == Number("4763368.68006012"))
        #expect(account.balance("DOGE") == SpotBalance(asset: "DOGE", free: 0))
    }

    @Test("an error answer is a BinanceError, not a decoding failure")
    func errorAnswer() async throws {
        let transport = FakeTransport(status: 401, json: #"{"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}"#)
        await #expect(throws: BinanceError.self) { _ = try await makeClient(transport).spotAccount() }
    }
}
