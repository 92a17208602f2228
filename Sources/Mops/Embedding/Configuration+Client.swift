import BinanceMargin

extension Interpreter.Configuration {
    /// Points the configuration at `client`, deriving the rest from the client itself.
    ///
    /// Sets ``client``, ``backend`` (``Interpreter/Backend/live(_:)`` when the client's base URL is
    /// Binance's own, otherwise ``Interpreter/Backend/simulator(_:)``) and ``clock`` (``WallClock`` live,
    /// ``SimulatorClock`` on a simulator, so `wait 1h` advances virtual time instantly). Set
    /// `clock = WallClock()` afterwards to make a simulator run in real time.
    ///
    /// - Parameters:
    ///   - client: any client of BinanceMargin's API: live, a URL such as `mops sim serve`, or an
    ///     in-process simulator through `InProcessTransport`.
    ///   - name: how messages name the backend; default `live Binance` or `simulator`.
    public mutating func connect(to client: MarginClient, name: String? = nil) {
        self.client = client
        if client.isLive {
            backend = .live(name ?? "live Binance")
            clock = WallClock()
        } else {
            backend = .simulator(name ?? "simulator")
            clock = SimulatorClock(client: client)
        }
    }

    /// A copy of this configuration connected to `client` (see ``connect(to:name:)``).
    public func connected(to client: MarginClient, name: String? = nil) -> Interpreter.Configuration {
        var copy = self
        copy.connect(to: client, name: name)
        return copy
    }
}
