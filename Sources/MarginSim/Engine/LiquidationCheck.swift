import BinanceMargin

extension Exchange {
    /// Whether `account` is due for liquidation: exactly what ``riskSnapshot(_:)`` says (the account has debt and
    /// its margin level is at or below ``liquidationBar(_:)``), computed cheaply — this runs at every price move.
    ///
    /// An account without debt is not due. An account whose assets reach (bar + 10⁻⁸) × liabilities is not due
    /// either, without a division: its level, rounded at 8 places or more, is at least that (the bar has at most
    /// 8 places, and rounding is monotone). Otherwise the level is computed as the snapshot computes it (one
    /// division) — or taken from `valued`, the account's USDT totals and level as ``ReplayCursor/crossLevel(_:)``
    /// read them at this same state — and only a level at or below the bar is confirmed with the whole snapshot,
    /// which also keeps the rule that an account too large to value is left alone.
    func isLiquidationDue(_ account: AccountRef, valued: (Number, Number, Number?)? = nil) -> Bool {
        guard wallet(account).balances.values.contains(where: { $0.borrowed.isPositive || $0.interest.isPositive }) else { return false }
        let bar = liquidationBar(account)
        if let (_, liabilities, level) = valued {
            guard liabilities.isPositive, let level, level <= bar else { return false }
        } else {
            guard let (assets, liabilities) = try? totals(account, in: "USDT"), liabilities.isPositive else { return false }
            if bar.normalized.scale <= Catalog.amountScale, let above = bar.adding(Exchange.levelStep),
               let needed = above.multiplying(by: liabilities), assets >= needed { return false }
            guard let level = assets.dividing(by: liabilities)?.amount(.down), level <= bar else { return false }
        }
        guard let risk = try? riskSnapshot(account) else { return false }
        return risk.hasDebt && risk.marginLevel <= bar
    }

    /// One unit in the 8th place: the margin level's resolution.
    static let levelStep: Number = "0.00000001"
}
