/// The table of every endpoint the client calls: method, path, security type, weight.
///
/// Weights are Binance's documented 2026 values (see the reference); the live numbers come back in
/// the used-weight headers, which ``RateLimitUsage`` records.
public enum Endpoints {
    // Market data and time (/api/v3).
    public static let serverTime = Endpoint("serverTime", .get, "/api/v3/time", .none, .ip(1))
    public static let exchangeInfo = Endpoint("exchangeInfo", .get, "/api/v3/exchangeInfo", .none, .ip(20))
    public static let tickerPrice = Endpoint("tickerPrice", .get, "/api/v3/ticker/price", .none, .ip(2))
    public static let priceIndex = Endpoint("priceIndex", .get, "/sapi/v1/margin/priceIndex", .apiKey, .ip(10))

    // Accounts.
    public static let crossAccount = Endpoint("crossAccount", .get, "/sapi/v1/margin/account", .signed, .ip(10))
    public static let isolatedAccount = Endpoint("isolatedAccount", .get, "/sapi/v1/margin/isolated/account", .signed, .ip(10))
    public static let maxBorrowable = Endpoint("maxBorrowable", .get, "/sapi/v1/margin/maxBorrowable", .signed, .ip(50))
    public static let maxTransferable = Endpoint("maxTransferable", .get, "/sapi/v1/margin/maxTransferable", .signed, .ip(50))

    // Loans and interest.
    public static let borrowRepay = Endpoint("borrowRepay", .post, "/sapi/v1/margin/borrow-repay", .signed, .uid(1500))
    public static let borrowRepayRecords = Endpoint("borrowRepayRecords", .get, "/sapi/v1/margin/borrow-repay", .signed, .ip(10))
    public static let interestRateHistory = Endpoint("interestRateHistory", .get, "/sapi/v1/margin/interestRateHistory", .signed, .ip(1))
    public static let interestHistory = Endpoint("interestHistory", .get, "/sapi/v1/margin/interestHistory", .signed, .ip(1))

    // Orders and trades.
    public static let newOrder = Endpoint("newOrder", .post, "/sapi/v1/margin/order", .signed, .uid(6))
    public static let queryOrder = Endpoint("queryOrder", .get, "/sapi/v1/margin/order", .signed, .ip(10))
    public static let cancelOrder = Endpoint("cancelOrder", .delete, "/sapi/v1/margin/order", .signed, .ip(10))
    public static let openOrders = Endpoint("openOrders", .get, "/sapi/v1/margin/openOrders", .signed, .ip(10))
    public static let cancelOpenOrders = Endpoint("cancelOpenOrders", .delete, "/sapi/v1/margin/openOrders", .signed, .ip(1))
    public static let allOrders = Endpoint("allOrders", .get, "/sapi/v1/margin/allOrders", .signed, .ip(200))
    public static let myTrades = Endpoint("myTrades", .get, "/sapi/v1/margin/myTrades", .signed, .ip(10))

    // Transfers.
    public static let universalTransfer = Endpoint("universalTransfer", .post, "/sapi/v1/asset/transfer", .signed, .uid(300))
    public static let marginTransfer = Endpoint("marginTransfer", .post, "/sapi/v1/margin/transfer", .signed, .ip(600))

    // Simulator control (docs/CONTRACTS.md); never sent to live Binance.
    public static let simState = Endpoint("simState", .get, "/sim/state", .simulator, .ip(0))
    public static let simPrice = Endpoint("simPrice", .post, "/sim/price", .simulator, .ip(0))
    public static let simShock = Endpoint("simShock", .post, "/sim/shock", .simulator, .ip(0))
    public static let simWalk = Endpoint("simWalk", .post, "/sim/walk", .simulator, .ip(0))
    public static let simClock = Endpoint("simClock", .post, "/sim/clock", .simulator, .ip(0))
    public static let simDeposit = Endpoint("simDeposit", .post, "/sim/deposit", .simulator, .ip(0))
    public static let simReset = Endpoint("simReset", .post, "/sim/reset", .simulator, .ip(0))
    public static let simFault = Endpoint("simFault", .post, "/sim/fault", .simulator, .ip(0))

    /// Every endpoint above, in table order.
    public static let all: [Endpoint] = [
        serverTime, exchangeInfo, tickerPrice, priceIndex,
        crossAccount, isolatedAccount, maxBorrowable, maxTransferable,
        borrowRepay, borrowRepayRecords, interestRateHistory, interestHistory,
        newOrder, queryOrder, cancelOrder, openOrders, cancelOpenOrders, allOrders, myTrades,
        universalTransfer, marginTransfer,
        simState, simPrice, simShock, simWalk, simClock, simDeposit, simReset, simFault,
    ]

    /// The weight of a new order: 1500 (UID) when it may borrow (`MARGIN_BUY`, `AUTO_BORROW_REPAY`), else 6.
    public static func newOrderWeight(_ sideEffect: SideEffectType) -> Endpoint.Weight {
        sideEffect.borrows ? .uid(1500) : .uid(6)
    }
}
