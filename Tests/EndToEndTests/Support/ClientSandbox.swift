import BinanceMargin
import Foundation
import MarginSim
import MarginSimServer
import Synchronization
import Testing

/// A simulator served over HTTP on 127.0.0.1 (port 0) and a ``MarginClient`` pointed at it through
/// ``HTTPTransport`` with the demo key: the exact path a user of `mops sim serve` takes.
struct ClientSandbox: Sendable {
    let simulator: MarginSimulator
    let url: URL
    let client: MarginClient
    /// Every request event the client reported, in order.
    let events: EventLog
    /// Every wait the client asked its clock for (ms); the test clock returns at once.
    let sleeps: SleepLog

    /// Runs `body` against a fresh sandbox (default scenario; the simulator's clock starts at a fixed
    /// instant and runs in real time, as the client's does).
    ///
    /// - Parameters:
    ///   - simulatorTime: where the simulator's clock starts (default: ManualClock's fixed start, an hour boundary).
    ///   - synchronizesTime: whether the client measures the server-time offset before signing.
    static func run<T: Sendable>(scenario: Scenario = .default, retryPolicy: RetryPolicy = RetryPolicy(),
                                 simulatorTime: Int64 = ManualClock.defaultStart, synchronizesTime: Bool = true,
                                 _ body: @Sendable (ClientSandbox) async throws -> T) async throws -> T {
        let simulator = MarginSimulator(scenario: scenario, clock: RunningClock(start: simulatorTime))
        let server = SandboxServer(simulator: simulator, host: "127.0.0.1", port: 0, logger: quietLogger)
        return try await withRunningSandbox(server) { url in
            let events = EventLog(), sleeps = SleepLog()
            let clock = MarginClock(now: MarginClock.system.now, sleep: { ms in sleeps.append(ms) })
            let client = try MarginClient(configuration: .init(
                transport: try HTTPTransport(baseURL: url),
                credentials: try .hmac(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret),
                retryPolicy: retryPolicy, clock: clock, observer: { events.append($0) },
                synchronizesTime: synchronizesTime))
            return try await body(ClientSandbox(simulator: simulator, url: url, client: client, events: events, sleeps: sleeps))
        }
    }

    /// Checks that the client's `serverTime()` is the simulator's time (which runs while it is asked).
    func expectServerTimeIsTheSimulators() async throws {
        let earliest = await simulator.now()
        let reported = try await client.serverTime()
        let latest = await simulator.now()
        #expect(earliest <= reported && reported <= latest)
    }

    /// The cross account's row for `asset` (zeros when the account has none).
    func cross(_ asset: String) async throws -> MarginAsset {
        try await client.crossAccount().userAssets.first { $0.asset == asset } ?? MarginAsset(asset: asset, free: .zero, netAsset: .zero)
    }

    /// The isolated `symbol` pair.
    func isolated(_ symbol: String) async throws -> IsolatedPair {
        let accounts = try await client.isolatedAccounts(symbols: [symbol])
        guard let pair = accounts.assets.first(where: { $0.symbol == symbol }) else {
            throw SandboxStartFailure()
        }
        return pair
    }
}

/// Thread-safe append-only list of the client's request events.
final class EventLog: Sendable {
    private let storage = Mutex<[RequestEvent]>([])
    func append(_ event: RequestEvent) { storage.withLock { $0.append(event) } }
    var all: [RequestEvent] { storage.withLock { $0 } }
    /// The paths of the requests sent, in order.
    var sentPaths: [String] {
        all.compactMap { if case .sent(let request) = $0 { return request.path } else { return nil } }
    }
    /// The statuses received for `path`, in order.
    func statuses(_ path: String) -> [Int] {
        all.compactMap { if case .received(let request, let status, _) = $0, request.path == path { return status } else { return nil } }
    }
    func clear() { storage.withLock { $0.removeAll() } }
}

/// Thread-safe list of requested sleeps (ms).
final class SleepLog: Sendable {
    private let storage = Mutex<[Int64]>([])
    func append(_ ms: Int64) { storage.withLock { $0.append(ms) } }
    var all: [Int64] { storage.withLock { $0 } }
}
