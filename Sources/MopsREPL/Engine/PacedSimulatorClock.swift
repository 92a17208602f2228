import BinanceMargin
import Mops

/// The REPL's clock on a simulator: `wait 5s` and `every 5s` really take five seconds (a person
/// is watching), and the simulator's virtual clock advances by the same amount, so interest,
/// fills and liquidations happen as they would.
///
/// Scripts (`mops run`) use the instant ``SimulatorClock`` instead; in the REPL, `sim advance 1h`
/// jumps ahead without waiting.
public struct PacedSimulatorClock: InterpreterClock {
    /// The simulator's client.
    public let client: MarginClient
    /// How often `wait until` re-checks its condition (default one second).
    public let pollInterval: Int64

    /// Makes a paced clock over a simulator backend.
    public init(client: MarginClient, pollInterval: Int64 = 1_000) {
        self.client = client
        self.pollInterval = pollInterval
    }

    /// The simulator's current time.
    public func now() async throws -> Int64 { try await client.serverTime() }

    /// Waits in real time, then advances the simulator by the same amount.
    public func sleep(milliseconds: Int64) async throws {
        guard milliseconds > 0 else { return }
        try await Task.sleep(for: .milliseconds(milliseconds))
        _ = try await client.simAdvanceClock(milliseconds: milliseconds)
    }
}
