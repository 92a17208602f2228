/// `GET /api/v3/exchangeInfo`: trading rules and symbol filters.
public struct ExchangeInfo: Sendable, Hashable, Decodable {
    /// The exchange's time zone (`UTC`).
    public var timezone: String?
    /// Server time when the answer was made, ms.
    public var serverTime: Int64?
    /// The request and order limits.
    public var rateLimits: [RateLimitRule]
    /// Every symbol asked for.
    public var symbols: [SymbolInfo]

    enum CodingKeys: String, CodingKey { case timezone, serverTime, rateLimits, symbols }

    /// Makes a value from its fields.
    public init(timezone: String? = nil, serverTime: Int64? = nil, rateLimits: [RateLimitRule] = [], symbols: [SymbolInfo]) {
        self.timezone = timezone
        self.serverTime = serverTime
        self.rateLimits = rateLimits
        self.symbols = symbols
    }

    /// Decodes Binance's JSON, tolerating absent optional fields and ignoring unknown ones.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        timezone = try c.decodeIfPresent(String.self, forKey: .timezone)
        serverTime = try c.decodeInt64IfPresent(forKey: .serverTime)
        rateLimits = try c.decodeIfPresent([RateLimitRule].self, forKey: .rateLimits) ?? []
        symbols = try c.decodeIfPresent([SymbolInfo].self, forKey: .symbols) ?? []
    }

    /// The symbol named `symbol` (exact, upper case).
    public func symbol(_ symbol: String) -> SymbolInfo? { symbols.first { $0.symbol == symbol } }
}

/// One entry of `rateLimits`: `{"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":6000}`.
public struct RateLimitRule: Sendable, Hashable, Decodable {
    /// `REQUEST_WEIGHT`, `ORDERS` or `RAW_REQUESTS`.
    public var rateLimitType: String
    /// `SECOND`, `MINUTE`, `HOUR` or `DAY`.
    public var interval: String
    /// How many intervals the window spans.
    public var intervalNum: Int
    /// The limit within the window.
    public var limit: Int
}

/// One symbol's rules: assets, status and the filters an order must pass.
public struct SymbolInfo: Sendable, Hashable, Decodable {
    /// `BTCUSDT`.
    public var symbol: String
    /// `TRADING`, `HALT`, `BREAK`.
    public var status: String
    /// `BTC`.
    public var baseAsset: String
    /// `USDT`.
    public var quoteAsset: String
    /// Decimals of the base asset's precision, when given.
    public var baseAssetPrecision: Int?
    /// Decimals of the quote asset's precision, when given.
    public var quoteAssetPrecision: Int?
    /// Order types the symbol accepts (`LIMIT`, `MARKET`, …).
    public var orderTypes: [String]
    /// Whether spot trading is allowed.
    public var isSpotTradingAllowed: Bool?
    /// Whether margin trading is allowed.
    public var isMarginTradingAllowed: Bool?
    /// Permission sets (`[["SPOT","MARGIN"]]`).
    public var permissionSets: [[String]]?
    /// Self-trade-prevention modes the symbol allows.
    public var allowedSelfTradePreventionModes: [String]?
    /// Every filter, raw.
    public var filters: [SymbolFilter]
    /// `PRICE_FILTER`, typed.
    public var priceFilter: PriceFilter?
    /// `LOT_SIZE`, typed.
    public var lotSize: LotSizeFilter?
    /// `MARKET_LOT_SIZE`, typed.
    public var marketLotSize: LotSizeFilter?
    /// `NOTIONAL` (or legacy `MIN_NOTIONAL`), typed.
    public var notional: NotionalFilter?

    enum CodingKeys: String, CodingKey {
        case symbol, status, baseAsset, quoteAsset, baseAssetPrecision, quoteAssetPrecision, orderTypes
        case isSpotTradingAllowed, isMarginTradingAllowed, permissionSets, allowedSelfTradePreventionModes, filters
    }

    /// Makes symbol rules; the typed filters are read from `filters`.
    public init(symbol: String, status: String = "TRADING", baseAsset: String, quoteAsset: String,
                orderTypes: [String] = [], isMarginTradingAllowed: Bool? = true, filters: [SymbolFilter] = []) throws {
        self.symbol = symbol
        self.status = status
        self.baseAsset = baseAsset
        self.quoteAsset = quoteAsset
        self.orderTypes = orderTypes
        self.isMarginTradingAllowed = isMarginTradingAllowed
        self.filters = filters
        try readTypedFilters()
    }

    /// Decodes Binance's JSON, tolerating absent optional fields and ignoring unknown ones.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        symbol = try c.decode(String.self, forKey: .symbol)
        status = try c.decode(String.self, forKey: .status)
        baseAsset = try c.decode(String.self, forKey: .baseAsset)
        quoteAsset = try c.decode(String.self, forKey: .quoteAsset)
        baseAssetPrecision = try c.decodeIfPresent(Int.self, forKey: .baseAssetPrecision)
        quoteAssetPrecision = try c.decodeIfPresent(Int.self, forKey: .quoteAssetPrecision)
        orderTypes = try c.decodeIfPresent([String].self, forKey: .orderTypes) ?? []
        isSpotTradingAllowed = try c.decodeIfPresent(Bool.self, forKey: .isSpotTradingAllowed)
        isMarginTradingAllowed = try c.decodeIfPresent(Bool.self, forKey: .isMarginTradingAllowed)
        permissionSets = try c.decodeIfPresent([[String]].self, forKey: .permissionSets)
        allowedSelfTradePreventionModes = try c.decodeIfPresent([String].self, forKey: .allowedSelfTradePreventionModes)
        filters = try c.decodeIfPresent([SymbolFilter].self, forKey: .filters) ?? []
        do {
            try readTypedFilters()
        } catch let error as BinanceError {
            throw DecodingError.dataCorruptedError(forKey: .filters, in: c, debugDescription: error.message)
        }
    }

    mutating func readTypedFilters() throws {
        priceFilter = try filter("PRICE_FILTER").map(PriceFilter.init)
        lotSize = try filter("LOT_SIZE").map(LotSizeFilter.init)
        marketLotSize = try filter("MARKET_LOT_SIZE").map(LotSizeFilter.init)
        notional = try (filter("NOTIONAL") ?? filter("MIN_NOTIONAL")).map(NotionalFilter.init)
    }

    /// The raw filter of type `filterType` (`ICEBERG_PARTS`, …).
    public func filter(_ filterType: String) -> SymbolFilter? { filters.first { $0.filterType == filterType } }
}

/// One filter as Binance sends it: its `filterType` and every other field as text.
public struct SymbolFilter: Sendable, Hashable, Decodable {
    /// `PRICE_FILTER`, `LOT_SIZE`, `NOTIONAL`, …
    public var filterType: String
    /// The other fields, numbers and booleans kept as their JSON text (`"limit": "10"`).
    public var fields: [String: String]

    /// Makes a filter.
    public init(filterType: String, fields: [String: String]) {
        self.filterType = filterType
        self.fields = fields
    }

    /// Decodes Binance's JSON, tolerating absent optional fields and ignoring unknown ones.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        filterType = try c.decode(String.self, forKey: AnyCodingKey("filterType"))
        var fields: [String: String] = [:]
        for key in c.allKeys where key.stringValue != "filterType" {
            if let text = try c.decode(ScalarText.self, forKey: key).text { fields[key.stringValue] = text }
        }
        self.fields = fields
    }

    /// The decimal field `name`; throws when it is absent or not a plain decimal.
    public func number(_ name: String) throws -> Number {
        guard let text = fields[name] else {
            throw BinanceError(category: .decoding, message: "\(filterType) has no field \"\(name)\"", field: "\(filterType).\(name)")
        }
        guard let value = Number(text) else {
            throw BinanceError(category: .decoding, message: "\(filterType).\(name) is not a decimal: \"\(text)\"", field: "\(filterType).\(name)")
        }
        return value
    }

    /// The decimal field `name`, or nil when absent.
    public func optionalNumber(_ name: String) throws -> Number? {
        fields[name] == nil ? nil : try number(name)
    }
}

/// `PRICE_FILTER`: price bounds and tick size (a zero disables that rule).
public struct PriceFilter: Sendable, Hashable {
    /// The lowest allowed price (0 = no minimum).
    public var minPrice: Number
    /// The highest allowed price (0 = no maximum).
    public var maxPrice: Number
    /// Prices must be multiples of this (0 = any).
    public var tickSize: Number

    /// Makes a value from its fields.
    public init(minPrice: Number, maxPrice: Number, tickSize: Number) {
        self.minPrice = minPrice
        self.maxPrice = maxPrice
        self.tickSize = tickSize
    }

    init(_ raw: SymbolFilter) throws {
        try self.init(minPrice: raw.number("minPrice"), maxPrice: raw.number("maxPrice"), tickSize: raw.number("tickSize"))
    }
}

/// `LOT_SIZE` / `MARKET_LOT_SIZE`: quantity bounds and step.
public struct LotSizeFilter: Sendable, Hashable {
    /// The smallest allowed quantity.
    public var minQty: Number
    /// The largest allowed quantity.
    public var maxQty: Number
    /// Quantities must be multiples of this (0 = any).
    public var stepSize: Number

    /// Makes a value from its fields.
    public init(minQty: Number, maxQty: Number, stepSize: Number) {
        self.minQty = minQty
        self.maxQty = maxQty
        self.stepSize = stepSize
    }

    init(_ raw: SymbolFilter) throws {
        try self.init(minQty: raw.number("minQty"), maxQty: raw.number("maxQty"), stepSize: raw.number("stepSize"))
    }
}

/// `NOTIONAL` (or legacy `MIN_NOTIONAL`): bounds on price × quantity.
public struct NotionalFilter: Sendable, Hashable {
    /// The smallest allowed price × quantity.
    public var minNotional: Number
    /// Whether the minimum applies to MARKET orders.
    public var applyMinToMarket: Bool
    /// The largest allowed price × quantity, when limited.
    public var maxNotional: Number?
    /// Whether the maximum applies to MARKET orders.
    public var applyMaxToMarket: Bool
    /// Minutes of the average price MARKET orders are checked against (0 = last price).
    public var avgPriceMins: Int?

    /// Makes a value from its fields.
    public init(minNotional: Number, applyMinToMarket: Bool = true, maxNotional: Number? = nil,
                applyMaxToMarket: Bool = false, avgPriceMins: Int? = nil) {
        self.minNotional = minNotional
        self.applyMinToMarket = applyMinToMarket
        self.maxNotional = maxNotional
        self.applyMaxToMarket = applyMaxToMarket
        self.avgPriceMins = avgPriceMins
    }

    init(_ raw: SymbolFilter) throws {
        try self.init(minNotional: raw.number("minNotional"),
                      applyMinToMarket: (raw.fields["applyMinToMarket"] ?? raw.fields["applyToMarket"]) != "false",
                      maxNotional: raw.optionalNumber("maxNotional"),
                      applyMaxToMarket: raw.fields["applyMaxToMarket"] == "true",
                      avgPriceMins: raw.fields["avgPriceMins"].flatMap { Int($0) })
    }
}
