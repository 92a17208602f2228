import BinanceMargin

extension Interpreter.Configuration {
    /// Points the configuration at `client`, deriving the rest from the client itself.
    ///
    /// Sets ``backend`` to ``Interpreter/Backend/connected(to:name:clock:)``: live when the client's base URL is
    /// Binance's own (``WallClock``), a simulator otherwise (``SimulatorClock``, so `wait 1h` advances virtual time
    /// instantly). For a simulator in real time set `backend = .connected(to: client, clock: WallClock())`.
    ///
    /// - Parameters:
    ///   - client: any client of BinanceMargin's API: live, a URL such as `mops sim serve`, or an
    ///     in-process simulator through `InProcessTransport`.
    ///   - name: how messages name the backend; default `live Binance` or `simulator`.
    public mutating func connect(to client: MarginClient, name: String? = nil) {
        backend = .connected(to: client, name: name)
    }

    /// A copy of this configuration connected to `client` (see ``connect(to:name:)``).
    public func connected(to client: MarginClient, name: String? = nil) -> Interpreter.Configuration {
        var copy = self
        copy.connect(to: client, name: name)
        return copy
    }
}
