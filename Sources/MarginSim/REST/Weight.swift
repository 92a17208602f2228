/// Which request-weight bucket an endpoint draws from, and how much.
enum Weight: Sendable, Hashable {
    /// `/api/*`: one shared IP bucket of 6,000 per minute (`x-mbx-used-weight-1m`).
    case api(Int)
    /// `/sapi/*` IP-limited: the endpoint's own bucket of 12,000 per minute (`x-sapi-used-ip-weight-1m`).
    case ip(Int)
    /// `/sapi/*` UID-limited: the endpoint's own bucket of 180,000 per minute (`x-sapi-used-uid-weight-1m`).
    case uid(Int)
    /// Not counted (the simulator's `/sim/*` controls).
    case free

    var amount: Int {
        switch self {
        case .api(let n), .ip(let n), .uid(let n): return n
        case .free: return 0
        }
    }
}
