import BinanceMargin
import Foundation
import MarginSim

/// Seeds a plan-mode simulator from a live account (read-only requests only).
///
/// Each wallet is copied as it is: `free + locked` of every asset is its holding, and `borrowed + interest`
/// its debt, seeded directly as a starting debt (``Scenario/crossMarginDebt``, ``Scenario/isolatedMarginDebt``)
/// so the copy neither gains collateral nor loses a debt whatever its margin level. Open orders are not
/// copied, so what they locked is free in the copy. Prices are the live prices of the symbols the
/// simulator knows. What cannot be copied is said on stderr (`warn`), so a plan never silently starts
/// from a different account.
enum PlanSeed {
    /// A simulator holding a copy of the account behind `client`.
    static func simulator(copying client: MarginClient,
                          warn: (String) -> Void = { ScriptOutput.writeError("mops: plan: \($0)\n") }) async throws -> MarginSimulator {
        let account = try await client.crossAccount()
        let isolated: IsolatedMarginAccounts?
        do {
            isolated = try await client.isolatedAccounts()
        } catch {
            warn("isolated pairs not copied (\(error)); the plan starts without them")
            isolated = nil
        }
        let prices = try await client.prices()
        var spot: [String: Number] = [:]
        do {
            let account = try await client.spotAccount(omitZeroBalances: true)
            spot = account.balances.reduce(into: [:]) { wallet, row in
                if row.free.isPositive { wallet[row.asset] = row.free }
            }
        } catch {
            warn("the spot wallet not copied (\(error)); the plan starts with an empty spot wallet")
        }
        return MarginSimulator(scenario: try scenario(cross: account, isolated: isolated, prices: prices, spot: spot))
    }

    /// The scenario that copies these accounts: holdings `free + locked`, debts `borrowed + interest`
    /// (cross and each isolated pair), `prices` for the symbols the simulator knows, `spot` as given.
    static func scenario(cross account: CrossMarginAccount, isolated: IsolatedMarginAccounts?,
                         prices: [String: Number], spot: [String: Number]) throws(NumberError) -> Scenario {
        var scenario = Scenario.default
        scenario.name = "plan"
        scenario.prices = scenario.prices.keys.reduce(into: [:]) { result, symbol in
            result[symbol] = prices[symbol] ?? scenario.prices[symbol]
        }
        scenario.spot = spot
        var cross: [String: Number] = [:], crossDebt: [String: Number] = [:]
        for asset in account.userAssets {
            let holding = try asset.free + asset.locked, debt = try asset.borrowed + asset.interest
            if holding.isPositive { cross[asset.asset] = holding }
            if debt.isPositive { crossDebt[asset.asset] = debt }
        }
        scenario.crossMargin = cross
        scenario.crossMarginDebt = crossDebt
        var pairs: [String: [String: Number]] = [:], pairDebts: [String: [String: Number]] = [:]
        for pair in isolated?.assets ?? [] {
            var sides: [String: Number] = [:], debts: [String: Number] = [:]
            for side in [pair.baseAsset, pair.quoteAsset] {
                let holding = try side.free + side.locked, debt = try side.borrowed + side.interest
                sides[side.asset] = holding
                if debt.isPositive { debts[side.asset] = debt }
            }
            pairs[pair.symbol] = sides
            if !debts.isEmpty { pairDebts[pair.symbol] = debts }
        }
        scenario.isolatedMargin = pairs
        scenario.isolatedMarginDebt = pairDebts
        return scenario
    }
}
