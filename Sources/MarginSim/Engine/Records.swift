import BinanceMargin

/// One borrow or repayment (the `GET /sapi/v1/margin/borrow-repay` row).
struct LoanRecord: Codable, Sendable, Hashable {
    enum Kind: String, Codable, Sendable { case borrow = "BORROW", repay = "REPAY" }
    var kind: Kind
    /// `MANUAL`, `AUTO` (side effects) or `LIQUIDATION`-driven `AUTO`.
    var origin: String
    var account: AccountRef
    var asset: String
    var amount: Number
    var interest: Number
    var principal: Number
    var timestamp: Int64
    var txId: Int64
}

/// One interest charge (the `GET /sapi/v1/margin/interestHistory` row).
struct InterestRecord: Codable, Sendable, Hashable {
    var txId: Int64
    var time: Int64
    var account: AccountRef
    var asset: String
    var principal: Number
    var interest: Number
    /// The daily rate in force.
    var dailyRate: Number
    /// `ON_BORROW` or `PERIODIC`.
    var type: String
}

/// One movement between wallets.
struct TransferRecord: Codable, Sendable, Hashable {
    var txId: Int64
    var time: Int64
    var asset: String
    var amount: Number
    var from: AccountRef
    var to: AccountRef
    /// The universal transfer type it corresponds to, e.g. `MAIN_MARGIN`.
    var universalType: String
}

/// One forced-liquidation trade (the `GET /sapi/v1/margin/forceLiquidationRec` row).
struct LiquidationRecord: Codable, Sendable, Hashable {
    var orderId: Int64
    var time: Int64
    var account: AccountRef
    var symbol: String
    var side: Side
    var price: Number
    var qty: Number
}

/// Paging as Binance's history endpoints do it: `current` from 1, `size` up to 100.
struct Page: Sendable {
    var current: Int = 1
    var size: Int = 10

    func slice<T>(_ rows: [T]) -> [T] {
        let start = (max(current, 1) - 1) * size
        guard start < rows.count else { return [] }
        return Array(rows[start..<min(rows.count, start + size)])
    }
}
