import BinanceMargin

/// A simulator state (a `--state` file or a `GET /sim/state` copy) holding a value the engine
/// could not run from: a time outside 1970…9999, an interest hour not within the hour after `now`,
/// a walk step ahead of `now`, or a clock offset that puts the simulator's time out of range.
///
/// Refused at load, naming the field, so a corrupt or hostile state never traps or hangs the engine.
public struct ImplausibleState: Error, Sendable, Equatable, CustomStringConvertible {
    /// The JSON path of the offending field, e.g. `exchange.nextInterestHour`.
    public var field: String
    /// The value found.
    public var value: Int64
    /// What the field must be.
    public var expected: String

    public var description: String {
        "the simulator state's \(field) is \(value), which is not plausible (\(expected)); move the state away to start afresh"
    }
}

extension PersistedState {
    /// The longest stretch a loaded state may be caught up by at load (10 years of hours, each charged in order).
    static let longestCatchUp: Int64 = 3_660 * 86_400_000

    /// Checks the fields the engine's time arithmetic relies on, given the injected clock's time `clockNow`
    /// and the offset the simulator will run with.
    func validate(clockNow: Int64, offset: Int64) throws(ImplausibleState) {
        let plausible = ServerTimeSync.plausible
        let now = exchange.now
        guard plausible.contains(now) else {
            throw ImplausibleState(field: "exchange.now", value: now, expected: "a Unix time in ms between 1970 and 9999")
        }
        let hour: Int64 = 3_600_000
        guard exchange.nextInterestHour > now, exchange.nextInterestHour <= now + hour else {
            throw ImplausibleState(field: "exchange.nextInterestHour", value: exchange.nextInterestHour,
                                   expected: "within the hour after exchange.now \(now)")
        }
        for symbol in exchange.walks.keys.sorted() {
            let step = exchange.walks[symbol]?.lastStep ?? 0
            guard step >= 0, step <= now / RandomWalk.stepMilliseconds else {
                throw ImplausibleState(field: "exchange.walks.\(symbol).lastStep", value: step,
                                       expected: "a minute between 0 and exchange.now's \(now / RandomWalk.stepMilliseconds)")
            }
        }
        try validateCounters()
        try validateRecordOrder()
        try validateBooks()
        guard clockOffset.magnitude <= UInt64(plausible.upperBound) else {
            throw ImplausibleState(field: "clockOffset", value: clockOffset, expected: "at most 9999 years either way")
        }
        let time = clockNow.saturatingAdding(offset)
        guard plausible.contains(time), time.saturatingSubtracting(now) <= PersistedState.longestCatchUp else {
            throw ImplausibleState(field: "clockOffset", value: clockOffset,
                                   expected: "the clock plus the offset within 10 years after exchange.now \(now)")
        }
    }

    /// Every record list runs in time order with increasing ids, as the engine appends them (the indexes'
    /// binary searches rely on it: ``RecordLog``, ``OrderIndex``).
    private func validateRecordOrder() throws(ImplausibleState) {
        let logs: [(String, (position: Int, field: String, value: Int64)?)] = [
            ("orders", exchange.orders.firstDisorder()), ("trades", exchange.trades.firstDisorder()),
            ("loanRecords", exchange.loanRecords.firstDisorder()), ("interestRecords", exchange.interestRecords.firstDisorder()),
            ("transferRecords", exchange.transferRecords.firstDisorder()),
            ("liquidationRecords", exchange.liquidationRecords.firstDisorder()),
        ]
        for case let (name, (position, field, value)?) in logs {
            throw ImplausibleState(field: "exchange.\(name)[\(position)].\(field)", value: value,
                                   expected: "records in the order they happened: a time not before the previous record's, an id above it")
        }
    }

    /// The id counters leave room to count on (they are incremented without a check).
    private func validateCounters() throws(ImplausibleState) {
        let room: ClosedRange<Int64> = 0...(Int64.max / 2)
        for (field, value) in [("nextTransactionId", exchange.nextTransactionId), ("nextOrderId", exchange.nextOrderId),
                               ("nextTradeId", exchange.nextTradeId)] where !room.contains(value) {
            throw ImplausibleState(field: "exchange.\(field)", value: value, expected: "between 0 and \(Int64.max / 2)")
        }
    }

    /// Every resting entry of a book names an open, working limit order of its symbol and side at its
    /// position (the engine reads the order there without a check), and the prevented-match counter has room.
    private func validateBooks() throws(ImplausibleState) {
        guard let books = exchange.books else { return }
        guard (0...(Int64.max / 2)).contains(books.nextPreventedMatchId) else {
            throw ImplausibleState(field: "exchange.books.nextPreventedMatchId", value: books.nextPreventedMatchId,
                                   expected: "between 0 and \(Int64.max / 2)")
        }
        for symbol in books.bySymbol.keys.sorted() {
            guard let book = books.bySymbol[symbol] else { continue }
            for (side, entries) in [(Side.sell, book.restingAsks), (Side.buy, book.restingBids)] {
                for entry in entries {
                    let orders = exchange.orders
                    guard entry.position >= 0, entry.position < orders.count, orders[entry.position].orderId == entry.orderId,
                          orders[entry.position].isResting, orders[entry.position].symbol == symbol,
                          orders[entry.position].side == side, orders[entry.position].price == entry.price else {
                        throw ImplausibleState(field: "exchange.books.bySymbol.\(symbol).resting", value: entry.orderId,
                                               expected: "the id of an open working limit order of \(symbol) at position \(entry.position)")
                    }
                }
            }
        }
    }
}
