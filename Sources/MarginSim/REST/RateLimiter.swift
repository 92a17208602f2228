import BinanceMargin

/// Per-minute request-weight accounting with Binance's limits and headers.
struct RateLimiter: Sendable {
    static let apiLimit = 6000
    static let sapiIPLimit = 12000
    static let sapiUIDLimit = 180_000

    /// The `/api` bucket (shared by every path).
    private var api: (minute: Int64, used: Int)?
    /// The IP-limited and the UID-limited `/sapi` buckets, by path (no key string built per request).
    private var ipBuckets: [String: (minute: Int64, used: Int)] = [:], uidBuckets: [String: (minute: Int64, used: Int)] = [:]

    /// The outcome of charging one request.
    struct Charge: Sendable {
        var headers: [String: String]
        /// Set when the request is over the limit: the error and the seconds until the window resets.
        var rejection: (error: ExchangeError, retryAfter: Int)?
    }

    /// Adds `weight` for `path` at `now` (ms) and returns the used-weight headers (and a 429 past the limit).
    mutating func charge(_ weight: Weight, path: String, now: Int64) -> Charge {
        let limit: Int, header: String
        let minute = now / 60_000
        func add(_ entry: (minute: Int64, used: Int)?) -> (minute: Int64, used: Int) {
            guard let entry, entry.minute == minute else { return (minute, weight.amount) }
            return (minute, entry.used + weight.amount)
        }
        let entry: (minute: Int64, used: Int)
        switch weight {
        case .free: return Charge(headers: [:])
        case .api:
            limit = RateLimiter.apiLimit; header = "x-mbx-used-weight-1m"
            entry = add(api)
            api = entry
        case .ip:
            limit = RateLimiter.sapiIPLimit; header = "x-sapi-used-ip-weight-1m"
            entry = add(ipBuckets[path])
            ipBuckets[path] = entry
        case .uid:
            limit = RateLimiter.sapiUIDLimit; header = "x-sapi-used-uid-weight-1m"
            entry = add(uidBuckets[path])
            uidBuckets[path] = entry
        }
        // Room for the content type the answer adds (no rehash).
        var headers = [String: String](minimumCapacity: 3)
        headers[header] = String(entry.used)
        if case .api = weight { headers["x-mbx-used-weight"] = String(entry.used) }
        guard entry.used > limit else { return Charge(headers: headers) }
        return Charge(headers: headers, rejection: (.tooMuchWeight(limit: limit), RateLimiter.retryAfter(now: now)))
    }

    /// `Retry-After` at `now` (ms): whole seconds until the weight window's minute ends, at least 1.
    static func retryAfter(now: Int64) -> Int {
        max(1, Int(((now / 60_000 + 1).saturatingMultiplied(by: 60_000).saturatingSubtracting(now) + 999) / 1000))
    }

    /// Forgets all usage (reset).
    mutating func reset() { api = nil; ipBuckets = [:]; uidBuckets = [:] }
}
