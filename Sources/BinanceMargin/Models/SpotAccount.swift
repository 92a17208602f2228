/// `GET /api/v3/account`: the spot wallet — its balances, commissions and permissions.
///
/// Only `balances` is essential to a margin trader (what can be moved into margin); the other fields
/// are decoded when Binance sends them and optional so older or trimmed answers still decode.
public struct SpotAccount: Sendable, Hashable, Decodable {
    /// Maker commission in basis points (`15` = 0.15 %).
    public var makerCommission: Int?
    /// Taker commission in basis points.
    public var takerCommission: Int?
    /// Buyer commission in basis points.
    public var buyerCommission: Int?
    /// Seller commission in basis points.
    public var sellerCommission: Int?
    /// The exact commission rates.
    public var commissionRates: CommissionRates?
    /// Whether the account may trade spot.
    public var canTrade: Bool
    /// Whether the account may withdraw.
    public var canWithdraw: Bool
    /// Whether the account may deposit.
    public var canDeposit: Bool
    /// Whether the account belongs to a broker.
    public var brokered: Bool?
    /// Whether self-trade prevention is required.
    public var requireSelfTradePrevention: Bool?
    /// Whether smart order routing is disallowed.
    public var preventSor: Bool?
    /// When the account last changed, in milliseconds since the epoch.
    public var updateTime: Int64
    /// `SPOT`.
    public var accountType: String
    /// Every asset Binance lists (zero balances too unless asked to omit them).
    public var balances: [SpotBalance]
    /// The account's permissions, e.g. `["SPOT"]`.
    public var permissions: [String]
    /// The Binance user id.
    public var uid: Int64?

    /// Makes a spot account value.
    public init(makerCommission: Int? = nil, takerCommission: Int? = nil, buyerCommission: Int? = nil,
                sellerCommission: Int? = nil, commissionRates: CommissionRates? = nil, canTrade: Bool = true,
                canWithdraw: Bool = true, canDeposit: Bool = true, brokered: Bool? = false,
                requireSelfTradePrevention: Bool? = false, preventSor: Bool? = false, updateTime: Int64 = 0,
                accountType: String = "SPOT", balances: [SpotBalance], permissions: [String] = ["SPOT"], uid: Int64? = nil) {
        self.makerCommission = makerCommission
        self.takerCommission = takerCommission
        self.buyerCommission = buyerCommission
        self.sellerCommission = sellerCommission
        self.commissionRates = commissionRates
        self.canTrade = canTrade
        self.canWithdraw = canWithdraw
        self.canDeposit = canDeposit
        self.brokered = brokered
        self.requireSelfTradePrevention = requireSelfTradePrevention
        self.preventSor = preventSor
        self.updateTime = updateTime
        self.accountType = accountType
        self.balances = balances
        self.permissions = permissions
        self.uid = uid
    }

    /// The balance of `asset`; a zero balance when Binance did not list it (e.g. with `omitZeroBalances`).
    public func balance(_ asset: String) -> SpotBalance {
        balances.first { $0.asset == asset } ?? SpotBalance(asset: asset, free: .zero, locked: .zero)
    }
}

/// One asset of the spot wallet.
public struct SpotBalance: Sendable, Hashable, Decodable {
    /// The asset, e.g. `USDT`.
    public var asset: String
    /// The amount available (what a transfer may move).
    public var free: Number
    /// The amount held by open spot orders.
    public var locked: Number

    /// Makes a balance.
    public init(asset: String, free: Number, locked: Number = .zero) {
        self.asset = asset
        self.free = free
        self.locked = locked
    }

    /// free + locked; throws when a hostile answer's sum needs more than 38 digits.
    public var total: Number { get throws(NumberError) { try free + locked } }
}

/// A spot account's exact commission rates (`commissionRates`).
public struct CommissionRates: Sendable, Hashable, Decodable {
    /// The maker rate, e.g. `0.00150000`.
    public var maker: Number
    /// The taker rate.
    public var taker: Number
    /// The buyer rate.
    public var buyer: Number
    /// The seller rate.
    public var seller: Number

    /// Makes the rates.
    public init(maker: Number, taker: Number, buyer: Number = .zero, seller: Number = .zero) {
        self.maker = maker
        self.taker = taker
        self.buyer = buyer
        self.seller = seller
    }
}
