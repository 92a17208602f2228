import BinanceMargin

/// Cross and isolated account details, limits and thresholds.
enum AccountEndpoints {
    /// The cross account, written straight to bytes (the answer a guard script reads every simulated
    /// minute): the same bytes as ``crossAccountValue(_:_:)``, which the tests hold it to.
    static func crossAccount(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        var memo = CrossAssetsMemo()
        return try crossAccount(exchange, p, memo: &memo)
    }

    /// The cross account with its `userAssets` array from `memo`, which writes it anew only when a cross balance
    /// changed since the last read (the totals follow the price and are written every time).
    static func crossAccount(_ exchange: Exchange, _ p: RequestParameters,
                             memo: inout CrossAssetsMemo) throws(ExchangeError) -> JSONValue {
        let risk = try memo.riskSnapshot(exchange)
        let level = risk.marginLevel
        let (asset, liability, net, usdt) = (risk.totalAssetBTC.amount(), risk.totalLiabilityBTC.amount(),
                                             risk.netAssetBTC.amount(), risk.totalAssetUSDT.amount())
        let userAssets = try memo.userAssets(exchange)
        var w = JSONWriter(capacity: 256 + userAssets.count)
        w.raw(#"{"created":true,"borrowEnabled":"#); w.write(bool: !risk.hasDebt || level > exchange.crossBars.normalBar)
        w.raw(#","marginLevel":"#); w.write(decimal: level)
        w.raw(#","collateralMarginLevel":"#); w.write(decimal: level)
        w.raw(#","totalAssetOfBtc":"#); w.write(decimal: asset)
        w.raw(#","totalLiabilityOfBtc":"#); w.write(decimal: liability)
        w.raw(#","totalNetAssetOfBtc":"#); w.write(decimal: net)
        w.raw(#","TotalCollateralValueInUSDT":"#); w.write(decimal: usdt)
        w.raw(#","totalOpenOrderLossInUSDT":"#); w.write(decimal: .zero)
        w.raw(#","tradeEnabled":"#); w.write(bool: !risk.hasDebt || level > exchange.crossBars.forceLiquidationBar)
        w.raw(#","transferInEnabled":true,"transferOutEnabled":"#); w.write(bool: !risk.hasDebt || level > Catalog.transferOutBar)
        w.raw(#","accountType":"MARGIN_1","userAssets":"#)
        w.raw(userAssets)
        w.raw("}")
        return .encoded(w.bytes)
    }

    /// The cross account as a value: what ``crossAccount(_:_:)`` writes, field by field (kept for the tests).
    static func crossAccountValue(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let risk = try exchange.riskSnapshot(.cross)
        let level = risk.marginLevel
        let usdt = risk.totalAssetUSDT
        return .object([
            ("created", .bool(true)),
            ("borrowEnabled", .bool(!risk.hasDebt || level > exchange.crossBars.normalBar)),
            ("marginLevel", .decimal(level)),
            ("collateralMarginLevel", .decimal(level)),
            ("totalAssetOfBtc", .decimal(risk.totalAssetBTC.amount())),
            ("totalLiabilityOfBtc", .decimal(risk.totalLiabilityBTC.amount())),
            ("totalNetAssetOfBtc", .decimal(risk.netAssetBTC.amount())),
            ("TotalCollateralValueInUSDT", .decimal(usdt.amount())),
            ("totalOpenOrderLossInUSDT", .decimal(.zero)),
            ("tradeEnabled", .bool(!risk.hasDebt || level > exchange.crossBars.forceLiquidationBar)),
            ("transferInEnabled", .bool(true)),
            ("transferOutEnabled", .bool(!risk.hasDebt || level > Catalog.transferOutBar)),
            ("accountType", .string("MARGIN_1")),
            ("userAssets", .array(try Catalog.assetOrder.map { (asset) throws(ExchangeError) -> JSONValue in
                let b = exchange[.cross, asset]
                return .object([
                    ("asset", .string(asset)), ("borrowed", .decimal(b.borrowed)), ("free", .decimal(b.free)),
                    ("interest", .decimal(b.interest)), ("locked", .decimal(b.locked)), ("netAsset", .decimal(try checked { try b.net })),
                ])
            })),
        ])
    }

    static func isolatedAccount(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        var symbols = exchange.isolated.keys.sorted()
        let requested = try p.list("symbols")
        if let requested {
            guard requested.count <= 5 else { throw .tooGreat("symbols", "5") }
            for s in requested where Catalog.symbols[s] == nil { throw .invalidSymbol }
            symbols = requested.filter { exchange.isolatedExists($0) }
        }
        var totalAsset = Number.zero, totalLiability = Number.zero
        var assets: [JSONValue] = []
        for symbol in symbols {
            guard let info = Catalog.symbols[symbol] else { continue }
            let account = AccountRef.isolated(symbol)
            let risk = try exchange.riskSnapshot(account)
            let status = try exchange.isolatedStatus(symbol)
            guard let asset = totalAsset.adding(risk.totalAssetBTC),
                  let liability = totalLiability.adding(risk.totalLiabilityBTC) else { throw .valuationOutOfRange }
            totalAsset = asset
            totalLiability = liability
            let leg = { (asset: String) throws(ExchangeError) -> JSONValue in
                let b = exchange[account, asset]
                let (net, total) = try checked { (try b.net, try b.total) }
                return .object([
                    ("asset", .string(asset)), ("borrowEnabled", .bool(true)), ("borrowed", .decimal(b.borrowed)),
                    ("free", .decimal(b.free)), ("interest", .decimal(b.interest)), ("locked", .decimal(b.locked)),
                    ("netAsset", .decimal(net)), ("netAssetOfBtc", .decimal(try exchange.btcValue(asset, net).amount())),
                    ("repayEnabled", .bool(true)), ("totalAsset", .decimal(total)),
                ])
            }
            assets.append(.object([
                ("baseAsset", try leg(info.base)), ("quoteAsset", try leg(info.quote)), ("symbol", .string(symbol)),
                ("isolatedCreated", .bool(true)), ("enabled", .bool(true)),
                ("marginLevel", .decimal(risk.marginLevel)), ("marginLevelStatus", .string(status)),
                ("marginRatio", .decimal(Number(info.isolatedLeverage))),
                ("indexPrice", .decimal(exchange.price(symbol))),
                ("liquidatePrice", .decimal(try exchange.liquidatePrice(symbol))),
                ("liquidateRate", .decimal(info.isolatedLiquidationRiskRatio)),
                ("tradeEnabled", .bool(!risk.hasDebt || risk.marginLevel > exchange.liquidationBar(account))),
            ]))
        }
        var members: [(String, JSONValue)] = [("assets", .array(assets))]
        if requested == nil {
            guard let net = totalAsset.amount().subtracting(totalLiability.amount()) else { throw .valuationOutOfRange }
            members += [("totalAssetOfBtc", .decimal(totalAsset.amount())),
                        ("totalLiabilityOfBtc", .decimal(totalLiability.amount())),
                        ("totalNetAssetOfBtc", .decimal(net))]
        }
        return .object(members)
    }

    static func maxBorrowable(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let asset = try p.required("asset")
        let account = try p.accountByIsolatedSymbol()
        try exchange.requireBorrowable(account, asset)
        let result = exchange.maxBorrowable(account, asset)
        return .object([("amount", .decimal(result.amount)), ("borrowLimit", .decimal(result.borrowLimit))])
    }

    static func maxTransferable(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let asset = try p.required("asset")
        guard Catalog.assets[asset] != nil else { throw .notValidMarginAsset }
        let account = try p.accountByIsolatedSymbol()
        try exchange.requireAccount(account)
        return .object([("amount", .decimal(try exchange.maxTransferable(account, asset)))])
    }

    static func tradeCoeff(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let bars = exchange.crossBars
        return .object([("normalBar", .string(bars.normalBar.description)),
                        ("marginCallBar", .string(bars.marginCallBar.description)),
                        ("forceLiquidationBar", .string(bars.forceLiquidationBar.description))])
    }

    static func crossMarginData(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        var names = Catalog.assetOrder
        if let coin = p.string("coin") {
            guard Catalog.assets[coin] != nil else { throw .notValidMarginAsset }
            names = [coin]
        }
        return .array(names.compactMap { Catalog.assets[$0] }.map { a in
            let daily = exchange.dailyRate(a.name)
            let pairs = Catalog.symbolOrder.filter { Catalog.symbols[$0]!.base == a.name || Catalog.symbols[$0]!.quote == a.name }
            return .object([
                ("vipLevel", .int(0)), ("coin", .string(a.name)), ("transferIn", .bool(true)),
                ("borrowable", .bool(a.isBorrowable)), ("dailyInterest", .decimal(daily)),
                ("yearlyInterest", .string(((try? daily * 365) ?? .zero).rounded(scale: 4, .down).description)),   // daily < 1: fits
                ("borrowLimit", .string(a.borrowLimit.description)),
                ("marginablePairs", .array(pairs.map { .string($0) })),
            ])
        })
    }

    static func forceLiquidationRec(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let account = try p.accountByIsolatedSymbol()
        let window = try p.window(now: exchange.now, defaultSpan: 7 * dayMilliseconds, maxSpan: nil)
        let page = try p.page()
        let log = exchange.liquidationRecords
        let positions = log.positions(account, from: window.lowerBound, to: window.upperBound)
        return .object([
            ("rows", .array(page.newestFirst(positions).map { log[$0] }.map { r in
                .object([
                    ("avgPrice", .decimal(r.price)), ("executedQty", .decimal(r.qty)), ("orderId", .int(r.orderId)),
                    ("price", .decimal(r.price)), ("qty", .decimal(r.qty)), ("side", .string(r.side.rawValue)),
                    ("symbol", .string(r.symbol)), ("timeInForce", .string("IOC")),
                    ("isIsolated", .bool(r.account.isolatedSymbol != nil)), ("updatedTime", .int(r.time)),
                ])
            })),
            ("total", .int(positions.count)),
        ])
    }

    /// The most isolated pairs one account may have enabled.
    static let maxIsolatedAccounts = 20

    /// `POST /sapi/v1/margin/isolated/account`: enables (creates) an isolated pair.
    static func enableIsolated(_ exchange: inout Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let symbol = try p.required("symbol")
        guard let info = Catalog.symbols[symbol], info.isMarginTradingAllowed else { throw .notValidMarginPair }
        if !exchange.isolatedExists(symbol) {
            guard exchange.isolated.count < maxIsolatedAccounts else {
                throw ExchangeError(code: -11002, message: "Exceeding the maximum number of isolated margin accounts.")
            }
            exchange.openIsolated(symbol)
        }
        return .object([("success", .bool(true)), ("symbol", .string(symbol))])
    }

    /// `DELETE /sapi/v1/margin/isolated/account`: disables an empty isolated pair.
    static func disableIsolated(_ exchange: inout Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let symbol = try p.required("symbol")
        guard Catalog.symbols[symbol] != nil else { throw .invalidSymbol }
        guard exchange.isolatedExists(symbol) else { throw .isolatedAccountMissing }
        guard exchange.wallet(.isolated(symbol)).assets.isEmpty,
              !exchange.orders.contains(where: { $0.isOpen && $0.account == .isolated(symbol) }) else {
            throw .balanceNotEnough
        }
        exchange.isolated[symbol] = nil
        return .object([("success", .bool(true)), ("symbol", .string(symbol))])
    }

    /// `GET /sapi/v1/margin/isolated/accountLimit`.
    static func isolatedAccountLimit(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        .object([("enabledAccount", .int(exchange.isolated.count)), ("maxAccount", .int(maxIsolatedAccounts))])
    }
}

