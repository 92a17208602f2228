/// What the client tells its observer: a request went out, a response came back, or none came.
///
/// Events are redacted: the `signature` value and the API key never appear.
public enum RequestEvent: Sendable, Hashable, CustomStringConvertible {
    /// A request was handed to the transport.
    case sent(RequestSummary)
    /// A response arrived (any status) with its body text.
    case received(RequestSummary, status: Int, body: String)
    /// No response arrived.
    case failed(RequestSummary, TransportError)

    /// The request the event is about.
    public var request: RequestSummary {
        switch self {
        case .sent(let r), .received(let r, _, _), .failed(let r, _): return r
        }
    }

    /// One line: `→ GET /path?…`, `← 200 GET /path {…}` or `✗ GET /path: …`.
    public var description: String {
        switch self {
        case .sent(let r): return "→ \(r)"
        case .received(let r, let status, let body): return "← \(status) \(r.method.rawValue) \(r.path) \(body)"
        case .failed(let r, let error): return "✗ \(r.method.rawValue) \(r.path): \(error)"
        }
    }
}

/// A redacted description of one request: endpoint, method, path, parameters (signature hidden), attempt.
public struct RequestSummary: Sendable, Hashable, CustomStringConvertible {
    /// The endpoint's table name (`newOrder`).
    public var endpoint: String
    /// The HTTP method.
    public var method: HTTPMethod
    /// The path, from `/`.
    public var path: String
    /// The query string as sent, with `signature=<redacted>`.
    public var query: String
    /// The body as sent, with `signature=<redacted>`.
    public var body: String
    /// 1 for the first try, 2… for retries.
    public var attempt: Int

    /// Makes a value from its fields.
    public init(endpoint: String, method: HTTPMethod, path: String, query: String, body: String, attempt: Int) {
        self.endpoint = endpoint
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.attempt = attempt
    }

    /// `METHOD /path?query body: … (attempt n)`.
    public var description: String {
        var text = "\(method.rawValue) \(path)"
        if !query.isEmpty { text += "?" + query }
        if !body.isEmpty { text += " body: " + body }
        if attempt > 1 { text += " (attempt \(attempt))" }
        return text
    }

    /// `text` (a query or body) with the values of `signature=` and `listenKey=` replaced by `<redacted>`.
    public static func redact(_ text: String) -> String {
        text.split(separator: "&", omittingEmptySubsequences: false).map { pair in
            pair.hasPrefix("signature=") ? "signature=<redacted>"
                : pair.hasPrefix("listenKey=") ? "listenKey=<redacted>" : String(pair)
        }.joined(separator: "&")
    }

    /// An answer's text with any listenKey (a stream's bearer secret) replaced by `<redacted>`.
    public static func redactAnswer(_ text: String) -> String {
        guard let key = text.firstRange(of: "\"listenKey\":\""),
              let end = text[key.upperBound...].firstIndex(of: "\"") else { return text }
        var redacted = text
        redacted.replaceSubrange(key.upperBound..<end, with: "<redacted>")
        return redacted
    }
}
