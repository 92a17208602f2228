import BinanceMargin

/// The account as the script sees it: reads through the client, cached within one statement and
/// dropped after anything that changes the account (so values are always fresh, and one statement
/// that asks for `free(USDT)` twice sends one request). Opaque outside the module: standard
/// builtins read it; host functions get plain values.
package final class AccountView {
    let client: MarginClient
    let clock: any InterpreterClock
    private var crossCache: CrossMarginAccount?
    private var isolatedCache: IsolatedMarginAccounts?
    private var spotCache: SpotAccount?
    private var priceCache: [String: Number] = [:]
    private var rateCache: [String: Number] = [:]
    private var dirty = false

    init(client: MarginClient, clock: any InterpreterClock) {
        self.client = client
        self.clock = clock
    }

    /// Drops cached account values (at each statement boundary and after each mutation).
    @inline(__always)
    func invalidate() {
        guard dirty else { return }
        crossCache = nil
        isolatedCache = nil
        spotCache = nil
        priceCache.removeAll(keepingCapacity: true)
        rateCache.removeAll(keepingCapacity: true)
        dirty = false
    }

    func cross() async throws -> CrossMarginAccount {
        if let crossCache { return crossCache }
        let account = try await client.crossAccount()
        crossCache = account
        dirty = true
        return account
    }

    func isolatedAccounts() async throws -> IsolatedMarginAccounts {
        if let isolatedCache { return isolatedCache }
        let accounts = try await client.isolatedAccounts()
        isolatedCache = accounts
        dirty = true
        return accounts
    }

    /// The spot wallet (`GET /api/v3/account`, zero balances omitted; a missing asset reads as zero).
    func spot() async throws -> SpotAccount {
        if let spotCache { return spotCache }
        let account = try await client.spotAccount(omitZeroBalances: true)
        spotCache = account
        dirty = true
        return account
    }

    func isolatedPair(_ symbol: String) async throws -> IsolatedPair {
        guard let pair = try await isolatedAccounts().pair(symbol) else {
            throw BuiltinError("there is no isolated margin account for \(symbol)",
                               hint: "open one by transferring collateral: transfer 100 USDT to isolated \(symbol)")
        }
        return pair
    }

    /// A balance row for `(asset [, symbol])` arguments: cross, or one side of an isolated pair.
    func balance(_ args: [Value]) async throws -> (free: Number, locked: Number, borrowed: Number, interest: Number, netAsset: Number) {
        let asset = args[0].codeValue ?? ""
        if args.count > 1, let symbol = args[1].codeValue {
            let pair = try await isolatedPair(symbol)
            let side: IsolatedAsset
            if pair.baseAsset.asset == asset { side = pair.baseAsset } else if pair.quoteAsset.asset == asset { side = pair.quoteAsset } else {
                throw BuiltinError("\(asset) is not part of the pair \(symbol) (\(pair.baseAsset.asset)/\(pair.quoteAsset.asset))",
                                   hint: "an isolated pair holds only its two assets: \(pair.baseAsset.asset) or \(pair.quoteAsset.asset); drop the symbol for the cross account", argument: 0)
            }
            return (side.free, side.locked, side.borrowed, side.interest, side.netAsset)
        }
        guard let row = try await cross().asset(asset) else { return (.zero, .zero, .zero, .zero, .zero) }
        return (row.free, row.locked, row.borrowed, row.interest, row.netAsset)
    }

    func price(_ symbol: String) async throws -> Number {
        if let cached = priceCache[symbol] { return cached }
        let p = try await client.price(symbol)
        priceCache[symbol] = p
        dirty = true
        return p
    }

    func dailyRate(_ asset: String) async throws -> Number {
        if let cached = rateCache[asset] { return cached }
        let history = try await client.interestRateHistory(asset: asset)
        guard let latest = history.max(by: { $0.timestamp < $1.timestamp }) else {
            throw BuiltinError("the exchange has no interest rate for \(asset)", hint: "is \(asset) a margin asset?", argument: 0)
        }
        rateCache[asset] = latest.dailyInterestRate
        dirty = true
        return latest.dailyInterestRate
    }

    func maxBorrowable(_ asset: String, isolated: String?) async throws -> Number {
        try await client.maxBorrowable(asset: asset, isolatedSymbol: isolated).amount
    }

    func maxTransferable(_ asset: String, isolated: String?) async throws -> Number {
        try await client.maxTransferable(asset: asset, isolatedSymbol: isolated)
    }

    func openOrders(_ symbol: String?, isolated: Bool) async throws -> [Order] {
        try await client.openOrders(symbol: symbol, isIsolated: isolated).sorted { $0.time < $1.time }
    }

    func order(_ symbol: String, id: Int64, isolated: Bool) async throws -> Order {
        try await client.order(symbol: symbol, orderId: id, clientOrderId: nil, isIsolated: isolated)
    }

    func symbolInfo(_ symbol: String) async throws -> SymbolInfo {
        try await client.symbolInfo(symbol)
    }

    func now() async throws -> Int64 {
        try await clock.now()
    }
}
