import BinanceMargin

/// The fallback of `mops watch` and the REPL's `:watch` where none of a network backend's streams connects
/// (``BackendStreams``): reads the cross account over REST and turns each change into the event Binance's streams would have
/// sent — `outboundAccountPosition` for free/locked, `USER_LIABILITY_CHANGE` for debts, `MARGIN_LEVEL_STATUS_CHANGE`
/// for the status the level maps to (tradeCoeff's bars). Fills, orders and transfers are not seen this way.
struct AccountPoller {
    let client: MarginClient
    private var balances: [String: (free: Number, locked: Number)] = [:]
    private var debts: [String: (principal: Number, interest: Number)] = [:]
    private var status: MarginLevelStatus?
    private var bars: MarginRiskBars?

    init(client: MarginClient) { self.client = client }

    /// Reads the account once; the events since the last read (none on the first, which only sets the baseline).
    mutating func poll() async throws -> [StreamEvent] {
        if bars == nil {
            let c = try await client.tradeCoefficients()
            bars = MarginRiskBars(normalBar: c.normalBar, marginCallBar: c.marginCallBar, forceLiquidationBar: c.forceLiquidationBar)
        }
        let account = try await client.crossAccount()
        let time = try await client.serverTime()
        let first = status == nil
        var events: [StreamEvent] = []
        var changed: [AccountPositionEvent.Balance] = []
        for asset in account.userAssets {
            let before = balances[asset.asset], debt = debts[asset.asset]
            if before.map({ $0.free != asset.free || $0.locked != asset.locked }) ?? !(asset.free.isZero && asset.locked.isZero) {
                changed.append(.init(asset: asset.asset, free: asset.free, locked: asset.locked))
            }
            if let type = AccountPoller.liabilityType(before: debt, principal: asset.borrowed, interest: asset.interest) {
                events.append(.liabilityChange(LiabilityChange(eventTime: time, asset: asset.asset, updateType: type,
                                                               principal: asset.borrowed, interest: asset.interest)))
            }
            balances[asset.asset] = (asset.free, asset.locked)
            debts[asset.asset] = (asset.borrowed, asset.interest)
        }
        if !changed.isEmpty { events.insert(.accountPosition(AccountPositionEvent(eventTime: time, lastUpdateTime: time, balances: changed)), at: 0) }
        let now = (bars ?? MarginRiskBars()).status(of: account.marginLevel)
        if let status, status != now {
            events.append(.marginLevelStatus(MarginLevelStatusChange(eventTime: time, marginLevel: account.marginLevel, status: now)))
        }
        status = now
        return first ? [] : events
    }

    /// `BORROW` when the principal grew, `REPAY` when it shrank, `INTEREST` when only the interest grew; nil: no change.
    private static func liabilityType(before: (principal: Number, interest: Number)?, principal: Number, interest: Number) -> String? {
        let old = before ?? (.zero, .zero)
        if principal > old.principal { return "BORROW" }
        if principal < old.principal || interest < old.interest { return "REPAY" }
        if interest > old.interest { return "INTEREST" }
        return nil
    }
}
