import BinanceMargin

/// Per-minute request-weight accounting with Binance's limits and headers.
struct RateLimiter: Sendable {
    static let apiLimit = 6000
    static let sapiIPLimit = 12000
    static let sapiUIDLimit = 180_000

    private var buckets: [String: (minute: Int64, used: Int)] = [:]

    /// The outcome of charging one request.
    struct Charge: Sendable {
        var headers: [String: String]
        /// Set when the request is over the limit: the error and the seconds until the window resets.
        var rejection: (error: ExchangeError, retryAfter: Int)?
    }

    /// Adds `weight` for `path` at `now` (ms) and returns the used-weight headers (and a 429 past the limit).
    mutating func charge(_ weight: Weight, path: String, now: Int64) -> Charge {
        let bucket: String, limit: Int, header: String
        switch weight {
        case .free: return Charge(headers: [:])
        case .api: bucket = "api"; limit = RateLimiter.apiLimit; header = "x-mbx-used-weight-1m"
        case .ip: bucket = "ip " + path; limit = RateLimiter.sapiIPLimit; header = "x-sapi-used-ip-weight-1m"
        case .uid: bucket = "uid " + path; limit = RateLimiter.sapiUIDLimit; header = "x-sapi-used-uid-weight-1m"
        }
        let minute = now / 60_000
        var entry = buckets[bucket] ?? (minute, 0)
        if entry.minute != minute { entry = (minute, 0) }
        entry.used += weight.amount
        buckets[bucket] = entry
        var headers = [header: String(entry.used)]
        if case .api = weight { headers["x-mbx-used-weight"] = String(entry.used) }
        guard entry.used > limit else { return Charge(headers: headers) }
        return Charge(headers: headers, rejection: (.tooMuchWeight(limit: limit), RateLimiter.retryAfter(now: now)))
    }

    /// `Retry-After` at `now` (ms): whole seconds until the weight window's minute ends, at least 1.
    static func retryAfter(now: Int64) -> Int {
        max(1, Int(((now / 60_000 + 1).saturatingMultiplied(by: 60_000).saturatingSubtracting(now) + 999) / 1000))
    }

    /// Forgets all usage (reset).
    mutating func reset() { buckets = [:] }
}
