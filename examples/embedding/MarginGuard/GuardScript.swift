/// The mops scripts MarginGuard runs.
enum GuardScript {
    /// The guard, compiled once and run every tick. The host passes `floor` (a number) and `asset`
    /// (the debt asset to repay) in, and registers `notify(message)`.
    static let standard = """
    # margin-guard: below the floor, alert and repay what free cash allows.
    let level = marginLevel
    if level < floor {
        notify("margin level {round(level, 4)} is below the floor {floor}")
        let owed = debt(asset)
        let cash = free(asset)
        if owed > 0 and cash > 0 {
            let r = repay min(owed, cash) asset
            notify("repaid {r.amount} {asset}; margin level now {round(marginLevel, 4)}")
        }
    }
    """

    /// `--rehearse`: on a simulator only, a leveraged long whose price then drops, so the guard has work to do.
    static let rehearsal = """
    borrow 20000 USDT
    buy 0.3 BTCUSDT
    sim shock BTCUSDT -10%
    """

    /// The names the host passes into every run of a guard script.
    static let inputs = ["floor", "asset"]
}
