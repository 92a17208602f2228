import BinanceMargin
import Testing
@testable import MarginSim

/// `Exchange.totals` — valued at every path point of a replay — sums in the wallet's own order when that
/// provably gives the name-order sum, and otherwise leaves it to the name-order reference (issue 14). Held to
/// the reference, significand and scale, errors included, for generated wallets: ordinary balances, long
/// fractions, balances at the 38-digit edge, negative ones, unpriced assets and every quote unit.
@Suite struct UnorderedTotalsTests {
    /// An amount; in an `unusual` wallet sometimes at the 38-digit edge or negative.
    static func amount(_ random: inout SplitMix64, unusual: Bool) throws -> Number {
        switch unusual ? random.next(upTo: 10) : 3 + random.next(upTo: 7) {
        case 0: return .zero
        case 1:   // the 38-digit edge: products and sums that do not fit, or fit only by dropping digits
            var significand: Int128 = 0
            for _ in 0..<(30 + Int(random.next(upTo: 9))) { significand = significand * 10 + Int128(random.next(upTo: 10)) }
            return try Number(significand: significand, scale: Int(random.next(upTo: 39)))
        case 2: return try Number(significand: -Int128(1 + random.next(upTo: 1_000_000)), scale: Int(random.next(upTo: 9)))
        default: return try Number(significand: Int128(random.next(upTo: 10_000_000_000)), scale: Int(random.next(upTo: 12)))
        }
    }

    @Test func unorderedTotalsAreTheNameOrderTotals() throws {
        var random = SplitMix64(seed: 0x14_707A)
        var fast = 0, referred = 0, failed = 0
        for _ in 0..<2_000 {
            var x = Exchange(scenario: Scenario.named("empty")!, time: 1_700_000_000_000, seed: random.next())
            try x.setPrice("BTCUSDT", Number(Int64(1000 + random.next(upTo: 90_000))))
            if random.next(upTo: 2) == 0 { try x.setPrice("ETHBTC", Number(significand: Int128(1 + random.next(upTo: 99_999)), scale: 5)) }
            let account = random.pick([AccountRef.cross, .spot, .isolated("BTCUSDT")])
            let unusual = random.next(upTo: 3) == 0
            for _ in 0..<Int(random.next(upTo: 8)) {
                let asset = random.pick(["USDT", "BTC", "ETH", "BNB", "SOL", "XRP", "USDC", "NOPRICE"])
                x[account, asset] = Balance(free: try Self.amount(&random, unusual: unusual), locked: try Self.amount(&random, unusual: unusual),
                                            borrowed: try Self.amount(&random, unusual: unusual), interest: try Self.amount(&random, unusual: unusual))
            }
            let unit = random.pick(["USDT", "BTC", "ETH"])
            let reference = Result { () throws(ExchangeError) in try x.orderedTotals(account, in: unit) }
            let totals = Result { () throws(ExchangeError) in try x.totals(account, in: unit) }
            switch (totals, reference) {
            case (.success(let a), .success(let b)):
                #expect(a.assets.significand == b.assets.significand && a.assets.scale == b.assets.scale
                        && a.liabilities.significand == b.liabilities.significand && a.liabilities.scale == b.liabilities.scale,
                        "\(a) against \(b)")
            case (.failure(let a), .failure(let b)): #expect(a == b); failed += 1
            default: Issue.record("\(totals) against \(reference)")
            }
            if x.unorderedTotals(account, in: unit) != nil { fast += 1 } else { referred += 1 }
        }
        // Both ways were taken, and some valuations failed (left to the reference, which names the error).
        #expect(fast > 800 && referred > 200 && failed > 10, "\(fast) \(referred) \(failed)")
    }
}
