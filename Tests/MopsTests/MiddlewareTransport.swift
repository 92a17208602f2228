import BinanceMargin
import Foundation
import MarginSim
import Mops

/// A transport in front of an in-process simulator that lets a test rewrite, fail or pass each
/// request: `handle` gets the request and a way to send it on, and returns the answer to deliver.
final class MiddlewareTransport: Transport, Sendable {
    typealias Handler = @Sendable (TransportRequest, @Sendable (TransportRequest) async throws -> TransportResponse) async throws -> TransportResponse
    let inner: any Transport
    let handle: Handler

    init(inner: any Transport, handle: @escaping Handler) {
        self.inner = inner
        self.handle = handle
    }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        try await handle(request) { try await self.inner.send($0) }
    }

    /// A simulator behind it stays a simulator (a wrapper with no base URL otherwise counts as live).
    var isSimulator: Bool { inner.isSimulator }
}

/// An interpreter over a fresh simulator (time standing still) behind `handle`, with its output captured.
func middlewareRig(_ handle: @escaping MiddlewareTransport.Handler) throws -> (Interpreter, Captured) {
    let clock = MarginSim.ManualClock()
    let simulator = MarginSimulator(scenario: .default, clock: clock)
    let transport = MiddlewareTransport(inner: InProcessTransport(simulator: simulator), handle: handle)
    let client = try MarginClient(configuration: .init(
        transport: transport, credentials: try .hmac(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret),
        clock: MarginClock(now: { clock.nowMilliseconds() }, sleep: { ms in clock.advance(by: max(0, ms)) }), synchronizesTime: false))
    let output = Captured()
    let interpreter = Interpreter(configuration: Interpreter.Configuration(output: output.sink).connected(to: client))
    return (interpreter, output)
}
