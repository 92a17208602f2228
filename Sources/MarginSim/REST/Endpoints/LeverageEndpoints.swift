import BinanceMargin

/// The cross account's leverage and liquidation on request (`max-leverage`, `manual-liquidation`).
enum LeverageEndpoints {
    /// `POST /sapi/v1/margin/max-leverage` → `{"success":true}`.
    static func maxLeverage(_ exchange: inout Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        guard let leverage = try p.int("maxLeverage", in: 1...1000) else { throw .mandatory("maxLeverage") }
        try exchange.setCrossLeverage(leverage)
        return .object([("success", .bool(true))])
    }

    /// `POST /sapi/v1/margin/manual-liquidation` (`type` MARGIN, or ISOLATED with `symbol`) → Binance's documented
    /// object: the collateral sold, the interest and principal repaid, and the liability (a JSON number).
    static func manualLiquidation(_ exchange: inout Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let account: AccountRef
        switch try p.required("type") {
        case "MARGIN": account = .cross
        case "ISOLATED":
            let symbol = try p.required("symbol")
            guard Catalog.symbols[symbol] != nil else { throw .invalidSymbol }
            account = .isolated(symbol)
        default: throw .invalidParameter("type")
        }
        let done = try exchange.liquidateOnRequest(account)
        return .object([
            ("asset", .string(done.soldAsset ?? done.liabilityAsset)), ("interest", .decimal(done.interest)),
            ("principal", .decimal(done.principal)), ("liabilityAsset", .string(done.liabilityAsset)),
            ("liabilityQty", .number(done.liabilityQty)),
        ])
    }
}
