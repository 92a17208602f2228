import BinanceMargin

/// A ``Transport`` that hands requests straight to a ``MarginSimulator`` — the embedded default
/// backend, going through the same signing, encoding and decoding as a live connection.
///
/// Injected faults behave as over HTTP: `delay` holds the reply back, `drop` executes the request
/// and then throws ``TransportError/connectionLost(_:)``.
public struct InProcessTransport: Transport {
    /// The exchange requests go to.
    public let simulator: MarginSimulator

    /// A transport to `simulator`.
    public init(simulator: MarginSimulator) { self.simulator = simulator }

    /// Always a simulator: with no base URL, this is what tells the client it is not live Binance.
    public var isSimulator: Bool { true }

    /// The simulator's clock without an encoded `POST /sim/clock` (the client uses it unless it observes requests);
    /// Binance's endpoints always go through ``send(_:)``.
    public var simulatorControl: (any DirectSimulatorControl)? { simulator }

    /// Sends one request to the simulator.
    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        let reply = await simulator.serve(request)
        if reply.delayMilliseconds > 0 {
            do { try await Task.sleep(for: .milliseconds(reply.delayMilliseconds)) } catch { throw TransportError.cancelled }
        }
        if reply.dropConnection {
            throw TransportError.connectionLost("the simulator dropped the connection after executing the request (injected fault)")
        }
        return reply.response
    }
}
