import BinanceMargin

/// What the exchange behind a ``SandboxServer`` answers to one request, and how to deliver it.
public struct SandboxReply: Sendable {
    /// The response to write.
    public var response: TransportResponse
    /// Hold the response back this long before writing it (the simulator's `delay` fault).
    public var delayMilliseconds: Int
    /// Close the connection instead of writing the response; the request was executed (the
    /// simulator's `drop` fault).
    public var dropsConnection: Bool

    /// A reply; by default delivered at once.
    public init(response: TransportResponse, delayMilliseconds: Int = 0, dropsConnection: Bool = false) {
        self.response = response
        self.delayMilliseconds = delayMilliseconds
        self.dropsConnection = dropsConnection
    }
}
