import BinanceMargin

extension Exchange {
    /// Books one fill of the order at `index`: `quantity` at `price`, as maker or taker, under trade `tradeId`.
    ///
    /// The order pays from what it locked, then from the free balance (borrowing the shortfall when its side
    /// effect borrows); it receives the other asset less the commission, and with AUTO_REPAY that asset then
    /// repays its own debt (interest first). Every figure is computed before the first change; false (nothing
    /// changed) when the funds are missing or a figure does not fit 38 digits.
    @discardableResult
    mutating func fill(at index: Int, quantity: Number, price: Number, maker: Bool, tradeId: Int64) -> Bool {
        prepareListLeg(at: index)
        let order = orders[index]
        guard let info = Catalog.symbols[order.symbol], let figures = try? FillFigures(order, info, quantity: quantity, price: price,
                                                                                       fee: maker ? makerFee : takerFee) else { return false }
        let account = order.account
        let fromLock = order.lockedAsset == figures.spendAsset ? Number.min(figures.spend, order.lockedAmount) : .zero
        guard let fromFree = try? figures.spend - fromLock else { return false }
        if self[account, figures.spendAsset].free < fromFree {
            guard order.sideEffect.borrows, let shortfall = try? (fromFree - self[account, figures.spendAsset].free).amount(.up),
                  let borrowedAfter = try? orders[index].borrowedAmount + shortfall,
                  (try? borrow(account, figures.spendAsset, shortfall, origin: "AUTO")) != nil else { return false }
            orders[index].borrowedAmount = borrowedAfter
            orders[index].borrowAsset = figures.spendAsset
        }
        var spendBalance = self[account, figures.spendAsset]
        guard let locked = try? spendBalance.locked - fromLock, let free = try? spendBalance.free - fromFree,
              let received = try? self[account, figures.receiveAsset].free + figures.net,
              let lockLeft = try? order.lockedAmount - fromLock else { return false }
        (spendBalance.locked, spendBalance.free) = (locked, free)
        self[account, figures.spendAsset] = spendBalance
        self[account, figures.receiveAsset].free = received   // the two assets differ
        let trade = ExchangeTrade(id: tradeId, orderId: order.orderId, symbol: order.symbol, isIsolated: order.isIsolated,
                                    price: price, qty: quantity, quoteQty: figures.quote, commission: figures.commission,
                                    commissionAsset: figures.receiveAsset, time: now, isBuyer: order.side == .buy, isMaker: maker)
        trades.append(trade)
        recordFillFlows(trade, account: account, base: info.base, quote: info.quote)
        var updated = orders[index]
        updated.executedQty = figures.executedAfter
        updated.cummulativeQuoteQty = figures.cumulativeAfter
        updated.lockedAmount = lockLeft
        updated.status = figures.executedAfter >= order.origQty ? .filled : .partiallyFilled
        updated.isWorking = true
        updated.updateTime = now
        orders[index] = updated
        if updated.status == .filled { releaseLock(at: index) }
        if order.sideEffect.repays { repayWhatIsPossible(account, figures.receiveAsset, cap: figures.net, origin: "AUTO") }
        return true
    }

    /// Returns what the order at `index` still holds locked to the free balance; the amount released.
    @discardableResult
    mutating func releaseLock(at index: Int) -> Number {
        let order = orders[index]
        guard let asset = order.lockedAsset, order.lockedAmount.isPositive else { return .zero }
        guard (try? unlock(order.account, asset, order.lockedAmount)) != nil else { return .zero }
        orders[index].lockedAmount = .zero
        return order.lockedAmount
    }

    /// A new trade id.
    mutating func newTradeId() -> Int64 {
        defer { nextTradeId += 1 }
        return nextTradeId
    }
}

/// The figures of one fill, all computed (and checked) before anything changes.
struct FillFigures {
    var spendAsset: String
    var receiveAsset: String
    var quote: Number
    var spend: Number
    var commission: Number
    var net: Number
    var executedAfter: Number
    var cumulativeAfter: Number

    init(_ order: ExchangeOrder, _ info: ListedSymbol, quantity: Number, price: Number, fee: Number) throws(ExchangeError) {
        let buy = order.side == .buy
        spendAsset = buy ? info.quote : info.base
        receiveAsset = buy ? info.base : info.quote
        let quote = try checked { try (quantity * price).amount() }
        let gross = buy ? quantity : quote
        let commission = try checked { try (gross * fee).amount(.up) }
        self.quote = quote
        self.commission = commission
        spend = buy ? quote : quantity
        net = try checked { try gross - commission }
        executedAfter = try checked { try order.executedQty + quantity }
        cumulativeAfter = try checked { try order.cummulativeQuoteQty + quote }
    }
}
