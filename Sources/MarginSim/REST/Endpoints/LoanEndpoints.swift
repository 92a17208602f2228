import BinanceMargin

/// Borrow, repay, their records, and interest.
enum LoanEndpoints {
    enum LoanType: String, CaseIterable { case borrow = "BORROW", repay = "REPAY" }

    static func borrowRepay(_ exchange: inout Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let asset = try p.required("asset")
        guard p.string("isIsolated") != nil else { throw .mandatory("isIsolated") }
        let account = try p.marginAccount()
        let amount = try p.requiredNumber("amount")
        guard let type = try p.choice("type", LoanType.self) else { throw .mandatory("type") }
        let txId = type == .borrow ? try exchange.borrow(account, asset, amount) : try exchange.repay(account, asset, amount)
        return .object([("tranId", .int(txId))])
    }

    /// python-binance's retired `POST /sapi/v1/margin/loan`.
    static func legacyLoan(_ exchange: inout Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let asset = try p.required("asset")
        let account = try p.marginAccount()
        let txId = try exchange.borrow(account, asset, try p.requiredNumber("amount"))
        return .object([("tranId", .int(txId))])
    }

    /// python-binance's retired `POST /sapi/v1/margin/repay`.
    static func legacyRepay(_ exchange: inout Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let asset = try p.required("asset")
        let account = try p.marginAccount()
        let txId = try exchange.repay(account, asset, try p.requiredNumber("amount"))
        return .object([("tranId", .int(txId))])
    }

    /// `GET /sapi/v1/margin/borrow-repay`: `txId` wins; otherwise a window of 30 days with `asset`, 7 without.
    static func records(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        guard let type = try p.choice("type", LoanType.self) else { throw .mandatory("type") }
        let kind: LoanRecord.Kind = type == .borrow ? .borrow : .repay
        let asset = p.string("asset")
        let account = try p.accountByIsolatedSymbol()
        let page = try p.page()
        let log = exchange.loanRecords
        let positions: ArraySlice<Int>
        if let txId = try p.long("txId") {
            positions = log.position(id: txId).map { at -> ArraySlice<Int> in
                let r = log[at]
                return r.kind == kind && r.account == account && (asset == nil || r.asset == asset) ? [at] : []
            } ?? []
        } else {
            let span = (asset == nil ? 7 : 30) * dayMilliseconds
            let end = try p.long("endTime") ?? exchange.now
            var start = try p.long("startTime") ?? (end - span)
            start = max(start, end - span)
            positions = log.positions(LoanRecord.Key(kind: kind, account: account, asset: asset), from: start, to: end)
        }
        return .object([
            ("rows", .array(page.newestFirst(positions).map { log[$0] }.map { r in
                var members: [(String, JSONValue)] = [("type", .string(r.origin))]
                if let symbol = r.account.isolatedSymbol { members.append(("isolatedSymbol", .string(symbol))) }
                members += [
                    ("amount", .decimal(r.amount)), ("asset", .string(r.asset)), ("interest", .decimal(r.interest)),
                    ("principal", .decimal(r.principal)), ("status", .string("CONFIRMED")),
                    ("timestamp", .int(r.timestamp)), ("txId", .int(r.txId)),
                ]
                return .object(members)
            })),
            ("total", .int(positions.count)),
        ])
    }

    static func interestHistory(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let account = try p.accountByIsolatedSymbol()
        let asset = p.string("asset")
        let window = try p.window(now: exchange.now, defaultSpan: 7 * dayMilliseconds, maxSpan: 30 * dayMilliseconds,
                                  startOnlyEndsNow: true)
        let page = try p.page()
        let log = exchange.interestRecords
        let positions = log.positions(InterestRecord.Key(account: account, asset: asset), from: window.lowerBound, to: window.upperBound)
        return .object([
            ("rows", .array(page.newestFirst(positions).map { log[$0] }.map { r in
                var members: [(String, JSONValue)] = [
                    ("txId", .int(r.txId)), ("interestAccuredTime", .int(r.time)), ("asset", .string(r.asset)),
                ]
                if r.account == .cross { members.append(("rawAsset", .string(r.asset))) }
                members += [
                    ("principal", .decimal(r.principal)), ("interest", .decimal(r.interest)),
                    ("interestRate", .decimal(r.dailyRate)), ("type", .string(r.type)),
                ]
                if let symbol = r.account.isolatedSymbol { members.append(("isolatedSymbol", .string(symbol))) }
                return .object(members)
            })),
            ("total", .int(positions.count)),
        ])
    }

    static func interestRateHistory(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let asset = try p.required("asset")
        guard Catalog.assets[asset] != nil else { throw .notValidMarginAsset }
        let window = try p.window(now: exchange.now, defaultSpan: 7 * dayMilliseconds, maxSpan: 30 * dayMilliseconds)
        let vip = try p.long("vipLevel") ?? 0
        return .array(exchange.rateHistory(asset, start: window.lowerBound, end: window.upperBound).map { row in
            .object([("asset", .string(asset)), ("dailyInterestRate", .decimal(row.rate)),
                     ("timestamp", .int(row.time)), ("vipLevel", .int(vip))])
        })
    }

    static func nextHourlyRate(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        guard let assets = try p.list("assets"), !assets.isEmpty else { throw .mandatory("assets") }
        guard p.string("isIsolated") != nil else { throw .mandatory("isIsolated") }
        _ = try p.bool("isIsolated", default: false)
        guard assets.count <= 20 else { throw .tooGreat("assets", "20") }
        for asset in assets where Catalog.assets[asset] == nil { throw .notValidMarginAsset }
        return .array(assets.map { asset in
            .object([("asset", .string(asset)), ("nextHourlyInterestRate", .decimal(exchange.hourlyRate(asset)))])
        })
    }
}
