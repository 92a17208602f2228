import BinanceMargin

/// What an incoming order meets in the book, in the order it meets it.
enum Maker: Sendable, Hashable {
    /// The market's synthetic liquidity at a price.
    case synthetic(price: Number, quantity: Number)
    /// One of the user's resting orders.
    case order(RestingEntry)

    var price: Number {
        switch self {
        case .synthetic(let price, _): price
        case .order(let entry): entry.price
        }
    }
}

/// One trade an incoming order will make: with whom, how much, at what (the maker's) price.
struct MatchStep: Sendable, Hashable {
    var maker: Maker
    var quantity: Number
    /// The quote amount of the trade (price × quantity at 8 decimals).
    var quote: Number
}

/// Everything an incoming order does against the book, worked out before anything changes.
struct MatchPlan: Sendable {
    var steps: [MatchStep] = []
    /// Resting user orders that self-trade prevention expires (EXPIRE_MAKER, EXPIRE_BOTH).
    var expiredMakers: [RestingEntry] = []
    /// The resting order the taker itself was expired against (EXPIRE_TAKER, EXPIRE_BOTH).
    var takerPreventedBy: RestingEntry?
    /// Σ step quantities and Σ step quote amounts.
    var filled: Number = .zero
    var quote: Number = .zero
}

/// The makers of one side of a book in price-time priority, read from a copy (the book is not changed).
struct MakerCursor {
    private let synthetic: [PriceLevel]
    private let resting: [RestingEntry]
    private let side: Side
    private let watermark: Int64
    private var s: Int, r: Int

    /// The makers standing on `side` (SELL for a buyer, BUY for a seller).
    init(_ book: DepthBook, side: Side) {
        synthetic = book.synthetic(side)
        resting = book.resting(side)
        self.side = side
        watermark = book.watermark
        s = synthetic.count - 1
        r = resting.count - 1
    }

    /// The next maker, or nil when the side is empty.
    mutating func next() -> Maker? {
        let level = s >= 0 ? synthetic[s] : nil
        let entry = r >= 0 ? resting[r] : nil
        switch (level, entry) {
        case (nil, nil): return nil
        case (let level?, nil): s -= 1; return .synthetic(price: level.price, quantity: level.quantity)
        case (nil, let entry?): r -= 1; return .order(entry)
        case (let level?, let entry?):
            let orderFirst = DepthBook.isBetter(entry.price, than: level.price, makerSide: side)
                || (entry.price == level.price && entry.orderId < watermark)
            if orderFirst { r -= 1; return .order(entry) }
            s -= 1
            return .synthetic(price: level.price, quantity: level.quantity)
        }
    }
}

extension Exchange {
    /// Works out what `quantity` of an order on `side` with `limit` (nil: market) and self-trade mode
    /// `stp` does against the book of `symbol`, without changing anything. Resting user orders are the same
    /// user's: meeting one is a self-trade, which `stp` decides (NONE trades with it).
    func planMatch(symbol: String, side: Side, quantity: Number, limit: Number?, stp: String,
                   excluding: Int64? = nil) throws(ExchangeError) -> MatchPlan {
        var plan = MatchPlan()
        guard let book = book(symbol) else { return plan }
        var cursor = MakerCursor(book, side: side == .buy ? .sell : .buy)
        var left = quantity
        while left.isPositive, let maker = cursor.next() {
            if let limit, side == .buy ? maker.price > limit : maker.price < limit { break }
            var available: Number
            switch maker {
            case .synthetic(_, let quantity): available = quantity
            case .order(let entry):
                if entry.orderId == excluding { continue }
                available = try checked { try orders[entry.position].remaining }
                if stp != "NONE" {
                    if stp == "EXPIRE_MAKER" || stp == "EXPIRE_BOTH" { plan.expiredMakers.append(entry) }
                    if stp == "EXPIRE_TAKER" || stp == "EXPIRE_BOTH" { plan.takerPreventedBy = entry; return plan }
                    continue
                }
            }
            let quantity = Number.min(left, available)
            let quote = try checked { try (quantity * maker.price).amount() }
            plan.steps.append(MatchStep(maker: maker, quantity: quantity, quote: quote))
            (left, plan.filled, plan.quote) = try checked { (try left - quantity, try plan.filled + quantity, try plan.quote + quote) }
        }
        return plan
    }
}
