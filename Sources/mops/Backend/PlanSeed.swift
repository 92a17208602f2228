import BinanceMargin
import Foundation
import MarginSim

/// Seeds a plan-mode simulator from a live account (read-only requests only).
///
/// Balances are copied as free collateral (the spot wallet's free balances as they are); each debt is recreated by borrowing it in the copy
/// (so free = what was free, borrowed = what was borrowed). Accrued interest is folded into the
/// borrowed amount. Prices are the live prices of the symbols the simulator knows. What cannot be
/// copied is said on stderr (`warn`), so a plan never silently starts from a different account.
enum PlanSeed {
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
        var scenario = Scenario.default
        scenario.name = "plan"
        scenario.prices = scenario.prices.keys.reduce(into: [:]) { result, symbol in
            result[symbol] = prices[symbol] ?? scenario.prices[symbol]
        }
        do {
            let spot = try await client.spotAccount(omitZeroBalances: true)
            scenario.spot = spot.balances.reduce(into: [:]) { wallet, row in
                if row.free.isPositive { wallet[row.asset] = row.free }
            }
        } catch {
            warn("the spot wallet not copied (\(error)); the plan starts with an empty spot wallet")
            scenario.spot = [:]
        }
        var cross: [String: Number] = [:]
        var debts: [(asset: String, amount: Number, symbol: String?)] = []
        for asset in account.userAssets {
            let debt = asset.borrowed + asset.interest
            let holding = asset.free + asset.locked
            cross[asset.asset] = holding > debt ? holding - debt : .zero
            if debt.isPositive { debts.append((asset.asset, debt, nil)) }
        }
        scenario.crossMargin = cross
        var pairs: [String: [String: Number]] = [:]
        for pair in isolated?.assets ?? [] {
            var sides: [String: Number] = [:]
            for side in [pair.baseAsset, pair.quoteAsset] {
                let debt = side.borrowed + side.interest
                let holding = side.free + side.locked
                sides[side.asset] = holding > debt ? holding - debt : .zero
                if debt.isPositive { debts.append((side.asset, debt, pair.symbol)) }
            }
            pairs[pair.symbol] = sides
        }
        scenario.isolatedMargin = pairs
        let simulator = MarginSimulator(scenario: scenario)
        let copy = try MarginClient(transport: InProcessTransport(simulator: simulator),
                                    credentials: try .hmac(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret))
        for debt in debts {
            do {
                _ = try await copy.borrow(asset: debt.asset, amount: debt.amount, isolatedSymbol: debt.symbol)
            } catch {
                let place = debt.symbol.map { " in \($0)" } ?? ""
                warn("the debt of \(debt.amount) \(debt.asset)\(place) could not be recreated (\(error)); projected margin levels leave it out")
            }
        }
        return simulator
    }
}
