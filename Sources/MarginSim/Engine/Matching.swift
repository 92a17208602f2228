import BinanceMargin

/// The result of placing an order: the order as stored and the fills of this request.
struct Placement: Sendable {
    var order: ExchangeOrder
    var fills: [ExchangeTrade]
}

extension Exchange {
    /// Binance's rule for client order ids.
    static func isValidClientOrderId(_ id: String) -> Bool {
        guard (1...36).contains(id.utf8.count) else { return false }
        return id.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
                || c == UInt8(ascii: ".") || c == UInt8(ascii: ":") || c == UInt8(ascii: "/")
                || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
        }
    }
    static let clientOrderIdRange = "^[\\.A-Z\\:/a-z0-9_-]{1,36}$"

    /// A 22-character id like Binance generates, derived from `seed` (deterministic).
    static func generatedClientOrderId(_ seed: Int64) -> String {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        var generator = SplitMix64(seed: UInt64(bitPattern: seed) &* 0x2545_F491_4F6C_DD1D)
        return String((0..<22).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }

    /// What ``checkOrder(_:)`` found: the symbol, the account, the client order id, the quantity and the
    /// price its notional is taken at.
    struct CheckedOrder {
        var info: ListedSymbol
        var account: AccountRef
        var clientOrderId: String
        var quantity: Number
        var notionalPrice: Number
    }

    /// Every check of a new order that comes before the book and the funds: the symbol, the account, the
    /// parameters of its type, the client order id, the filters, a duplicate id, a stop already triggered or a
    /// LIMIT_MAKER that would take. Changes nothing (order lists run it on every leg before placing any).
    func checkOrder(_ request: OrderRequest) throws(ExchangeError) -> CheckedOrder {
        let info = try symbolInfo(request.symbol)
        guard info.isMarginTradingAllowed else { throw .marginTradingNotAllowed }
        let account = AccountRef.margin(isolated: request.isIsolated, symbol: request.symbol)
        try requireAccount(account)
        let current = price(info.symbol)
        try Exchange.checkParameters(request)
        let clientOrderId = request.newClientOrderId ?? Exchange.generatedClientOrderId(nextOrderId)
        guard Exchange.isValidClientOrderId(clientOrderId) else {
            throw .illegalChars("newClientOrderId", range: Exchange.clientOrderIdRange)
        }
        let (quantity, notionalPrice) = try Exchange.checkFilters(request, info, current: current)
        if orders.hasOpenOrder(clientOrderId: clientOrderId, account: account) { throw .duplicateOrder }
        try checkBeforeBook(request, current: current)
        return CheckedOrder(info: info, account: account, clientOrderId: clientOrderId, quantity: quantity, notionalPrice: notionalPrice)
    }

    /// Places a margin order: checks parameters, filters and funds, borrows for MARGIN_BUY /
    /// AUTO_BORROW_REPAY (at placement), then matches it against the book (``take(at:plan:)``), rests it
    /// (conditional and LIMIT_MAKER orders) or expires it. Every check comes before the first change — the
    /// match is worked out on the unchanged book first — so a rejected order changes nothing.
    ///
    /// `existing` is the position of an order-list leg waiting as `PENDING_NEW`: the order is placed there,
    /// keeping its id and placement time.
    mutating func placeOrder(_ request: OrderRequest, at existing: Int? = nil) throws(ExchangeError) -> Placement {
        ensureBooks()
        materialize(request.symbol)
        let c = try checkOrder(request)
        let stp = request.selfTradePreventionMode ?? "EXPIRE_MAKER"
        let plan: MatchPlan? = request.type == .market || request.type == .limit
            ? try planMatch(symbol: c.info.symbol, side: request.side, quantity: c.quantity,
                            limit: request.type == .limit ? request.price : nil, stp: stp) : nil
        let funds = request.sharesLock
            ? Funds(asset: request.side == .buy ? c.info.quote : c.info.base, required: .zero, borrowed: .zero)
            : try fund(request, c.account, c.info, quantity: c.quantity, notionalPrice: c.notionalPrice, plan: plan)
        let orderId = existing.map { orders[$0].orderId } ?? nextOrderId
        if existing == nil { nextOrderId += 1 }
        var order = ExchangeOrder(orderId: orderId, clientOrderId: c.clientOrderId, symbol: c.info.symbol, account: c.account,
                          side: request.side, type: request.type, timeInForce: request.timeInForce ?? .gtc,
                          price: request.price ?? .zero, origQty: c.quantity,
                          stopPrice: request.stopPrice ?? .zero, icebergQty: request.icebergQty ?? .zero,
                          isWorking: !request.type.isConditional, time: existing.map { orders[$0].time } ?? now, updateTime: now,
                          sideEffect: request.sideEffect, autoRepayAtCancel: request.autoRepayAtCancel,
                          selfTradePreventionMode: stp)
        if funds.borrowed.isPositive { order.borrowedAmount = funds.borrowed; order.borrowAsset = funds.asset }
        let index: Int
        if let existing { orders[existing] = order; index = existing } else { orders.append(order); index = orders.count - 1 }
        if !request.sharesLock { try rest(at: index, required: funds.required, asset: funds.asset) }
        let tradesBefore = trades.count
        if let plan { take(at: index, plan: plan) } else if request.type == .limitMaker { enterBook(at: index) }
        return Placement(order: orders[index], fills: trades[tradesBefore...].filter { $0.orderId == orderId })
    }

    /// Per-type mandatory and unwanted parameters, as Binance checks them.
    static func checkParameters(_ request: OrderRequest) throws(ExchangeError) {
        let type = request.type
        if type.needsTimeInForce, request.timeInForce == nil { throw .mandatory("timeInForce") }
        if !type.needsTimeInForce, request.timeInForce != nil, type != .market { throw .notRequired("timeInForce") }
        if type.hasLimitPrice, request.price == nil { throw .mandatory("price") }
        if !type.hasLimitPrice, request.price != nil { throw .notRequired("price") }
        if type.isConditional, request.stopPrice == nil { throw .mandatory("stopPrice") }
        if !type.isConditional, request.stopPrice != nil { throw .notRequired("stopPrice") }
        if type == .market {
            if request.timeInForce != nil { throw .notRequired("timeInForce") }
            switch (request.quantity, request.quoteOrderQty) {
            case (nil, nil): throw .eitherMandatory("quantity", "quoteOrderQty")
            case (.some, .some): throw .notRequired("quoteOrderQty")
            default: break
            }
        } else {
            if request.quantity == nil { throw .mandatory("quantity") }
            if request.quoteOrderQty != nil { throw .notRequired("quoteOrderQty") }
        }
        if request.icebergQty != nil, request.timeInForce != .gtc, request.timeInForce != nil {
            throw ExchangeError(code: -2010, message: "Iceberg orders must be GTC.")
        }
    }

    /// PRICE_FILTER, LOT_SIZE, MARKET_LOT_SIZE and NOTIONAL; the quantity (from `quoteOrderQty` for a
    /// market order given one) and the price the notional is taken at.
    static func checkFilters(_ request: OrderRequest, _ info: ListedSymbol, current: Number)
        throws(ExchangeError) -> (quantity: Number, notionalPrice: Number) {
        let type = request.type
        for (name, value) in [("price", request.price), ("stopPrice", request.stopPrice)] {
            guard let value else { continue }
            if value.normalized.scale > Catalog.amountScale { throw .tooMuchPrecision(name) }
            guard value.isPositive else { throw .invalidParameter(name) }
            guard value >= info.minPrice, value <= info.maxPrice, value.isMultiple(ofStep: info.tickSize) else {
                throw .filterFailure("PRICE_FILTER")
            }
        }
        let quantity = try checkQuantity(request, info, current: current)
        let notionalPrice = type.hasLimitPrice ? request.price! : (type.isConditional ? request.stopPrice! : current)
        let notional = try checked { try quantity * notionalPrice }
        if notional < info.minNotional || (type != .market && notional > info.maxNotional) { throw .filterFailure("NOTIONAL") }
        return (quantity, notionalPrice)
    }

    /// The order's quantity: `quantity` within LOT_SIZE (and MARKET_LOT_SIZE), or `quoteOrderQty` at the last price.
    private static func checkQuantity(_ request: OrderRequest, _ info: ListedSymbol, current: Number) throws(ExchangeError) -> Number {
        if let q = request.quantity {
            if q.normalized.scale > Catalog.amountScale { throw .tooMuchPrecision("quantity") }
            guard q.isPositive else { throw .invalidParameter("quantity") }
            guard q >= info.minQty, q <= info.maxQty, q.isMultiple(ofStep: info.stepSize) else { throw .filterFailure("LOT_SIZE") }
            if request.type == .market, q > info.marketMaxQty { throw .filterFailure("MARKET_LOT_SIZE") }
            return q
        }
        let quote = request.quoteOrderQty!
        if quote.normalized.scale > Catalog.amountScale { throw .tooMuchPrecision("quoteOrderQty") }
        guard quote.isPositive else { throw .invalidParameter("quoteOrderQty") }
        if quote < info.minNotional { throw .filterFailure("NOTIONAL") }
        // A quantity beyond 38 digits is far above any MARKET_LOT_SIZE maximum.
        guard let q = try? (quote / current).floor(toStep: info.stepSize) else { throw .filterFailure("MARKET_LOT_SIZE") }
        let quantity = q.normalized
        guard quantity >= info.minQty else { throw .filterFailure("LOT_SIZE") }
        if quantity > info.marketMaxQty { throw .filterFailure("MARKET_LOT_SIZE") }
        return quantity
    }

    /// Conditions that reject before the book: a stop already triggered at the last price, a LIMIT_MAKER
    /// that would take (its price reaches the best price on the other side of the book).
    private func checkBeforeBook(_ request: OrderRequest, current: Number) throws(ExchangeError) {
        if let stop = request.stopPrice, request.type.isTriggered(side: request.side, price: current, stop: stop) {
            throw .wouldTrigger
        }
        if request.type == .limitMaker, let p = request.price,
           let best = book(request.symbol)?.bestPrice(request.side == .buy ? .sell : .buy) {
            if (request.side == .buy && p >= best) || (request.side == .sell && p <= best) { throw .wouldTake }
        }
    }

    /// What an order spends and what it borrowed at placement.
    struct Funds {
        var asset: String
        var required: Number
        var borrowed: Number
    }

    /// Checks the funds an order spends and borrows the shortfall when its side effect allows (the first change).
    /// A BUY spends its quantity at its limit price (a limit order) or what its match costs (a market
    /// order, walking the book); a SELL spends its quantity.
    private mutating func fund(_ request: OrderRequest, _ account: AccountRef, _ info: ListedSymbol,
                               quantity: Number, notionalPrice: Number, plan: MatchPlan?) throws(ExchangeError) -> Funds {
        let spendAsset = request.side == .buy ? info.quote : info.base
        var required: Number
        if request.side == .sell {
            required = quantity
        } else if request.type == .market, let plan {
            required = plan.quote
        } else {
            required = try checked { try (quantity * notionalPrice).amount(.up) }
        }
        if let least = request.lockAtLeast { required = Number.max(required, least) }
        // Everything that could overflow is computed before the first change (the borrow): the lock a
        // resting order takes must fit too.
        _ = try checked { try self[account, spendAsset].locked + required }
        var borrowed = Number.zero
        let free = self[account, spendAsset].free
        if free < required {
            guard request.sideEffect.borrows else { throw .insufficientBalance }
            borrowed = try checked { try (required - free).amount(.up) }
            if let min = Catalog.assets[spendAsset]?.userMinBorrow, borrowed < min { borrowed = min }
            try borrow(account, spendAsset, borrowed, origin: "AUTO")
        }
        return Funds(asset: spendAsset, required: required, borrowed: borrowed)
    }

    /// Locks what an order may spend while open (``placeOrder(_:)`` checked that the lock fits).
    private mutating func rest(at index: Int, required: Number, asset: String) throws(ExchangeError) {
        let account = orders[index].account
        try lock(account, asset, required)
        orders[index].lockedAmount = required
        orders[index].lockedAsset = asset
    }

    /// Ends an open order: takes it off the book, releases its lock and, if it borrowed and
    /// `autoRepayAtCancel` is on, repays what it borrowed — at most what the release freed of the borrowed
    /// asset (interest first). When releasing the lock does not fit 38 digits the order stays open, unchanged.
    mutating func cancel(at index: Int, status: OrderStatus, autoRepay: Bool) {
        let order = orders[index]
        guard order.isOpen else { return }
        let released = releaseLock(at: index)
        guard !orders[index].lockedAmount.isPositive else { return }
        leaveBook(at: index)
        orders[index].status = status
        orders[index].updateTime = now
        if autoRepay, order.autoRepayAtCancel, order.borrowedAmount.isPositive, let asset = order.borrowAsset {
            let freed = asset == order.lockedAsset ? released : .zero
            repayWhatIsPossible(order.account, asset, cap: Number.min(order.borrowedAmount, freed), origin: "AUTO")
        }
    }

    /// Finds an order of `symbol` in `account` by id or client order id (most recent first).
    func findOrder(symbol: String, account: AccountRef, orderId: Int64?, clientOrderId: String?) -> Int? {
        let scope = OrderIndex.Scope(symbol: symbol, account: account)
        if let orderId { return orders.position(orderId: orderId, in: scope) }
        if let clientOrderId { return orders.position(clientOrderId: clientOrderId, in: scope) }
        return nil
    }

    /// Cancels an open order by id or client id (-2011 when unknown or already finished). A leg of an executing
    /// order list (open, or pending) cancels the whole list, as on Binance.
    mutating func cancelOrder(symbol: String, account: AccountRef, orderId: Int64?, clientOrderId: String?,
                              cancelClientOrderId: String?) throws(ExchangeError) -> ExchangeOrder {
        _ = try symbolInfo(symbol)
        try requireAccount(account)
        guard let index = findOrder(symbol: symbol, account: account, orderId: orderId, clientOrderId: clientOrderId) else {
            throw .unknownOrder
        }
        if let at = orderLists?.position(ofOrder: orders[index].orderId), orderLists?[at].isExecuting == true,
           orders[index].isOpen || orders[index].status == .pendingNew {
            cancelList(at: at, cancelClientOrderId: cancelClientOrderId)
            return orders[index]
        }
        guard orders[index].isOpen else { throw .unknownOrder }
        cancel(at: index, status: .canceled, autoRepay: true)
        guard !orders[index].isOpen else { throw .arithmetic(.overflow(operation: "releasing the order's lock")) }
        orders[index].cancelClientOrderId = cancelClientOrderId ?? Exchange.generatedClientOrderId(-orders[index].orderId)
        return orders[index]
    }

    /// What `DELETE /sapi/v1/margin/openOrders` cancelled: the plain orders and the order lists (by position).
    struct CancelledAll {
        var orders: [ExchangeOrder] = []
        var lists: [Int] = []
    }

    /// Cancels every executing order list and every other open order of `symbol` in `account`.
    mutating func cancelAll(symbol: String, account: AccountRef) throws(ExchangeError) -> CancelledAll {
        _ = try symbolInfo(symbol)
        try requireAccount(account)
        var cancelled = CancelledAll()
        for at in lists.executing where lists[at].symbol == symbol && lists[at].account == account {
            cancelList(at: at, cancelClientOrderId: nil)
            cancelled.lists.append(at)
        }
        for index in orders.openPositions(account: account, symbol: symbol) where orders[index].isOpen {
            cancel(at: index, status: .canceled, autoRepay: true)
            orders[index].cancelClientOrderId = Exchange.generatedClientOrderId(-orders[index].orderId)
            cancelled.orders.append(orders[index])
        }
        guard !cancelled.orders.isEmpty || !cancelled.lists.isEmpty else { throw .unknownOrder }
        return cancelled
    }
}
