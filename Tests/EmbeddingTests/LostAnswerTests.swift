import BinanceMargin
import Foundation
import MarginSim
import Mops
import Synchronization
import Testing

/// A transport in front of the simulator that lets the first `method path` request execute, then
/// loses its answer (as the sandbox's `drop` fault does), and passes everything else through.
final class LosingTransport: Transport, Sendable {
    let inner: any Transport
    let method: HTTPMethod
    let path: String
    let lost = Mutex(false)

    init(inner: any Transport, method: HTTPMethod, path: String) {
        self.inner = inner
        self.method = method
        self.path = path
    }

    var baseURL: URL? { inner.baseURL }
    var isSimulator: Bool { inner.isSimulator }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        let answer = try await inner.send(request)
        let lose = request.method == method && request.path == path && lost.withLock { done in defer { done = true }; return !done }
        if lose { throw TransportError.connectionLost("the answer was lost after the request executed (test)") }
        return answer
    }
}

@Suite("Embedding: lost answers are reported by what the read-back finds")
struct LostAnswerTests {
    @Test("`cancel all` whose answer was lost yields the orders found canceled, not zero")
    func cancelAllAfterALostAnswer() async throws {
        let clock = MarginSim.ManualClock()
        let simulator = MarginSimulator(scenario: .default, clock: clock)
        let transport = LosingTransport(inner: InProcessTransport(simulator: simulator), method: .delete, path: "/sapi/v1/margin/openOrders")
        let client = try MarginClient(configuration: .init(
            transport: transport, credentials: try .hmac(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret),
            clock: MarginClock(now: { clock.nowMilliseconds() }, sleep: { ms in clock.advance(by: max(0, ms)) }), synchronizesTime: false))
        let lines = Recorder<String>()
        let interpreter = Interpreter(configuration: Interpreter.Configuration(output: lineSink(lines)).connected(to: client))
        let outcome = await interpreter.run(Source(name: "c.mops", text: """
            buy 0.001 BTCUSDT limit 50000
            buy 0.001 BTCUSDT limit 51000
            let gone = cancel all BTCUSDT
            print len(gone)
            print len(openOrders(BTCUSDT))
            """))
        #expect(outcome.status == .ok, "\(outcome.diagnostics)")
        #expect(lines.all == ["2", "0"])
        #expect(outcome.performed.last == "cancel all BTCUSDT (2 orders)")
    }
}
