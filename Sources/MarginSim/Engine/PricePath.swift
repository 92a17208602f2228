import BinanceMargin

/// A point on a price path where a user order meets the market: a resting limit order is crossed or a
/// stop is triggered.
struct PathEvent {
    var position: Int
    /// The price at which it happens (the path goes through it).
    var point: Number
    var orderId: Int64
    /// How far along the path from where the search started (ties go to the older order).
    var distance: Number
}

extension Exchange {
    /// Moves the last price of `symbol` to `target` along a straight path, meeting the user's orders in
    /// the order the path reaches them (ties: oldest first): each resting limit order the path crosses
    /// fills completely at its own price as a maker, each stop it reaches triggers there and trades
    /// against the book as it stands at that price. The synthetic liquidity is rebuilt at every point the
    /// path stops at and at `target`. The price replay and the random walk drive the market through here.
    ///
    /// With no order open anywhere (the usual replayed path point) the path meets nothing, and the price just
    /// moves (``setPrice(_:to:)``: one lookup for the price, one for the book); otherwise the path is walked
    /// (``walkPrice(_:to:)``, the reference the seeded tests hold the shortcut to).
    mutating func movePrice(_ symbol: String, to target: Number) {
        ensureBooks()
        guard !orders.openPositions.isEmpty else { return setPrice(symbol, to: target) }
        walkPrice(symbol, to: target)
    }

    /// Sets the last price of `symbol` to `target` and restocks its book, when it changed (a symbol without a price
    /// reads as one, ``price(_:)``): what ``walkPrice(_:to:)`` does when the path meets no order.
    mutating func setPrice(_ symbol: String, to target: Number) {
        guard prices.set(symbol, to: target, absentReadsAs: .one) else { return }
        refill(symbol, anchor: target)
    }

    /// ``movePrice(_:to:)``'s path walk, meeting resting orders and stops on the way (the books exist).
    mutating func walkPrice(_ symbol: String, to target: Number) {
        var stops = orders.openPositions.filter { orders[$0].symbol == symbol && !orders[$0].isWorking }
        var point = price(symbol)
        var budget = orders.openPositions.count * 2 + 1   // each event ends or triggers an order
        while budget > 0, let event = nextEvent(symbol, stops: stops, from: point, to: target) {
            budget -= 1
            point = event.point
            if price(symbol) != point { prices[symbol] = point; refill(symbol) }
            if orders[event.position].isWorking {
                cross(at: event.position)
            } else {
                stops.removeAll { $0 == event.position }
                trigger(at: event.position)
            }
            // A filled OTO working order places its pending legs here, on the path: their stops count from now on.
            if settleLists() {
                stops = orders.openPositions.filter { orders[$0].symbol == symbol && !orders[$0].isWorking }
                budget += stops.count + 2
            }
        }
        if price(symbol) != target { prices[symbol] = target; refill(symbol) }
    }

    /// Triggers and fills what the last prices have reached, symbol by symbol (nothing moves).
    mutating func matchRestingOrders() {
        guard !orders.openPositions.isEmpty else { return }   // after every path point: usually nothing rests
        let symbols = Set(orders.openPositions.map { orders[$0].symbol })
        for symbol in symbols.sorted() { movePrice(symbol, to: price(symbol)) }
    }

    /// The first order a path from `point` to `target` meets: the best resting bid (crossed when the price
    /// is at or below it), the best resting ask (at or above it), or a pending stop (at its trigger).
    private func nextEvent(_ symbol: String, stops: [Int], from point: Number, to target: Number) -> PathEvent? {
        guard let book = books?.bySymbol[symbol] else { return nil }
        var best: PathEvent?
        func consider(_ position: Int, atOrBelow: Bool, _ level: Number) {
            let reached: Number
            if atOrBelow ? point <= level : point >= level { reached = point }
            else if atOrBelow ? target <= level : target >= level { reached = level }
            else { return }
            guard let distance = try? (reached - point).magnitude else { return }
            let event = PathEvent(position: position, point: reached, orderId: orders[position].orderId, distance: distance)
            if let b = best, b.distance < distance || (b.distance == distance && b.orderId < event.orderId) { return }
            best = event
        }
        if let bid = book.restingBids.last { consider(bid.position, atOrBelow: true, bid.price) }
        if let ask = book.restingAsks.last { consider(ask.position, atOrBelow: false, ask.price) }
        for position in stops {
            let order = orders[position]
            // A SELL stop-loss and a BUY take-profit trigger at or below the stop; the others at or above it.
            let falling = order.type.isTriggered(side: order.side, price: .zero, stop: order.stopPrice)
            consider(position, atOrBelow: falling, order.stopPrice)
        }
        return best
    }

    /// The path crossed the resting order at `position`: it fills completely at its own price (as a maker).
    private mutating func cross(at position: Int) {
        guard let remaining = try? orders[position].remaining else { return expire(at: position, status: .expired) }
        let price = orders[position].price
        if !fill(at: position, quantity: remaining, price: price, maker: true, tradeId: newTradeId()) {
            expire(at: position, status: .expired)
        }
        if !orders[position].isResting { leaveBook(at: position) }
    }

    /// The path reached the stop of the order at `position`: it starts working and meets the book now.
    private mutating func trigger(at position: Int) {
        prepareListLeg(at: position)
        materialize(orders[position].symbol)
        orders[position].isWorking = true
        orders[position].updateTime = now
        let order = orders[position]
        guard let remaining = try? order.remaining,
              let plan = try? planMatch(symbol: order.symbol, side: order.side, quantity: remaining,
                                        limit: order.type.hasLimitPrice ? order.price : nil,
                                        stp: order.selfTradePreventionMode, excluding: order.orderId)
        else { return expire(at: position, status: .expired) }
        take(at: position, plan: plan)
    }
}
