import BinanceMargin

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
