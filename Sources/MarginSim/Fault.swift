/// A fault injected through `POST /sim/fault`, consumed by the next matching requests.
public struct Fault: Sendable, Hashable {
    /// What goes wrong.
    public enum Kind: String, Sendable, CaseIterable {
        /// The request executes; the reply is held back `milliseconds` first.
        case delay
        /// The request executes; then the connection closes without a reply.
        case drop
        /// The request does not execute; the reply is an HTTP `status` error (default 503).
        case error
        /// The request does not execute; the reply is 429 -1003 with Retry-After.
        case rateLimit
    }

    /// What goes wrong.
    public var kind: Kind
    /// Only requests whose path starts with this are affected (all when empty).
    public var pathPrefix: String
    /// How many more requests it affects.
    public var remaining: Int
    /// The delay, for ``Kind/delay``.
    public var milliseconds: Int
    /// The HTTP status, for ``Kind/error``.
    public var status: Int
}
