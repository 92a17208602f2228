import BinanceMargin

/// New, query, cancel and list margin orders; trades.
enum OrderEndpoints {
    static func newOrder(_ exchange: inout Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let symbol = try p.required("symbol")
        guard Catalog.symbols[symbol] != nil else { throw .invalidSymbol }
        let isolated = try p.bool("isIsolated", default: false)
        guard let side = try p.choice("side", Side.self, invalid: .invalidSide) else { throw .mandatory("side") }
        guard let type = try p.choice("type", OrderType.self, invalid: .invalidOrderType) else { throw .mandatory("type") }
        var request = OrderRequest(symbol: symbol, isIsolated: isolated, side: side, type: type)
        request.quantity = try p.number("quantity")
        request.quoteOrderQty = try p.number("quoteOrderQty")
        request.price = try p.number("price")
        request.stopPrice = try p.number("stopPrice")
        request.icebergQty = try p.number("icebergQty")
        request.timeInForce = try p.choice("timeInForce", TimeInForce.self, invalid: .invalidTimeInForce)
        request.newClientOrderId = p.string("newClientOrderId")
        request.sideEffect = try p.choice("sideEffectType", SideEffect.self) ?? .none
        request.autoRepayAtCancel = try p.bool("autoRepayAtCancel", default: true)
        if let mode = p.string("selfTradePreventionMode") {
            guard ["NONE", "EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH"].contains(mode) else {
                throw .illegalChars("selfTradePreventionMode", range: "NONE, EXPIRE_TAKER, EXPIRE_MAKER, EXPIRE_BOTH")
            }
            request.selfTradePreventionMode = mode
        }
        if p.string("trailingDelta") != nil { throw .notRequired("trailingDelta") }
        let responseType = try p.choice("newOrderRespType", ResponseType.self)
            ?? (type == .market || type == .limit ? .full : .ack)
        let placement = try exchange.placeOrder(request)
        return placement.json(responseType)
    }

    /// `orderId` or `origClientOrderId`, one of them mandatory.
    private static func orderKey(_ p: RequestParameters) throws(ExchangeError) -> (Int64?, String?) {
        let id = try p.long("orderId"), client = p.string("origClientOrderId")
        guard id != nil || client != nil else { throw .eitherMandatory("orderId", "origClientOrderId") }
        return (id, client)
    }

    static func queryOrder(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let symbol = try p.required("symbol")
        guard Catalog.symbols[symbol] != nil else { throw .invalidSymbol }
        let account = try p.marginAccount()
        let (id, client) = try orderKey(p)
        guard let index = exchange.findOrder(symbol: symbol, account: account, orderId: id, clientOrderId: client) else {
            throw .noSuchOrder
        }
        return exchange.orders[index].queryJSON
    }

    static func cancelOrder(_ exchange: inout Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let symbol = try p.required("symbol")
        guard Catalog.symbols[symbol] != nil else { throw .invalidSymbol }
        let account = try p.marginAccount()
        let (id, client) = try orderKey(p)
        let order = try exchange.cancelOrder(symbol: symbol, account: account, orderId: id, clientOrderId: client,
                                             cancelClientOrderId: p.string("newClientOrderId"))
        return order.cancelJSON
    }

    static func openOrders(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let isolated = try p.bool("isIsolated", default: false)
        let symbol = p.string("symbol")
        if let symbol, Catalog.symbols[symbol] == nil { throw .invalidSymbol }
        if isolated, symbol == nil { throw .mandatory("symbol") }
        let account: AccountRef = isolated ? .isolated(symbol!) : .cross
        return .array(exchange.orders.openPositions(account: account, symbol: symbol).map { exchange.orders[$0].queryJSON })
    }

    static func cancelOpenOrders(_ exchange: inout Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let symbol = try p.required("symbol")
        guard Catalog.symbols[symbol] != nil else { throw .invalidSymbol }
        let account = try p.marginAccount()
        let cancelled = try exchange.cancelAll(symbol: symbol, account: account)
        // Plain orders as rows, each order list as a list object with its reports (Binance mixes both).
        return .array(cancelled.orders.map(\.cancelAllRowJSON)
            + cancelled.lists.map { OrderListEndpoints.cancelledJSON(exchange, at: $0) })
    }

    static func allOrders(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let symbol = try p.required("symbol")
        guard Catalog.symbols[symbol] != nil else { throw .invalidSymbol }
        let account = try p.marginAccount()
        let limit = try p.int("limit", in: 1...500) ?? 500
        let from = try p.long("orderId")
        var window: ClosedRange<Int64> = 0...0
        if from == nil { window = try p.window(now: exchange.now, defaultSpan: dayMilliseconds, maxSpan: dayMilliseconds) }
        let scope = OrderIndex.Scope(symbol: symbol, account: account)
        return .array(exchange.orders.orders(in: scope, fromId: from, window: window, limit: limit).map(\.queryJSON))
    }

    static func myTrades(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let symbol = try p.required("symbol")
        guard Catalog.symbols[symbol] != nil else { throw .invalidSymbol }
        let account = try p.marginAccount()
        let limit = try p.int("limit", in: 1...1000) ?? 500
        let log = exchange.trades
        let isIsolated = account != .cross
        let orderId = try p.long("orderId"), fromId = try p.long("fromId")
        let candidates: ArraySlice<Int>
        if let orderId {
            candidates = log.positions(.order(orderId))
        } else if let fromId {
            candidates = log.positions(.scope(symbol: symbol, isIsolated: isIsolated), fromId: fromId)
        } else {
            let window = try p.window(now: exchange.now, defaultSpan: dayMilliseconds, maxSpan: dayMilliseconds)
            candidates = log.positions(.scope(symbol: symbol, isIsolated: isIsolated), from: window.lowerBound, to: window.upperBound)
        }
        // The scope and fromId hold for every candidate but the fills of an order; an isolated account's fills
        // are those of its own orders (true of every fill the engine makes: the walk stops after `limit`).
        let rows = candidates.lazy.map { log[$0] }.filter { t in
            t.symbol == symbol && t.isIsolated == isIsolated && (fromId.map { t.id >= $0 } ?? true)
                && (!isIsolated || exchange.orders.hasOrder(orderId: t.orderId, account: account))
        }
        return .array(rows.prefix(limit).map(\.json))
    }
}
