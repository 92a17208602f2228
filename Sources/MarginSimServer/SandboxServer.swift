import BinanceMargin
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// Serves a Binance-compatible REST handler over HTTP/1.1 on a local address: `mops sim serve`.
///
/// The server is a thin adapter. Each HTTP request becomes a ``TransportRequest`` carrying the raw
/// query string and the raw body bytes exactly as they arrived (signatures are checked over them),
/// the handler answers it, and the answer's status, headers and body go back with a
/// `Content-Length`. Connections are kept alive between requests; a request body is read for every
/// method, DELETE included (python-binance sends its cancel parameters in a form body).
///
/// A reply can ask for a delay before it is written (the simulator's `delay` fault) or for the
/// connection to be closed without any response (its `drop` fault; the request was executed).
///
/// Web pages cannot drive it and, bound beyond loopback, strangers cannot either
/// (``SandboxAccessPolicy``); idle connections are closed after ``idleTimeout`` and at most
/// ``maximumConnections`` are served at once.
///
/// ```swift
/// let server = SandboxServer(simulator: simulator, host: "127.0.0.1", port: 0)
/// try await server.run { url in print("serving on \(url)") }
/// ```
public struct SandboxServer: Sendable {
    /// Answers one request: the whole exchange behind the server.
    public typealias Handler = @Sendable (TransportRequest) async -> SandboxReply

    /// How long a kept-alive connection may sit idle by default before the server closes it.
    public static let defaultIdleTimeout: Duration = .seconds(60)
    /// How many connections the server serves at once by default.
    public static let defaultMaximumConnections = 256

    /// The address the server binds, e.g. `127.0.0.1`.
    public let host: String
    /// The port the server binds; `0` lets the system choose a free one (reported by ``run(onReady:)``).
    public let port: Int
    /// The largest request body accepted, in bytes; a larger one gets HTTP 413.
    public let maximumBodySize: Int
    /// How long a connection may sit with no request in progress before it is closed (`nil`: never).
    /// A request whose head arrives slower than this is cut off too.
    public let idleTimeout: Duration?
    /// How many connections are served at once; one more gets HTTP 503 to its first request and is
    /// closed. Slots free up as connections close.
    public let maximumConnections: Int
    /// Who may send requests (``SandboxAccessPolicy``): `Host` checks, `/sim/*` against web pages,
    /// and the control token.
    public let access: SandboxAccessPolicy
    let handler: Handler
    let logger: Logger
    /// The WebSocket streams served on the same port (nil: REST only).
    let streams: SandboxStreams?

    /// The token every request must carry (``SandboxAccessPolicy/tokenHeader``), or `nil` when none
    /// is needed: generated at random when ``host`` is not a loopback address and none was given.
    public var controlToken: String? { access.controlToken }

    /// A server in front of any handler that speaks Binance's REST API as transport values (tests
    /// use stubs; ``init(simulator:host:port:logger:controlToken:idleTimeout:maximumConnections:)``
    /// serves the simulator).
    ///
    /// - Parameters:
    ///   - controlToken: a token every request must carry; when `nil`, none is needed on a loopback
    ///     `host` and a random one (``controlToken``) is made for any other address.
    ///   - idleTimeout: see ``idleTimeout`` (default 60 s).
    ///   - maximumConnections: see ``maximumConnections`` (default 256; at least 1).
    public init(host: String = "127.0.0.1", port: Int = 0, maximumBodySize: Int = 1 << 20,
                logger: Logger = Logger(label: "mops.sim.server"), controlToken: String? = nil,
                idleTimeout: Duration? = SandboxServer.defaultIdleTimeout,
                maximumConnections: Int = SandboxServer.defaultMaximumConnections,
                streams: SandboxStreams? = nil, handler: @escaping Handler) {
        self.streams = streams
        self.host = host
        self.port = port
        self.maximumBodySize = maximumBodySize
        self.logger = logger
        self.access = SandboxAccessPolicy(host: host, controlToken: controlToken)
        self.idleTimeout = idleTimeout
        self.maximumConnections = max(1, maximumConnections)
        self.handler = handler
    }

    /// Binds, calls `onReady` with the base URL (carrying the real port when ``port`` is `0`) and
    /// serves until the surrounding task is cancelled, then closes the listening socket and lets
    /// requests in flight finish.
    ///
    /// - Throws: when the address cannot be bound (for example, the port is in use).
    public func run(onReady: @escaping @Sendable (URL) async -> Void = { _ in }) async throws {
        try await serve(shutdownSignals: [], onReady: onReady)
    }

    /// Like ``run(onReady:)``, and also shuts down gracefully on SIGINT or SIGTERM (the CLI's mode).
    public func runUntilSignalled(onReady: @escaping @Sendable (URL) async -> Void = { _ in }) async throws {
        try await serve(shutdownSignals: [.sigint, .sigterm], onReady: onReady)
    }

    private func serve(shutdownSignals: [UnixSignal], onReady: @escaping @Sendable (URL) async -> Void) async throws {
        let host = self.host
        let application = Application(
            responder: SandboxResponder(handler: handler, maximumBodySize: maximumBodySize, access: access, logger: logger),
            server: serverBuilder(),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                let boundPort = channel.localAddress?.port ?? 0
                await onReady(SandboxServer.baseURL(host: host, port: boundPort))
            },
            logger: logger
        )
        let group = ServiceGroup(configuration: .init(
            services: [application],
            gracefulShutdownSignals: shutdownSignals,
            logger: logger
        ))
        // Cancelling the caller's task shuts the server down gracefully (stop accepting, finish
        // requests in flight) instead of tearing the channels down mid-response.
        if let streams { await streams.simulator.attach(streams.hub) }   // before the first connection can subscribe
        let running = Task { try await group.run() }
        let ticker = streams.map { streams in Task { await streams.run() } }
        defer { ticker?.cancel() }
        try await withTaskCancellationHandler {
            try await running.value
        } onCancel: {
            Task { await group.triggerGracefulShutdown() }
        }
    }

    /// HTTP/1.1 with the idle timeout (and the WebSocket upgrade to ``streams``), behind the connection limit.
    private func serverBuilder() -> HTTPServerBuilder {
        let configuration = HTTP1Channel.Configuration(idleTimeout: idleTimeout.map { TimeAmount($0) })
        let gate = ConnectionGate(limit: maximumConnections)
        let streams = self.streams, access = self.access
        return HTTPServerBuilder { responder in
            let upgradable = streams.map { streams in
                HTTP1WebSocketUpgradeChannel(
                    responder: responder,
                    configuration: .init(http1: configuration, ws: SandboxServer.webSocketConfiguration)
                ) { head, _, _ in
                    // The access policy holds for stream connections as for requests.
                    guard SandboxServer.refusal(of: head, access) == nil else { return .dontUpgrade }
                    return await streams.upgrade(head)
                }
            }
            return SandboxChildChannel(http: HTTP1Channel(responder: responder, configuration: configuration),
                                       upgradable: upgradable, gate: gate)
        }
    }

    /// Binance's stream connection rules the sandbox keeps: a ping every 20 s (a client that does not answer is
    /// closed), frames up to 64 KiB.
    static let webSocketConfiguration = WebSocketServerConfiguration(maxFrameSize: 1 << 16, autoPing: .enabled(timePeriod: .seconds(20)))

    /// Why the access policy refuses an upgrade request, or nil.
    static func refusal(of head: HTTPRequest, _ access: SandboxAccessPolicy) -> String? {
        let hosts = head.authority.map { [$0] } ?? []   // HTTP/1.1 `Host` arrives as the authority
        return access.refusal(path: head.path ?? "/", hosts: hosts) { name in
            HTTPField.Name(name).flatMap { head.headerFields[$0] }
        }
    }

    /// `http://HOST:PORT` with IPv6 literals bracketed.
    static func baseURL(host: String, port: Int) -> URL {
        let printableHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return URL(string: "http://\(printableHost):\(port)")!
    }
}
