/// The time limits used when reading back a request whose answer was lost.
///
/// A record or order belongs to the lost request only if the exchange stamped it at or after the
/// request's own `timestamp` minus ``clockAllowance``; anything older is an earlier, identical
/// request and is never taken for this one.
enum Reconciliation {
    /// How far, ms, the exchange's stamp may precede the request's `timestamp` (clock offset between client and server).
    static let clockAllowance: Int64 = 1_000
    /// How far back, ms, the loan records are read so that an identical earlier loan can be named in the error.
    static let lookBack: Int64 = 60_000

    /// The earliest stamp, ms, that can belong to a request sent with `timestamp` `sentAt`.
    static func earliestStamp(sentAt: Int64) -> Int64 { sentAt - clockAllowance }
}
