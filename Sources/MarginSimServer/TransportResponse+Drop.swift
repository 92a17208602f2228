import BinanceMargin

extension TransportResponse {
    /// Whether the exchange asked the server to close the connection without answering (the
    /// simulator's `drop` fault: the request was executed, its response is lost).
    var dropsConnection: Bool { header(SandboxServer.dropHeader) != nil }
}

extension SandboxServer {
    /// The response header by which the simulator marks an answer that must not be delivered.
    static let dropHeader = "x-mops-sim-drop"
}
