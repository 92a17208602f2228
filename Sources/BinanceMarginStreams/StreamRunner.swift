import BinanceMargin
import Foundation
import Logging
import Synchronization
import WSClient

/// Runs one ``MarginStream``: key, connect, read, keep alive, reconnect with backoff, resync after gaps.
final class StreamRunner: Sendable {
    /// How a connection ended without an error.
    enum Ending: Sendable { case keyExpired, closed, consumerTooSlow }

    let stream: MarginStream
    let continuation: AsyncThrowingStream<StreamUpdate, any Error>.Continuation
    /// Whether a connection was ever up: every later connection follows a gap and resyncs first.
    private let connectedBefore = Mutex(false)
    private let ending = Mutex(Ending.closed)
    /// The listenToken subscribed now (user data on the WebSocket API), kept only to redact it from errors.
    let token = Mutex<String?>(nil)
    var currentToken: String? { token.withLock { $0 } }

    /// How many updates may wait for a slow consumer; past it the runner reconnects and resyncs.
    static let bufferLimit = 10_000

    init(stream: MarginStream, continuation: AsyncThrowingStream<StreamUpdate, any Error>.Continuation) {
        self.stream = stream
        self.continuation = continuation
    }

    func run() async {
        var failures = 0
        while !Task.isCancelled {
            var key: String?
            do {
                key = try await listenKey()
                try await connect(key: key)
                failures = 0
                switch ending.withLock({ $0 }) {
                case .keyExpired: yield(.disconnected(reason: "the listenKey expired; taking a new one", retryIn: .zero))
                case .consumerTooSlow:
                    yield(.disconnected(reason: "\(StreamRunner.bufferLimit) updates were waiting for the reader; reconnecting", retryIn: .zero))
                case .closed: try await wait(after: &failures, key: key, reason: "the server closed the connection")
                }
            } catch is CancellationError {
                break
            } catch {
                do { try await wait(after: &failures, key: key ?? currentToken, reason: String(describing: error)) } catch { break }
            }
        }
        continuation.finish()
    }

    /// Counts a failure, says so in the sequence and sleeps the backoff; throws when the attempts are used up.
    private func wait(after failures: inout Int, key: String?, reason: String) async throws {
        failures += 1
        let text = StreamRunner.redact(reason, key: key)
        if let limit = stream.configuration.maximumAttempts, failures >= limit {
            continuation.finish(throwing: MarginStreamError.gaveUp(attempts: failures, lastReason: text))
            throw CancellationError()
        }
        let delay = backoff(failures)
        yield(.disconnected(reason: text, retryIn: delay))
        try await Task.sleep(for: delay)
    }

    /// `initialBackoff × 2^(failures − 1)`, at most `maximumBackoff`.
    func backoff(_ failures: Int) -> Duration {
        let configuration = stream.configuration
        var delay = configuration.initialBackoff
        for _ in 1..<max(1, min(failures, 30)) where delay < configuration.maximumBackoff { delay *= 2 }
        return min(delay, configuration.maximumBackoff)
    }

    private func listenKey() async throws -> String? {
        guard case .keyed(let kind) = stream.stream else { return nil }
        return try await stream.client.startListenKey(kind)
    }

    /// The connection URL: `/ws/<listenKey>`, `/stream?streams=a/b` for market streams, the WebSocket API for user data.
    func url(key: String?) -> String {
        let base = stream.configuration.streamURL.absoluteString.trimmingSuffix("/")
        if case .userData = stream.stream {
            return stream.configuration.webSocketAPIURL?.absoluteString ?? base + "/ws-api/v3"
        }
        if let key { return base + "/ws/" + key }
        guard case .market(let names) = stream.stream else { return base + "/ws" }
        return base + "/stream?streams=" + names.joined(separator: "/")
    }

    /// One connection, until it closes: resync first after a gap, then events; the key kept alive meanwhile.
    private func connect(key: String?) async throws {
        ending.withLock { $0 = .closed }
        let configuration = WebSocketClientConfiguration(maxFrameSize: 1 << 20)
        try await WebSocketClient.connect(url: url(key: key), configuration: configuration, logger: stream.logger) { inbound, outbound, _ in
            if self.connectedBefore.withLock({ let was = $0; $0 = true; return was }) {
                self.yield(.resynced(try await self.resync()))
            }
            if case .userData = self.stream.stream {} else { self.stream.configuration.onConnected?() }
            try await withThrowingTaskGroup(of: Void.self) { group in
                if let key, case .keyed(let kind) = self.stream.stream {
                    group.addTask { try await self.keepAlive(kind, key) }
                }
                if case .userData(let symbol) = self.stream.stream {
                    group.addTask { try await self.subscribeWithTokens(outbound, isolatedSymbol: symbol) }
                }
                group.addTask { try await self.read(inbound) }
                try await group.next()
                group.cancelAll()
            }
        }
    }

    private func keepAlive(_ kind: MarginClient.StreamKeyKind, _ key: String) async throws {
        while true {
            try await Task.sleep(for: stream.configuration.keepAliveInterval)
            try await stream.client.keepAliveListenKey(kind, key)
        }
    }

    /// Reads frames: events are yielded; control answers are skipped (a refused WebSocket API request ends the
    /// connection with its error); `listenKeyExpired` and `eventStreamTerminated` end it.
    private func read(_ inbound: WebSocketInboundStream) async throws {
        for try await message in inbound.messages(maxSize: 1 << 20) {
            if case .text(let text) = message, text.hasPrefix(#"{"id""#), text.contains(#""status":200,"result":{"subscriptionId""#) {
                stream.configuration.onConnected?()
            }
            guard case .text(let text) = message, let payload = try StreamRunner.eventPayload(text, secret: currentToken),
                  let event = try? StreamEvent.decode(payload) else { continue }
            if case .streamEnded(let type, _) = event, type == "listenKeyExpired" || type == "eventStreamTerminated" {
                ending.withLock { $0 = .keyExpired }
                return
            }
            guard yield(.event(event)) else {
                ending.withLock { $0 = .consumerTooSlow }
                return
            }
        }
    }

    /// The account the stream reports, read over REST.
    func resync() async throws -> ResyncedState {
        let client = stream.client
        switch stream.stream {
        case .keyed(.crossUserData):
            return ResyncedState(crossAccount: try await client.crossAccount(), isolatedAccount: nil,
                                 openOrders: try await client.openOrders())
        case .keyed(.isolatedUserData(let symbol)):
            return ResyncedState(crossAccount: nil, isolatedAccount: try await client.isolatedAccounts(symbols: [symbol]),
                                 openOrders: try await client.openOrders(symbol: symbol, isIsolated: true))
        case .keyed(.risk):
            return ResyncedState(crossAccount: try await client.crossAccount(), isolatedAccount: nil, openOrders: [])
        case .userData(nil):
            return ResyncedState(crossAccount: try await client.crossAccount(), isolatedAccount: nil,
                                 openOrders: try await client.openOrders())
        case .userData(let symbol?):
            return ResyncedState(crossAccount: nil, isolatedAccount: try await client.isolatedAccounts(symbols: [symbol]),
                                 openOrders: try await client.openOrders(symbol: symbol, isIsolated: true))
        case .market:
            return ResyncedState(crossAccount: nil, isolatedAccount: nil, openOrders: [])
        }
    }

    /// Yields one update; false when the consumer's buffer is full.
    @discardableResult
    private func yield(_ update: StreamUpdate) -> Bool {
        if case .dropped = continuation.yield(update) { return false }
        return true
    }

    /// `text` with the listenKey replaced by `<listenKey>`.
    static func redact(_ text: String, key: String?) -> String {
        guard let key, !key.isEmpty else { return text }
        return text.replacingOccurrences(of: key, with: "<listenKey>")
    }
}

/// Why a ``MarginStream`` ended.
public enum MarginStreamError: Error, Sendable, Hashable, CustomStringConvertible {
    /// ``MarginStream/Configuration/maximumAttempts`` connections failed in a row.
    case gaveUp(attempts: Int, lastReason: String)

    public var description: String {
        switch self {
        case .gaveUp(let attempts, let reason): "the stream could not connect \(attempts) times in a row; last: \(reason)"
        }
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
