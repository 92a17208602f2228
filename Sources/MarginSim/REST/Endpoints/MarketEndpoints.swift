import BinanceMargin

/// `/api/v3` market data and the margin market-data endpoints.
enum MarketEndpoints {
    /// The symbols a `symbol` / `symbols` parameter selects (all when neither), or -1121.
    static func selectedSymbols(_ p: RequestParameters) throws(ExchangeError) -> [ListedSymbol] {
        if p.string("symbol") != nil, p.string("symbols") != nil { throw .badCombination }
        var names = Catalog.symbolOrder
        if let one = p.string("symbol") { names = [one] }
        if let many = try p.list("symbols") { names = many }
        var result: [ListedSymbol] = []
        for name in names {
            guard let info = Catalog.symbols[name] else { throw .invalidSymbol }
            result.append(info)
        }
        return result
    }

    static func exchangeInfo(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let symbols = try selectedSymbols(p)
        let rateLimits: JSONValue = .array([
            .object([("rateLimitType", .string("REQUEST_WEIGHT")), ("interval", .string("MINUTE")), ("intervalNum", .int(1)), ("limit", .int(RateLimiter.apiLimit))]),
            .object([("rateLimitType", .string("ORDERS")), ("interval", .string("SECOND")), ("intervalNum", .int(10)), ("limit", .int(100))]),
            .object([("rateLimitType", .string("ORDERS")), ("interval", .string("DAY")), ("intervalNum", .int(1)), ("limit", .int(200000))]),
            .object([("rateLimitType", .string("RAW_REQUESTS")), ("interval", .string("MINUTE")), ("intervalNum", .int(5)), ("limit", .int(61000))]),
        ])
        let stp: [JSONValue] = ["NONE", "EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH"].map { .string($0) }
        let orderTypes: [JSONValue] = ["LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS", "STOP_LOSS_LIMIT", "TAKE_PROFIT", "TAKE_PROFIT_LIMIT"].map { .string($0) }
        return .object([
            ("timezone", .string("UTC")),
            ("serverTime", .int(exchange.now)),
            ("rateLimits", rateLimits),
            ("exchangeFilters", .array([])),
            ("symbols", .array(symbols.map { s in
                .object([
                    ("symbol", .string(s.symbol)), ("status", .string("TRADING")),
                    ("baseAsset", .string(s.base)), ("baseAssetPrecision", .int(8)),
                    ("quoteAsset", .string(s.quote)), ("quotePrecision", .int(8)), ("quoteAssetPrecision", .int(8)),
                    ("baseCommissionPrecision", .int(8)), ("quoteCommissionPrecision", .int(8)),
                    ("orderTypes", .array(orderTypes)),
                    ("icebergAllowed", .bool(true)), ("ocoAllowed", .bool(false)), ("otoAllowed", .bool(false)),
                    ("quoteOrderQtyMarketAllowed", .bool(true)), ("allowTrailingStop", .bool(false)),
                    ("cancelReplaceAllowed", .bool(false)), ("isSpotTradingAllowed", .bool(true)),
                    ("isMarginTradingAllowed", .bool(s.isMarginTradingAllowed)),
                    ("filters", .array([
                        .object([("filterType", .string("PRICE_FILTER")), ("minPrice", .decimal(s.minPrice)),
                                 ("maxPrice", .decimal(s.maxPrice)), ("tickSize", .decimal(s.tickSize))]),
                        .object([("filterType", .string("LOT_SIZE")), ("minQty", .decimal(s.minQty)),
                                 ("maxQty", .decimal(s.maxQty)), ("stepSize", .decimal(s.stepSize))]),
                        .object([("filterType", .string("ICEBERG_PARTS")), ("limit", .int(10))]),
                        .object([("filterType", .string("MARKET_LOT_SIZE")), ("minQty", .decimal(.zero)),
                                 ("maxQty", .decimal(s.marketMaxQty)), ("stepSize", .decimal(.zero))]),
                        .object([("filterType", .string("NOTIONAL")), ("minNotional", .decimal(s.minNotional)),
                                 ("applyMinToMarket", .bool(true)), ("maxNotional", .decimal(s.maxNotional)),
                                 ("applyMaxToMarket", .bool(false)), ("avgPriceMins", .int(5))]),
                        .object([("filterType", .string("MAX_NUM_ORDERS")), ("maxNumOrders", .int(200))]),
                    ])),
                    ("permissions", .array([])),
                    ("permissionSets", .array([.array([.string("SPOT"), .string("MARGIN")])])),
                    ("defaultSelfTradePreventionMode", .string("EXPIRE_MAKER")),
                    ("allowedSelfTradePreventionModes", .array(stp)),
                ])
            })),
        ])
    }

    static func tickerPrice(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let row = { (s: ListedSymbol) -> JSONValue in
            .object([("symbol", .string(s.symbol)), ("price", .decimal(exchange.price(s.symbol)))])
        }
        let symbols = try selectedSymbols(p)
        if p.string("symbol") != nil, let one = symbols.first { return row(one) }
        return .array(symbols.map(row))
    }

    static func priceIndex(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let symbol = try p.required("symbol")
        guard let info = Catalog.symbols[symbol] else { throw .priceIndexNotFound }
        return .object([("calcTime", .int(exchange.now)), ("price", .decimal(exchange.price(info.symbol))),
                        ("symbol", .string(info.symbol))])
    }

    static func allPairs(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        .array(try selectedSymbols(p).filter(\.isMarginTradingAllowed).map { s in
            .object([("base", .string(s.base)), ("id", .int(s.pairId)), ("isBuyAllowed", .bool(true)),
                     ("isMarginTrade", .bool(true)), ("isSellAllowed", .bool(true)), ("quote", .string(s.quote)),
                     ("symbol", .string(s.symbol))])
        })
    }

    static func isolatedAllPairs(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        .array(try selectedSymbols(p).filter(\.isMarginTradingAllowed).map { s in
            .object([("base", .string(s.base)), ("isBuyAllowed", .bool(true)), ("isMarginTrade", .bool(true)),
                     ("isSellAllowed", .bool(true)), ("quote", .string(s.quote)), ("symbol", .string(s.symbol))])
        })
    }

    static func allAssets(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        var names = Catalog.assetOrder
        if let one = p.string("asset") {
            guard Catalog.assets[one] != nil else { throw .notValidMarginAsset }
            names = [one]
        }
        return .array(names.compactMap { Catalog.assets[$0] }.map { a in
            .object([("assetFullName", .string(a.fullName)), ("assetName", .string(a.name)),
                     ("isBorrowable", .bool(a.isBorrowable)), ("isMortgageable", .bool(a.isMortgageable)),
                     ("userMinBorrow", .decimal(a.userMinBorrow)), ("userMinRepay", .decimal(a.userMinRepay))])
        })
    }

    static func isolatedMarginTier(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let symbol = try p.required("symbol")
        guard let s = Catalog.symbols[symbol] else { throw .invalidSymbol }
        if let tier = try p.long("tier"), tier != 1 { return .array([]) }
        return .array([.object([
            ("symbol", .string(s.symbol)), ("tier", .int(1)), ("effectiveMultiple", .string(String(s.isolatedLeverage))),
            ("initialRiskRatio", .string(s.isolatedInitialRiskRatio.description)),
            ("liquidationRiskRatio", .string(s.isolatedLiquidationRiskRatio.description)),
            ("baseAssetMaxBorrowable", .string(s.isolatedBaseMaxBorrowable.description)),
            ("quoteAssetMaxBorrowable", .string(s.isolatedQuoteMaxBorrowable.description)),
        ])])
    }
}
