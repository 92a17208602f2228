import BinanceMargin

/// The one endpoint table of the simulator: every Binance path it serves and every `/sim/*` control.
enum Router {
    static let endpoints: [Endpoint] = [
        // Spot market data (/api/v3).
        Endpoint(.get, "/api/v3/ping", .none, .api(1), .read { _, _ in .object([]) }),
        Endpoint(.get, "/api/v3/time", .none, .api(1), .read { exchange, _ in .object([("serverTime", .int(exchange.now))]) }),
        Endpoint(.get, "/api/v3/exchangeInfo", .none, .api(20), .read(MarketEndpoints.exchangeInfo)),
        Endpoint(.get, "/api/v3/ticker/price", .none,
                 weight: { p in .api(p.string("symbol") == nil ? 4 : 2) }, .read(MarketEndpoints.tickerPrice)),
        Endpoint(.get, "/api/v3/depth", .none, weight: BookEndpoints.depthWeight, .read(BookEndpoints.depth)),
        Endpoint(.get, "/api/v3/trades", .none, .api(25), .read(BookEndpoints.trades)),
        // The spot wallet (USER_DATA).
        Endpoint(.get, "/api/v3/account", .signed, .api(20), .read(SpotEndpoints.account)),
        // Margin market data.
        Endpoint(.get, "/sapi/v1/margin/priceIndex", .apiKey, .ip(10), .read(MarketEndpoints.priceIndex)),
        Endpoint(.get, "/sapi/v1/margin/allPairs", .apiKey, .ip(1), .read(MarketEndpoints.allPairs)),
        Endpoint(.get, "/sapi/v1/margin/isolated/allPairs", .apiKey, .ip(10), .read(MarketEndpoints.isolatedAllPairs)),
        Endpoint(.get, "/sapi/v1/margin/allAssets", .apiKey, .ip(1), .read(MarketEndpoints.allAssets)),
        Endpoint(.get, "/sapi/v1/margin/isolatedMarginTier", .signed, .ip(1), .read(MarketEndpoints.isolatedMarginTier)),
        // Accounts.
        Endpoint(.get, "/sapi/v1/margin/account", .signed, .ip(10), .readCrossAccount(AccountEndpoints.crossAccount(_:_:memo:))),
        Endpoint(.get, "/sapi/v1/margin/isolated/account", .signed, .ip(10), .read(AccountEndpoints.isolatedAccount)),
        Endpoint(.post, "/sapi/v1/margin/isolated/account", .signed, .uid(300), .write(AccountEndpoints.enableIsolated)),
        Endpoint(.delete, "/sapi/v1/margin/isolated/account", .signed, .uid(300), .write(AccountEndpoints.disableIsolated)),
        Endpoint(.get, "/sapi/v1/margin/isolated/accountLimit", .signed, .ip(1), .read(AccountEndpoints.isolatedAccountLimit)),
        Endpoint(.get, "/sapi/v1/margin/maxBorrowable", .signed, .ip(50), .read(AccountEndpoints.maxBorrowable)),
        Endpoint(.get, "/sapi/v1/margin/maxTransferable", .signed, .ip(50), .read(AccountEndpoints.maxTransferable)),
        Endpoint(.get, "/sapi/v1/margin/tradeCoeff", .signed, .ip(10), .read(AccountEndpoints.tradeCoeff)),
        Endpoint(.get, "/sapi/v1/margin/crossMarginData", .signed,
                 weight: { p in .ip(p.string("coin") == nil ? 5 : 1) }, .read(AccountEndpoints.crossMarginData)),
        Endpoint(.get, "/sapi/v1/margin/forceLiquidationRec", .signed, .ip(1), .read(AccountEndpoints.forceLiquidationRec)),
        Endpoint(.post, "/sapi/v1/margin/max-leverage", .signed, .uid(3000), .write(LeverageEndpoints.maxLeverage)),
        Endpoint(.post, "/sapi/v1/margin/manual-liquidation", .signed, .uid(3000), .write(LeverageEndpoints.manualLiquidation)),
        Endpoint(.get, "/sapi/v1/margin/capital-flow", .signed, .ip(100), .read(CapitalFlowEndpoints.capitalFlow)),
        // Loans and interest.
        Endpoint(.post, "/sapi/v1/margin/borrow-repay", .signed, .uid(1500), .write(LoanEndpoints.borrowRepay)),
        Endpoint(.get, "/sapi/v1/margin/borrow-repay", .signed, .ip(10), .read(LoanEndpoints.records)),
        Endpoint(.post, "/sapi/v1/margin/loan", .signed, .uid(3000), .write(LoanEndpoints.legacyLoan)),
        Endpoint(.post, "/sapi/v1/margin/repay", .signed, .uid(3000), .write(LoanEndpoints.legacyRepay)),
        Endpoint(.get, "/sapi/v1/margin/interestHistory", .signed, .ip(1), .read(LoanEndpoints.interestHistory)),
        Endpoint(.get, "/sapi/v1/margin/interestRateHistory", .signed, .ip(1), .read(LoanEndpoints.interestRateHistory)),
        Endpoint(.get, "/sapi/v1/margin/next-hourly-interest-rate", .signed, .ip(100), .read(LoanEndpoints.nextHourlyRate)),
        // Orders and trades.
        Endpoint(.post, "/sapi/v1/margin/order", .signed, weight: OrderListEndpoints.placementWeight, .write(OrderEndpoints.newOrder)),
        Endpoint(.get, "/sapi/v1/margin/order", .signed, .ip(10), .read(OrderEndpoints.queryOrder)),
        Endpoint(.delete, "/sapi/v1/margin/order", .signed, .ip(10), .write(OrderEndpoints.cancelOrder)),
        Endpoint(.get, "/sapi/v1/margin/openOrders", .signed, .ip(10), .read(OrderEndpoints.openOrders)),
        Endpoint(.delete, "/sapi/v1/margin/openOrders", .signed, .ip(1), .write(OrderEndpoints.cancelOpenOrders)),
        Endpoint(.get, "/sapi/v1/margin/allOrders", .signed, .ip(200), .read(OrderEndpoints.allOrders)),
        Endpoint(.get, "/sapi/v1/margin/myTrades", .signed, .ip(10), .read(OrderEndpoints.myTrades)),
        // Order lists (OCO, OTO, OTOCO).
        Endpoint(.post, "/sapi/v1/margin/order/oco", .signed, weight: OrderListEndpoints.placementWeight, .write(OrderListEndpoints.newOCO)),
        Endpoint(.post, "/sapi/v1/margin/order/oto", .signed, weight: OrderListEndpoints.placementWeight, .write(OrderListEndpoints.newOTO)),
        Endpoint(.post, "/sapi/v1/margin/order/otoco", .signed, weight: OrderListEndpoints.placementWeight, .write(OrderListEndpoints.newOTOCO)),
        Endpoint(.get, "/sapi/v1/margin/orderList", .signed, .ip(10), .read(OrderListEndpoints.orderList)),
        Endpoint(.delete, "/sapi/v1/margin/orderList", .signed, .uid(1), .write(OrderListEndpoints.cancelOrderList)),
        Endpoint(.get, "/sapi/v1/margin/openOrderList", .signed, .ip(10), .read(OrderListEndpoints.openOrderList)),
        Endpoint(.get, "/sapi/v1/margin/allOrderList", .signed, .ip(200), .read(OrderListEndpoints.allOrderList)),
        // Transfers.
        Endpoint(.post, "/sapi/v1/margin/transfer", .signed, .ip(600), .write(TransferEndpoints.marginTransfer)),
        Endpoint(.get, "/sapi/v1/margin/transfer", .signed, .ip(1), .read(TransferEndpoints.marginTransferHistory)),
        Endpoint(.post, "/sapi/v1/asset/transfer", .signed, .uid(300), .write(TransferEndpoints.universalTransfer)),
        Endpoint(.get, "/sapi/v1/asset/transfer", .signed, .ip(1), .read(TransferEndpoints.universalTransferHistory)),
        // Stream listenKeys (USER_STREAM: API key only). docs/streams.md.
        Endpoint(.post, "/sapi/v1/userDataStream", .apiKey, .uid(1), .control(.listenKey(.start, .crossUserData))),
        Endpoint(.put, "/sapi/v1/userDataStream", .apiKey, .uid(1), .control(.listenKey(.keepAlive, .crossUserData))),
        Endpoint(.delete, "/sapi/v1/userDataStream", .apiKey, .uid(1), .control(.listenKey(.close, .crossUserData))),
        Endpoint(.post, "/sapi/v1/userDataStream/isolated", .apiKey, .uid(1), .control(.listenKey(.start, .isolatedUserData))),
        Endpoint(.put, "/sapi/v1/userDataStream/isolated", .apiKey, .uid(1), .control(.listenKey(.keepAlive, .isolatedUserData))),
        Endpoint(.delete, "/sapi/v1/userDataStream/isolated", .apiKey, .uid(1), .control(.listenKey(.close, .isolatedUserData))),
        Endpoint(.post, "/sapi/v1/userListenToken", .apiKeyOptionallySigned, .uid(1), .control(.listenToken)),
        Endpoint(.post, "/sapi/v1/margin/listen-key", .apiKey, .uid(1), .control(.listenKey(.start, .risk))),
        Endpoint(.put, "/sapi/v1/margin/listen-key", .apiKey, .uid(1), .control(.listenKey(.keepAlive, .risk))),
        Endpoint(.delete, "/sapi/v1/margin/listen-key", .apiKey, .uid(3000), .control(.listenKey(.close, .risk))),
        // Simulator controls (unsigned, unweighted).
        Endpoint(.get, "/sim/state", .none, .free, .control(.state)),
        Endpoint(.post, "/sim/price", .none, .free, .write(ControlEndpoints.price)),
        Endpoint(.post, "/sim/shock", .none, .free, .write(ControlEndpoints.shock)),
        Endpoint(.post, "/sim/walk", .none, .free, .write(ControlEndpoints.walk)),
        Endpoint(.post, "/sim/deposit", .none, .free, .write(ControlEndpoints.deposit)),
        Endpoint(.post, "/sim/rate", .none, .free, .write(ControlEndpoints.rate)),
        Endpoint(.post, "/sim/clock", .none, .free, .control(.clock)),
        Endpoint(.post, "/sim/reset", .none, .free, .control(.reset)),
        Endpoint(.post, "/sim/replay", .none, .free, .control(.replay)),
        Endpoint(.post, "/sim/fault", .none, .free, .control(.fault)),
    ]

    /// The endpoints by path (one to four methods each): a lookup hashes the request's path as it is, with no
    /// key string built per request.
    private static let table: [String: [Endpoint]] = Dictionary(grouping: endpoints, by: \.path)

    /// The endpoint for `method` and `path`, if the simulator serves it.
    static func route(_ method: HTTPMethod, _ path: String) -> Endpoint? {
        table[path]?.first { $0.method == method }
    }
}
