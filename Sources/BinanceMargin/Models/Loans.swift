/// A page of history rows: `{"rows":[…],"total":N}` (rows may be absent when there are none).
public struct RecordPage<Row: Sendable & Hashable & Decodable>: Sendable, Hashable, Decodable {
    /// The rows of this page.
    public var rows: [Row]
    /// How many rows match in all pages.
    public var total: Int

    enum CodingKeys: String, CodingKey { case rows, total }

    /// Makes a value from its fields.
    public init(rows: [Row], total: Int) {
        self.rows = rows
        self.total = total
    }

    /// Decodes Binance's JSON, tolerating absent optional fields and ignoring unknown ones.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rows = try c.decodeIfPresent([Row].self, forKey: .rows) ?? []
        total = try c.decodeIfPresent(Int.self, forKey: .total) ?? rows.count
    }
}

/// The filter of `GET /sapi/v1/margin/borrow-repay` (send `txId` or `startTime`; `txId` wins).
public struct BorrowRepayQuery: Sendable, Hashable {
    /// The order type.
    public var type: LoanType
    /// The asset, e.g. `USDT`.
    public var asset: String?
    /// The isolated pair; nil for cross margin.
    public var isolatedSymbol: String?
    /// The `tranId` a borrow or repay returned.
    public var txId: Int64?
    /// Start of the window, ms.
    public var startTime: Int64?
    /// End of the window, ms.
    public var endTime: Int64?
    /// Page number, from 1.
    public var current: Int?
    /// Rows per page (max 100).
    public var size: Int?

    /// Makes a value from its fields.
    public init(type: LoanType, asset: String? = nil, isolatedSymbol: String? = nil, txId: Int64? = nil,
                startTime: Int64? = nil, endTime: Int64? = nil, current: Int? = nil, size: Int? = nil) {
        self.type = type
        self.asset = asset
        self.isolatedSymbol = isolatedSymbol
        self.txId = txId
        self.startTime = startTime
        self.endTime = endTime
        self.current = current
        self.size = size
    }
}

/// One borrow or repay: amounts, status and the transaction id.
public struct BorrowRepayRecord: Sendable, Hashable, Decodable {
    /// `AUTO`, `MANUAL`, `BNB_AUTO_REPAY`, `POINT_AUTO_REPAY`.
    public var type: String?
    /// The isolated pair; absent for cross.
    public var isolatedSymbol: String?
    /// For repays: interest + principal.
    public var amount: Number
    /// The asset, e.g. `USDT`.
    public var asset: String
    /// The interest owed (or charged).
    public var interest: Number?
    /// The principal part.
    public var principal: Number?
    /// `PENDING`, `CONFIRMED` or `FAILED` (nothing happened).
    public var status: String
    /// When it happened, ms.
    public var timestamp: Int64
    /// The transaction id.
    public var txId: Int64

    enum CodingKeys: String, CodingKey { case type, isolatedSymbol, amount, asset, interest, principal, status, timestamp, txId }

    /// Makes a value from its fields.
    public init(type: String? = "MANUAL", isolatedSymbol: String? = nil, amount: Number, asset: String, interest: Number? = nil,
                principal: Number? = nil, status: String = "CONFIRMED", timestamp: Int64, txId: Int64) {
        self.type = type
        self.isolatedSymbol = isolatedSymbol
        self.amount = amount
        self.asset = asset
        self.interest = interest
        self.principal = principal
        self.status = status
        self.timestamp = timestamp
        self.txId = txId
    }

    /// Decodes Binance's JSON, tolerating absent optional fields and ignoring unknown ones.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        type = try c.decodeIfPresent(String.self, forKey: .type)
        isolatedSymbol = try c.decodeIfPresent(String.self, forKey: .isolatedSymbol)
        amount = try c.decode(Number.self, forKey: .amount)
        asset = try c.decode(String.self, forKey: .asset)
        interest = try c.decodeIfPresent(Number.self, forKey: .interest)
        principal = try c.decodeIfPresent(Number.self, forKey: .principal)
        status = try c.decode(String.self, forKey: .status)
        timestamp = try c.decodeInt64(forKey: .timestamp)
        txId = try c.decodeInt64(forKey: .txId)
    }
}

/// One daily interest rate: `{"asset":"BTC","dailyInterestRate":"0.00025000","timestamp":…,"vipLevel":1}`.
public struct InterestRate: Sendable, Hashable, Decodable {
    /// The asset, e.g. `USDT`.
    public var asset: String
    /// The daily rate (hourly charge = daily ÷ 24).
    public var dailyInterestRate: Number
    /// When it happened, ms.
    public var timestamp: Int64
    /// The VIP level the rate applies to.
    public var vipLevel: Int?

    /// Makes a value from its fields.
    public init(asset: String, dailyInterestRate: Number, timestamp: Int64, vipLevel: Int? = nil) {
        self.asset = asset
        self.dailyInterestRate = dailyInterestRate
        self.timestamp = timestamp
        self.vipLevel = vipLevel
    }
}

/// One interest charge from `GET /sapi/v1/margin/interestHistory`.
public struct InterestRecord: Sendable, Hashable, Decodable {
    /// The transaction id.
    public var txId: Int64
    /// When the interest accrued, ms (Binance spells the key `interestAccuredTime`).
    public var interestAccruedTime: Int64
    /// The asset, e.g. `USDT`.
    public var asset: String
    /// The asset before BNB conversion; absent for isolated.
    public var rawAsset: String?
    /// The principal part.
    public var principal: Number
    /// The interest owed (or charged).
    public var interest: Number
    /// The daily rate applied.
    public var interestRate: Number
    /// `PERIODIC`, `ON_BORROW`, `PERIODIC_CONVERTED`, `ON_BORROW_CONVERTED`, `PORTFOLIO`.
    public var type: String
    /// The isolated pair; absent for cross.
    public var isolatedSymbol: String?

    enum CodingKeys: String, CodingKey {
        case txId, interestAccruedTime = "interestAccuredTime", asset, rawAsset, principal, interest, interestRate, type, isolatedSymbol
    }

    /// Makes a value from its fields.
    public init(txId: Int64, interestAccruedTime: Int64, asset: String, rawAsset: String? = nil, principal: Number,
                interest: Number, interestRate: Number, type: String, isolatedSymbol: String? = nil) {
        self.txId = txId
        self.interestAccruedTime = interestAccruedTime
        self.asset = asset
        self.rawAsset = rawAsset
        self.principal = principal
        self.interest = interest
        self.interestRate = interestRate
        self.type = type
        self.isolatedSymbol = isolatedSymbol
    }

    /// Decodes Binance's JSON, tolerating absent optional fields and ignoring unknown ones.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        txId = try c.decodeInt64(forKey: .txId)
        interestAccruedTime = try c.decodeInt64(forKey: .interestAccruedTime)
        asset = try c.decode(String.self, forKey: .asset)
        rawAsset = try c.decodeIfPresent(String.self, forKey: .rawAsset)
        principal = try c.decode(Number.self, forKey: .principal)
        interest = try c.decode(Number.self, forKey: .interest)
        interestRate = try c.decode(Number.self, forKey: .interestRate)
        type = try c.decode(String.self, forKey: .type)
        isolatedSymbol = try c.decodeIfPresent(String.self, forKey: .isolatedSymbol)
    }
}
