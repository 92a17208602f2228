/// `GET /sapi/v1/margin/account`: the cross margin account, its risk figures and every asset.
public struct CrossMarginAccount: Sendable, Hashable, Decodable {
    /// Whether the margin account has been opened.
    public var created: Bool?
    /// Whether borrowing is allowed.
    public var borrowEnabled: Bool
    /// Whether trading is allowed.
    public var tradeEnabled: Bool
    /// Whether transfers are allowed (older responses).
    public var transferEnabled: Bool?
    /// Whether transfers in are allowed.
    public var transferInEnabled: Bool?
    /// Whether transfers out are allowed.
    public var transferOutEnabled: Bool?
    /// Total asset value ÷ (liabilities + interest), in BTC terms. Large (e.g. 999) without debt.
    public var marginLevel: Number
    /// The margin level with collateral haircuts (drives max borrow and transfer-out).
    public var collateralMarginLevel: Number?
    /// Value of all assets, in BTC.
    public var totalAssetOfBtc: Number
    /// Value of all debt and interest, in BTC.
    public var totalLiabilityOfBtc: Number
    /// Assets minus liabilities, in BTC.
    public var totalNetAssetOfBtc: Number
    /// Collateral value after haircuts, USDT (Binance spells the key `TotalCollateralValueInUSDT`).
    public var totalCollateralValueInUSDT: Number?
    /// Unrealised loss of open orders, USDT (Cross Margin Pro).
    public var totalOpenOrderLossInUSDT: Number?
    /// `MARGIN_1` (Cross Margin Classic) or `MARGIN_2` (Cross Margin Pro).
    public var accountType: String?
    /// Every asset of the account.
    public var userAssets: [MarginAsset]

    enum CodingKeys: String, CodingKey {
        case created, borrowEnabled, tradeEnabled, transferEnabled, transferInEnabled, transferOutEnabled
        case marginLevel, collateralMarginLevel, totalAssetOfBtc, totalLiabilityOfBtc, totalNetAssetOfBtc
        case totalCollateralValueInUSDT = "TotalCollateralValueInUSDT"
        case totalOpenOrderLossInUSDT, accountType, userAssets
    }

    /// Makes an account value.
    public init(created: Bool? = true, borrowEnabled: Bool = true, tradeEnabled: Bool = true,
                transferEnabled: Bool? = nil, transferInEnabled: Bool? = true, transferOutEnabled: Bool? = true,
                marginLevel: Number, collateralMarginLevel: Number? = nil, totalAssetOfBtc: Number,
                totalLiabilityOfBtc: Number, totalNetAssetOfBtc: Number, totalCollateralValueInUSDT: Number? = nil,
                totalOpenOrderLossInUSDT: Number? = nil, accountType: String? = "MARGIN_1", userAssets: [MarginAsset]) {
        self.created = created
        self.borrowEnabled = borrowEnabled
        self.tradeEnabled = tradeEnabled
        self.transferEnabled = transferEnabled
        self.transferInEnabled = transferInEnabled
        self.transferOutEnabled = transferOutEnabled
        self.marginLevel = marginLevel
        self.collateralMarginLevel = collateralMarginLevel
        self.totalAssetOfBtc = totalAssetOfBtc
        self.totalLiabilityOfBtc = totalLiabilityOfBtc
        self.totalNetAssetOfBtc = totalNetAssetOfBtc
        self.totalCollateralValueInUSDT = totalCollateralValueInUSDT
        self.totalOpenOrderLossInUSDT = totalOpenOrderLossInUSDT
        self.accountType = accountType
        self.userAssets = userAssets
    }

    /// The asset named `asset`, if the account lists it.
    public func asset(_ asset: String) -> MarginAsset? { userAssets.first { $0.asset == asset } }
}

/// One asset of the cross margin account.
public struct MarginAsset: Sendable, Hashable, Decodable {
    /// The asset, e.g. `USDT`.
    public var asset: String
    /// The amount available.
    public var free: Number
    /// The amount held by open orders.
    public var locked: Number
    /// The principal owed.
    public var borrowed: Number
    /// The interest owed (or charged).
    public var interest: Number
    /// free + locked − borrowed − interest.
    public var netAsset: Number

    /// Makes a value from its fields.
    public init(asset: String, free: Number, locked: Number = .zero, borrowed: Number = .zero,
                interest: Number = .zero, netAsset: Number) {
        self.asset = asset
        self.free = free
        self.locked = locked
        self.borrowed = borrowed
        self.interest = interest
        self.netAsset = netAsset
    }

    /// What is owed: borrowed + interest; throws when a hostile answer's sum needs more than 38 digits.
    public var liability: Number { get throws(NumberError) { try borrowed + interest } }
}
