import BinanceMargin

/// A reply together with what the transport must do with it.
public struct SimulatorReply: Sendable {
    /// The response to send (also when the connection is to be dropped, for logging).
    public var response: TransportResponse
    /// Hold the reply back this long before sending it (a `delay` fault).
    public var delayMilliseconds: Int
    /// Close the connection without sending the reply (a `drop` fault; the request was executed).
    public var dropConnection: Bool
}
