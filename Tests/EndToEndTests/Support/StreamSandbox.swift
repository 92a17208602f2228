import BinanceMargin
import BinanceMarginStreams
import Foundation
import MarginSim
import MarginSimServer
import Synchronization
import Testing

/// A sandbox serving REST and streams on one port of 127.0.0.1, its stream hub (for in-process subscribers)
/// and a client with the demo key.
struct StreamSandbox: Sendable {
    let simulator: MarginSimulator
    let streams: SandboxStreams
    let url: URL
    let client: MarginClient

    /// `ws://HOST:PORT`: the same port as REST.
    var streamURL: URL { URL(string: url.absoluteString.replacingOccurrences(of: "http://", with: "ws://"))! }

    static func run<T: Sendable>(capacity: Int = 4096, _ body: @Sendable (StreamSandbox) async throws -> T) async throws -> T {
        let simulator = MarginSimulator(clock: RunningClock(start: ManualClock.defaultStart))
        let streams = SandboxStreams(simulator: simulator, capacity: capacity, tickInterval: .milliseconds(50))
        let server = SandboxServer(simulator: simulator, port: 0, logger: quietLogger, streams: streams)
        return try await withRunningSandbox(server) { url in
            let client = try MarginClient(configuration: .init(
                transport: try HTTPTransport(baseURL: url),
                credentials: try .hmac(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret)))
            return try await body(StreamSandbox(simulator: simulator, streams: streams, url: url, client: client))
        }
    }

    /// A stream of this sandbox read into a ``Collected`` list by a task (cancel it when done).
    func follow(_ stream: MarginStream.Stream, _ into: Collected<StreamUpdate>) -> Task<Void, any Error> {
        let reader = MarginStream(client: client, stream: stream, configuration: .init(streamURL: streamURL, initialBackoff: .milliseconds(20)))
        return Task { for try await update in reader { into.append(update) } }
    }

    /// Waits (bounded: up to ~10 s, a safety net, never a measurement) until `condition` holds.
    func eventually(_ condition: () -> Bool) async -> Bool {
        for _ in 0..<500 {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition()
    }
}

/// A thread-safe growing list.
final class Collected<T: Sendable>: Sendable {
    private let items = Mutex<[T]>([])
    func append(_ item: T) { items.withLock { $0.append(item) } }
    var all: [T] { items.withLock { $0 } }
}

extension Collected where T == StreamUpdate {
    /// The events, in order.
    var events: [StreamEvent] { all.compactMap { if case .event(let e) = $0 { return e } else { return nil } } }
}
