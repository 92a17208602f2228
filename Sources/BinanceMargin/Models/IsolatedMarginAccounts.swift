/// `GET /sapi/v1/margin/isolated/account`: isolated pairs and, without `symbols`, the totals.
public struct IsolatedMarginAccounts: Sendable, Hashable, Decodable {
    /// Every isolated pair asked for.
    public var assets: [IsolatedPair]
    /// Present only when no `symbols` were asked for.
    public var totalAssetOfBtc: Number?
    /// Value of all debt and interest, in BTC.
    public var totalLiabilityOfBtc: Number?
    /// Assets minus liabilities, in BTC.
    public var totalNetAssetOfBtc: Number?

    enum CodingKeys: String, CodingKey { case assets, totalAssetOfBtc, totalLiabilityOfBtc, totalNetAssetOfBtc }

    /// Makes a value from its fields.
    public init(assets: [IsolatedPair], totalAssetOfBtc: Number? = nil, totalLiabilityOfBtc: Number? = nil,
                totalNetAssetOfBtc: Number? = nil) {
        self.assets = assets
        self.totalAssetOfBtc = totalAssetOfBtc
        self.totalLiabilityOfBtc = totalLiabilityOfBtc
        self.totalNetAssetOfBtc = totalNetAssetOfBtc
    }

    /// Decodes Binance's JSON, tolerating absent optional fields and ignoring unknown ones.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        assets = try c.decodeIfPresent([IsolatedPair].self, forKey: .assets) ?? []
        totalAssetOfBtc = try c.decodeIfPresent(Number.self, forKey: .totalAssetOfBtc)
        totalLiabilityOfBtc = try c.decodeIfPresent(Number.self, forKey: .totalLiabilityOfBtc)
        totalNetAssetOfBtc = try c.decodeIfPresent(Number.self, forKey: .totalNetAssetOfBtc)
    }

    /// The pair named `symbol`, if listed.
    public func pair(_ symbol: String) -> IsolatedPair? { assets.first { $0.symbol == symbol } }
}

/// One isolated margin pair: its two assets and its own risk figures.
public struct IsolatedPair: Sendable, Hashable, Decodable {
    /// The symbol, e.g. `BTCUSDT`.
    public var symbol: String
    /// The pair's base asset (BTC of BTCUSDT).
    public var baseAsset: IsolatedAsset
    /// The pair's quote asset (USDT of BTCUSDT).
    public var quoteAsset: IsolatedAsset
    /// Whether the pair's isolated account exists.
    public var isolatedCreated: Bool?
    /// Whether the pair's account is enabled.
    public var enabled: Bool?
    /// Asset value ÷ (debt + interest); 0 or a large value without debt.
    public var marginLevel: Number
    /// The pair's risk state.
    public var marginLevelStatus: MarginLevelStatus
    /// The pair's margin ratio.
    public var marginRatio: Number?
    /// The pair's index price.
    public var indexPrice: Number?
    /// The index price at which the pair is liquidated.
    public var liquidatePrice: Number?
    /// The margin level at which the pair is liquidated.
    public var liquidateRate: Number?
    /// Whether trading is allowed.
    public var tradeEnabled: Bool?

    /// Makes a value from its fields.
    public init(symbol: String, baseAsset: IsolatedAsset, quoteAsset: IsolatedAsset, isolatedCreated: Bool? = true,
                enabled: Bool? = true, marginLevel: Number, marginLevelStatus: MarginLevelStatus, marginRatio: Number? = nil,
                indexPrice: Number? = nil, liquidatePrice: Number? = nil, liquidateRate: Number? = nil, tradeEnabled: Bool? = true) {
        self.symbol = symbol
        self.baseAsset = baseAsset
        self.quoteAsset = quoteAsset
        self.isolatedCreated = isolatedCreated
        self.enabled = enabled
        self.marginLevel = marginLevel
        self.marginLevelStatus = marginLevelStatus
        self.marginRatio = marginRatio
        self.indexPrice = indexPrice
        self.liquidatePrice = liquidatePrice
        self.liquidateRate = liquidateRate
        self.tradeEnabled = tradeEnabled
    }
}

/// One asset of an isolated pair.
public struct IsolatedAsset: Sendable, Hashable, Decodable {
    /// The asset, e.g. `USDT`.
    public var asset: String
    /// Whether borrowing is allowed.
    public var borrowEnabled: Bool?
    /// The principal owed.
    public var borrowed: Number
    /// The amount available.
    public var free: Number
    /// The interest owed (or charged).
    public var interest: Number
    /// The amount held by open orders.
    public var locked: Number
    /// free + locked − borrowed − interest.
    public var netAsset: Number
    /// The net asset in BTC.
    public var netAssetOfBtc: Number?
    /// Whether repaying is allowed.
    public var repayEnabled: Bool?
    /// free + locked.
    public var totalAsset: Number?

    /// Makes a value from its fields.
    public init(asset: String, borrowEnabled: Bool? = true, borrowed: Number = .zero, free: Number, interest: Number = .zero,
                locked: Number = .zero, netAsset: Number, netAssetOfBtc: Number? = nil, repayEnabled: Bool? = true,
                totalAsset: Number? = nil) {
        self.asset = asset
        self.borrowEnabled = borrowEnabled
        self.borrowed = borrowed
        self.free = free
        self.interest = interest
        self.locked = locked
        self.netAsset = netAsset
        self.netAssetOfBtc = netAssetOfBtc
        self.repayEnabled = repayEnabled
        self.totalAsset = totalAsset
    }

    /// What is owed: borrowed + interest; throws when a hostile answer's sum needs more than 38 digits.
    public var liability: Number { get throws(NumberError) { try borrowed + interest } }
}

/// `GET /sapi/v1/margin/maxBorrowable`: how much may be borrowed now.
public struct MaxBorrowable: Sendable, Hashable, Decodable {
    /// The most that may be borrowed now (collateral and inventory allowing).
    public var amount: Number
    /// The VIP-level cap, when given.
    public var borrowLimit: Number?

    /// Makes a value from its fields.
    public init(amount: Number, borrowLimit: Number? = nil) {
        self.amount = amount
        self.borrowLimit = borrowLimit
    }
}

/// `{"amount":"3.59498107"}` (maxTransferable).
struct AmountResponse: Sendable, Decodable {
    let amount: Number
}

/// `{"tranId": 100000001}` (borrow-repay, transfers).
struct TransactionResponse: Sendable, Decodable {
    let tranId: Int64

    enum CodingKeys: String, CodingKey { case tranId }

    init(from decoder: any Decoder) throws {
        tranId = try decoder.container(keyedBy: CodingKeys.self).decodeInt64(forKey: .tranId)
    }
}
