import BinanceMargin

/// An account's totals and its margin level.
///
/// Values are summed in USDT (every listed asset has an exact USDT price) and converted to BTC once,
/// so the margin level — a ratio, the same in any unit — carries no rounding from reciprocal prices.
/// Every figure is computed once, with checked arithmetic, when the snapshot is made.
struct RiskSnapshot: Sendable, Hashable {
    var totalAssetUSDT: Number
    var totalLiabilityUSDT: Number
    /// The BTC price in USDT used to convert.
    var btcPrice: Number
    var totalAssetBTC: Number
    var totalLiabilityBTC: Number
    /// Total asset minus total liability, each at 8 decimals first, so the three totals add up as Binance's do.
    var netAssetBTC: Number
    /// total asset / (liabilities + interest), 8 decimals rounded down; ``Catalog/noDebtMarginLevel`` with no debt.
    var marginLevel: Number
    var hasDebt: Bool { totalLiabilityUSDT.isPositive }

    /// Derives the BTC totals and the margin level; throws ``ExchangeError/valuationOutOfRange`` when a figure
    /// does not fit the exact decimal range (never traps).
    init(totalAssetUSDT: Number, totalLiabilityUSDT: Number, btcPrice: Number) throws(ExchangeError) {
        self.totalAssetUSDT = totalAssetUSDT
        self.totalLiabilityUSDT = totalLiabilityUSDT
        self.btcPrice = btcPrice
        func btc(_ usdt: Number) throws(ExchangeError) -> Number {
            guard btcPrice.isPositive else { return .zero }
            guard let value = usdt.dividing(by: btcPrice) else { throw .valuationOutOfRange }
            return value
        }
        totalAssetBTC = try btc(totalAssetUSDT)
        totalLiabilityBTC = try btc(totalLiabilityUSDT)
        guard let net = totalAssetBTC.amount().subtracting(totalLiabilityBTC.amount()) else { throw .valuationOutOfRange }
        netAssetBTC = net
        if totalLiabilityUSDT.isPositive {
            guard let level = totalAssetUSDT.dividing(by: totalLiabilityUSDT) else { throw .valuationOutOfRange }
            marginLevel = level.amount(.down)
        } else {
            marginLevel = Catalog.noDebtMarginLevel
        }
    }
}

extension Exchange {
    /// Totals and margin level of `account` at the last prices; ``ExchangeError/valuationOutOfRange`` when they do not fit.
    func riskSnapshot(_ account: AccountRef) throws(ExchangeError) -> RiskSnapshot {
        let (assets, liabilities) = try totals(account, in: "USDT")
        return try RiskSnapshot(totalAssetUSDT: assets, totalLiabilityUSDT: liabilities, btcPrice: try rate("BTC", in: "USDT"))
    }

    /// Total assets and liabilities of `account` valued in `unit` (an asset name) at the last prices,
    /// with checked arithmetic: ``ExchangeError/valuationOutOfRange`` when a product or sum does not fit.
    ///
    /// This runs at every path point of a replay, so it first sums in the wallet's own order, without
    /// sorting or looking anything up twice (``unorderedTotals(_:in:)``); when that cannot vouch for the
    /// name-order result, ``orderedTotals(_:in:)`` — the reference — decides.
    func totals(_ account: AccountRef, in unit: String) throws(ExchangeError) -> (assets: Number, liabilities: Number) {
        if let totals = unorderedTotals(account, in: unit) { return totals }
        return try orderedTotals(account, in: unit)
    }

    /// The totals summed asset by asset in name order: the definition.
    func orderedTotals(_ account: AccountRef, in unit: String) throws(ExchangeError) -> (assets: Number, liabilities: Number) {
        var assets = Number.zero, liabilities = Number.zero
        let wallet = wallet(account)
        for asset in wallet.assets {
            let balance = wallet[asset]
            let rate = try rate(asset, in: unit)
            (assets, liabilities) = try checked { (try assets + balance.total * rate, try liabilities + balance.liability * rate) }
        }
        return (assets, liabilities)
    }

    /// The totals summed in the wallet's (unspecified) order, or nil when that order could matter
    /// (``ValuationSum``): a negative or unfitting term, an error, a sum that had to drop digits to fit is nil,
    /// left to the reference.
    func unorderedTotals(_ account: AccountRef, in unit: String) -> (assets: Number, liabilities: Number)? {
        let balances: [String: Balance]
        switch account {
        case .spot: balances = spot.balances
        case .cross: balances = cross.balances
        case .isolated(let symbol): balances = isolated[symbol]?.balances ?? [:]
        }
        var sum = ValuationSum()
        for (asset, balance) in balances {
            guard let rate = try? rate(asset, in: unit),
                  let total = balance.free.adding(balance.locked), let liability = balance.borrowed.adding(balance.interest),
                  sum.add(total: total, liability: liability, rate: rate) else { return nil }
        }
        return sum.totals
    }

    /// The margin level at or below which `account` is liquidated.
    func liquidationBar(_ account: AccountRef) -> Number {
        if case .isolated(let symbol) = account, let info = Catalog.symbols[symbol] { return info.isolatedLiquidationRiskRatio }
        return crossBars.forceLiquidationBar
    }

    /// Binance's isolated `marginLevelStatus` for a level.
    func isolatedStatus(_ symbol: String) throws(ExchangeError) -> String {
        let snapshot = try riskSnapshot(.isolated(symbol))
        guard snapshot.hasDebt else { return "EXCESSIVE" }
        let level = snapshot.marginLevel
        if level <= liquidationBar(.isolated(symbol)) { return "FORCE_LIQUIDATION" }
        if level <= Catalog.isolatedPreLiquidationBar { return "PRE_LIQUIDATION" }
        if level <= Catalog.isolatedMarginCallBar { return "MARGIN_CALL" }
        if level >= Catalog.transferOutBar { return "EXCESSIVE" }
        return "NORMAL"
    }

    /// The price of the isolated pair at which its margin level would reach the liquidation bar
    /// (only the base leg moves), or zero when it cannot be reached; -1000 when it does not fit 38 digits.
    func liquidatePrice(_ symbol: String) throws(ExchangeError) -> Number {
        guard let info = Catalog.symbols[symbol] else { return .zero }
        let w = wallet(.isolated(symbol))
        let base = w[info.base], quote = w[info.quote]
        // (bT·p + qT) = bar · (bL·p + qL)  →  p = (bar·qL − qT) / (bT − bar·bL)
        let bar = liquidationBar(.isolated(symbol))
        return try checked { () throws -> Number in
            let denominator = try base.total - bar * base.liability
            let (baseOwed, quoteOwed) = (try base.liability, try quote.liability)
            guard !denominator.isZero, baseOwed.isPositive || quoteOwed.isPositive else { return .zero }
            let p = try (bar * quote.liability - quote.total) / denominator
            return p.isPositive ? p.amount(.down) : .zero
        }
    }

    /// The largest amount of `asset` that can leave `account` while keeping its margin level ≥ 2.
    func maxTransferable(_ account: AccountRef, _ asset: String) throws(ExchangeError) -> Number {
        let free = self[account, asset].free
        guard account.isMargin else { return free }
        let (assets, liabilities) = try totals(account, in: asset)
        guard liabilities.isPositive else { return free }
        let room = try checked { try assets - Catalog.transferOutBar * liabilities }
        return Number.max(.zero, Number.min(free, room)).amount(.down)
    }

    /// Liquidates every margin account whose level is at or below its liquidation bar
    /// (an account too large to value cannot be below the bar and is left alone); `crossValued` is the cross
    /// account's valuation at this state when the caller has it (``ReplayCursor/crossLevel(_:)``). Returns whether
    /// any account was liquidated (false: nothing changed).
    @discardableResult
    mutating func liquidateWhereDue(crossValued: (Number, Number, Number?)? = nil) -> Bool {
        // This runs after every price move and walk minute: the cheap check says what the full valuation says.
        var liquidated = false
        if isLiquidationDue(.cross, valued: crossValued) { liquidate(.cross); liquidated = true }
        // The check is pure: when no pair is due (every point, nearly always), nothing is sorted; else pairs go in name order.
        guard isolated.keys.contains(where: { isLiquidationDue(.isolated($0)) }) else { return liquidated }
        for symbol in isolated.keys.sorted() where isLiquidationDue(.isolated(symbol)) { liquidate(.isolated(symbol)) }
        return true
    }

    /// Forced liquidation: cancels the account's open orders, sells collateral for each debt asset
    /// (through the direct pair, or via USDT), repays interest and principal, and records every trade.
    /// Debt that the collateral cannot cover stays on the account. Every step computes before it
    /// changes anything; a step whose figures do not fit 38 digits is skipped whole.
    mutating func liquidate(_ account: AccountRef) {
        for index in orders.openPositions(account: account) where orders[index].isOpen {
            cancel(at: index, status: .canceled, autoRepay: false)
        }
        settleLists()
        let debts = wallet(account).assets.filter { ((try? self[account, $0].liability) ?? .zero).isPositive }
        for debt in debts {
            guard var shortfall = try? self[account, debt].liability - self[account, debt].free else { continue }
            // Collateral: whatever is free beyond its own debt, largest value first.
            let snapshot = self
            let collaterals = wallet(account).assets
                .compactMap { asset -> (asset: String, value: Number)? in
                    guard asset != debt, let excess = try? snapshot.excess(account, asset), excess.isPositive,
                          let value = try? snapshot.btcValue(asset, excess) else { return nil }
                    return (asset, value)
                }
                .sorted { $0.value > $1.value }
            for collateral in collaterals where shortfall.isPositive {
                let got = liquidationConvert(account, from: collateral.asset, to: debt, need: shortfall)
                guard let rest = try? shortfall - got else { break }
                shortfall = rest
            }
            repayWhatIsPossible(account, debt, origin: "AUTO", flowType: "REPAY_LIQUIDATION")
        }
        // Debts that are collateral for each other: a second pass repays what is now possible.
        for debt in debts { repayWhatIsPossible(account, debt, origin: "AUTO", flowType: "REPAY_LIQUIDATION") }
    }

    /// What is free beyond the asset's own debt.
    func excess(_ account: AccountRef, _ asset: String) throws(NumberError) -> Number {
        try self[account, asset].free - self[account, asset].liability
    }

    /// Sells `from` to obtain up to `need` of `to` at the last prices with the taker fee; returns what was obtained.
    private mutating func liquidationConvert(_ account: AccountRef, from: String, to: String, need: Number) -> Number {
        if Catalog.symbols[from + to] != nil || Catalog.symbols[to + from] != nil {
            return liquidationTrade(account, from: from, to: to, need: need)
        }
        // Two hops through USDT.
        guard from != "USDT", to != "USDT",
              Catalog.symbols[from + "USDT"] != nil || Catalog.symbols["USDT" + from] != nil,
              Catalog.symbols[to + "USDT"] != nil || Catalog.symbols["USDT" + to] != nil else { return .zero }
        guard let rate = try? rate(to, in: "USDT"), let needed = try? need * rate / (Number.one - takerFee) else { return .zero }
        let usdtNeeded = needed.amount(.up)
        let usdt = liquidationTrade(account, from: from, to: "USDT", need: usdtNeeded)
        guard usdt.isPositive else { return .zero }
        return liquidationTrade(account, from: "USDT", to: to, need: need)
    }

    /// One liquidation trade on a direct pair; nothing when its figures do not fit 38 digits.
    private mutating func liquidationTrade(_ account: AccountRef, from: String, to: String, need: Number) -> Number {
        (try? liquidationTradeChecked(account, from: from, to: to, need: need)) ?? .zero
    }

    private mutating func liquidationTradeChecked(_ account: AccountRef, from: String, to: String, need: Number) throws(NumberError) -> Number {
        let available = Number.max(.zero, try excess(account, from))
        guard available.isPositive, need.isPositive else { return .zero }
        let feeFactor = try Number.one - takerFee
        let side: Side, symbol: String, qty: Number, price: Number
        var spend: Number, receive: Number, gross: Number
        if let info = Catalog.symbols[to + from] {           // BUY `to` with `from`
            symbol = info.symbol; side = .buy; price = self.price(symbol)
            var q = try (need / feeFactor).amount(.up)
            spend = try (q * price).amount(.up)
            if spend > available { q = try (available / price).amount(.down); spend = try (q * price).amount(.up) }
            qty = q
            receive = try (q * feeFactor).amount(.down)
            gross = q
        } else if let info = Catalog.symbols[from + to] {    // SELL `from` for `to`
            symbol = info.symbol; side = .sell; price = self.price(symbol)
            var q = try (need / (price * feeFactor)).amount(.up)
            if q > available { q = available }
            qty = q
            spend = q
            receive = try (q * price * feeFactor).amount(.down)
            gross = try (q * price).amount(.down)
        } else {
            return .zero
        }
        guard qty.isPositive, spend <= available else { return .zero }
        let (fromFree, toFree) = (try self[account, from].free - spend, try self[account, to].free + receive)   // compute, then change
        self[account, from].free = fromFree
        self[account, to].free = toFree
        let orderId = nextOrderId
        nextOrderId += 1
        liquidationRecords.append(LiquidationRecord(orderId: orderId, time: now, account: account, symbol: symbol,
                                                    side: side, price: price, qty: qty))
        recordFlow(account, from, "SELL_LIQUIDATION", spend, tranId: orderId)
        recordFlow(account, to, "BUY_LIQUIDATION", receive, tranId: orderId)
        if gross > receive { recordFlow(account, to, "LIQUIDATION_FEE", try gross - receive, tranId: orderId) }
        return receive
    }
}
