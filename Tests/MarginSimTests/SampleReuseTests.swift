import BinanceMargin
import Foundation
@testable import MarginSim
import Testing

/// A candle's sample reuses the cross valuation the liquidation check was given at the close, unless a liquidation
/// changed the account since (issue 14): every sample is held to a fresh valuation of the exchange at that close,
/// on generated replays where liquidations happen.
@Suite("Replay sample reuse")
struct SampleReuseTests {
    @Test("each close's sample shows the account as a fresh valuation at that close does, liquidations included (generated)")
    func samplesEqualFreshValuations() throws {
        var liquidatedRuns = 0, withDebt = 0
        for seed in UInt64(1)...8 {
            var random = SplitMix64(seed: 0x14_5A3E + seed)
            let candles = DirectClockControlTests.candles(&random, count: 150)
            let series = try ReplaySeries(files: [KlineFile(name: "BTCUSDT-1m-2024-03.csv", symbol: "BTCUSDT", candles: candles)])
            let debt = 26_000 + Int(random.next(upTo: 8_000))
            let scenario = Scenario(name: "leveraged", spot: [:], crossMargin: ["BTC": 1, "USDT": 2_000], isolatedMargin: [:],
                                    crossMarginDebt: ["USDT": Number(debt)], dailyInterestRates: ["USDT": "0.01"])
            var exchange = Exchange(scenario: scenario, time: series.start, seed: seed)
            var cursor: ReplayCursor? = ReplayCursor(series: series)
            exchange.startReplay(&cursor)
            for (index, candle) in candles.enumerated() {
                exchange.advance(to: candle.closeTime, replay: &cursor)
                let sample = try #require(cursor?.samples.last)
                #expect(cursor?.samples.count == index + 1 && sample.time == candle.closeTime)
                let (assets, liabilities, _) = try #require(ReplayCursor.crossLevel(exchange))
                #expect(sample.debt.description == liabilities.amount().description, "seed \(seed), candle \(index)")
                #expect(sample.equity.description == (assets.subtracting(liabilities) ?? .zero).amount().description, "seed \(seed), candle \(index)")
                if liabilities.isPositive { withDebt += 1 }
            }
            if !exchange.liquidationRecords.isEmpty { liquidatedRuns += 1 }
        }
        // Both ways were compared: closes with debt (the reused valuation) and runs where a liquidation changed the account.
        #expect(liquidatedRuns > 0 && liquidatedRuns < 8 && withDebt > 200, "\(liquidatedRuns) runs liquidated, \(withDebt) closes with debt")
    }
}
