import BinanceMargin
import Synchronization

/// What the interpreter has already reported of the accounts' forced liquidations, kept across runs of one
/// interpreter (so the REPL reports each liquidation once) and shared with its evaluators.
///
/// The rule (docs/language.md, "Liquidations"): `GET /sapi/v1/margin/forceLiquidationRec` is read for the cross
/// account and every isolated pair the session has used — after every `sim` statement; at the end of a run (each
/// REPL input) that changed the account, or when the last check is an interval old; and while waiting (`wait`,
/// `wait until`, `every`) once per interval waited. The interval is an hour of simulated time or 10 s of real
/// time. Only liquidations after the interpreter's first check are reported.
final class LiquidationWatch: Sendable {
    struct State {
        /// Server time of the first check (or of the last time the clock moved back): earlier liquidations are history.
        var since: Int64?
        /// Time waited since the last check, ms.
        var waited: Int64 = 0
        /// Clock time of the last check.
        var lastCheck: Int64?
        /// Order ids already reported (pruned to those at or after `since`).
        var reported: Set<Int64> = []
        /// Isolated pairs the session has touched.
        var isolatedSymbols: Set<String> = []
        /// Whether the last check failed (a failure is said once until a check succeeds).
        var failing = false
    }

    private let state = Mutex(State())

    /// How often a waiting script checks: every hour of simulated time, every 10 s of real time.
    static func interval(virtual: Bool) -> Int64 { virtual ? 3_600_000 : 10_000 }

    /// Whether the first check (which sets the start) was made.
    var started: Bool { state.withLock { $0.since != nil } }

    /// Notes an isolated pair the script used, so its liquidations are looked for too.
    func use(isolated symbol: String) { state.withLock { _ = $0.isolatedSymbols.insert(symbol) } }

    /// Whether the last check is at least one interval before clock time `now`.
    func isStale(at now: Int64, virtual: Bool) -> Bool {
        state.withLock { s in s.lastCheck.map { now.saturatingSubtracting($0) >= Self.interval(virtual: virtual) } ?? true }
    }

    /// Counts `ms` of waiting; true when a periodic check is due (the count then starts again).
    func waited(_ ms: Int64, virtual: Bool) -> Bool {
        state.withLock { s in
            s.waited = s.waited.saturatingAdding(ms)
            guard s.waited >= Self.interval(virtual: virtual) else { return false }
            s.waited = 0
            return true
        }
    }

    /// The accounts to look at (nil = cross) and the window to read: from the last check (less a second of
    /// clock allowance; at most 7 days back, forceLiquidationRec's longest window) to `now`. Nil on the first
    /// check, which only sets the start. After time moved backwards (a replay of older prices) the whole window.
    func plan(at now: Int64) -> (from: Int64, to: Int64, accounts: [String?])? {
        state.withLock { s in
            let last = s.lastCheck
            s.waited = 0
            s.lastCheck = now
            guard s.since != nil, let last else { s.since = now; return nil }
            let earliest = now.saturatingSubtracting(Self.longestWindow - 1)
            let from = last <= now ? Swift.max(last.saturatingSubtracting(1_000), earliest) : earliest
            return (from, now, [nil] + s.isolatedSymbols.sorted())
        }
    }

    /// forceLiquidationRec's longest time window, ms (7 days).
    static let longestWindow: Int64 = 7 * 24 * 3_600_000

    /// The rows not reported yet, marked reported now.
    func fresh(_ rows: [ForceLiquidationRecord]) -> [ForceLiquidationRecord] {
        state.withLock { s in
            let new = rows.filter { !s.reported.contains($0.orderId) }
            s.reported.formUnion(new.map(\.orderId))
            s.failing = false
            return new
        }
    }

    /// Records a failed check; true when it is the first of a run of failures (say it once).
    func failed() -> Bool { state.withLock { s in defer { s.failing = true }; return !s.failing } }
}
