/// One movement of funds in a margin account (`GET /sapi/v1/margin/capital-flow`): a transfer, a borrow or
/// repay, a trade's legs and commission, a liquidation step.
public struct CapitalFlowEntry: Sendable, Hashable, Decodable {
    /// The row's id (page with `fromId`).
    public var id: Int64
    /// The transaction it belongs to.
    public var tranId: Int64
    /// When it happened, ms.
    public var timestamp: Int64
    /// The asset moved.
    public var asset: String
    /// The isolated pair, when the row belongs to one.
    public var symbol: String?
    /// `TRANSFER`, `BORROW`, `REPAY`, `BUY_INCOME`, `BUY_EXPENSE`, `SELL_INCOME`, `SELL_EXPENSE`,
    /// `TRADING_COMMISSION`, `BUY_LIQUIDATION`, `SELL_LIQUIDATION`, `REPAY_LIQUIDATION`, `OTHER_LIQUIDATION`,
    /// `LIQUIDATION_FEE`, `SMALL_BALANCE_CONVERT`, `COMMISSION_RETURN` or `SMALL_CONVERT`.
    public var type: String
    /// The amount moved.
    public var amount: Number
    /// `INSTITUTIONAL_LOAN_TRANSFER`, `…_BORROW` or `…_REPAY` for institutional loans (since 2026-07-10); nil otherwise.
    public var note: String?

    enum CodingKeys: String, CodingKey { case id, tranId, timestamp, asset, symbol, type, amount, note }

    /// Decodes Binance's JSON (ids as numbers or digit strings).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeInt64(forKey: .id)
        tranId = try c.decodeInt64(forKey: .tranId)
        timestamp = try c.decodeInt64(forKey: .timestamp)
        asset = try c.decode(String.self, forKey: .asset)
        symbol = try c.decodeIfPresent(String.self, forKey: .symbol)
        type = try c.decode(String.self, forKey: .type)
        amount = try c.decode(Number.self, forKey: .amount)
        note = try c.decodeIfPresent(String.self, forKey: .note)
    }
}

/// What a manual liquidation repaid (`POST /sapi/v1/margin/manual-liquidation`). Binance documents one sample
/// (the same as small-liability-exchange's), so every field is optional.
public struct ManualLiquidationResult: Sendable, Hashable, Decodable {
    /// The asset sold.
    public var asset: String?
    /// Interest repaid, principal repaid.
    public var interest: Number?, principal: Number?
    /// The liability repaid and how much of it (a JSON number in the documentation).
    public var liabilityAsset: String?, liabilityQty: Number?
}
