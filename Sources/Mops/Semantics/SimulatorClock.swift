import BinanceMargin
import Synchronization

/// The simulator's virtual time, through the client's sim-control endpoints.
public struct SimulatorClock: InterpreterClock {
    /// The client of a simulator backend.
    public let client: MarginClient
    /// How often `wait until` re-checks (default one minute of simulated time).
    public let pollInterval: Int64
    /// The time the last advance reached during a replay, and the client's control count just after it.
    private let replayTime = ReplayTime()

    /// Makes a clock over a simulator backend.
    public init(client: MarginClient, pollInterval: Int64 = 60_000) {
        self.client = client
        self.pollInterval = pollInterval
    }

    /// The simulator's current (virtual) time, from its server-time endpoint — or, during a replay, from the
    /// answer of this clock's last advance while the client has sent no simulator control since.
    ///
    /// During a replay the simulator's time moves only with `/sim/*` controls (`/sim/clock`, `/sim/replay`,
    /// `/sim/reset`), so that answer is what `GET /api/v3/time` would say; `every` then reads no clock per
    /// tick. A control sent by another client in between is seen at the next advance's answer, as if it had
    /// come just after the read.
    public func now() async throws -> Int64 {
        if let time = replayTime.time(ifCount: client.simulatorControls.current) { return time }
        return try await client.serverTime()
    }

    /// Waiting advances simulated time at once.
    public var isVirtual: Bool { true }

    /// Advances the simulator's clock by `milliseconds` at once (interest, fills and liquidations run on the way).
    ///
    /// During a replay the simulator stops its clock at the series' last close; a wait that asked to go past it
    /// throws ``ClockStopped`` (the run then ends normally with a note).
    public func sleep(milliseconds: Int64) async throws {
        guard milliseconds > 0 else { return }
        try Task.checkCancellation()
        let before = client.simulatorControls.current
        let advance = try await client.simAdvance(milliseconds: milliseconds)
        // Kept only when this advance was the one control sent meanwhile (no other task's control interleaved).
        let after = client.simulatorControls.current
        replayTime.set(advance.replayEnd != nil && !advance.replayEnded && after == before &+ 1 ? advance.serverTime : nil, count: after)
        if advance.replayEnded { throw ClockStopped.replayEnded(at: advance.serverTime) }
    }
}

/// The replay time a ``SimulatorClock`` last reached, valid while the client's control count stays where it was.
private final class ReplayTime: Sendable {
    private let state = Mutex<(time: Int64, count: UInt64)?>(nil)

    /// The time, if the count is still `count`.
    func time(ifCount count: UInt64) -> Int64? {
        state.withLock { $0.flatMap { $0.count == count ? $0.time : nil } }
    }

    /// Keeps `time` (nil: nothing is known) for control count `count`.
    func set(_ time: Int64?, count: UInt64) {
        state.withLock { $0 = time.map { ($0, count) } }
    }
}
