import BinanceMargin

/// What the public market streams need beyond the exchange: ids for the trades a price move stands for, the
/// book ticker's update id, the execution ids, and each symbol's open, high, low and volumes since the
/// simulator started (its "24 h" window). Kept by the simulator, not persisted.
struct MarketTape: Sendable {
    struct Window: Sendable {
        var open: Number, high: Number, low: Number
        var baseVolume: Number = .zero, quoteVolume: Number = .zero
    }

    private(set) var windows: [String: Window] = [:]
    private var executionId: Int64 = 0
    private var bookUpdateId: Int64 = 0
    /// Trade ids of price moves: far above the user trades' ids (5 000 001 up), so they never collide.
    private var moveTradeId: Int64 = 900_000_000_001

    mutating func nextExecutionId() -> Int64 { executionId += 1; return executionId }
    mutating func nextBookUpdateId() -> Int64 { bookUpdateId += 1; return bookUpdateId }
    mutating func nextMoveTradeId() -> Int64 { moveTradeId += 1; return moveTradeId }

    /// Records a trade (or a price move, with no volume) of `symbol` at `price`; returns the window after it.
    mutating func record(_ symbol: String, price: Number, quantity: Number = .zero, quote: Number = .zero) -> Window {
        var window = windows[symbol] ?? Window(open: price, high: price, low: price)
        window.high = Number.max(window.high, price)
        window.low = Number.min(window.low, price)
        window.baseVolume = (try? window.baseVolume + quantity) ?? window.baseVolume
        window.quoteVolume = (try? window.quoteVolume + quote) ?? window.quoteVolume
        windows[symbol] = window
        return window
    }
}

extension EngineMark {
    /// `<symbol>@trade` for each fill and each price move, then `@bookTicker` and `@miniTicker` for each symbol
    /// that traded or moved. A move is shown as a trade of the symbol's smallest lot at the new price, and the book
    /// as one tick wide below the last price (the simulator has prices, not depth).
    func marketEvents(_ exchange: Exchange, tape: inout MarketTape) -> [PublishedEvent] {
        var events: [PublishedEvent] = []
        var touched: [String] = []
        for fill in exchange.trades[tradeCount...] {
            _ = tape.record(fill.symbol, price: fill.price, quantity: fill.qty, quote: fill.quoteQty)
            events.append(tradeEvent(fill.symbol, id: fill.id, price: fill.price, quantity: fill.qty, time: fill.time,
                                     buyerIsMaker: fill.isBuyer == fill.isMaker, now: exchange.now))
            touched.append(fill.symbol)
        }
        for symbol in exchange.prices.keys.sorted() where prices[symbol] != exchange.prices[symbol] {
            guard let price = exchange.prices[symbol], let info = Catalog.symbols[symbol] else { continue }
            _ = tape.record(symbol, price: price)
            events.append(tradeEvent(symbol, id: tape.nextMoveTradeId(), price: price, quantity: info.minQty,
                                     time: exchange.now, buyerIsMaker: false, now: exchange.now))
            touched.append(symbol)
        }
        var seen = Set<String>()
        for symbol in touched where seen.insert(symbol).inserted {
            events += tickers(symbol, exchange, tape: &tape)
        }
        return events
    }

    private func tradeEvent(_ symbol: String, id: Int64, price: Number, quantity: Number, time: Int64,
                            buyerIsMaker: Bool, now: Int64) -> PublishedEvent {
        PublishedEvent(route: .market(stream: symbol.lowercased() + "@trade"), payload: JSONValue.object([
            ("e", .string("trade")), ("E", .int(now)), ("s", .string(symbol)), ("t", .int(id)),
            ("p", .decimal(price)), ("q", .decimal(quantity)), ("T", .int(time)), ("m", .bool(buyerIsMaker)), ("M", .bool(true)),
        ]).text)
    }

    private func tickers(_ symbol: String, _ exchange: Exchange, tape: inout MarketTape) -> [PublishedEvent] {
        let price = exchange.price(symbol)
        let tick = Catalog.symbols[symbol]?.tickSize ?? .zero
        let bid = Number.max(tick, (try? price - tick) ?? price)
        let lot = Catalog.symbols[symbol]?.minQty ?? .zero
        let name = symbol.lowercased()
        let window = tape.windows[symbol] ?? MarketTape.Window(open: price, high: price, low: price)
        let book = JSONValue.object([
            ("u", .int(tape.nextBookUpdateId())), ("s", .string(symbol)), ("b", .decimal(bid)), ("B", .decimal(lot)),
            ("a", .decimal(price)), ("A", .decimal(lot)),
        ]).text
        let mini = JSONValue.object([
            ("e", .string("24hrMiniTicker")), ("E", .int(exchange.now)), ("s", .string(symbol)), ("c", .decimal(price)),
            ("o", .decimal(window.open)), ("h", .decimal(window.high)), ("l", .decimal(window.low)),
            ("v", .decimal(window.baseVolume)), ("q", .decimal(window.quoteVolume)),
        ]).text
        return [PublishedEvent(route: .market(stream: name + "@bookTicker"), payload: book),
                PublishedEvent(route: .market(stream: name + "@miniTicker"), payload: mini)]
    }
}
