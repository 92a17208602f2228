import BinanceMargin

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
    ///
    /// During a replay the simulator stops its clock at the series' last close; a wait that asked to go past it
    /// throws ``ClockStopped`` (the run then ends normally with a note).
    public func sleep(milliseconds: Int64) async throws {
        guard milliseconds > 0 else { return }
        try Task.checkCancellation()
        let advance = try await client.simAdvance(milliseconds: milliseconds)
        if advance.replayEnded { throw ClockStopped.replayEnded(at: advance.serverTime) }
    }
}
