import BinanceMargin
import Synchronization

/// The registered `on … { }` handlers and what each has waiting, with the rule for events that arrive while
/// handlers run (docs/language.md, "Handlers"): at most one run waits per handler — the latest event wins and
/// `event.coalesced` counts the ones it replaced — except `on fill`, which runs once per fill up to
/// ``fillBound`` waiting; more fills than that are folded into the last one waiting (counted the same way,
/// and said in a note). `on balance` / `on liability` keep one waiting per asset. Nothing grows without bound.
final class HandlerTable: Sendable {
    /// The most fills one `on fill` handler keeps waiting.
    static let fillBound = Limits.fillsWaiting

    struct Entry {
        var handler: LoweredHandler
        /// `on marginLevel`'s threshold, computed when the `on` statement ran.
        var threshold: Number?
        /// Whether the level condition was true at the last reading (edge trigger: runs on false → true).
        var wasTrue = false
        var pending: [Record] = []
        /// Fills folded into the last one waiting since the last ``take()``.
        var overflow = 0
    }

    /// One handler run: the handler, its event, and how many fills were folded into it past the bound.
    struct Run {
        var handler: LoweredHandler
        var event: Record
        var overflow: Int
    }

    private struct State {
        var entries: [Entry] = []
        /// The last margin status seen (an `on marginStatus` event's `previous`).
        var lastStatus: String?
        /// The feed this table listens to (once, however many handlers).
        var listening: EventFeed?
    }

    private let state = Mutex(State())

    /// Whether no handler is registered.
    var isEmpty: Bool { state.withLock { $0.entries.isEmpty } }

    /// Whether any handler of `event` is registered.
    func has(_ event: HandlerEvent) -> Bool { state.withLock { $0.entries.contains { $0.handler.event == event } } }

    /// Adds a handler (after the ones registered before it).
    func register(_ handler: LoweredHandler, threshold: Number?) {
        state.withLock { $0.entries.append(Entry(handler: handler, threshold: threshold)) }
    }

    /// Listens to `feed` (once): from now on it keeps events for these handlers.
    func startListening(_ feed: EventFeed) {
        let start = state.withLock { s -> Bool in
            guard s.listening == nil else { return false }
            s.listening = feed
            return true
        }
        if start { feed.listen(true) }
    }

    /// Stops listening (the run that owned the table ended).
    func stopListening() {
        state.withLock { s in
            defer { s.listening = nil }
            return s.listening
        }?.listen(false)
    }

    /// The handlers as written, with their lines: `on fill BTCUSDT (line 2)`.
    var titles: [String] {
        state.withLock { $0.entries.map { "\($0.handler.title) (line \($0.handler.range.start.line))" } }
    }

    /// Forgets every handler and stops listening.
    func removeAll() {
        state.withLock { $0.entries = [] }
        stopListening()
    }

    /// Routes one stream event to the handlers it concerns.
    func offer(_ item: EventFeed.Item) {
        state.withLock { s in
            switch item.event {
            case .marginLevelStatus(let change):
                let record = EventRecord.marginStatus(change, previous: s.lastStatus)
                s.lastStatus = change.status.rawValue
                Self.add(record, in: &s) { $0.event == .marginStatus && ($0.filter == nil || $0.filter == change.status.rawValue) }
                Self.level(change.marginLevel, time: change.eventTime, in: &s)
            case .execution(let report) where report.executionType == .trade:
                let record = EventRecord.fill(report, isolated: item.isolatedSymbol != nil)
                Self.add(record, in: &s) { $0.event == .fill && ($0.filter == nil || $0.filter == report.symbol) }
            case .accountPosition(let position):
                for b in position.balances {
                    let record = EventRecord.balance(b, time: position.eventTime)
                    Self.add(record, key: b.asset, in: &s) { $0.event == .balance && ($0.filter == nil || $0.filter == b.asset) }
                }
            case .liabilityChange(let change):
                Self.add(EventRecord.liability(change), key: change.asset, in: &s) {
                    $0.event == .liability && ($0.filter == nil || $0.filter == change.asset)
                }
            default: break
            }
        }
    }

    /// The status read when an `on marginStatus` handler was registered, if no change was seen yet (the first event's `previous`).
    func noteStatus(_ status: String) {
        state.withLock { s in if s.lastStatus == nil { s.lastStatus = status } }
    }

    /// A liquidation the interpreter found.
    func offer(liquidation notice: LiquidationNotice) {
        state.withLock { s in Self.add(EventRecord.liquidation(notice), in: &s) { $0.event == .liquidation } }
    }

    /// A margin level read at `time`: each `on marginLevel` handler whose condition just became true gets a run.
    func offer(level: Number, time: Int64) {
        state.withLock { s in Self.level(level, time: time, in: &s) }
    }

    /// The runs waiting, in registration order and, per handler, arrival order; none wait afterwards.
    func take() -> [Run] {
        state.withLock { s in
            var runs: [Run] = []
            for i in s.entries.indices {
                let pending = s.entries[i].pending
                for (k, record) in pending.enumerated() {
                    runs.append(Run(handler: s.entries[i].handler, event: record, overflow: k == pending.count - 1 ? s.entries[i].overflow : 0))
                }
                s.entries[i].pending = []
                s.entries[i].overflow = 0
            }
            return runs
        }
    }

    private static func level(_ level: Number, time: Int64, in s: inout State) {
        for i in s.entries.indices where s.entries[i].handler.event == .marginLevel {
            guard let threshold = s.entries[i].threshold, let op = s.entries[i].handler.comparison else { continue }
            let isTrue: Bool
            switch op {
            case .less: isTrue = level < threshold
            case .lessEqual: isTrue = level <= threshold
            case .greater: isTrue = level > threshold
            default: isTrue = level >= threshold
            }
            defer { s.entries[i].wasTrue = isTrue }
            guard isTrue, !s.entries[i].wasTrue else { continue }
            enqueue(EventRecord.marginLevel(level, time: time), key: nil, at: i, in: &s)
        }
    }

    private static func add(_ record: Record, key: String? = nil, in s: inout State, where matches: (LoweredHandler) -> Bool) {
        for i in s.entries.indices where matches(s.entries[i].handler) { enqueue(record, key: key, at: i, in: &s) }
    }

    /// Adds `record` to entry `i`'s waiting runs by the rule above.
    private static func enqueue(_ record: Record, key: String?, at i: Int, in s: inout State) {
        var entry = s.entries[i]
        if entry.handler.event == .fill {
            if entry.pending.count < fillBound {
                entry.pending.append(record)
            } else {
                entry.overflow += 1
                entry.pending[entry.pending.count - 1] = EventRecord.coalescing(entry.pending[entry.pending.count - 1], 1)
            }
        } else if let k = entry.pending.firstIndex(where: { key == nil || Self.key(of: $0) == key }) {
            let folded = Self.coalesced(entry.pending[k]) + 1
            entry.pending[k] = EventRecord.coalescing(record, folded)
        } else {
            entry.pending.append(record)
        }
        s.entries[i] = entry
    }

    private static func key(of record: Record) -> String? {
        if case .code(let asset)? = record["asset"] { return asset }
        return nil
    }

    private static func coalesced(_ record: Record) -> Int {
        if case .number(let n)? = record["coalesced"], let count = n.exactInt { return count }
        return 0
    }
}
