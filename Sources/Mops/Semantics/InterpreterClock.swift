import BinanceMargin

/// Where a script's time comes from: `now`, `wait`, `every` and `wait until` go through it.
///
/// ``WallClock`` is wall time. ``SimulatorClock`` is the simulator's virtual time: waiting
/// advances the simulator's clock instantly (running its hourly interest, fills and liquidations),
/// so `wait 1d` in a rehearsal takes milliseconds.
public protocol InterpreterClock: Sendable {
    /// The current time in milliseconds since 1970.
    func now() async throws -> Int64
    /// Lets `milliseconds` pass.
    func sleep(milliseconds: Int64) async throws
    /// How often `wait until` re-checks its condition.
    var pollInterval: Int64 { get }
    /// Whether waiting only moves a simulated clock (so a wait that never ends would spin, not wait).
    var isVirtual: Bool { get }
}

extension InterpreterClock {
    /// Real time, unless the clock says otherwise.
    public var isVirtual: Bool { false }
}
