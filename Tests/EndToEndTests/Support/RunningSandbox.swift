import BinanceMargin
import Foundation
import Logging
import MarginSimServer

/// Runs `server` for the duration of `body`, passing the base URL it reported (port 0 → real port).
func withRunningSandbox<T: Sendable>(
    _ server: SandboxServer,
    _ body: @Sendable (URL) async throws -> T
) async throws -> T {
    let (urls, urlSink) = AsyncStream.makeStream(of: URL.self)
    let serving = Task {
        try await server.run { url in urlSink.yield(url); urlSink.finish() }
    }
    defer { serving.cancel() }
    var iterator = urls.makeAsyncIterator()
    guard let url = await iterator.next() else {
        try await serving.value
        throw SandboxStartFailure()
    }
    let result = try await body(url)
    serving.cancel()
    _ = await serving.result
    return result
}

/// A logger for servers under test: warnings and worse only.
let quietLogger: Logger = {
    var logger = Logger(label: "mops.sim.server.test")
    logger.logLevel = .warning
    return logger
}()

/// The server ended before reporting its address.
struct SandboxStartFailure: Error {}

/// Remembers every request a stub handler saw.
actor RequestRecorder {
    private(set) var requests: [TransportRequest] = []

    func record(_ request: TransportRequest) { requests.append(request) }
}
