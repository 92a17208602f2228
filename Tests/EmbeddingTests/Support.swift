import BinanceMargin
import Foundation
import MarginSim
import Mops
import Synchronization

/// A thread-safe list a sink or hook appends to, for assertions.
final class Recorder<Element: Sendable>: Sendable {
    private let items = Mutex<[Element]>([])

    /// Everything recorded, in order.
    var all: [Element] { items.withLock { $0 } }

    /// Appends one item.
    func record(_ item: Element) { items.withLock { $0.append(item) } }
}

/// The output sink of a test interpreter: `print` lines and notes as text.
func lineSink(_ recorder: Recorder<String>) -> @Sendable (OutputEvent) -> Void {
    { event in
        switch event {
        case .line(let text): recorder.record(text)
        case .note(let text): recorder.record("note: " + text)
        case .table(let table): recorder.record("table: " + table.title)
        case .liquidation(let notice): recorder.record("liquidation: " + notice.text)
        }
    }
}

/// A transport that records every request before handing it to an inner transport, optionally
/// claiming another base URL (an in-process simulator posing as api.binance.com).
struct RecordingTransport: Transport {
    let inner: any Transport
    let baseURL: URL?
    let requests = Recorder<TransportRequest>()

    var isSimulator: Bool { inner.isSimulator }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        requests.record(request)
        return try await inner.send(request)
    }

    /// The requests that change something (everything but GET), as `METHOD path`.
    var mutations: [String] {
        requests.all.filter { $0.method != .get }.map { "\($0.method.rawValue) \($0.path)" }
    }
}

/// A fresh in-process simulator with a client over it (demo credentials) and the requests it received.
struct SimulatorBackend {
    let simulator: MarginSimulator
    let transport: RecordingTransport
    let client: MarginClient

    /// A simulator of `scenario`; `posingAs` makes the client believe it talks to that URL.
    init(scenario: Scenario = .default, posingAs url: String? = nil) throws {
        let clock = ManualClock()
        simulator = MarginSimulator(scenario: scenario, clock: clock)
        transport = RecordingTransport(inner: InProcessTransport(simulator: simulator), baseURL: url.flatMap(URL.init(string:)))
        client = try MarginClient(configuration: .init(
            transport: transport,
            credentials: try .hmac(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret),
            clock: .reading(clock)))
    }

    /// The cross-margin debt (principal) in `asset`, read straight from the simulator through its client.
    func debt(_ asset: String) async throws -> Number {
        let account = try await client.crossAccount()
        return account.userAssets.first { $0.asset == asset }?.borrowed ?? .zero
    }
}

/// A clock for tests: starts at a fixed instant; sleeping advances it instantly and records the length.
final class SteppingClock: InterpreterClock {
    private let current = Mutex<Int64>(1_767_225_600_000)
    let sleeps = Recorder<Int64>()

    func now() async throws -> Int64 { current.withLock { $0 } }

    func sleep(milliseconds: Int64) async throws {
        try Task.checkCancellation()
        sleeps.record(milliseconds)
        current.withLock { $0 += milliseconds }
    }

    var pollInterval: Int64 { 1_000 }
}

/// A one-shot signal a host function raises and a test awaits (no timing involved).
final class Signal: Sendable {
    private let state = Mutex<(raised: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    /// Wakes every waiter, now and later.
    func raise() {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.raised = true
            defer { s.waiters = [] }
            return s.waiters
        }
        for w in waiters { w.resume() }
    }

    /// Returns once ``raise()`` has been called.
    func wait() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLock { s -> Bool in
                if s.raised { return true }
                s.waiters.append(c)
                return false
            }
            if resumeNow { c.resume() }
        }
    }
}
