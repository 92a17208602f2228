import BinanceMargin

/// One acknowledged change, as the journal keeps it: the request that made it and the simulated time
/// it was applied at (replaying it on the state it was applied to gives the same state again, because
/// the engine is deterministic and time-driven events do not depend on how time was chunked).
struct JournalRecord: Codable, Sendable {
    /// What changed.
    enum Kind: String, Codable, Sendable {
        /// A `.write` endpoint served with `parameters`.
        case write
        /// `/sim/clock`: the offset became `clockOffset` and the exchange advanced to `time`.
        case clock
        /// `/sim/reset`: the exchange became `state` (a fresh scenario start, a few KB).
        case reset
    }

    var kind: Kind
    /// The exchange's time when the change was applied (after catching up).
    var time: Int64
    var method: String?
    var path: String?
    /// The request's parameters without its signature.
    var parameters: [String: String]?
    var clockOffset: Int64?
    var state: Exchange?

    /// A served write.
    static func write(method: String, path: String, parameters: [String: String], time: Int64) -> JournalRecord {
        var kept = parameters
        kept["signature"] = nil
        return JournalRecord(kind: .write, time: time, method: method, path: path, parameters: kept)
    }
}
