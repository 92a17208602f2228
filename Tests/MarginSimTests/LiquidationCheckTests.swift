import BinanceMargin
import Testing
@testable import MarginSim

/// The engine's cheap liquidation check (``Exchange/isLiquidationDue(_:)``) says exactly what the full risk
/// snapshot says, on seeded random accounts whose margin levels sit at, just above and just below the bar.
@Suite("The liquidation check agrees with the full valuation")
struct LiquidationCheckTests {
    /// What the engine decided before the check had shortcuts: the whole snapshot, level at or below the bar.
    static func dueBySnapshot(_ x: Exchange, _ account: AccountRef) -> Bool {
        guard let risk = try? x.riskSnapshot(account) else { return false }
        return risk.hasDebt && risk.marginLevel <= x.liquidationBar(account)
    }

    /// A random amount with up to 8 places.
    static func amount(_ random: inout SplitMix64, upTo whole: UInt64) -> Number {
        (try? Number(significand: Int128(random.next(upTo: whole * 100_000_000)), scale: 8)) ?? .zero
    }

    /// An account whose collateral aims at `bar` × debt, off by a few units of the 8th place or by a random margin.
    static func account(_ x: inout Exchange, _ account: AccountRef, bar: Number, _ random: inout SplitMix64) {
        let (base, quote) = account.isolatedSymbol.flatMap { Catalog.symbols[$0] }.map { ($0.base, $0.quote) } ?? ("BTC", "USDT")
        let debtInBase = random.next(upTo: 3) == 0
        let debt = amount(&random, upTo: debtInBase ? 5 : 50_000)
        var b = Balance(), q = Balance()
        if debtInBase { b.borrowed = debt } else { q.borrowed = debt }
        if random.next(upTo: 4) == 0 {
            let interest = amount(&random, upTo: 2)
            if debtInBase { b.interest = interest } else { q.interest = interest }
        }
        x[account, base] = b
        x[account, quote] = q
        guard let (assets, liabilities) = try? x.totals(account, in: quote), liabilities.isPositive else { return }
        // Collateral in the quote asset so that assets / liabilities lands near the bar.
        let offsets: [Number] = ["0", "0.00000001", "-0.00000001", "0.000000005", "-0.000000005", "0.00000002", "0.01", "-0.01"]
        let target = (try? (bar + random.pick(offsets)) * liabilities - assets) ?? .zero
        let extra = random.next(upTo: 5) == 0 ? amount(&random, upTo: 10) : .zero
        x[account, quote].free = Number.max(.zero, ((try? target + extra) ?? .zero).rounded(scale: 8, random.next(upTo: 2) == 0 ? .down : .up))
    }

    @Test("cross and isolated accounts near the bar: the cheap check and the snapshot agree")
    func agreesWithTheSnapshot() {
        var random = SplitMix64(seed: 0x11_0D)
        var due = 0, notDue = 0
        for _ in 0..<3_000 {
            var x = Exchange(scenario: .default, time: 1_709_251_200_000, seed: 1)
            x.prices["BTCUSDT"] = (try? Number(significand: Int128(1_000_000 + random.next(upTo: 9_000_000)), scale: 2)) ?? 60000
            if random.next(upTo: 2) == 0 { try? x.setCrossLeverage(5) }
            let isolated = AccountRef.isolated("BTCUSDT")
            Self.account(&x, .cross, bar: x.liquidationBar(.cross), &random)
            Self.account(&x, isolated, bar: x.liquidationBar(isolated), &random)
            for account in [AccountRef.cross, isolated] {
                let expected = Self.dueBySnapshot(x, account)
                #expect(x.isLiquidationDue(account) == expected, "\(account): \(x.wallet(account).balances) at \(x.price("BTCUSDT"))")
                if account == .cross {   // with the valuation the replay reads at each path point
                    #expect(x.isLiquidationDue(.cross, valued: ReplayCursor.crossLevel(x)) == expected, "\(x.cross.balances)")
                }
                if expected { due += 1 } else { notDue += 1 }
            }
        }
        #expect(due > 500 && notDue > 500, "both outcomes are exercised (\(due) due, \(notDue) not)")
    }

    @Test("an account without debt is never due, whatever it holds")
    func noDebtIsNeverDue() {
        var random = SplitMix64(seed: 0xDE_B7)
        for _ in 0..<500 {
            var x = Exchange(scenario: .default, time: 1_709_251_200_000, seed: 1)
            x.cross = Wallet()
            x[.cross, "BTC"].free = Self.amount(&random, upTo: 3)
            #expect(!x.isLiquidationDue(.cross))
            #expect(!Self.dueBySnapshot(x, .cross))
        }
    }
}
