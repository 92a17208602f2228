import BinanceMargin
import Foundation
import MarginSim
import Synchronization

/// A transport in front of another that arms one of the simulator's own faults (`POST /sim/fault`)
/// just before the next state-changing request to `path` — so the fault hits that request, not the
/// read that precedes it on the same path (a fault matches by path prefix, whatever the method).
final class FaultArmingTransport: Transport, Sendable {
    let inner: any Transport
    let simulator: MarginSimulator
    let path: String
    private let pending = Mutex<[SimFaultKind]>([])

    init(_ inner: any Transport, simulator: MarginSimulator, path: String = "/sapi/v1/margin/borrow-repay") {
        self.inner = inner
        self.simulator = simulator
        self.path = path
    }

    var baseURL: URL? { inner.baseURL }
    var isSimulator: Bool { inner.isSimulator }

    /// The next non-GET request to `path` meets `kind` (`error` = 503 without executing, `drop` = executed, then no answer).
    func armNext(_ kind: SimFaultKind) { pending.withLock { $0.append(kind) } }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        if request.method != .get && request.path == path, let kind = pending.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) {
            var body = "kind=\(kind.rawValue)&path=\(path)&count=1"
            if kind == .error { body += "&status=503" }
            let armed = await simulator.handle(TransportRequest(method: .post, path: "/sim/fault", body: body))
            precondition(armed.status == 200, "the simulator refused the fault: \(String(decoding: armed.body, as: UTF8.self))")
        }
        return try await inner.send(request)
    }
}
