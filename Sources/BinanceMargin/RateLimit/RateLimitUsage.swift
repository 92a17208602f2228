import Foundation

/// The request weight and order counts Binance reported on the last responses.
///
/// Read from `x-mbx-used-weight-1m` (all of `/api`), `x-sapi-used-ip-weight-1m` and
/// `x-sapi-used-uid-weight-1m` (per `/sapi` endpoint), and `x-mbx-order-count-*`.
public struct RateLimitUsage: Sendable, Hashable {
    /// `/api` weight used in the current minute (shared IP bucket, limit 6000).
    public var usedWeight1m: Int?
    /// The last IP-limited `/sapi` endpoint's weight used this minute (limit 12000 per endpoint).
    public var sapiUsedIPWeight1m: Int?
    /// The last UID-limited `/sapi` endpoint's weight used this minute (limit 180000 per endpoint).
    public var sapiUsedUIDWeight1m: Int?
    /// Every `x-mbx-used-weight-*`, `x-sapi-used-*` and `x-mbx-order-count-*` header seen, by lower-cased name.
    public var headers: [String: Int]
    /// Local time of the response these figures came from, ms.
    public var updatedAt: Int64?
    /// While set, an IP ban (418) lasts until this local time, ms.
    public var bannedUntil: Int64?
    /// While set, a 429 asked to wait until this local time, ms.
    public var retryAfterUntil: Int64?

    /// Nothing observed yet.
    public init() { headers = [:] }

    /// Folds in the rate-limit headers of a response received at local time `now`.
    public mutating func record(headers responseHeaders: [String: String], at now: Int64) {
        var seen = false
        for (name, value) in responseHeaders {
            // Every header this reads starts with `x-` (the content type, the date… are passed over at once).
            guard let first = name.utf8.first, first | 0x20 == UInt8(ascii: "x") else { continue }
            let key = name.utf8.allSatisfy({ $0 < 0x80 && !($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) }) ? name : name.lowercased()
            guard key.hasPrefix("x-mbx-used-weight") || key.hasPrefix("x-sapi-used-") || key.hasPrefix("x-mbx-order-count-"),
                  let amount = RateLimitUsage.amount(value) else { continue }
            headers[key] = amount
            seen = true
            switch key {
            case "x-mbx-used-weight-1m": usedWeight1m = amount
            case "x-sapi-used-ip-weight-1m": sapiUsedIPWeight1m = amount
            case "x-sapi-used-uid-weight-1m": sapiUsedUIDWeight1m = amount
            default: break
            }
        }
        if seen { updatedAt = now }
    }

    /// A header's integer, spaces around it allowed; digits alone are read without Foundation's trimming.
    static func amount(_ value: String) -> Int? {
        let utf8 = value.utf8
        if !utf8.isEmpty, utf8.count <= 18, utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) { return Int(value) }
        return Int(value.trimmingCharacters(in: .whitespaces))
    }
}
