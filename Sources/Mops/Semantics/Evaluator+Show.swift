import BinanceMargin

/// `show …`: account state as tables handed to the output sink.
extension Evaluator {
    func show(_ what: ShowCode, _ range: SourceRange) async throws {
        guard let view else {
            throw RuntimeFailure("'show' needs an exchange, and this interpreter has no backend", range, hint: nil)
        }
        do {
            configuration.output(.table(try await table(what, view, range)))
        } catch {
            throw RuntimeFailure.rethrown(error, at: range, doing: "show")
        }
    }

    private func table(_ what: ShowCode, _ view: AccountView, _ range: SourceRange) async throws -> Table {
        switch what {
        case .account:
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

        case .balances:
            let a = try await view.cross()
            let rows = a.userAssets
                .filter { !($0.free.isZero && $0.locked.isZero && $0.borrowed.isZero && $0.interest.isZero) }
                .sorted { $0.asset < $1.asset }
                .map { [$0.asset, $0.free.description, $0.locked.description, $0.borrowed.description, $0.interest.description, $0.netAsset.description] }
            return Table(title: "balances (cross margin)", columns: ["asset", "free", "locked", "borrowed", "interest", "netAsset"],
                         numeric: [false, true, true, true, true, true], rows: rows)

        case .spot:
            let rows = try await view.spot().balances
                .filter { !($0.free.isZero && $0.locked.isZero) }
                .sorted { $0.asset < $1.asset }
                .map { [$0.asset, $0.free.description, $0.locked.description] }
            return Table(title: "spot wallet", columns: ["asset", "free", "locked"], numeric: [false, true, true], rows: rows)

        case .loans:
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

        case .orders(let symbolCode):
            let symbol = try await symbolCode.asyncMap { try await code($0, range) }
            let orders = try await view.openOrders(symbol, isolated: false)
            let rows = orders.map { o in
                [String(o.orderId), o.symbol, o.side.rawValue, o.type.rawValue, o.price.description, o.origQty.description,
                 o.executedQty.description, o.status.rawValue, Evaluator.time(o.time)]
            }
            return Table(title: "open orders" + (symbol.map { " (\($0))" } ?? ""),
                         columns: ["id", "symbol", "side", "type", "price", "qty", "executed", "status", "time"],
                         numeric: [true, false, false, false, true, true, true, false, false], rows: rows)

        case .isolated(let symbolCode):
            let symbol = try await symbolCode.asyncMap { try await code($0, range) }
            let pairs = try await view.isolatedAccounts().assets.filter { symbol == nil || $0.symbol == symbol }
            let rows = try pairs.sorted { $0.symbol < $1.symbol }.map { p in
                [p.symbol, Evaluator.level(p.marginLevel), p.marginLevelStatus.rawValue,
                 "\(p.baseAsset.free) \(p.baseAsset.asset)", "\(try p.baseAsset.borrowed + p.baseAsset.interest) \(p.baseAsset.asset)",
                 "\(p.quoteAsset.free) \(p.quoteAsset.asset)", "\(try p.quoteAsset.borrowed + p.quoteAsset.interest) \(p.quoteAsset.asset)",
                 p.liquidatePrice?.description ?? "-"]
            }
            return Table(title: "isolated margin pairs", columns: ["symbol", "marginLevel", "status", "base free", "base debt", "quote free", "quote debt", "liquidatePrice"],
                         numeric: [false, true, false, true, true, true, true, true], rows: rows)

        case .rates(let assetCode):
            let asset = try await code(assetCode, range)
            let rates = try await view.client.interestRateHistory(asset: asset).sorted { $0.timestamp > $1.timestamp }
            let rows = try rates.prefix(30).map { r in
                [Evaluator.time(r.timestamp), r.dailyInterestRate.description,
                 (try r.dailyInterestRate * Number(36500)).rounded(scale: 4, .halfEven).description]
            }
            return Table(title: "daily interest rates (\(asset))", columns: ["time", "daily", "yearly %"], numeric: [false, true, true], rows: Array(rows))

        case .history(let kind, let assetCode):
            let asset = try await assetCode.asyncMap { try await code($0, range) }
            let page = try await view.client.borrowRepayRecords(BorrowRepayQuery(type: kind == .borrow ? .borrow : .repay, asset: asset))
            let rows = page.rows.sorted { $0.timestamp > $1.timestamp }.map { r in
                [Evaluator.time(r.timestamp), r.asset, r.amount.description, r.principal?.description ?? "-", r.interest?.description ?? "-",
                 r.isolatedSymbol ?? "cross", r.status, String(r.txId)]
            }
            return Table(title: "\(kind.rawValue) history" + (asset.map { " (\($0))" } ?? ""),
                         columns: ["time", "asset", "amount", "principal", "interest", "account", "status", "txId"],
                         numeric: [false, false, true, true, true, false, false, true], rows: rows)
        }
    }

    /// `2026-11-25 16:00:00` (UTC) from milliseconds since 1970; total over all of `Int64` (an exchange answer's
    /// timestamp is not checked, so `Int64.min` and `Int64.max` must format, not trap).
    static func time(_ ms: Int64) -> String {
        let seconds = floorDivide(ms, 1000)
        var days = floorDivide(seconds, 86_400)
        let secondOfDay = seconds - days * 86_400
        // Civil from days (Howard Hinnant's algorithm).
        days += 719_468
        let era = floorDivide(days, 146_097)
        let doe = days - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day)) \(two(secondOfDay / 3600)):\(two(secondOfDay % 3600 / 60)):\(two(secondOfDay % 60))"
    }

    /// `a / b` rounded toward negative infinity, for a positive `b`; never traps (no subtraction before dividing).
    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        a / b - (a % b < 0 ? 1 : 0)
    }
}
