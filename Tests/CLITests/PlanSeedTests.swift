import BinanceMargin
import MarginSim
@testable import mops
import Testing

/// Plan mode's copy of a live account: holdings and debts as they are, never netted or re-borrowed.
@Suite("Plan seed")
struct PlanSeedTests {
    @Test("a cross debt stays a debt and adds no collateral; locked and interest are counted")
    func crossDebt() async throws {
        let account = CrossMarginAccount(marginLevel: "1.2", totalAssetOfBtc: "0", totalLiabilityOfBtc: "0", totalNetAssetOfBtc: "0",
                                         userAssets: [
                                             MarginAsset(asset: "USDT", free: "0", borrowed: "1000", interest: "1.5", netAsset: "-1001.5"),
                                             MarginAsset(asset: "BTC", free: "0.02", locked: "0.01", netAsset: "0.03"),
                                         ])
        let scenario = try PlanSeed.scenario(cross: account, isolated: nil, prices: ["BTCUSDT": "60000"], spot: ["USDT": "7"])
        #expect(scenario.crossMargin == ["BTC": "0.03"])
        #expect(scenario.crossMarginDebt == ["USDT": "1001.5"])
        #expect(scenario.prices["BTCUSDT"] == "60000")
        #expect(scenario.spot == ["USDT": "7"])
        // The simulator built from it holds the debt as debt: no USDT appears as collateral.
        let copy = try MarginClient(transport: InProcessTransport(simulator: MarginSimulator(scenario: scenario)),
                                    credentials: try .hmac(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret))
        let usdt = try #require(try await copy.crossAccount().asset("USDT"))
        #expect(usdt.free == .zero)
        #expect(usdt.borrowed == "1001.5")
    }

    @Test("each isolated pair keeps its holdings and its own debts")
    func isolatedDebt() throws {
        let pair = IsolatedPair(symbol: "BTCUSDT",
                                baseAsset: IsolatedAsset(asset: "BTC", borrowed: "0.1", free: "0.05", interest: "0.001", locked: "0", netAsset: "-0.051"),
                                quoteAsset: IsolatedAsset(asset: "USDT", free: "500", locked: "100", netAsset: "600"),
                                marginLevel: "2", marginLevelStatus: .normal)
        let account = CrossMarginAccount(marginLevel: "999", totalAssetOfBtc: "0", totalLiabilityOfBtc: "0", totalNetAssetOfBtc: "0", userAssets: [])
        let scenario = try PlanSeed.scenario(cross: account, isolated: IsolatedMarginAccounts(assets: [pair]), prices: [:], spot: [:])
        #expect(scenario.isolatedMargin == ["BTCUSDT": ["BTC": "0.05", "USDT": "600"]])
        #expect(scenario.isolatedMarginDebt == ["BTCUSDT": ["BTC": "0.101"]])
        #expect(scenario.crossMarginDebt.isEmpty)
    }
}
