import Foundation

/// The one error type of BinanceMargin: what went wrong, where, and what to do about it.
///
/// Every failure the client reports — an exchange rejection (`{"code":-2010,"msg":…}`), an HTTP
/// status without a JSON body, a network failure, a malformed response, bad caller input — is a
/// `BinanceError`. It carries the HTTP status and Binance code when there were any, the endpoint,
/// a ``Category`` to switch on, and a plain-language ``hint`` for the common margin codes.
/// It never carries secrets: messages are built from public request facts only.
public struct BinanceError: Error, Sendable, Hashable {
    /// What kind of failure this is, for callers that branch on it.
    public enum Category: String, Sendable, Hashable, CaseIterable {
        /// API key, signature or permission problem (-1002, -1022, -2014, -2015; HTTP 401/403).
        case auth
        /// The request's timestamp fell outside `recvWindow` (-1021).
        case timestamp
        /// Too much request weight or too many orders (-1003, -1015; HTTP 429).
        case rateLimit
        /// The IP is banned after ignoring 429s (HTTP 418); nothing may be sent until the ban ends.
        case ipBanned
        /// Not enough balance, borrowable amount or exchange inventory (-2010 balance, -3006, -3045, -3041 …).
        case insufficientFunds
        /// The order was rejected by the matching engine or is malformed for its type (-2010, -1013x, -1111 …).
        case invalidOrder
        /// The order broke a symbol filter such as LOT_SIZE, PRICE_FILTER or NOTIONAL (-1013).
        case filterFailure
        /// The order, account, pair, price index or path does not exist (-2011, -2013, -3003, -11001, HTTP 404).
        case notFound
        /// A parameter was missing, malformed or out of range (-11xx, -3015, -3024 …).
        case invalidRequest
        /// The account or asset is not allowed to do this right now (margin level, bans, pending transaction).
        case restricted
        /// Binance failed internally (5xx, -1000, -1001, -1006, -1007, -1008, -3000, -3044).
        case server
        /// No response arrived (connection refused, timed out, dropped).
        case network
        /// A response arrived but did not have the expected shape.
        case decoding
        /// The caller's input or the client's configuration is invalid; nothing was sent.
        case invalidInput
        /// The client refused to send the request (e.g. simulator control against live Binance).
        case refused
        /// Anything else.
        case other
    }

    /// The failure's kind.
    public var category: Category
    /// The HTTP status, when a response arrived.
    public var httpStatus: Int?
    /// Binance's error code (`-2010`), when the body carried one.
    public var code: Int?
    /// Binance's message, or the client's own description of the failure.
    public var message: String
    /// The endpoint, as `METHOD /path` (`POST /sapi/v1/margin/order`), when a request was involved.
    public var endpoint: String?
    /// For decoding and input errors: the field at fault (`userAssets[0].free`, `quantity`).
    public var field: String?
    /// Seconds to wait before sending again (from `Retry-After` on 429/418), when known.
    public var retryAfterSeconds: Int64?
    /// Whether the request may have been executed even though no success was reported (5xx,
    /// -1006/-1007, a time-out or a dropped connection). Check before repeating it.
    public var outcomeUnknown: Bool
    /// A plain-language explanation of what to do; defaults to the catalogue's hint for ``code``.
    public var hint: String?
    /// For an outcome the client tried to settle by reading the exchange back: what it checked and found.
    public var readBack: ReadBack?

    /// Makes an error; `hint` defaults to the catalogue's hint for `code`.
    public init(category: Category, httpStatus: Int? = nil, code: Int? = nil, message: String,
                endpoint: String? = nil, field: String? = nil, retryAfterSeconds: Int64? = nil,
                outcomeUnknown: Bool = false, hint: String? = nil) {
        self.category = category
        self.httpStatus = httpStatus
        self.code = code
        self.message = message
        self.endpoint = endpoint
        self.field = field
        self.retryAfterSeconds = retryAfterSeconds
        self.outcomeUnknown = outcomeUnknown
        self.hint = hint ?? code.flatMap { ErrorCatalog.hint(for: $0, message: message) }
        self.readBack = nil
    }

    /// An error in the caller's input, naming the field and the fix; nothing was sent.
    public static func invalidInput(_ field: String, _ message: String, hint: String? = nil,
                                    endpoint: String? = nil) -> BinanceError {
        BinanceError(category: .invalidInput, message: message, endpoint: endpoint, field: field, hint: hint)
    }
}

extension BinanceError: CustomStringConvertible, LocalizedError {
    /// One line with the endpoint, code and message, then the hint on its own line when there is one:
    /// `POST /sapi/v1/margin/borrow-repay: -3045 The system does not have enough asset now. (HTTP 400)`.
    public var description: String {
        var text = ""
        if let endpoint { text += endpoint + ": " }
        if let code { text += "\(code) " }
        text += message
        if let field, category == .decoding || category == .invalidInput, !message.contains(field) {
            text += " (field `\(field)`)"
        }
        if let httpStatus { text += " (HTTP \(httpStatus))" }
        if let retryAfterSeconds { text += " — retry after \(retryAfterSeconds) s" }
        if outcomeUnknown { text += " — outcome unknown" }
        if let hint { text += "\nhint: " + hint }
        return text
    }

    /// The same text as ``description``, for `localizedDescription`.
    public var errorDescription: String? { description }
}
