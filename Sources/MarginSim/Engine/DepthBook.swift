import BinanceMargin

/// One symbol's order book: the market's synthetic liquidity around the last price and the user's own
/// resting limit orders, each side kept with its best entry last (taking the best is O(1)).
///
/// Priority is price, then time: at one price a user order placed before the synthetic liquidity was
/// last refilled (an id below ``watermark``) comes first, one placed after it comes after it.
struct DepthBook: Codable, Sendable {
    /// The price the synthetic levels were last built around.
    var anchor: Number
    /// How many times the synthetic levels were built (seeds their sizes).
    var generation: Int64 = 0
    /// Bumped on every change of the book (Binance's `lastUpdateId`).
    var lastUpdateId: Int64 = 1
    /// Orders with an id below it are older than the synthetic liquidity.
    var watermark: Int64 = 0
    /// True when the price moved since the synthetic levels were built: they are built again (from the
    /// anchor and generation alone) when something reads them, so a long walk costs nothing per step.
    var isStale = false
    /// Synthetic asks, highest first (best last).
    var asks: [PriceLevel] = []
    /// Synthetic bids, lowest first (best last).
    var bids: [PriceLevel] = []
    /// The user's resting SELL orders, worst first: price descending, then newest first.
    var restingAsks: [RestingEntry] = []
    /// The user's resting BUY orders, worst first: price ascending, then newest first.
    var restingBids: [RestingEntry] = []

    /// Marks the synthetic levels for rebuilding around `anchor` (a new generation, a new update id), with
    /// orders from `watermark` on newer than them; the user's resting orders stay.
    mutating func restock(anchor: Number, watermark: Int64) {
        self.anchor = anchor
        generation += 1
        lastUpdateId += 1
        self.watermark = watermark
        asks = []
        bids = []
        isStale = true
    }

    /// Whether `a` is a better price than `b` for a maker on `side` (lower for asks, higher for bids).
    static func isBetter(_ a: Number, than b: Number, makerSide side: Side) -> Bool { side == .sell ? a < b : a > b }

    /// Adds a resting order to its side at its place in price-time priority.
    mutating func insert(_ entry: RestingEntry, side: Side) {
        func isWorse(_ e: RestingEntry) -> Bool {   // e is worse than the new entry, or equal and newer
            if e.price == entry.price { return e.orderId > entry.orderId }
            return DepthBook.isBetter(entry.price, than: e.price, makerSide: side)
        }
        let list = side == .sell ? restingAsks : restingBids
        let at = BinarySearch.lowerBound(count: list.count) { isWorse(list[$0]) }
        if side == .sell { restingAsks.insert(entry, at: at) } else { restingBids.insert(entry, at: at) }
        lastUpdateId += 1
    }

    /// Removes the resting order `orderId` from `side` (nothing when it is not there).
    mutating func remove(orderId: Int64, price: Number, side: Side) {
        func isWorse(_ e: RestingEntry) -> Bool {
            if e.price == price { return e.orderId > orderId }
            return DepthBook.isBetter(price, than: e.price, makerSide: side)
        }
        let list = side == .sell ? restingAsks : restingBids
        let at = BinarySearch.lowerBound(count: list.count) { isWorse(list[$0]) }
        guard at < list.count, list[at].orderId == orderId else { return }
        if side == .sell { restingAsks.remove(at: at) } else { restingBids.remove(at: at) }
        lastUpdateId += 1
    }

    /// The synthetic levels of the side makers on `side` stand on.
    func synthetic(_ side: Side) -> [PriceLevel] { side == .sell ? asks : bids }
    /// The resting user orders on `side`.
    func resting(_ side: Side) -> [RestingEntry] { side == .sell ? restingAsks : restingBids }

    /// The best price on the makers' `side` (synthetic or resting), if any.
    func bestPrice(_ side: Side) -> Number? {
        switch (synthetic(side).last?.price, resting(side).last?.price) {
        case let (a?, b?): return DepthBook.isBetter(b, than: a, makerSide: side) ? b : a
        case let (a?, nil): return a
        case let (nil, b?): return b
        default: return nil
        }
    }

}
