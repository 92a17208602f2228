import BinanceMargin

extension EngineMark {
    /// `USER_LIABILITY_CHANGE` per cross asset whose principal or interest changed: `t` is `BORROW` or `REPAY`
    /// after a loan of that asset, else `INTEREST`; `p` and `i` are what is owed after it (checkable over REST).
    func liabilityChanges(_ exchange: Exchange) -> [PublishedEvent] {
        let loans = exchange.loanRecords[loanCount...].filter { $0.account == .cross }
        var events: [PublishedEvent] = []
        for asset in Set(cross.assets).union(exchange.cross.assets).sorted() {
            let before = cross[asset], after = exchange.cross[asset]
            guard before.borrowed != after.borrowed || before.interest != after.interest else { continue }
            let type = loans.last { $0.asset == asset }?.kind.rawValue ?? "INTEREST"
            let payload = JSONValue.object([
                ("e", .string("USER_LIABILITY_CHANGE")), ("E", .int(exchange.now)), ("a", .string(asset)),
                ("t", .string(type)), ("p", .decimal(after.borrowed)), ("i", .decimal(after.interest)),
            ]).text
            events.append(PublishedEvent(route: .risk, payload: payload))
        }
        return events
    }

    /// `MARGIN_LEVEL_STATUS_CHANGE` when the cross account's status (``MarginRiskBars/status(of:)``) changed.
    /// A liquidation in between is reported first: the level that triggered it is the old wallet at the new prices.
    func levelChanges(_ exchange: Exchange) -> [PublishedEvent] {
        var events: [PublishedEvent] = []
        var last = crossStatus
        let liquidated = exchange.liquidationRecords[liquidationCount...].contains { $0.account == .cross }
        if liquidated, let level = exchange.marginLevel(of: cross) {
            let status = exchange.crossBars.status(of: level)
            if status != last { events.append(EngineMark.levelEvent(level, status, exchange.now)) }
            last = status
        }
        if let level = exchange.marginLevel(of: exchange.cross) {
            let status = exchange.crossBars.status(of: level)
            if status != last { events.append(EngineMark.levelEvent(level, status, exchange.now)) }
        }
        return events
    }

    static func levelEvent(_ level: Number, _ status: MarginLevelStatus, _ time: Int64) -> PublishedEvent {
        PublishedEvent(route: .risk, payload: JSONValue.object([
            ("e", .string("MARGIN_LEVEL_STATUS_CHANGE")), ("E", .int(time)),
            ("l", .string(level.normalized.description)), ("s", .string(status.rawValue)),
        ]).text)
    }
}

extension Exchange {
    /// The margin level of a cross `wallet` at the current prices (as ``riskSnapshot(_:)`` computes it), or nil.
    func marginLevel(of wallet: Wallet) -> Number? {
        var assets = Number.zero, liabilities = Number.zero
        for asset in wallet.assets {
            let balance = wallet[asset]
            guard let rate = try? rate(asset, in: "USDT"), let total = try? balance.total, let owed = try? balance.liability,
                  let a = try? assets + total * rate, let l = try? liabilities + owed * rate else { return nil }
            (assets, liabilities) = (a, l)
        }
        guard liabilities.isPositive else { return Catalog.noDebtMarginLevel }
        return assets.dividing(by: liabilities)?.amount(.down)
    }
}
