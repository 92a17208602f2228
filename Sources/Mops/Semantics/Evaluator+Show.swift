import BinanceMargin

/// `show …`: account state as tables handed to the output sink.
extension Evaluator {
    func show(_ what: LoweredShow, _ range: SourceRange) async throws {
        guard let view else {
            throw RuntimeFailure("'show' needs an exchange, and this interpreter has no backend", range, hint: nil)
        }
        do {
            configuration.output(.table(try await table(what, view, range)))
        } catch {
            throw RuntimeFailure.rethrown(error, at: range, doing: "show")
        }
    }

    private func table(_ what: LoweredShow, _ view: AccountView, _ range: SourceRange) async throws -> Table {
        switch what {
        case .account: return try await accountTable(view)
        case .balances: return try await balancesTable(view)
        case .spot: return try await spotTable(view)
        case .loans: return try await loansTable(view)
        case .orders(let symbolCode): return try await ordersTable(try await symbolCode.asyncMap { try await code($0, range) }, view)
        case .isolated(let symbolCode): return try await isolatedTable(try await symbolCode.asyncMap { try await code($0, range) }, view)
        case .rates(let assetCode): return try await ratesTable(try await code(assetCode, range), view)
        case .history(let kind, let assetCode): return try await historyTable(kind, try await assetCode.asyncMap { try await code($0, range) }, view)
        }
    }

    private func accountTable(_ view: AccountView) async throws -> Table {
        let a = try await view.cross()
        var rows: [[String]] = [
            ["marginLevel", Evaluator.level(a.marginLevel)],
            ["totalAsset (BTC)", a.totalAssetOfBtc.description],
            ["totalLiability (BTC)", a.totalLiabilityOfBtc.description],
            ["netAsset (BTC)", a.totalNetAssetOfBtc.description],
            ["tradeEnabled", String(a.tradeEnabled)],
            ["borrowEnabled", String(a.borrowEnabled)],
        ]
        if let t = a.transferEnabled { rows.append(["transferEnabled", String(t)]) }
        return Table(title: "cross margin account (\(configuration.backend))", columns: ["field", "value"], numeric: [false, true], rows: rows)
    }

    private func balancesTable(_ view: AccountView) async throws -> Table {
        let a = try await view.cross()
        let rows = a.userAssets
            .filter { !($0.free.isZero && $0.locked.isZero && $0.borrowed.isZero && $0.interest.isZero) }
            .sorted { $0.asset < $1.asset }
            .map { [$0.asset, $0.free.description, $0.locked.description, $0.borrowed.description, $0.interest.description, $0.netAsset.description] }
        return Table(title: "balances (cross margin)", columns: ["asset", "free", "locked", "borrowed", "interest", "netAsset"],
                     numeric: [false, true, true, true, true, true], rows: rows)
    }

    private func spotTable(_ view: AccountView) async throws -> Table {
        let rows = try await view.spot().balances
            .filter { !($0.free.isZero && $0.locked.isZero) }
            .sorted { $0.asset < $1.asset }
            .map { [$0.asset, $0.free.description, $0.locked.description] }
        return Table(title: "spot wallet", columns: ["asset", "free", "locked"], numeric: [false, true, true], rows: rows)
    }

    private func loansTable(_ view: AccountView) async throws -> Table {
        var rows: [[String]] = []
        for a in try await view.cross().userAssets.sorted(by: { $0.asset < $1.asset }) where !(a.borrowed.isZero && a.interest.isZero) {
            rows.append(["cross", a.asset, a.borrowed.description, a.interest.description, (try a.borrowed + a.interest).description])
        }
        for pair in try await view.isolatedAccounts().assets.sorted(by: { $0.symbol < $1.symbol }) {
            for side in [pair.baseAsset, pair.quoteAsset] where !(side.borrowed.isZero && side.interest.isZero) {
                rows.append([pair.symbol, side.asset, side.borrowed.description, side.interest.description, (try side.borrowed + side.interest).description])
            }
        }
        return Table(title: "loans", columns: ["account", "asset", "borrowed", "interest", "debt"],
                     numeric: [false, false, true, true, true], rows: rows)
    }

    private func ordersTable(_ symbol: String?, _ view: AccountView) async throws -> Table {
        let orders = try await view.openOrders(symbol, isolated: false)
        let rows = orders.map { o in
            [String(o.orderId), o.symbol, o.side.rawValue, o.type.rawValue, o.price.description, o.origQty.description,
             o.executedQty.description, o.status.rawValue, Evaluator.time(o.time)]
        }
        return Table(title: "open orders" + (symbol.map { " (\($0))" } ?? ""),
                     columns: ["id", "symbol", "side", "type", "price", "qty", "executed", "status", "time"],
                     numeric: [true, false, false, false, true, true, true, false, false], rows: rows)
    }

    private func isolatedTable(_ symbol: String?, _ view: AccountView) async throws -> Table {
        let pairs = try await view.isolatedAccounts().assets.filter { symbol == nil || $0.symbol == symbol }
        let rows = try pairs.sorted { $0.symbol < $1.symbol }.map { p in
            [p.symbol, Evaluator.level(p.marginLevel), p.marginLevelStatus.rawValue,
             "\(p.baseAsset.free) \(p.baseAsset.asset)", "\(try p.baseAsset.borrowed + p.baseAsset.interest) \(p.baseAsset.asset)",
             "\(p.quoteAsset.free) \(p.quoteAsset.asset)", "\(try p.quoteAsset.borrowed + p.quoteAsset.interest) \(p.quoteAsset.asset)",
             p.liquidatePrice?.description ?? "-"]
        }
        return Table(title: "isolated margin pairs", columns: ["symbol", "marginLevel", "status", "base free", "base debt", "quote free", "quote debt", "liquidatePrice"],
                     numeric: [false, true, false, true, true, true, true, true], rows: rows)
    }

    private func ratesTable(_ asset: String, _ view: AccountView) async throws -> Table {
        let rates = try await view.client.interestRateHistory(asset: asset).sorted { $0.timestamp > $1.timestamp }
        let rows = try rates.prefix(30).map { r in
            [Evaluator.time(r.timestamp), r.dailyInterestRate.description,
             (try r.dailyInterestRate * Number(36500)).rounded(scale: 4, .halfEven).description]
        }
        return Table(title: "daily interest rates (\(asset))", columns: ["time", "daily", "yearly %"], numeric: [false, true, true], rows: Array(rows))
    }

    private func historyTable(_ kind: BorrowOrRepay, _ asset: String?, _ view: AccountView) async throws -> Table {
        let page = try await view.client.borrowRepayRecords(BorrowRepayQuery(type: kind == .borrow ? .borrow : .repay, asset: asset))
        let rows = page.rows.sorted { $0.timestamp > $1.timestamp }.map { r in
            [Evaluator.time(r.timestamp), r.asset, r.amount.description, r.principal?.description ?? "-", r.interest?.description ?? "-",
             r.isolatedSymbol ?? "cross", r.status, String(r.txId)]
        }
        return Table(title: "\(kind.rawValue) history" + (asset.map { " (\($0))" } ?? ""),
                     columns: ["time", "asset", "amount", "principal", "interest", "account", "status", "txId"],
                     numeric: [false, false, true, true, true, false, false, true], rows: rows)
    }

    /// `2026-11-25 16:00:00` (UTC) from milliseconds since 1970 (``UTCTime/format(_:seconds:)``: total over all of `Int64`).
    static func time(_ ms: Int64) -> String { UTCTime.format(ms) }
}
