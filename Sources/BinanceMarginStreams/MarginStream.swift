import BinanceMargin
import Foundation
import Logging
import WSClient

/// One of Binance's margin streams as an `AsyncSequence` of typed updates — the user-data stream (cross or an
/// isolated pair), the risk data stream or public market streams — kept alive across keys, disconnections and gaps.
///
/// It gets the stream's listenKey over REST, keeps it alive (`PUT` every ``Configuration/keepAliveInterval``),
/// takes a new one when Binance says `listenKeyExpired`, reconnects with exponential backoff, and after every gap
/// re-reads the account over REST and yields ``StreamUpdate/resynced(_:)`` before the events that follow, so no
/// change is missed unseen. A listenKey is a bearer secret: it appears in no log line, error or update.
///
/// ```swift
/// let stream = MarginStream(client: client, stream: .risk,
///                           configuration: .init(streamURL: URL(string: "wss://margin-stream.binance.com")!))
/// for try await update in stream { if case .event(.marginLevelStatus(let change)) = update { … } }
/// ```
public struct MarginStream: AsyncSequence, Sendable {
    public typealias Element = StreamUpdate

    /// Which stream to follow.
    public enum Stream: Sendable, Hashable {
        /// A listenKey stream: cross or isolated user data, or risk.
        case keyed(MarginClient.StreamKeyKind)
        /// Public market streams by name, e.g. `["btcusdt@trade", "btcusdt@bookTicker"]` (combined frames).
        case market([String])
        /// The user-data stream of the cross account (nil) or an isolated pair by listenToken on the WebSocket API
        /// (`POST /sapi/v1/userListenToken`, then `userDataStream.subscribe.listenToken`): Binance's flow since
        /// 2025-10, and the only one on the live exchange since the listenKeys were retired on 2026-02-20.
        case userData(isolatedSymbol: String?)

        /// The cross margin user-data stream.
        public static let crossUserData = Stream.keyed(.crossUserData)
        /// The risk data stream.
        public static let risk = Stream.keyed(.risk)
    }

    /// Where to connect and how to keep the connection.
    public struct Configuration: Sendable {
        /// The stream host: `wss://stream.binance.com:9443` (user data, market), `wss://margin-stream.binance.com`
        /// (risk), or the sandbox's `ws://127.0.0.1:PORT` for all of them.
        public var streamURL: URL
        /// How often the listenKey is kept alive (Binance: valid 60 min; a keepalive every 30 min is advised).
        public var keepAliveInterval: Duration
        /// The WebSocket API for ``Stream/userData(isolatedSymbol:)``: `wss://ws-api.binance.com:443/ws-api/v3`
        /// live; nil means ``streamURL`` + `/ws-api/v3` (the sandbox serves everything on one port).
        public var webSocketAPIURL: URL?
        /// How long a listenToken is asked for (24 hours, Binance's most); a new one is subscribed on the same
        /// connection a minute before it ends (at half its life when shorter than two minutes).
        public var tokenValidity: Duration
        /// Called each time the stream is connected and subscribed (for user data: when the WebSocket API accepted
        /// the token), so a host can wait for it before causing the events it wants to see.
        public var onConnected: (@Sendable () -> Void)?
        /// The first wait before reconnecting, doubled on each consecutive failure up to ``maximumBackoff``.
        public var initialBackoff: Duration
        public var maximumBackoff: Duration
        /// Consecutive failed connections after which the sequence ends with the last error (nil: never).
        public var maximumAttempts: Int?

        public init(streamURL: URL, keepAliveInterval: Duration = .seconds(30 * 60), initialBackoff: Duration = .milliseconds(250),
                    maximumBackoff: Duration = .seconds(30), maximumAttempts: Int? = nil, webSocketAPIURL: URL? = nil,
                    tokenValidity: Duration = .seconds(86_400)) {
            self.streamURL = streamURL
            self.keepAliveInterval = keepAliveInterval
            self.webSocketAPIURL = webSocketAPIURL
            self.tokenValidity = tokenValidity
            self.initialBackoff = initialBackoff
            self.maximumBackoff = maximumBackoff
            self.maximumAttempts = maximumAttempts
        }
    }

    let client: MarginClient
    let stream: Stream
    let configuration: Configuration
    let logger: Logger

    /// A stream read through `client` (its REST calls: keys and resyncs) at `configuration.streamURL`.
    public init(client: MarginClient, stream: Stream, configuration: Configuration,
                logger: Logger = Logger(label: "binance.margin.streams")) {
        self.client = client
        self.stream = stream
        self.configuration = configuration
        self.logger = logger
    }

    public func makeAsyncIterator() -> AsyncThrowingStream<StreamUpdate, any Error>.AsyncIterator {
        let (updates, continuation) = AsyncThrowingStream<StreamUpdate, any Error>.makeStream(bufferingPolicy: .bufferingOldest(StreamRunner.bufferLimit))
        let runner = StreamRunner(stream: self, continuation: continuation)
        let task = Task { await runner.run() }
        continuation.onTermination = { _ in task.cancel() }
        return updates.makeAsyncIterator()
    }
}
