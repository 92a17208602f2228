/// What the client checked when it read the exchange back after a request's answer was lost:
/// which query, over which window, how many times, and what it found.
///
/// It travels in ``BinanceError/readBack`` with an outcome the client could not settle (or an order it
/// did not find), so callers and people can see the evidence instead of a guess; ``description`` is the
/// one rendering (`checked GET … 2 times (window …): found …`), which the error's message ends with.
public struct ReadBack: Sendable, Hashable, CustomStringConvertible {
    /// The query, as `METHOD /path?filter` without the signature (`GET /sapi/v1/margin/borrow-repay?type=BORROW&asset=USDT`).
    public var query: String
    /// What could count as the lost request, in words (`records newer than txId 100000002, stamped from 1700000000000`).
    public var window: String
    /// How many times the query was answered or tried.
    public var reads: Int
    /// What was found, in words (`no record newer than the watermark`, `2 candidates: txId 7, 8`).
    public var found: String
    /// For an order read back by client order id: the seconds after sending when it was last found absent.
    public var notFoundAfterSeconds: Int64?

    /// Makes a value from its fields.
    public init(query: String, window: String, reads: Int, found: String, notFoundAfterSeconds: Int64? = nil) {
        self.query = query
        self.window = window
        self.reads = reads
        self.found = found
        self.notFoundAfterSeconds = notFoundAfterSeconds
    }

    /// `checked GET /sapi/v1/margin/borrow-repay?type=BORROW&asset=USDT 2 times (records newer than …): found …`.
    public var description: String {
        "checked \(query) \(reads) time\(reads == 1 ? "" : "s") (\(window)): found \(found)"
    }
}

extension BinanceError {
    /// The error for a request whose outcome is unknown: `summary`, then what was checked and found.
    ///
    /// Keeps `cause`'s category, status, code and endpoint, so a caller can still see what went wrong.
    static func unknownOutcome(_ summary: String, cause: BinanceError, readBack: ReadBack, hint: String?) -> BinanceError {
        var error = BinanceError(category: cause.category, httpStatus: cause.httpStatus, code: cause.code,
                                 message: "\(summary); \(readBack)", endpoint: cause.endpoint, outcomeUnknown: true, hint: hint)
        error.readBack = readBack
        return error
    }
}
