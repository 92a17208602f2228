/// One REST operation: its HTTP method, path, security type and request weight.
///
/// Descriptors live in one table, ``Endpoints``; the client builds every request from one.
public struct Endpoint: Sendable, Hashable, CustomStringConvertible {
    /// How Binance authenticates a request (Binance's "security type").
    public enum Security: String, Sendable, Hashable {
        /// Public: no API key, no signature.
        case none = "NONE"
        /// API key header only (MARKET_DATA, USER_STREAM).
        case apiKey = "MARKET_DATA"
        /// API key header, `timestamp` and `signature` (TRADE, MARGIN, USER_DATA).
        case signed = "SIGNED"
        /// A simulator control endpoint (`/sim/*`): unsigned, refused against live Binance.
        case simulator = "SIM"
    }

    /// Which limit a request's weight counts toward.
    public enum Weight: Sendable, Hashable, CustomStringConvertible {
        /// Counts toward the IP's bucket.
        case ip(Int)
        /// Counts toward the account's (UID) bucket.
        case uid(Int)

        /// The weight's amount.
        public var amount: Int {
            switch self {
            case .ip(let n), .uid(let n): return n
            }
        }

        /// `IP 10` or `UID 1500`.
        public var description: String {
            switch self {
            case .ip(let n): return "IP \(n)"
            case .uid(let n): return "UID \(n)"
            }
        }
    }

    /// A short stable name (`newOrder`), used in logs and events.
    public let name: String
    /// The HTTP method.
    public let method: HTTPMethod
    /// The path, from `/`: `/sapi/v1/margin/order`.
    public let path: String
    /// How the request is authenticated.
    public let security: Security
    /// The documented request weight.
    public let weight: Weight

    /// Makes a descriptor.
    public init(_ name: String, _ method: HTTPMethod, _ path: String, _ security: Security, _ weight: Weight) {
        self.name = name
        self.method = method
        self.path = path
        self.security = security
        self.weight = weight
    }

    /// `METHOD /path`, as errors and logs show it.
    public var description: String { "\(method.rawValue) \(path)" }

    /// Whether the request may be sent again after an unknown outcome without risk (GET and DELETE).
    public var isRetriable: Bool { method == .get || method == .delete }
}
