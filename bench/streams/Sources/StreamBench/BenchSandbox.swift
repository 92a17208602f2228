import BinanceMargin
import Foundation
import Logging
import MarginSim
import MarginSimServer

/// A sandbox served on 127.0.0.1 (port 0) with its streams, and an HTTP client of it.
struct BenchSandbox: Sendable {
    let simulator: MarginSimulator
    let streams: SandboxStreams
    let client: MarginClient
    let base: URL
    let serving: Task<Void, any Error>
    static let logger: Logger = { var logger = Logger(label: "bench"); logger.logLevel = .critical; return logger }()

    /// The WebSocket base URL (`ws://127.0.0.1:PORT`).
    var streamURL: URL { URL(string: base.absoluteString.replacingOccurrences(of: "http://", with: "ws://"))! }

    /// Starts the server and returns once it is bound.
    static func start() async throws -> BenchSandbox {
        let simulator = MarginSimulator(clock: RunningClock(start: ManualClock.defaultStart))
        let streams = SandboxStreams(simulator: simulator, capacity: 1 << 16)
        let server = SandboxServer(simulator: simulator, port: 0, logger: logger, maximumConnections: 1024, streams: streams)
        let (urls, urlSink) = AsyncStream.makeStream(of: URL.self)
        let serving = Task { try await server.run { url in urlSink.yield(url); urlSink.finish() } }
        var urlIterator = urls.makeAsyncIterator()
        guard let base = await urlIterator.next() else { fatalError("the server did not start") }
        let client = try MarginClient(configuration: .init(transport: try HTTPTransport(baseURL: base),
                                                           credentials: try .hmac(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret)))
        return BenchSandbox(simulator: simulator, streams: streams, client: client, base: base, serving: serving)
    }

    /// Waits until `condition` holds, for at most a minute (1 ms steps).
    func waitFor(_ condition: @Sendable () -> Bool) async {
        for _ in 0..<60_000 where !condition() { try? await Task.sleep(for: .milliseconds(1)) }
    }

    /// Stops the server.
    func stop() async {
        serving.cancel()
        _ = await serving.result
    }
}

/// Nanoseconds on the monotonic clock.
func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// Sorted samples in µs, reported as percentiles.
enum Percentiles {
    /// One line: p50, p90, p99 and the maximum.
    static func report(_ label: String, _ micros: [Double]) {
        guard !micros.isEmpty else { return print("\(label): no samples") }
        let p = { (q: Double) in micros[min(micros.count - 1, Int(Double(micros.count) * q))] }
        print(String(format: "%@ (%d samples): p50 %.0f µs, p90 %.0f µs, p99 %.0f µs, max %.0f µs",
                     label, micros.count, p(0.5), p(0.9), p(0.99), micros.last ?? 0))
    }
}
