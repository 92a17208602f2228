import Foundation

extension MarginClient {
    /// Binance's current time, ms (`GET /api/v3/time`).
    public func serverTime() async throws -> Int64 {
        try await call(Endpoints.serverTime, as: ServerTime.self).serverTime
    }

    /// Trading rules and symbol filters (`GET /api/v3/exchangeInfo`), for `symbols` or for all;
    /// the symbols returned are cached for ``symbolInfo(_:)``.
    public func exchangeInfo(symbols: [String]? = nil) async throws -> ExchangeInfo {
        var p = Parameters()
        if let symbols {
            for symbol in symbols { try InputValidation.symbol(symbol, field: "symbols") }
            if symbols.count == 1 { p.add("symbol", symbols[0]) } else if !symbols.isEmpty { p.add("symbols", MarginClient.jsonArray(symbols)) }
        }
        let info = try await call(Endpoints.exchangeInfo, p, as: ExchangeInfo.self)
        for symbol in info.symbols { symbolCache[symbol.symbol] = symbol }
        return info
    }

    /// One symbol's rules and filters, from the cache or `GET /api/v3/exchangeInfo?symbol=`.
    public func symbolInfo(_ symbol: String) async throws -> SymbolInfo {
        if let cached = symbolCache[symbol] { return cached }
        let info = try await exchangeInfo(symbols: [symbol])
        guard let found = info.symbol(symbol) else {
            throw BinanceError(category: .notFound, code: -1121, message: "Invalid symbol.", endpoint: Endpoints.exchangeInfo.description)
        }
        return found
    }

    /// Forgets cached symbol rules (they change rarely; call after a listing change).
    public func clearSymbolCache() { symbolCache.removeAll() }

    /// The last price of `symbol` (`GET /api/v3/ticker/price?symbol=`).
    public func price(_ symbol: String) async throws -> Number {
        try InputValidation.symbol(symbol, field: "symbol")
        return try await call(Endpoints.tickerPrice, ["symbol": symbol], as: PriceTicker.self).price
    }

    /// The last price of every symbol, by symbol (`GET /api/v3/ticker/price`).
    public func prices() async throws -> [String: Number] {
        let tickers = try await call(Endpoints.tickerPrice, as: [PriceTicker].self)
        return Dictionary(tickers.map { ($0.symbol, $0.price) }, uniquingKeysWith: { _, last in last })
    }

    /// The margin price index of `symbol` (`GET /sapi/v1/margin/priceIndex`).
    public func priceIndex(_ symbol: String) async throws -> PriceIndex {
        try InputValidation.symbol(symbol, field: "symbol")
        return try await call(Endpoints.priceIndex, ["symbol": symbol], as: PriceIndex.self)
    }

    /// `["A","B"]`, compact, as Binance's `symbols` parameter wants it.
    static func jsonArray(_ items: [String]) -> String {
        "[" + items.map { "\"\($0)\"" }.joined(separator: ",") + "]"
    }
}
