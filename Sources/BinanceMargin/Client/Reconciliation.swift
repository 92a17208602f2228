/// The time limits used when reading back a request whose answer was lost.
///
/// An order belongs to the lost request only if the exchange stamped it at or after the request's own
/// `timestamp` minus ``clockAllowance``; anything older is an earlier order that reused its client order
/// id. Borrow and repay have no client id: their records are told apart by a watermark (``LoanWatermark``),
/// the newest record read just before sending — only a record with a greater id can be the lost request's.
enum Reconciliation {
    /// How far, ms, the exchange's stamp may precede the request's `timestamp` (clock offset between client and server).
    static let clockAllowance: Int64 = 1_000
    /// How far back, ms, the loan records are read for the watermark (and read again after a lost answer).
    static let lookBack: Int64 = 60_000

    /// The earliest stamp, ms, that can belong to a request sent with `timestamp` `sentAt`.
    static func earliestStamp(sentAt: Int64) -> Int64 { sentAt.saturatingSubtracting(clockAllowance) }

    /// The latest stamp, ms, that can belong to a request sent with `timestamp` `sentAt` and `recvWindow`:
    /// the exchange refuses a request once its recvWindow has passed, so a record stamped after that
    /// (plus ``clockAllowance``) is another request's.
    static func latestStamp(sentAt: Int64, recvWindow: Int64) -> Int64 {
        sentAt.saturatingAdding(recvWindow).saturatingAdding(clockAllowance)
    }
}
