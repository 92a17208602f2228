import BinanceMargin

/// What `POST /sapi/v1/margin/manual-liquidation` did: the debt it repaid and the collateral it sold.
struct ManualLiquidation: Sendable, Hashable {
    /// The collateral sold most of (by value), if any was sold.
    var soldAsset: String?
    /// The liability repaid most of (by value), with the interest and principal repaid of it.
    var liabilityAsset: String
    var interest: Number
    var principal: Number

    /// interest + principal.
    var liabilityQty: Number { (try? interest + principal) ?? principal }
}

extension Exchange {
    /// Liquidates `account` now, as the forced liquidation does (cancel its orders, sell collateral, repay),
    /// whatever its margin level; -3041 when it owes nothing. The answer describes its largest repaid debt.
    mutating func liquidateOnRequest(_ account: AccountRef) throws(ExchangeError) -> ManualLiquidation {
        try requireAccount(account)
        let before = wallet(account)
        guard before.balances.values.contains(where: { $0.borrowed.isPositive || $0.interest.isPositive }) else {
            throw .balanceNotEnough
        }
        liquidate(account)
        let after = wallet(account)
        func value(_ asset: String, _ amount: Number) -> Number { (try? btcValue(asset, amount)) ?? .zero }
        let repaid = before.assets.map { asset -> (asset: String, interest: Number, principal: Number) in
            let interest = (try? before[asset].interest - after[asset].interest) ?? .zero
            let principal = (try? before[asset].borrowed - after[asset].borrowed) ?? .zero
            return (asset, interest, principal)
        }
        let largest = repaid.max { value($0.asset, (try? $0.interest + $0.principal) ?? .zero) < value($1.asset, (try? $1.interest + $1.principal) ?? .zero) }
        let sold = before.assets.compactMap { asset -> (String, Number)? in
            guard let drop = try? before[asset].total - after[asset].total, drop.isPositive else { return nil }
            return (asset, value(asset, drop))
        }.max { $0.1 < $1.1 }?.0
        return ManualLiquidation(soldAsset: sold, liabilityAsset: largest?.asset ?? "", interest: largest?.interest ?? .zero,
                                 principal: largest?.principal ?? .zero)
    }
}
