import BinanceMargin

/// One movement of funds in a margin account: the `GET /sapi/v1/margin/capital-flow` row. The engine writes
/// one for every borrow, repay, transfer in or out, each fill's income, expense and commission, and each
/// liquidation step, with Binance's types.
struct CapitalFlowRecord: Codable, Sendable, Hashable {
    /// The row's id: 1, 2, 3… in the order the movements happened (`fromId` pages by it).
    var id: Int64
    /// The transaction it belongs to: the loan's or transfer's id, the trade's id, the liquidation order's id.
    var tranId: Int64
    var time: Int64
    var account: AccountRef
    var asset: String
    /// `BORROW`, `REPAY`, `TRANSFER`, `BUY_INCOME`, `BUY_EXPENSE`, `SELL_INCOME`, `SELL_EXPENSE`,
    /// `TRADING_COMMISSION`, `BUY_LIQUIDATION`, `SELL_LIQUIDATION`, `REPAY_LIQUIDATION`, `LIQUIDATION_FEE`.
    var type: String
    /// What moved: positive, except a `TRANSFER` out of the account (negative).
    var amount: Number
}

extension CapitalFlowRecord: LoggedRecord {
    static let timeField = "time", idField = "id"
    /// An account, of one asset and/or one type (nil: any).
    struct Key: Hashable, Sendable {
        var account: AccountRef
        var asset: String?
        var type: String?
    }

    var loggedTime: Int64 { time }
    var loggedId: Int64 { id }
    var keys: [Key] {
        [Key(account: account, asset: nil, type: nil), Key(account: account, asset: asset, type: nil),
         Key(account: account, asset: nil, type: type), Key(account: account, asset: asset, type: type)]
    }

    /// Binance's capital-flow types (the `type` filter accepts these).
    static let types = [
        "TRANSFER", "BORROW", "REPAY", "BUY_INCOME", "BUY_EXPENSE", "SELL_INCOME", "SELL_EXPENSE", "TRADING_COMMISSION",
        "BUY_LIQUIDATION", "SELL_LIQUIDATION", "REPAY_LIQUIDATION", "OTHER_LIQUIDATION", "LIQUIDATION_FEE",
        "SMALL_BALANCE_CONVERT", "COMMISSION_RETURN", "SMALL_CONVERT",
    ]
}

extension Exchange {
    /// The capital-flow rows (nil in a state written before they were kept).
    var flows: RecordLog<CapitalFlowRecord> { capitalFlows ?? RecordLog() }

    /// Records a movement of `amount` of `asset` in the margin `account` (spot wallets have no capital flow;
    /// nothing is recorded for a zero amount).
    mutating func recordFlow(_ account: AccountRef, _ asset: String, _ type: String, _ amount: Number, tranId: Int64) {
        guard account.isMargin, !amount.isZero else { return }
        if capitalFlows == nil { capitalFlows = RecordLog() }
        let id = Int64(capitalFlows!.count) + 1
        capitalFlows!.append(CapitalFlowRecord(id: id, tranId: tranId, time: now, account: account, asset: asset,
                                               type: type, amount: amount))
    }

    /// The rows of one fill: what it received (gross), what it paid, and its commission.
    mutating func recordFillFlows(_ trade: ExchangeTrade, account: AccountRef, base: String, quote: String) {
        let buy = trade.isBuyer
        recordFlow(account, buy ? base : quote, buy ? "BUY_INCOME" : "SELL_INCOME", buy ? trade.qty : trade.quoteQty, tranId: trade.id)
        recordFlow(account, buy ? quote : base, buy ? "BUY_EXPENSE" : "SELL_EXPENSE", buy ? trade.quoteQty : trade.qty, tranId: trade.id)
        recordFlow(account, trade.commissionAsset, "TRADING_COMMISSION", trade.commission, tranId: trade.id)
    }
}
