import Foundation
import Logging

extension MarginClient {
    /// Everything a ``MarginClient`` needs from the world: where requests go, who signs them, time,
    /// retries, logging and the request observer.
    public struct Configuration: Sendable {
        /// Moves requests: ``HTTPTransport`` for Binance or `mops sim serve`, or the simulator's in-process transport.
        public var transport: any Transport
        /// The API key and signing key; nil allows only public endpoints.
        public var credentials: Credentials?
        /// `recvWindow` sent with signed requests, ms (1…60000; nil = don't send, Binance's default 5000 applies).
        public var recvWindow: Int64?
        /// When GET/DELETE are retried and how long to back off.
        public var retryPolicy: RetryPolicy
        /// Time and waiting; tests inject a manual clock.
        public var clock: MarginClock
        /// Request logging (swift-log); signature and API key are redacted. Default: discards everything.
        public var logger: Logger
        /// Called for every request sent and every response or failure (redacted); used by plan mode and the REPL.
        public var observer: (@Sendable (RequestEvent) -> Void)?
        /// Makes the client order id of orders that have none.
        public var makeClientOrderID: @Sendable () -> String
        /// Whether signed requests measure the server-time offset first (and refresh it every `timeSyncInterval`).
        public var synchronizesTime: Bool
        /// How long a server-time measurement is trusted, ms.
        public var timeSyncInterval: Int64
        /// The longest `Retry-After` the client waits out by itself, s; a longer one fails fast with the wait in the error.
        public var maxRetryAfterWait: Int64
        /// Overrides whether the target counts as live Binance (nil = decide from the transport's host).
        public var liveOverride: Bool?

        /// A configuration with the documented defaults: recvWindow 5000, 3 attempts for GET/DELETE,
        /// the system clock, a silent logger, time sync every 10 minutes.
        public init(transport: any Transport, credentials: Credentials? = nil, recvWindow: Int64? = 5000,
                    retryPolicy: RetryPolicy = RetryPolicy(), clock: MarginClock = .system,
                    logger: Logger = Logger(label: "mops.binance", factory: { _ in SwiftLogNoOpLogHandler() }),
                    observer: (@Sendable (RequestEvent) -> Void)? = nil,
                    makeClientOrderID: @escaping @Sendable () -> String = { ClientOrderID.generate() },
                    synchronizesTime: Bool = true, timeSyncInterval: Int64 = 10 * 60_000,
                    maxRetryAfterWait: Int64 = 120, liveOverride: Bool? = nil) {
            self.transport = transport
            self.credentials = credentials
            self.recvWindow = recvWindow
            self.retryPolicy = retryPolicy
            self.clock = clock
            self.logger = logger
            self.observer = observer
            self.makeClientOrderID = makeClientOrderID
            self.synchronizesTime = synchronizesTime
            self.timeSyncInterval = timeSyncInterval
            self.maxRetryAfterWait = maxRetryAfterWait
            self.liveOverride = liveOverride
        }

        /// Live Binance (`https://api.binance.com`, or another of its hosts) over ``HTTPTransport``,
        /// with `credentials` and otherwise the defaults.
        public static func binance(credentials: Credentials?, baseURL: URL = URL(string: "https://api.binance.com")!,
                                   timeout: TimeInterval = 10) throws -> Configuration {
            Configuration(transport: try HTTPTransport(baseURL: baseURL, timeout: timeout), credentials: credentials)
        }

        /// Whether requests go to live Binance (`*.binance.com`, `*.binance.us`, `*.binance.vision`),
        /// where simulator control is refused: decided by the transport's base URL when it has one, else
        /// live unless the transport is a simulator (``Transport/isSimulator``) — an unknown exchange fails closed.
        public var isLive: Bool {
            if let liveOverride { return liveOverride }
            guard let url = transport.baseURL else { return !transport.isSimulator }
            return Configuration.isBinanceHost(url)
        }

        /// Domains that are Binance's own servers.
        public static let liveDomains = ["binance.com", "binance.us", "binance.vision"]

        /// Whether `url` is on one of Binance's own hosts (one of ``liveDomains`` or a subdomain of one) —
        /// the one host rule: the client's ``isLive``, the CLI's `--live` gate and its credentials rule all use it.
        ///
        /// The host is compared case-insensitively and without a trailing dot (`API.Binance.com.` is Binance too).
        public static func isBinanceHost(_ url: URL) -> Bool {
            guard var host = url.host?.lowercased() else { return false }
            while host.hasSuffix(".") { host.removeLast() }
            return liveDomains.contains { host == $0 || host.hasSuffix("." + $0) }
        }

        /// Throws an input error when a setting is out of range.
        public func validate() throws {
            if let recvWindow, recvWindow < 1 || recvWindow > 60_000 {
                throw BinanceError.invalidInput("recvWindow", "recvWindow must be between 1 and 60000 ms, got \(recvWindow)",
                    hint: "Binance rejects larger windows; 5000 is the default and recommended value")
            }
            if retryPolicy.maxAttempts < 1 {
                throw BinanceError.invalidInput("retryPolicy.maxAttempts", "maxAttempts must be at least 1, got \(retryPolicy.maxAttempts)")
            }
            if timeSyncInterval < 1 {
                throw BinanceError.invalidInput("timeSyncInterval", "timeSyncInterval must be positive, got \(timeSyncInterval)")
            }
        }
    }
}

/// How GET and DELETE requests are retried after a network failure or a 5xx (POSTs never are).
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, including the first (≥ 1).
    public var maxAttempts: Int
    /// Wait before the second attempt, ms; doubled for each further one.
    public var initialBackoff: Int64
    /// The longest single wait, ms.
    public var maxBackoff: Int64
    /// Attempts at reading an order (or a borrow/repay record) back after the request's outcome was lost.
    ///
    /// The one extra query made after waiting out the request's recvWindow is not counted.
    public var reconcileAttempts: Int

    /// A policy; the defaults are 3 attempts, 250 ms doubling up to 4 s, and 5 reconcile attempts.
    public init(maxAttempts: Int = 3, initialBackoff: Int64 = 250, maxBackoff: Int64 = 4000, reconcileAttempts: Int = 5) {
        self.maxAttempts = maxAttempts
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.reconcileAttempts = reconcileAttempts
    }

    /// The wait before attempt `attempt` (2, 3, …), ms.
    public func backoff(beforeAttempt attempt: Int) -> Int64 {
        var wait = max(0, initialBackoff)
        for _ in 2..<max(2, attempt) {
            let (doubled, overflow) = wait.multipliedReportingOverflow(by: 2)
            wait = overflow ? maxBackoff : min(maxBackoff, doubled)
        }
        return max(0, min(maxBackoff, wait))
    }

    /// No retries at all.
    public static let none = RetryPolicy(maxAttempts: 1, reconcileAttempts: 1)
}
