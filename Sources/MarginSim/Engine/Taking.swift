import BinanceMargin

extension Exchange {
    /// Runs the working order at `index` through `plan` (worked out by ``planMatch``) and then rests,
    /// expires or completes it: a FOK order that cannot fill completely expires untouched; self-trade
    /// prevention expires the makers and/or the taker it names; each step is one trade at the maker's price;
    /// what is left rests when the order is a GTC limit order and expires otherwise.
    mutating func take(at index: Int, plan: MatchPlan) {
        let order = orders[index]
        guard let remaining = try? order.remaining else { return expire(at: index, status: .expired) }
        if order.timeInForce == .fok, order.type != .market, plan.filled < remaining, plan.takerPreventedBy == nil {
            return expire(at: index, status: .expired)
        }
        let sharedMatchId = plan.takerPreventedBy.map { _ in newPreventedMatchId() }
        for entry in plan.expiredMakers {
            let id = entry.orderId == plan.takerPreventedBy?.orderId ? sharedMatchId ?? newPreventedMatchId() : newPreventedMatchId()
            prevent(at: entry.position, matchId: id)
        }
        for step in plan.steps where !takeStep(step, taker: index) {
            return expire(at: index, status: .expired)
        }
        if orders[index].status == .filled { return }
        if let id = sharedMatchId { return prevent(at: index, matchId: id) }
        if orders[index].type.hasLimitPrice, orders[index].timeInForce == .gtc { return restRemainder(at: index) }
        expire(at: index, status: .expired)
    }

    /// One trade of the taker at `taker`: with the market (its liquidity is used up) or with a resting
    /// user order (a self-trade under NONE: both sides are booked, under one trade id). False when the
    /// taker's side could not be booked.
    private mutating func takeStep(_ step: MatchStep, taker: Int) -> Bool {
        let tradeId = newTradeId()
        let symbol = orders[taker].symbol
        guard fill(at: taker, quantity: step.quantity, price: step.maker.price, maker: false, tradeId: tradeId) else { return false }
        switch step.maker {
        case .synthetic:
            books?.bySymbol[symbol]?.consumeSynthetic(orders[taker].side == .buy ? .sell : .buy, step.quantity)
        case .order(let entry):
            if !fill(at: entry.position, quantity: step.quantity, price: entry.price, maker: true, tradeId: tradeId) {
                expire(at: entry.position, status: .expired)
            }
            if !orders[entry.position].isResting { leaveBook(at: entry.position) }
        }
        return true
    }

    /// Keeps the rest of a GTC limit order on the book: its lock shrinks to what the rest may spend
    /// (BUY: remaining × price; SELL: remaining) and the excess — a BUY that filled below its price — is freed.
    private mutating func restRemainder(at index: Int) {
        let order = orders[index]
        guard let remaining = try? order.remaining,
              let wanted = order.side == .buy ? try? (remaining * order.price).amount(.up) : remaining else {
            return expire(at: index, status: .expired)
        }
        if let asset = order.lockedAsset, order.lockedAmount > wanted, let excess = try? order.lockedAmount - wanted,
           (try? unlock(order.account, asset, excess)) != nil {
            orders[index].lockedAmount = wanted
        }
        enterBook(at: index)
    }

    /// Ends an open order with `status` (EXPIRED, CANCELED…) through ``cancel(at:status:autoRepay:)``.
    mutating func expire(at index: Int, status: OrderStatus) {
        cancel(at: index, status: status, autoRepay: true)
    }

    /// Expires the open order at `index` by self-trade prevention: EXPIRED_IN_MATCH with `preventedMatchId`
    /// and its unfilled quantity as `preventedQuantity`.
    private mutating func prevent(at index: Int, matchId: Int64) {
        guard orders[index].isOpen else { return }
        orders[index].preventedMatchId = matchId
        orders[index].preventedQuantity = (try? orders[index].remaining) ?? .zero
        cancel(at: index, status: .expiredInMatch, autoRepay: true)
    }

    /// A new `preventedMatchId`.
    private mutating func newPreventedMatchId() -> Int64 {
        let id = books?.nextPreventedMatchId ?? 1
        books?.nextPreventedMatchId = id + 1
        return id
    }
}

extension DepthBook {
    /// Uses up `quantity` of the synthetic liquidity standing on `side`, best level first.
    mutating func consumeSynthetic(_ side: Side, _ quantity: Number) {
        var left = quantity
        while left.isPositive, let level = (side == .sell ? asks : bids).last {
            let used = Number.min(left, level.quantity)
            guard let rest = try? level.quantity - used, let after = try? left - used else { return }
            left = after
            if rest.isPositive {
                if side == .sell { asks[asks.count - 1].quantity = rest } else { bids[bids.count - 1].quantity = rest }
            } else if side == .sell { asks.removeLast() } else { bids.removeLast() }
        }
        lastUpdateId += 1
    }
}
