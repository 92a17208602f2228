import BinanceMargin
import Foundation

/// The starting state of a simulated exchange: balances, prices, rates, lending pool, fees and API keys.
///
/// A scenario is plain JSON (see `docs/simulator.md`), so others can describe their own; every
/// field is optional in the JSON and falls back to ``Scenario/default``'s value.
public struct Scenario: Sendable, Codable, Hashable {
    /// A name shown by `/sim/state` and accepted by `/sim/reset`.
    public var name: String
    /// Last prices by symbol (symbols left out take the default scenario's price).
    public var prices: [String: Number]
    /// Spot wallet balances by asset.
    public var spot: [String: Number]
    /// Cross margin balances by asset.
    public var crossMargin: [String: Number]
    /// Isolated margin balances: symbol → asset → amount (creates the isolated account).
    public var isolatedMargin: [String: [String: Number]]
    /// Cross margin debts at the start, by asset (principal already borrowed; the amounts are also
    /// part of ``crossMargin`` only if listed there). Lets a copy of a real account start indebted
    /// whatever its margin level.
    public var crossMarginDebt: [String: Number]
    /// Isolated margin debts at the start: symbol → asset → principal.
    public var isolatedMarginDebt: [String: [String: Number]]
    /// Daily interest rates by asset (hourly interest is daily / 24).
    public var dailyInterestRates: [String: Number]
    /// How much of each asset the exchange can still lend (borrows beyond it fail with -3045).
    public var lendingPool: [String: Number]
    /// Maker and taker commission rates, e.g. 0.001 for 0.1 %.
    public var makerFee: Number
    /// Taker commission rate.
    public var takerFee: Number
    /// API keys the exchange accepts.
    public var apiKeys: [APIKey]
    /// Whether requests past the per-minute weight limits get 429 (true, as on Binance); with false
    /// the used-weight headers are still sent but nothing is refused (for load tests and benchmarks).
    public var enforceWeightLimits: Bool
    /// Kline CSV files to replay from the start (`"replay": ["BTCUSDT-1m-2024-03.csv"]`; docs/replay.md): paths
    /// relative to the scenario file's folder. Empty (the default): prices move only when told to.
    public var replay: [String] = []
    /// The synthetic liquidity of every symbol's book (see ``BookShape``).
    public var book: BookShape

    /// One API key: an HMAC secret or an Ed25519 public key (base64 of the 32 raw bytes, or PEM).
    public struct APIKey: Sendable, Codable, Hashable {
        /// The value clients send in `X-MBX-APIKEY`.
        public var apiKey: String
        /// The HMAC-SHA256 secret, for HMAC keys.
        public var secret: String?
        /// The Ed25519 public key, for Ed25519 keys.
        public var ed25519PublicKey: String?

        /// Makes a key entry; give exactly one of `secret` and `ed25519PublicKey`.
        public init(apiKey: String, secret: String? = nil, ed25519PublicKey: String? = nil) {
            self.apiKey = apiKey
            self.secret = secret
            self.ed25519PublicKey = ed25519PublicKey
        }
    }

    /// Makes a scenario; every argument defaults to the default scenario's value.
    public init(name: String = "custom", prices: [String: Number]? = nil, spot: [String: Number]? = nil,
                crossMargin: [String: Number]? = nil, isolatedMargin: [String: [String: Number]]? = nil,
                crossMarginDebt: [String: Number] = [:], isolatedMarginDebt: [String: [String: Number]] = [:],
                dailyInterestRates: [String: Number]? = nil, lendingPool: [String: Number]? = nil,
                makerFee: Number? = nil, takerFee: Number? = nil, apiKeys: [APIKey]? = nil,
                enforceWeightLimits: Bool = true, book: BookShape = .liquid) {
        let base = Scenario.defaults
        self.name = name
        self.prices = base.prices.merging(prices ?? [:]) { _, given in given }
        self.spot = spot ?? base.spot
        self.crossMargin = crossMargin ?? base.crossMargin
        self.isolatedMargin = isolatedMargin ?? base.isolatedMargin
        self.crossMarginDebt = crossMarginDebt
        self.isolatedMarginDebt = isolatedMarginDebt
        self.dailyInterestRates = dailyInterestRates ?? base.dailyInterestRates
        self.lendingPool = lendingPool ?? base.lendingPool
        self.makerFee = makerFee ?? base.makerFee
        self.takerFee = takerFee ?? base.takerFee
        self.apiKeys = apiKeys ?? base.apiKeys
        self.enforceWeightLimits = enforceWeightLimits
        self.book = book
    }

    private init(name: String, prices: [String: Number], spot: [String: Number], crossMargin: [String: Number],
                 isolatedMargin: [String: [String: Number]], dailyInterestRates: [String: Number],
                 lendingPool: [String: Number], makerFee: Number, takerFee: Number, apiKeys: [APIKey], exact: Void) {
        self.name = name; self.prices = prices; self.spot = spot; self.crossMargin = crossMargin
        self.isolatedMargin = isolatedMargin; self.dailyInterestRates = dailyInterestRates
        self.crossMarginDebt = [:]; self.isolatedMarginDebt = [:]
        self.lendingPool = lendingPool; self.makerFee = makerFee; self.takerFee = takerFee; self.apiKeys = apiKeys
        self.enforceWeightLimits = true
        self.book = .liquid
    }

    /// The default scenario: a funded spot wallet, a cross account with collateral and an isolated
    /// BTCUSDT account, so `borrow 100 USDT`, `borrow 100 USDT isolated BTCUSDT` and auto-borrow
    /// orders work at once.
    public static let `default` = defaults

    private static let defaults = Scenario(
        name: "default",
        prices: ["BTCUSDT": "60000", "ETHUSDT": "3000", "BNBUSDT": "600", "SOLUSDT": "150", "XRPUSDT": "0.6",
                 "ETHBTC": "0.05", "BNBBTC": "0.01", "BTCUSDC": "60000", "ETHUSDC": "3000", "USDCUSDT": "1"],
        spot: ["USDT": "10000", "BTC": "0.5", "ETH": "5"],
        crossMargin: ["USDT": "5000", "BTC": "0.1"],
        isolatedMargin: ["BTCUSDT": ["USDT": "1000"]],
        dailyInterestRates: ["BTC": "0.00004", "ETH": "0.00005", "BNB": "0.0003", "USDT": "0.00015",
                             "USDC": "0.00015", "SOL": "0.0004", "XRP": "0.0003"],
        lendingPool: ["BTC": "100", "ETH": "2000", "BNB": "10000", "USDT": "5000000", "USDC": "3000000",
                      "SOL": "50000", "XRP": "5000000"],
        makerFee: "0.001", takerFee: "0.001",
        apiKeys: [APIKey(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret)],
        exact: ())

    /// The named scenarios `/sim/reset` knows.
    public static func named(_ name: String) -> Scenario? {
        switch name {
        case "default": return .default
        case "empty":
            return Scenario(name: "empty", spot: [:], crossMargin: [:], isolatedMargin: [:])
        case "whale":
            return Scenario(name: "whale", spot: ["USDT": "1000000", "BTC": "20", "ETH": "300"],
                            crossMargin: ["USDT": "500000", "BTC": "5"],
                            isolatedMargin: ["BTCUSDT": ["USDT": "100000"], "ETHUSDT": ["USDT": "50000"]])
        default: return nil
        }
    }

    // Decoding fills absent fields from the default scenario.
    private enum CodingKeys: String, CodingKey {
        case name, prices, spot, crossMargin, isolatedMargin, dailyInterestRates, lendingPool, makerFee, takerFee, apiKeys
        case enforceWeightLimits, crossMarginDebt, isolatedMarginDebt, replay, book
    }

    /// Decodes a scenario; absent fields take the default scenario's values.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try c.decodeIfPresent(String.self, forKey: .name) ?? "custom",
            prices: try c.decodeIfPresent([String: Number].self, forKey: .prices),
            spot: try c.decodeIfPresent([String: Number].self, forKey: .spot),
            crossMargin: try c.decodeIfPresent([String: Number].self, forKey: .crossMargin),
            isolatedMargin: try c.decodeIfPresent([String: [String: Number]].self, forKey: .isolatedMargin),
            crossMarginDebt: try c.decodeIfPresent([String: Number].self, forKey: .crossMarginDebt) ?? [:],
            isolatedMarginDebt: try c.decodeIfPresent([String: [String: Number]].self, forKey: .isolatedMarginDebt) ?? [:],
            dailyInterestRates: try c.decodeIfPresent([String: Number].self, forKey: .dailyInterestRates),
            lendingPool: try c.decodeIfPresent([String: Number].self, forKey: .lendingPool),
            makerFee: try c.decodeIfPresent(Number.self, forKey: .makerFee),
            takerFee: try c.decodeIfPresent(Number.self, forKey: .takerFee),
            apiKeys: try c.decodeIfPresent([APIKey].self, forKey: .apiKeys),
            enforceWeightLimits: try c.decodeIfPresent(Bool.self, forKey: .enforceWeightLimits) ?? true,
            book: try c.decodeIfPresent(BookShape.self, forKey: .book) ?? .liquid)
        replay = try c.decodeIfPresent([String].self, forKey: .replay) ?? []
    }

    /// Checks the scenario against the built-in market and names the first problem found.
    public func validate() throws(ScenarioError) {
        for symbol in prices.keys where Catalog.symbols[symbol] == nil {
            throw ScenarioError("prices: unknown symbol \"\(symbol)\"; known symbols: \(Catalog.symbolOrder.joined(separator: ", "))")
        }
        for (symbol, price) in prices where !price.isPositive {
            throw ScenarioError("prices.\(symbol): the price must be above zero, got \(price)")
        }
        let balances: [(String, [String: Number])] = [("spot", spot), ("crossMargin", crossMargin), ("crossMarginDebt", crossMarginDebt)]
            + isolatedMargin.map { ("isolatedMargin.\($0.key)", $0.value) }
            + isolatedMarginDebt.map { ("isolatedMarginDebt.\($0.key)", $0.value) }
        for (place, amounts) in balances {
            for (asset, amount) in amounts {
                guard Catalog.assets[asset] != nil else {
                    throw ScenarioError("\(place): unknown asset \"\(asset)\"; known assets: \(Catalog.assetOrder.joined(separator: ", "))")
                }
                guard !amount.isNegative else { throw ScenarioError("\(place).\(asset): the amount must not be negative, got \(amount)") }
            }
        }
        for (place, table) in [("dailyInterestRates", dailyInterestRates), ("lendingPool", lendingPool)] {
            for (asset, value) in table {
                guard Catalog.assets[asset] != nil else {
                    throw ScenarioError("\(place): unknown asset \"\(asset)\"; known assets: \(Catalog.assetOrder.joined(separator: ", "))")
                }
                guard !value.isNegative else { throw ScenarioError("\(place).\(asset): must not be negative, got \(value)") }
            }
        }
        for (asset, rate) in dailyInterestRates where rate >= 1 {
            throw ScenarioError("dailyInterestRates.\(asset): \(rate) is a daily rate of \((try? rate * 100).map { "\($0)" } ?? "over 10^36") %; write e.g. 0.0002 for 0.02 % a day")
        }
        for (name, fee) in [("makerFee", makerFee), ("takerFee", takerFee)] where fee.isNegative || fee >= 1 {
            throw ScenarioError("\(name): \(fee) is not a commission rate; write e.g. 0.001 for 0.1 %")
        }
        for (place, table) in [("isolatedMargin", isolatedMargin), ("isolatedMarginDebt", isolatedMarginDebt)] {
            for (symbol, amounts) in table {
                guard let info = Catalog.symbols[symbol] else {
                    throw ScenarioError("\(place): unknown symbol \"\(symbol)\"")
                }
                for asset in amounts.keys where asset != info.base && asset != info.quote {
                    throw ScenarioError("\(place).\(symbol): \(asset) is not \(info.base) or \(info.quote)")
                }
            }
        }
        try book.validate()
        for key in apiKeys where (key.secret == nil) == (key.ed25519PublicKey == nil) {
            throw ScenarioError("apiKeys: key \"\(key.apiKey.prefix(8))…\" needs exactly one of \"secret\" and \"ed25519PublicKey\"")
        }
        for key in apiKeys {
            if let text = key.ed25519PublicKey, Authenticator.ed25519PublicKey(text) == nil {
                throw ScenarioError("apiKeys: the ed25519PublicKey of key \"\(key.apiKey.prefix(8))…\" is neither base64 of the 32 raw bytes nor a PEM Ed25519 public key")
            }
        }
    }

    /// Reads and validates a scenario from JSON.
    public static func load(json data: Data) throws -> Scenario {
        let scenario: Scenario
        do { scenario = try JSONDecoder().decode(Scenario.self, from: data) } catch {
            throw ScenarioError("the scenario is not valid JSON of the documented shape: \(error)")
        }
        try scenario.validate()
        return scenario
    }
}

/// A scenario that does not fit the market, with what to fix.
public struct ScenarioError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong and where.
    public var description: String
    init(_ description: String) { self.description = description }
}

extension Scenario.APIKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The key and its kind; the secret is never shown.
    public var description: String {
        "APIKey(\(apiKey), \(secret != nil ? "HMAC secret <redacted>" : "Ed25519 public key"))"
    }

    /// Same as ``description``: the secret is never shown.
    public var debugDescription: String { description }

    /// A mirror without the secret, so `dump` and the debugger do not print it.
    public var customMirror: Mirror {
        Mirror(self, children: ["apiKey": apiKey, "secret": secret == nil ? "nil" : "<redacted>",
                                "ed25519PublicKey": ed25519PublicKey ?? "nil"])
    }
}

