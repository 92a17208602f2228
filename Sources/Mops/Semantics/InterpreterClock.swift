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

/// Wall-clock time: `wait 5s` really waits five seconds.
public struct WallClock: InterpreterClock {
    /// Makes a system clock.
    public init() {}

    /// The system's wall-clock time in milliseconds since 1970.
    public func now() async throws -> Int64 { MarginClock.system.now() }

    /// Really waits `milliseconds`; throws `CancellationError` at once when the task is cancelled.
    public func sleep(milliseconds: Int64) async throws {
        guard milliseconds > 0 else { return }
        try await MarginClock.system.sleep(milliseconds)
    }

    /// One second.
    public var pollInterval: Int64 { 1_000 }
}

/// The simulator's virtual time, through the client's sim-control endpoints.
public struct SimulatorClock: InterpreterClock {
    /// The client of a simulator backend.
    public let client: MarginClient
    /// How often `wait until` re-checks (default one minute of simulated time).
    public let pollInterval: Int64

    /// Makes a clock over a simulator backend.
    public init(client: MarginClient, pollInterval: Int64 = 60_000) {
        self.client = client
        self.pollInterval = pollInterval
    }

    /// The simulator's current (virtual) time, from its server-time endpoint.
    public func now() async throws -> Int64 { try await client.serverTime() }

    /// Waiting advances simulated time at once.
    public var isVirtual: Bool { true }

    /// Advances the simulator's clock by `milliseconds` at once (interest, fills and liquidations run on the way).
    public func sleep(milliseconds: Int64) async throws {
        guard milliseconds > 0 else { return }
        try Task.checkCancellation()
        _ = try await client.simAdvanceClock(milliseconds: milliseconds)
    }
}
