import BinanceMargin

/// `GET /api/v3/depth` and `GET /api/v3/trades`: the book and the market's recent trades.
enum BookEndpoints {
    /// Binance's weight of a depth request: 1–100 levels 5, 101–500 25, 501–1000 50, more 250.
    static func depthWeight(_ p: RequestParameters) -> Weight {
        let limit = (try? p.long("limit")) ?? nil
        switch limit ?? 100 {
        case ...100: return .api(5)
        case 101...500: return .api(25)
        case 501...1000: return .api(50)
        default: return .api(250)
        }
    }

    /// The book of `symbol`: `lastUpdateId`, then bids (best first) and asks (best first), `limit` levels
    /// each (default 100; above 5000 gives 5000), prices and quantities as 8-decimal strings.
    static func depth(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let symbol = try p.required("symbol")
        guard Catalog.symbols[symbol] != nil else { throw .invalidSymbol }
        if let status = p.string("symbolStatus") {
            guard ["TRADING", "HALT", "BREAK"].contains(status) else {
                throw .illegalChars("symbolStatus", range: "TRADING, HALT, BREAK")
            }
            guard status == "TRADING" else { throw .symbolStatusMismatch }
        }
        var limit = 100
        if let given = try p.long("limit") {
            guard given >= 1 else { throw .invalidParameter("limit") }
            limit = Int(min(given, 5000))
        }
        let book = exchange.book(symbol) ?? DepthBook(anchor: exchange.price(symbol))
        let rows = { (levels: [PriceLevel]) -> JSONValue in
            .array(levels.map { .array([.decimal($0.price), .decimal($0.quantity)]) })
        }
        return .object([("lastUpdateId", .int(book.lastUpdateId)),
                        ("bids", rows(book.levels(.buy, limit: limit, orders: exchange.orders))),
                        ("asks", rows(book.levels(.sell, limit: limit, orders: exchange.orders)))])
    }

    /// The most recent trades of `symbol`, oldest first (`limit` default 500, at most 1000): one row per
    /// trade, a self-trade (two fills, one trade id) once.
    static func trades(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let symbol = try p.required("symbol")
        guard Catalog.symbols[symbol] != nil else { throw .invalidSymbol }
        let limit = try p.int("limit", in: 1...1000) ?? 500
        var rows: [ExchangeTrade] = []
        var lastId: Int64?
        for trade in exchange.trades.reversed() where trade.symbol == symbol && trade.id != lastId {
            lastId = trade.id
            rows.append(trade)
            if rows.count == limit { break }
        }
        return .array(rows.reversed().map { t in
            .object([("id", .int(t.id)), ("price", .decimal(t.price)), ("qty", .decimal(t.qty)),
                     ("quoteQty", .decimal(t.quoteQty)), ("time", .int(t.time)),
                     ("isBuyerMaker", .bool(t.isBuyer == t.isMaker)), ("isBestMatch", .bool(true))])
        })
    }
}
