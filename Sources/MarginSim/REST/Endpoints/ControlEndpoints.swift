import BinanceMargin

/// The `/sim/*` controls that act on the exchange alone (price, shock, walk, deposit).
enum ControlEndpoints {
    static func price(_ exchange: inout Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let symbol = try p.required("symbol")
        try exchange.setPrice(symbol, try p.requiredNumber("price"))
        return .object([("symbol", .string(symbol)), ("price", .string(exchange.price(symbol).description))])
    }

    static func shock(_ exchange: inout Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let symbol = try p.required("symbol")
        guard let text = p.string("percent") else { throw .mandatory("percent") }
        guard let percent = Number(text) else { throw .illegalChars("percent", range: "^-?([0-9]{1,20})(\\.[0-9]{1,20})?$") }
        try exchange.shock(symbol, percent: percent)
        return .object([("symbol", .string(symbol)), ("price", .string(exchange.price(symbol).description))])
    }

    static func walk(_ exchange: inout Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let symbol = try p.required("symbol")
        let volatility = try p.requiredNumber("volatility")
        let seed = try p.long("seed").map { UInt64($0) }
        try exchange.startWalk(symbol, volatilityPercent: volatility, seed: seed)
        return .object([("symbol", .string(symbol)), ("volatility", .string(volatility.description)),
                        ("price", .string(exchange.price(symbol).description))])
    }

    static func deposit(_ exchange: inout Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let asset = try p.required("asset")
        let amount = try p.requiredNumber("amount")
        let account: AccountRef
        switch (p.string("account") ?? "SPOT").uppercased() {
        case "SPOT": account = .spot
        case "MARGIN", "CROSS": account = .cross
        case "ISOLATED": account = .isolated(try p.required("symbol"))
        default: throw .illegalChars("account", range: "SPOT, MARGIN, ISOLATED")
        }
        let balance = try exchange.deposit(account, asset: asset, amount: amount)
        return .object([("asset", .string(asset)), ("free", .decimal(balance.free))])
    }

    static func rate(_ exchange: inout Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let asset = try p.required("asset")
        let rate = try p.requiredNumber("dailyInterestRate")
        try exchange.setDailyRate(asset, rate)
        return .object([("asset", .string(asset)), ("dailyInterestRate", .decimal(exchange.dailyRate(asset)))])
    }
}
