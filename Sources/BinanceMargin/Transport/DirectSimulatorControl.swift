/// Control of a simulator that is reached without encoding a request: what an in-process simulator offers for
/// its own `/sim/*` controls (today the clock), so the embedded backend moves replay time without an HTTP-shaped
/// round trip. Binance's endpoints never go through it: they always take ``Transport/send(_:)``.
///
/// An implementation applies the same rules as the control's endpoint (in one place, which both call) and, when
/// it refuses, returns the error response that endpoint would have sent, so the client maps it as it maps any answer.
public protocol DirectSimulatorControl: Sendable {
    /// Advances the clock by `milliseconds` as `POST /sim/clock advanceMs=…` does; the advance, or the refusal.
    func advanceClock(milliseconds: Int64) async -> Result<SimClockAdvance, SimulatorRefusal>
}

/// A simulator control refused: the response its `/sim/*` endpoint would have sent (status, headers, `{"code":…,"msg":…}`).
public struct SimulatorRefusal: Error, Sendable, Hashable {
    /// The error response.
    public var response: TransportResponse

    /// Makes a refusal from the response.
    public init(response: TransportResponse) { self.response = response }
}
