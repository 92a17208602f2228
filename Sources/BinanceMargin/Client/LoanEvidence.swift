/// The newest borrow/repay record of one type, asset and pair, read just before a borrow or repay
/// is sent: after a lost answer only records newer than it (a greater `txId`) can be that request's.
struct LoanWatermark: Sendable, Hashable {
    /// The start of the window the records were read from (and are read from again), ms.
    var windowStart: Int64
    /// The newest record's id, or nil when the window held none.
    var txId: Int64?
    /// The newest record's stamp, ms.
    var timestamp: Int64?
    /// Why the records could not be read before sending (then no record can be told apart from an earlier one).
    var readFailure: String?

    /// `newer than txId 100000002 (stamped 1700000000000), the newest before it was sent`, for messages.
    var description: String {
        if let readFailure { return "no watermark: the records could not be read before sending (\(readFailure))" }
        guard let txId, let timestamp else {
            return "stamped since \(windowStart), when the records held none before it was sent"
        }
        return "newer than txId \(txId) (stamped \(timestamp)), the newest before it was sent"
    }

    /// Whether `record` came after this watermark: a greater id and a stamp not older than the watermark's.
    func precedes(_ record: BorrowRepayRecord) -> Bool {
        guard readFailure == nil else { return false }
        guard let txId, let timestamp else { return record.timestamp >= windowStart }
        return record.txId > txId && record.timestamp >= timestamp
    }
}

/// What the records say about a borrow/repay whose answer was lost.
enum LoanEvidence: Sendable, Hashable {
    /// Exactly one record can be it, and nothing else could be.
    case found(Int64)
    /// No record can be it (yet); the text says what was there.
    case none(String)
    /// More than one explanation fits; the text says which.
    case ambiguous(String)

    /// Judges `rows` for a MANUAL `type` of `amount` `asset` (cross when `isolatedSymbol` is nil) sent after
    /// `watermark`, and stamped within `stamps`: at or after its own `timestamp` less the clock allowance (so a record
    /// of an earlier request that was not yet visible when the watermark was read is not taken either) and at or
    /// before its `timestamp` plus its recvWindow and the allowance (the exchange refuses a request after its
    /// recvWindow, so a later record — another process's identical loan — is not this one's).
    /// `answered` are ids of this client's other calls (never this one); `unsettledRivals` counts its other
    /// calls of the same kind whose outcome is not known. A record without a `type` could be an AUTO loan
    /// of an order, and is never taken for this one.
    static func judge(_ rows: [BorrowRepayRecord], type: LoanType, asset: String, amount: Number, isolatedSymbol: String?,
                      watermark: LoanWatermark, stamps: ClosedRange<Int64>, answered: Set<Int64>, unsettledRivals: Int) -> LoanEvidence {
        let verb = type.rawValue
        let newer = rows.filter {
            $0.asset == asset && $0.isolatedSymbol == isolatedSymbol && watermark.precedes($0) && stamps.contains($0.timestamp)
                && !answered.contains($0.txId)
        }
        let sameAmount = newer.filter { $0.amount == amount }
        let candidates = sameAmount.filter { $0.status != "FAILED" && ($0.type == "MANUAL" || $0.type == nil) }
        let ids = { (rows: [BorrowRepayRecord]) in rows.map { "txId \($0.txId)" }.joined(separator: ", ") }
        if candidates.count > 1 {
            return .ambiguous("\(candidates.count) candidate records (\(ids(candidates)))")
        }
        if let only = candidates.first {
            if only.type == nil {
                return .ambiguous("one candidate record (txId \(only.txId)) without a type: it could be an AUTO \(verb.lowercased()) of an order")
            }
            if unsettledRivals > 0 {
                return .ambiguous("one candidate record (txId \(only.txId)), but \(unsettledRivals) other \(verb) of \(asset) from this client was in flight at the same time and could own it")
            }
            return .found(only.txId)
        }
        var text = "no MANUAL \(verb) record of \(amount) \(asset) newer than the watermark"
        let late = rows.filter {
            $0.asset == asset && $0.isolatedSymbol == isolatedSymbol && watermark.precedes($0) && $0.timestamp > stamps.upperBound
                && $0.amount == amount
        }
        if !late.isEmpty {
            text += "; stamped after its recvWindow closed, so not it: " + late.map { "txId \($0.txId)" }.joined(separator: ", ")
        }
        let others = sameAmount.filter { $0.status == "FAILED" || ($0.type != "MANUAL" && $0.type != nil) }
        if !others.isEmpty {
            text += "; records of the same amount that are not it: " + others.map { "txId \($0.txId) (\($0.type ?? "?") \($0.status))" }.joined(separator: ", ")
        }
        if newer.count > sameAmount.count { text += "; \(newer.count - sameAmount.count) newer record(s) of other amounts" }
        return .none(text)
    }
}
