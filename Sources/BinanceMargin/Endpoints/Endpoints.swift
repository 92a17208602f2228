/// The table of every endpoint the client calls: method, path, security type, weight.
///
/// Weights are Binance's documented 2026 values (see the reference); the live numbers come back in
/// the used-weight headers, which ``RateLimitUsage`` records.
public enum Endpoints {
    // Market data and time (/api/v3).
    /// `GET /api/v3/time`: Binance's clock.
    public static let serverTime = Endpoint("serverTime", .get, "/api/v3/time", .none, .ip(1))
    /// `GET /api/v3/exchangeInfo`: Trading rules and symbol filters.
    public static let exchangeInfo = Endpoint("exchangeInfo", .get, "/api/v3/exchangeInfo", .none, .ip(20))
    /// `GET /api/v3/ticker/price`: Last prices.
    public static let tickerPrice = Endpoint("tickerPrice", .get, "/api/v3/ticker/price", .none, .ip(2))
    /// `GET /sapi/v1/margin/priceIndex`: A margin pair's index price.
    public static let priceIndex = Endpoint("priceIndex", .get, "/sapi/v1/margin/priceIndex", .apiKey, .ip(10))

    // Accounts.
    /// `GET /api/v3/account`: The spot wallet (USER_DATA, weight 20 on the `/api` bucket).
    public static let spotAccount = Endpoint("spotAccount", .get, "/api/v3/account", .signed, .ip(20))
    /// `GET /sapi/v1/margin/account`: The cross margin account.
    public static let crossAccount = Endpoint("crossAccount", .get, "/sapi/v1/margin/account", .signed, .ip(10))
    /// `GET /sapi/v1/margin/isolated/account`: Isolated margin pairs.
    public static let isolatedAccount = Endpoint("isolatedAccount", .get, "/sapi/v1/margin/isolated/account", .signed, .ip(10))
    /// `GET /sapi/v1/margin/maxBorrowable`: The most that may be borrowed now.
    public static let maxBorrowable = Endpoint("maxBorrowable", .get, "/sapi/v1/margin/maxBorrowable", .signed, .ip(50))
    /// `GET /sapi/v1/margin/maxTransferable`: The most that may be transferred out now.
    public static let maxTransferable = Endpoint("maxTransferable", .get, "/sapi/v1/margin/maxTransferable", .signed, .ip(50))

    // Loans and interest.
    /// `POST /sapi/v1/margin/borrow-repay`: Borrow or repay.
    public static let borrowRepay = Endpoint("borrowRepay", .post, "/sapi/v1/margin/borrow-repay", .signed, .uid(1500))
    /// `GET /sapi/v1/margin/borrow-repay`: Borrow/repay history.
    public static let borrowRepayRecords = Endpoint("borrowRepayRecords", .get, "/sapi/v1/margin/borrow-repay", .signed, .ip(10))
    /// `GET /sapi/v1/margin/interestRateHistory`: Daily interest rates.
    public static let interestRateHistory = Endpoint("interestRateHistory", .get, "/sapi/v1/margin/interestRateHistory", .signed, .ip(1))
    /// `GET /sapi/v1/margin/interestHistory`: Interest charged.
    public static let interestHistory = Endpoint("interestHistory", .get, "/sapi/v1/margin/interestHistory", .signed, .ip(1))

    // Orders and trades.
    /// `POST /sapi/v1/margin/order`: Place an order (UID 6; 1500 when it may borrow).
    public static let newOrder = Endpoint("newOrder", .post, "/sapi/v1/margin/order", .signed, .uid(6))
    /// `GET /sapi/v1/margin/order`: One order.
    public static let queryOrder = Endpoint("queryOrder", .get, "/sapi/v1/margin/order", .signed, .ip(10))
    /// `DELETE /sapi/v1/margin/order`: Cancel one order.
    public static let cancelOrder = Endpoint("cancelOrder", .delete, "/sapi/v1/margin/order", .signed, .ip(10))
    /// `GET /sapi/v1/margin/openOrders`: Open orders.
    public static let openOrders = Endpoint("openOrders", .get, "/sapi/v1/margin/openOrders", .signed, .ip(10))
    /// `DELETE /sapi/v1/margin/openOrders`: Cancel every open order of a symbol.
    public static let cancelOpenOrders = Endpoint("cancelOpenOrders", .delete, "/sapi/v1/margin/openOrders", .signed, .ip(1))
    /// `GET /sapi/v1/margin/allOrders`: Order history (IP 200, 60 per minute).
    public static let allOrders = Endpoint("allOrders", .get, "/sapi/v1/margin/allOrders", .signed, .ip(200))
    /// `GET /sapi/v1/margin/myTrades`: Trade history.
    public static let myTrades = Endpoint("myTrades", .get, "/sapi/v1/margin/myTrades", .signed, .ip(10))

    // Transfers.
    /// `POST /sapi/v1/asset/transfer`: Universal transfer (spot, cross, isolated).
    public static let universalTransfer = Endpoint("universalTransfer", .post, "/sapi/v1/asset/transfer", .signed, .uid(300))
    /// `POST /sapi/v1/margin/transfer`: Retired cross-margin transfer (type 1 in, 2 out).
    public static let marginTransfer = Endpoint("marginTransfer", .post, "/sapi/v1/margin/transfer", .signed, .ip(600))

    // Order lists (OCO, OTO, OTOCO).
    /// `POST /sapi/v1/margin/order/oco`: Place an OCO.
    public static let newOCO = Endpoint("newOCO", .post, "/sapi/v1/margin/order/oco", .signed, .uid(6))
    /// `POST /sapi/v1/margin/order/oto`: Place an OTO.
    public static let newOTO = Endpoint("newOTO", .post, "/sapi/v1/margin/order/oto", .signed, .uid(6))
    /// `POST /sapi/v1/margin/order/otoco`: Place an OTOCO.
    public static let newOTOCO = Endpoint("newOTOCO", .post, "/sapi/v1/margin/order/otoco", .signed, .uid(6))
    /// `GET /sapi/v1/margin/orderList`: One order list.
    public static let queryOrderList = Endpoint("queryOrderList", .get, "/sapi/v1/margin/orderList", .signed, .ip(10))
    /// `DELETE /sapi/v1/margin/orderList`: Cancel an order list.
    public static let cancelOrderList = Endpoint("cancelOrderList", .delete, "/sapi/v1/margin/orderList", .signed, .uid(1))
    /// `GET /sapi/v1/margin/openOrderList`: Open order lists.
    public static let openOrderList = Endpoint("openOrderList", .get, "/sapi/v1/margin/openOrderList", .signed, .ip(10))
    /// `GET /sapi/v1/margin/allOrderList`: Order lists, by id or time.
    public static let allOrderList = Endpoint("allOrderList", .get, "/sapi/v1/margin/allOrderList", .signed, .ip(200))

    // Reference data, history and risk.
    /// `GET /sapi/v1/margin/transfer`: Cross/isolated margin transfer history.
    public static let marginTransferHistory = Endpoint("marginTransferHistory", .get, "/sapi/v1/margin/transfer", .signed, .ip(1))
    /// `GET /sapi/v1/asset/transfer`: Universal transfer history.
    public static let universalTransferHistory = Endpoint("universalTransferHistory", .get, "/sapi/v1/asset/transfer", .signed, .ip(1))
    /// `GET /sapi/v1/margin/next-hourly-interest-rate`: The next hour's interest rates.
    public static let nextHourlyInterestRate = Endpoint("nextHourlyInterestRate", .get, "/sapi/v1/margin/next-hourly-interest-rate", .signed, .ip(100))
    /// `GET /sapi/v1/margin/crossMarginData`: Cross margin terms per coin and VIP level.
    public static let crossMarginData = Endpoint("crossMarginData", .get, "/sapi/v1/margin/crossMarginData", .signed, .ip(5))
    /// `GET /sapi/v1/margin/isolatedMarginData`: Isolated margin terms per pair and VIP level.
    public static let isolatedMarginData = Endpoint("isolatedMarginData", .get, "/sapi/v1/margin/isolatedMarginData", .signed, .ip(10))
    /// `GET /sapi/v1/margin/isolatedMarginTier`: An isolated pair's leverage tiers.
    public static let isolatedMarginTier = Endpoint("isolatedMarginTier", .get, "/sapi/v1/margin/isolatedMarginTier", .signed, .ip(1))
    /// `GET /sapi/v1/margin/allPairs`: Cross margin pairs.
    public static let allPairs = Endpoint("allPairs", .get, "/sapi/v1/margin/allPairs", .apiKey, .ip(1))
    /// `GET /sapi/v1/margin/isolated/allPairs`: Isolated margin pairs.
    public static let isolatedAllPairs = Endpoint("isolatedAllPairs", .get, "/sapi/v1/margin/isolated/allPairs", .apiKey, .ip(10))
    /// `GET /sapi/v1/margin/allAssets`: Margin assets and their minimums.
    public static let allAssets = Endpoint("allAssets", .get, "/sapi/v1/margin/allAssets", .apiKey, .ip(1))
    /// `GET /sapi/v1/margin/tradeCoeff`: The account's margin-level thresholds.
    public static let tradeCoeff = Endpoint("tradeCoeff", .get, "/sapi/v1/margin/tradeCoeff", .signed, .ip(10))
    /// `GET /sapi/v1/margin/forceLiquidationRec`: Forced liquidations.
    public static let forceLiquidationRec = Endpoint("forceLiquidationRec", .get, "/sapi/v1/margin/forceLiquidationRec", .signed, .ip(1))

    /// `POST /sapi/v1/margin/max-leverage`: Set the cross account's leverage (3 or 5).
    public static let maxLeverage = Endpoint("maxLeverage", .post, "/sapi/v1/margin/max-leverage", .signed, .uid(3000))
    /// `POST /sapi/v1/margin/manual-liquidation`: Liquidate the account now.
    public static let manualLiquidation = Endpoint("manualLiquidation", .post, "/sapi/v1/margin/manual-liquidation", .signed, .uid(3000))
    /// `GET /sapi/v1/margin/capital-flow`: Movements of funds.
    public static let capitalFlow = Endpoint("capitalFlow", .get, "/sapi/v1/margin/capital-flow", .signed, .ip(100))

    // Stream keys (USER_STREAM: the API key header only). docs/streams.md.
    /// `POST /sapi/v1/userListenToken`: A listenToken for the user-data stream on the WebSocket API (since 2025-10; the listenKeys' successor).
    public static let userListenToken = Endpoint("userListenToken", .post, "/sapi/v1/userListenToken", .apiKey, .uid(1))
    /// `POST /sapi/v1/userDataStream`: Start (or extend) the cross margin user-data stream's listenKey (retired by Binance on 2026-02-20).
    public static let startUserDataStream = Endpoint("startUserDataStream", .post, "/sapi/v1/userDataStream", .apiKey, .uid(1))
    /// `PUT /sapi/v1/userDataStream`: Keep a cross margin listenKey alive for 60 more minutes.
    public static let keepAliveUserDataStream = Endpoint("keepAliveUserDataStream", .put, "/sapi/v1/userDataStream", .apiKey, .uid(1))
    /// `DELETE /sapi/v1/userDataStream`: Close a cross margin listenKey.
    public static let closeUserDataStream = Endpoint("closeUserDataStream", .delete, "/sapi/v1/userDataStream", .apiKey, .uid(1))
    /// `POST /sapi/v1/userDataStream/isolated`: Start an isolated pair's listenKey.
    public static let startIsolatedUserDataStream = Endpoint("startIsolatedUserDataStream", .post, "/sapi/v1/userDataStream/isolated", .apiKey, .uid(1))
    /// `PUT /sapi/v1/userDataStream/isolated`: Keep an isolated pair's listenKey alive.
    public static let keepAliveIsolatedUserDataStream = Endpoint("keepAliveIsolatedUserDataStream", .put, "/sapi/v1/userDataStream/isolated", .apiKey, .uid(1))
    /// `DELETE /sapi/v1/userDataStream/isolated`: Close an isolated pair's listenKey.
    public static let closeIsolatedUserDataStream = Endpoint("closeIsolatedUserDataStream", .delete, "/sapi/v1/userDataStream/isolated", .apiKey, .uid(1))
    /// `POST /sapi/v1/margin/listen-key`: Start (or extend) the margin risk stream's listenKey.
    public static let startRiskDataStream = Endpoint("startRiskDataStream", .post, "/sapi/v1/margin/listen-key", .apiKey, .uid(1))
    /// `PUT /sapi/v1/margin/listen-key`: Keep the risk stream's listenKey alive.
    public static let keepAliveRiskDataStream = Endpoint("keepAliveRiskDataStream", .put, "/sapi/v1/margin/listen-key", .apiKey, .uid(1))
    /// `DELETE /sapi/v1/margin/listen-key`: Close the account's risk stream listenKey (UID 3000).
    public static let closeRiskDataStream = Endpoint("closeRiskDataStream", .delete, "/sapi/v1/margin/listen-key", .apiKey, .uid(3000))

    // Simulator control (docs/CONTRACTS.md); never sent to live Binance.
    /// `GET /sim/state`: Simulator: whole state.
    public static let simState = Endpoint("simState", .get, "/sim/state", .simulator, .ip(0))
    /// `POST /sim/price`: Simulator: set a price.
    public static let simPrice = Endpoint("simPrice", .post, "/sim/price", .simulator, .ip(0))
    /// `POST /sim/shock`: Simulator: move a price by a percentage.
    public static let simShock = Endpoint("simShock", .post, "/sim/shock", .simulator, .ip(0))
    /// `POST /sim/walk`: Simulator: random-walk a price.
    public static let simWalk = Endpoint("simWalk", .post, "/sim/walk", .simulator, .ip(0))
    /// `POST /sim/clock`: Simulator: advance the clock.
    public static let simClock = Endpoint("simClock", .post, "/sim/clock", .simulator, .ip(0))
    /// `POST /sim/deposit`: Simulator: credit an account.
    public static let simDeposit = Endpoint("simDeposit", .post, "/sim/deposit", .simulator, .ip(0))
    /// `POST /sim/reset`: Simulator: reset to a scenario.
    public static let simReset = Endpoint("simReset", .post, "/sim/reset", .simulator, .ip(0))
    /// `POST /sim/fault`: Simulator: inject a fault.
    public static let simFault = Endpoint("simFault", .post, "/sim/fault", .simulator, .ip(0))
    /// `POST /sim/replay`: Simulator: replay price history from kline files.
    public static let simReplay = Endpoint("simReplay", .post, "/sim/replay", .simulator, .ip(0))

    /// Every endpoint above, in table order.
    public static let all: [Endpoint] = [
        serverTime, exchangeInfo, tickerPrice, priceIndex,
        spotAccount, crossAccount, isolatedAccount, maxBorrowable, maxTransferable,
        borrowRepay, borrowRepayRecords, interestRateHistory, interestHistory,
        newOrder, queryOrder, cancelOrder, openOrders, cancelOpenOrders, allOrders, myTrades,
        newOCO, newOTO, newOTOCO, queryOrderList, cancelOrderList, openOrderList, allOrderList,
        universalTransfer, marginTransfer,
        marginTransferHistory, universalTransferHistory, nextHourlyInterestRate, crossMarginData, isolatedMarginData,
        isolatedMarginTier, allPairs, isolatedAllPairs, allAssets, tradeCoeff, forceLiquidationRec,
        maxLeverage, manualLiquidation, capitalFlow,
        startUserDataStream, keepAliveUserDataStream, closeUserDataStream,
        startIsolatedUserDataStream, keepAliveIsolatedUserDataStream, closeIsolatedUserDataStream,
        startRiskDataStream, keepAliveRiskDataStream, closeRiskDataStream,
        simState, simPrice, simShock, simWalk, simClock, simDeposit, simReset, simFault, simReplay,
    ]

    /// The weight of a new order or order list: 1500 (UID) when it may borrow (`MARGIN_BUY`, `AUTO_BORROW_REPAY`), else 6.
    public static func newOrderWeight(_ sideEffect: SideEffectType) -> Endpoint.Weight {
        sideEffect.borrows ? .uid(1500) : .uid(6)
    }
}
