import Foundation

/// An HTTP method Binance's REST API uses.
public enum HTTPMethod: String, Sendable, Hashable, CaseIterable {
    /// Read.
    case get = "GET"
    /// Create or act.
    case post = "POST"
    /// Replace (listen keys).
    case put = "PUT"
    /// Cancel or remove.
    case delete = "DELETE"
}

/// One HTTP request exactly as it goes on the wire: the already percent-encoded query string and
/// form body are the bytes that were signed, so no layer below may re-encode or re-order them.
public struct TransportRequest: Sendable, Hashable {
    /// The HTTP method.
    public var method: HTTPMethod
    /// The path, starting with `/`, without the query: `/sapi/v1/margin/order`.
    public var path: String
    /// The raw query string without `?` (may be empty).
    public var query: String
    /// The raw `application/x-www-form-urlencoded` body (may be empty).
    public var body: String
    /// Header fields in order; names compare case-insensitively.
    public var headers: [(name: String, value: String)]

    /// Makes a value from its fields.
    public init(method: HTTPMethod, path: String, query: String = "", body: String = "",
                headers: [(name: String, value: String)] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.headers = headers
    }

    /// The first value of the header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// Path and query as one request target: `/sapi/v1/margin/order?symbol=BTCUSDT&...`.
    public var target: String { query.isEmpty ? path : path + "?" + query }

    /// Equal when method, path, query, body and headers (names case-insensitive) match.
    public static func == (a: TransportRequest, b: TransportRequest) -> Bool {
        a.method == b.method && a.path == b.path && a.query == b.query && a.body == b.body
            && a.headers.map { "\($0.name.lowercased()):\($0.value)" } == b.headers.map { "\($0.name.lowercased()):\($0.value)" }
    }

    /// Hashes method, path, query and body.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(method); hasher.combine(path); hasher.combine(query); hasher.combine(body)
    }
}

/// One HTTP response: status, headers (names lower-cased) and the raw body bytes.
public struct TransportResponse: Sendable, Hashable {
    /// The HTTP status code.
    public var status: Int
    /// Header fields keyed by lower-cased name.
    public var headers: [String: String]
    /// The raw body bytes.
    public var body: Data

    /// Makes a value from its fields.
    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        let lowerCased = headers.keys.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 && !($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) } }
        self.headers = lowerCased ? headers
            : Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, last in last })
        self.body = body
    }

    /// The value of the header `name` (case-insensitive).
    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// Moves one request to an exchange and brings back its response.
///
/// Implementations: ``HTTPTransport`` (URLSession, for Binance or any Binance-compatible URL such
/// as `mops sim serve`) and MarginSim's in-process transport (the embedded default). A transport
/// throws ``TransportError`` when no response arrived; any response that did arrive, whatever its
/// status, is returned, and the client maps it.
public protocol Transport: Sendable {
    /// Sends `request` and returns whatever response arrived; throws ``TransportError`` when none did.
    func send(_ request: TransportRequest) async throws -> TransportResponse

    /// The base URL requests go to, or nil when the transport does not say (an in-process exchange,
    /// a wrapper). The client uses it to tell live Binance (where simulator control is refused) from a simulator.
    var baseURL: URL? { get }

    /// Whether requests certainly reach a simulator (MarginSim's in-process transport). Used only when
    /// ``baseURL`` is nil: a transport that names neither is treated as live Binance (fail closed), so a
    /// wrapping transport must forward both from the transport it wraps.
    var isSimulator: Bool { get }

    /// The simulator's own controls without an encoded request (``DirectSimulatorControl``), or nil: then `/sim/*` goes
    /// through ``send(_:)`` like every request. Only an in-process simulator offers them; a wrapping transport that
    /// changes requests (headers) keeps nil, so its changes apply to every request.
    var simulatorControl: (any DirectSimulatorControl)? { get }
}

extension Transport {
    /// Unknown by default.
    public var baseURL: URL? { nil }

    /// Not a simulator unless the transport says so (fail closed: an unknown exchange is treated as live).
    public var isSimulator: Bool { false }

    /// None by default: simulator control goes through ``send(_:)``.
    public var simulatorControl: (any DirectSimulatorControl)? { nil }
}

/// Why no response arrived.
public enum TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The connection could not be made (refused, DNS, TLS): the request was certainly not processed.
    case connectionFailed(String)
    /// The request may have reached the server but no (complete) response came back: the outcome is unknown.
    case timedOut
    /// The connection broke after the request was sent: the outcome is unknown.
    case connectionLost(String)
    /// The task was cancelled before a response arrived: the outcome is unknown.
    case cancelled

    /// Whether the server cannot have processed the request.
    public var requestCertainlyNotProcessed: Bool {
        if case .connectionFailed = self { return true }
        return false
    }

    /// What happened, in words.
    public var description: String {
        switch self {
        case .connectionFailed(let why): return "could not connect: \(why)"
        case .timedOut: return "timed out waiting for the response"
        case .connectionLost(let why): return "connection lost: \(why)"
        case .cancelled: return "cancelled"
        }
    }
}
