/// This client's borrow/repay calls that overlap in time, so a lost answer is never settled with the
/// record of another call of the same client.
///
/// Every call is logged from before its watermark read until it ends. When one call's answer is lost,
/// the others with the same type, asset and pair that were in flight at any moment of its life are its
/// rivals: a rival that was answered names its own `tranId` (never taken for the lost one); a rival
/// with no answer yet, or whose answer was lost too, makes any candidate record ambiguous. The log
/// empties itself whenever no call is in flight, and remembers the last ``recentLimit`` answered ids.
struct LoanCallLog: Sendable {
    /// One call.
    struct Call: Sendable {
        var key: String
        var startedAt: Int
        var endedAt: Int?
        var tranId: Int64?
    }

    /// How many answered `tranId`s are remembered after their calls are forgotten.
    static let recentLimit = 256

    private var tick = 0
    private var nextID = 0
    private var calls: [Int: Call] = [:]
    private(set) var recentTranIds: [Int64] = []

    /// `BORROW USDT` or `REPAY BTC BTCUSDT`: what makes two calls rivals.
    static func key(_ type: LoanType, _ asset: String, _ isolatedSymbol: String?) -> String {
        [type.rawValue, asset, isolatedSymbol ?? ""].joined(separator: " ")
    }

    /// Logs the start of a call; returns its id.
    mutating func begin(_ key: String) -> Int {
        tick += 1
        nextID += 1
        calls[nextID] = Call(key: key, startedAt: tick)
        return nextID
    }

    /// Logs the end of call `id`, with the `tranId` it was answered (or settled) with.
    mutating func end(_ id: Int, tranId: Int64?) {
        tick += 1
        calls[id]?.endedAt = tick
        calls[id]?.tranId = tranId
        if let tranId {
            recentTranIds.append(tranId)
            if recentTranIds.count > Self.recentLimit { recentTranIds.removeFirst(recentTranIds.count - Self.recentLimit) }
        }
        if calls.values.allSatisfy({ $0.endedAt != nil }) { calls.removeAll() }
    }

    /// The rivals of call `id` (same key, alive at some moment of its life): the `tranId`s of those answered,
    /// and how many have no `tranId` (still in flight, or lost).
    func rivals(of id: Int) -> (answered: Set<Int64>, unsettled: Int) {
        guard let own = calls[id] else { return ([], 0) }
        var answered = Set<Int64>()
        var unsettled = 0
        for (other, call) in calls where other != id && call.key == own.key && (call.endedAt ?? Int.max) > own.startedAt {
            if let tranId = call.tranId { answered.insert(tranId) } else { unsettled += 1 }
        }
        return (answered, unsettled)
    }
}
