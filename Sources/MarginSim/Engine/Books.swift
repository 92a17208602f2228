import BinanceMargin

/// Every symbol's book, with the shape and seed of their synthetic liquidity.
struct Books: Codable, Sendable {
    var shape: BookShape
    var seed: UInt64
    var bySymbol: [String: DepthBook] = [:]
    /// The next `preventedMatchId` (self-trade prevention).
    var nextPreventedMatchId: Int64 = 1
}

extension Exchange {
    /// Builds the books when the state has none (a state written before books existed): synthetic
    /// liquidity at the last prices with the default shape, and every resting order in its book.
    mutating func ensureBooks() {
        guard books == nil else { return }
        books = Books(shape: .liquid, seed: random.state)
        for symbol in Catalog.symbolOrder { refill(symbol) }
        for position in orders.openPositions where orders[position].isResting { enterBook(at: position) }
    }

    /// The books as they are, or as ``ensureBooks()`` would build them (for reads).
    var currentBooks: Books {
        if let books { return books }
        var copy = self
        copy.ensureBooks()
        return copy.books ?? Books(shape: .liquid, seed: 0)
    }

    /// Renews the synthetic liquidity of `symbol` around its last price (the user's orders stay): a new
    /// generation, built when first read (``materialize(_:)``, ``book(_:)``).
    mutating func refill(_ symbol: String) {
        refill(symbol, anchor: price(symbol))
    }

    /// ``refill(_:)`` around `anchor`, the last price of `symbol` (the caller just set it).
    mutating func refill(_ symbol: String, anchor: Number) {
        guard books != nil else { return }
        let watermark = nextOrderId
        // Changed where it lies (one lookup, no copy of the book out and back); a book is made on first need.
        books?.bySymbol[symbol, default: DepthBook(anchor: anchor)].restock(anchor: anchor, watermark: watermark)
    }

    /// Builds the synthetic levels of `symbol` if its price moved since they were last built.
    mutating func materialize(_ symbol: String) {
        guard books?.bySymbol[symbol]?.isStale == true, let book = book(symbol) else { return }
        books?.bySymbol[symbol] = book
    }

    /// The book of `symbol` with its synthetic levels built (for reads; the state is not changed).
    func book(_ symbol: String) -> DepthBook? {
        let all = currentBooks
        guard var book = all.bySymbol[symbol] else { return nil }
        guard book.isStale, let info = Catalog.symbols[symbol] else { return book }
        (book.asks, book.bids) = SyntheticLiquidity(shape: all.shape, seed: all.seed)
            .levels(info, anchor: book.anchor, generation: book.generation)
        book.isStale = false
        return book
    }

    /// Puts the open working limit order at `position` into its symbol's book.
    mutating func enterBook(at position: Int) {
        let order = orders[position]
        books?.bySymbol[order.symbol]?.insert(RestingEntry(price: order.price, orderId: order.orderId, position: position),
                                              side: order.side)
    }

    /// Takes the order at `position` out of its symbol's book (nothing when it is not there).
    mutating func leaveBook(at position: Int) {
        let order = orders[position]
        books?.bySymbol[order.symbol]?.remove(orderId: order.orderId, price: order.price, side: order.side)
    }
}

extension ExchangeOrder {
    /// Whether the order rests in the book: open, working and priced.
    var isResting: Bool { isOpen && isWorking && type.hasLimitPrice }
}
