import Foundation
import Logging
@testable import BinanceMargin

/// The official HMAC test key from Binance's docs (public; used by the signing vectors).
enum TestKeys {
    static let apiKey = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"
    static let secret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"
    static var credentials: Credentials { try! Credentials.hmac(apiKey: apiKey, secret: secret) }
}

/// A thread-safe box for test state shared with @Sendable closures.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func with<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock(); defer { lock.unlock() }
        return try body(&value)
    }
    var current: Value { with { $0 } }
}

/// A clock that stands still until told, and whose sleeps advance it instantly and are recorded.
final class ManualClock: Sendable {
    let nowMs: Locked<Int64>
    let sleeps = Locked<[Int64]>([])

    init(_ start: Int64 = 1_700_000_000_000) { nowMs = Locked(start) }

    var clock: MarginClock {
        MarginClock(now: { [nowMs] in nowMs.current },
                    sleep: { [nowMs, sleeps] ms in
                        sleeps.with { $0.append(ms) }
                        nowMs.with { $0 += max(0, ms) }
                    })
    }

    func advance(_ ms: Int64) { nowMs.with { $0 += ms } }
}

/// A transport that records every request and answers from a script.
final class FakeTransport: Transport, Sendable {
    typealias Responder = @Sendable (TransportRequest, Int) async throws -> TransportResponse
    let requests = Locked<[TransportRequest]>([])
    let responder: Responder
    let url: URL?
    /// A scripted exchange stands in for a simulator unless a test says otherwise.
    let isSimulator: Bool

    /// `responder` gets the request and its index (0-based) among all requests sent.
    init(baseURL: URL? = nil, isSimulator: Bool = true, _ responder: @escaping Responder) {
        self.url = baseURL
        self.isSimulator = isSimulator
        self.responder = responder
    }

    /// Always answers `status` with `json`.
    convenience init(status: Int = 200, json: String, headers: [String: String] = [:]) {
        self.init { _, _ in TransportResponse(status: status, headers: headers, body: Data(json.utf8)) }
    }

    var baseURL: URL? { url }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        let index = requests.with { list -> Int in list.append(request); return list.count - 1 }
        return try await responder(request, index)
    }

    var sent: [TransportRequest] { requests.current }
    var paths: [String] { sent.map { "\($0.method.rawValue) \($0.path)" } }
}

func response(_ status: Int = 200, _ json: String, headers: [String: String] = [:]) -> TransportResponse {
    TransportResponse(status: status, headers: headers, body: Data(json.utf8))
}

/// A client with fixed time (no server-time sync), the test HMAC key and a fixed client order id.
func makeClient(_ transport: any Transport, clock: ManualClock = ManualClock(), recvWindow: Int64? = 5000,
                synchronizesTime: Bool = false, retryPolicy: RetryPolicy = RetryPolicy(),
                credentials: Credentials? = TestKeys.credentials, liveOverride: Bool? = nil,
                logger: Logger? = nil, observer: (@Sendable (RequestEvent) -> Void)? = nil) throws -> MarginClient {
    var configuration = MarginClient.Configuration(
        transport: transport, credentials: credentials, recvWindow: recvWindow, retryPolicy: retryPolicy,
        clock: clock.clock, observer: observer, makeClientOrderID: { "mops-test-1" },
        synchronizesTime: synchronizesTime, liveOverride: liveOverride)
    if let logger { configuration.logger = logger }
    return try MarginClient(configuration: configuration)
}

/// The query before `&signature=`, and the signature.
func splitSignature(_ query: String) -> (payload: String, signature: String)? {
    guard let range = query.range(of: "&signature=", options: .backwards) else { return nil }
    return (String(query[..<range.lowerBound]), String(query[range.upperBound...]))
}

/// A swift-log handler that keeps every rendered line (message + metadata).
struct CapturingLogHandler: LogHandler {
    let lines: Locked<[String]>
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = self.metadata.merging(event.metadata ?? [:]) { $1 }
        lines.with { $0.append("\(event.level) \(event.message) \(all)") }
    }
}
