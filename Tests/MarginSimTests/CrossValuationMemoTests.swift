import BinanceMargin
import Testing
@testable import MarginSim

/// The replay's cross valuation memo gives what the exchange's own valuation gives — significand and scale, or the
/// same failure — through generated walks of one exchange: watched and unwatched price moves, balances changed,
/// rewritten at another scale with the same value, made negative or enormous, assets without a `…USDT` price.
@Suite("The replay's cross valuation memo")
struct CrossValuationMemoTests {
    static let assets = ["BTC", "USDT", "ETH", "BNB", "SOL", "XRP", "USDC"]

    /// A random amount: usually up to 8 places, sometimes at another scale, rarely enormous.
    static func amount(_ random: inout SplitMix64) -> Number {
        switch random.next(upTo: 200) {
        case 0: return (try? Number(significand: Number.maxSignificand / Int128(1 + random.next(upTo: 3)), scale: Int(random.next(upTo: 4)))) ?? .zero
        case 1...10: return .zero
        default: return (try? Number(significand: Int128(random.next(upTo: 5_000_000_000_000)), scale: Int(random.next(upTo: 12)))) ?? .zero
        }
    }

    /// The same value written with more places (1.5 → 1.50).
    static func rescaled(_ n: Number) -> Number {
        guard n.significand.magnitude <= Number.maxSignificand.magnitude / 10 else { return n }
        return (try? Number(significand: n.significand * 10, scale: n.scale + 1)) ?? n
    }

    /// One random change to `x`.
    static func step(_ x: inout Exchange, _ random: inout SplitMix64) {
        let asset = random.pick(assets)
        switch random.next(upTo: 10) {
        case 0...3: x.prices["BTCUSDT"] = Number.max(.one, amount(&random))   // the watched price, each path point
        case 4: x.prices[random.pick(["ETHUSDT", "BNBUSDT", "XRPUSDT"])] = Number.max(.one, amount(&random))
        case 5: x[.cross, asset].free = amount(&random)
        case 6: x[.cross, asset].borrowed = amount(&random)
        case 7: x[.cross, asset].interest = amount(&random)
        case 8: x[.cross, asset].free = rescaled(x[.cross, asset].free)
        default:
            switch random.next(upTo: 8) {
            case 0: x[.cross, asset].locked = (try? Number.zero - amount(&random)) ?? .zero   // negative: the exchange decides
            case 1: x[.cross, "DOGE"].free = random.next(upTo: 4) != 0 ? .zero : amount(&random)   // no DOGEUSDT price
            default: x[.cross, asset].locked = .zero
            }
        }
    }

    @Test("through 3,000 generated steps on each of 12 exchanges, the memo's totals are the exchange's (nothing watched too)")
    func memoIsTheExchangesValuation() {
        var random = SplitMix64(seed: 0xC0_55_7A)
        var memoized = 0, failed = 0, shortcuts = 0
        for _ in 0..<12 {
            var x = Exchange(scenario: .default, time: 1_709_251_200_000, seed: 1)
            x[.cross, "USDT"].borrowed = 2000
            x.prices.watch(random.pick([["BTCUSDT"], ["BTCUSDT", "ETHUSDT"], ["BTCUSDT"], []]))   // [] keeps no memo
            var memo = CrossValuationMemo()
            for _ in 0..<3_000 {
                Self.step(&x, &random)
                memo.update(x)
                if memo.shortcut(x.prices) != nil { shortcuts += 1 }
                if x.prices.watched.isEmpty { #expect(memo.shortcut(x.prices) == nil, "nothing watched: no memo kept") }
                let expected = Result { () throws(ExchangeError) in try x.totals(.cross, in: "USDT") }
                let got = Result { () throws(ExchangeError) in try memo.totals(x) }
                switch (expected, got) {
                case (.success(let e), .success(let g)):
                    #expect(e.assets.significand == g.assets.significand && e.assets.scale == g.assets.scale
                            && e.liabilities.significand == g.liabilities.significand && e.liabilities.scale == g.liabilities.scale,
                            "\(e) ≠ \(g) for \(x.cross.balances) at \(x.prices.table)")
                    memoized += 1
                case (.failure(let e), .failure(let g)): #expect(e == g); failed += 1
                default: Issue.record("\(expected) ≠ \(got) for \(x.cross.balances)")
                }
                #expect(memo.hasDebt == x.cross.balances.values.contains { $0.borrowed.isPositive || $0.interest.isPositive })
            }
        }
        #expect(memoized > 10_000 && failed > 10, "both outcomes are exercised (\(memoized) valued, \(failed) failed)")
        #expect(shortcuts > 5_000, "the memo answered \(shortcuts) times itself")
    }
}
