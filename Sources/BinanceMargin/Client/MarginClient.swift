import Foundation
import Logging

/// The Binance margin client: every operation mops performs on an exchange goes through here.
///
/// One actor per account. It signs requests (HMAC, Ed25519 or RSA), keeps the server-time offset,
/// honours rate limits (waits out `Retry-After`, fails fast during a 418 ban), retries GET and DELETE
/// with backoff, never re-sends a POST blindly, reconciles orders and loans whose outcome was lost,
/// and maps every failure to a ``BinanceError``. Amounts are exact ``Number``s, ids `Int64`, times ms.
///
/// ```swift
/// let client = try MarginClient(configuration: .init(transport: HTTPTransport(baseURL: url), credentials: creds))
/// let account = try await client.crossAccount()
/// let result = try await client.placeOrder(.market("BTCUSDT", .buy, quantity: "0.001", sideEffect: .marginBuy))
/// ```
///
/// Operations, by area: market data and time (``serverTime()``, ``syncTime()``, ``exchangeInfo(symbols:)``,
/// ``symbolInfo(_:)``, ``price(_:)``, ``prices()``, ``priceIndex(_:)``); accounts (``crossAccount()``,
/// ``isolatedAccounts(symbols:)``, ``maxBorrowable(asset:isolatedSymbol:)``, ``maxTransferable(asset:isolatedSymbol:)``);
/// loans (``borrow(asset:amount:isolatedSymbol:)``, ``repay(asset:amount:isolatedSymbol:)``, ``borrowRepayRecords(_:)``,
/// ``interestRateHistory(asset:vipLevel:startTime:endTime:)``, ``interestHistory(asset:isolatedSymbol:startTime:endTime:current:size:)``);
/// orders (``placeOrder(_:)``, ``order(symbol:orderId:clientOrderId:isIsolated:)``, ``cancelOrder(symbol:orderId:clientOrderId:isIsolated:newClientOrderId:)``,
/// ``cancelOpenOrders(symbol:isIsolated:)``, ``openOrders(symbol:isIsolated:)``, ``allOrders(symbol:isIsolated:orderId:startTime:endTime:limit:)``,
/// ``myTrades(symbol:isIsolated:orderId:startTime:endTime:fromId:limit:)``); order lists (``placeOrderList(_:)`` for OCO, OTO
/// and OTOCO, ``orderList(orderListId:listClientOrderId:symbol:isIsolated:)``, ``openOrderLists(symbol:isIsolated:)``,
/// ``allOrderLists(symbol:isIsolated:fromId:startTime:endTime:limit:)``,
/// ``cancelOrderList(symbol:orderListId:listClientOrderId:isIsolated:newClientOrderId:)``); transfers (``transfer(asset:amount:_:)``,
/// ``legacyMarginTransfer(asset:amount:toMargin:)``, ``marginTransferHistory(asset:type:isolatedSymbol:startTime:endTime:current:size:)``,
/// ``universalTransferHistory(type:startTime:endTime:current:size:fromSymbol:toSymbol:)``); reference data and risk
/// (``marginPairs(symbol:)``, ``isolatedMarginPairs(symbol:)``, ``marginAssets(asset:)``, ``crossMarginData(vipLevel:coin:)``,
/// ``isolatedMarginData(vipLevel:symbol:)``, ``isolatedMarginTiers(symbol:tier:)``, ``nextHourlyInterestRates(assets:isIsolated:)``,
/// ``tradeCoefficients()``, ``forceLiquidationRecords(startTime:endTime:isolatedSymbol:current:size:)``, ``setMaxLeverage(_:)``,
/// ``manualLiquidation(isolatedSymbol:)``, ``capitalFlow(asset:isolatedSymbol:type:startTime:endTime:fromId:limit:)``);
/// simulator control (`sim…`, refused against live Binance).
public actor MarginClient {
    /// The settings the client was made with.
    public nonisolated let configuration: Configuration
    /// The used-weight figures of the last responses, and any active wait or ban.
    public internal(set) var rateLimitUsage = RateLimitUsage()
    /// The measured server-time offset.
    public internal(set) var timeSync: ServerTimeSync
    /// Symbol rules read so far, by symbol.
    var symbolCache: [String: SymbolInfo] = [:]
    /// The server-time measurement in flight, shared by concurrent callers.
    var pendingTimeSync: Task<Void, any Error>?
    /// Borrow/repay calls in flight and recently answered, so a lost answer is never settled with another call's record.
    var loanCalls = LoanCallLog()
    let decoder = JSONDecoder()
    /// The last cross account answer's `userAssets` bytes and what they were read to (``UserAssetsMemo``).
    var userAssetsMemo = UserAssetsMemo()

    /// A client with `configuration`; throws when a setting is out of range (e.g. recvWindow > 60000).
    public init(configuration: Configuration) throws {
        try configuration.validate()
        self.configuration = configuration
        self.timeSync = ServerTimeSync(refreshInterval: configuration.timeSyncInterval)
    }

    /// A client with default settings for `transport` and `credentials`.
    public init(transport: any Transport, credentials: Credentials? = nil) throws {
        try self.init(configuration: Configuration(transport: transport, credentials: credentials))
    }

    /// Whether requests go to live Binance (simulator control is then refused).
    public nonisolated var isLive: Bool { configuration.isLive }

    /// The simulator controls (`/sim/*`) this client has sent (``SimulatorControlCount``).
    public nonisolated let simulatorControls = SimulatorControlCount()

    /// The server's current time by the measured offset, ms (the local time before any measurement).
    public var estimatedServerTime: Int64 { timeSync.serverTime(at: configuration.clock.now()) }

    var logger: Logger { configuration.logger }
}
