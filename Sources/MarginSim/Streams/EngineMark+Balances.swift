import BinanceMargin

extension EngineMark {
    /// `balanceUpdate` for each transfer into or out of a margin account (the signed amount).
    func balanceUpdates(_ exchange: Exchange) -> [PublishedEvent] {
        var events: [PublishedEvent] = []
        for record in exchange.transferRecords[transferCount...] {
            for (account, delta) in [(record.from, record.amount.negated), (record.to, record.amount)] {
                guard let route = EngineMark.route(account) else { continue }
                let payload = JSONValue.object([
                    ("e", .string("balanceUpdate")), ("E", .int(exchange.now)), ("a", .string(record.asset)),
                    ("d", .decimal(delta)), ("T", .int(record.time)),
                ]).text
                events.append(PublishedEvent(route: route, payload: payload))
            }
        }
        return events
    }

    /// `outboundAccountPosition` per margin account whose free or locked balances changed, listing those assets.
    func accountPositions(_ exchange: Exchange) -> [PublishedEvent] {
        var events: [PublishedEvent] = []
        let accounts = [AccountRef.cross] + Set(isolated.keys).union(exchange.isolated.keys).sorted().map { AccountRef.isolated($0) }
        for account in accounts {
            let before = wallet(account), after = exchange.wallet(account)
            let changed = Set(before.assets).union(after.assets).sorted().filter {
                before[$0].free != after[$0].free || before[$0].locked != after[$0].locked
            }
            guard !changed.isEmpty, let route = EngineMark.route(account) else { continue }
            let balances = changed.map { asset -> JSONValue in
                .object([("a", .string(asset)), ("f", .decimal(after[asset].free)), ("l", .decimal(after[asset].locked))])
            }
            let payload = JSONValue.object([
                ("e", .string("outboundAccountPosition")), ("E", .int(exchange.now)), ("u", .int(exchange.now)),
                ("B", .array(balances)),
            ]).text
            events.append(PublishedEvent(route: route, payload: payload))
        }
        return events
    }

    /// The wallet of a margin account at the mark.
    func wallet(_ account: AccountRef) -> Wallet {
        switch account {
        case .spot: Wallet()
        case .cross: cross
        case .isolated(let symbol): isolated[symbol] ?? Wallet()
        }
    }
}
