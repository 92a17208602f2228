/// Where a transfer moves funds: between spot, cross margin and an isolated pair's account.
public enum TransferRoute: Sendable, Hashable, CustomStringConvertible {
    /// Spot wallet → cross margin.
    case spotToCross
    /// Cross margin → spot wallet.
    case crossToSpot
    /// Spot → the isolated account of the pair.
    case spotToIsolated(String)
    /// The isolated account of the pair → spot.
    case isolatedToSpot(String)
    /// Cross margin → the isolated account of the pair.
    case crossToIsolated(String)
    /// The isolated account of the pair → cross margin.
    case isolatedToCross(String)

    /// One `POST /sapi/v1/asset/transfer` step: its universal `type` and the pair, if any.
    public struct Hop: Sendable, Hashable {
        /// `MAIN_MARGIN`, `MARGIN_MAIN`, `MARGIN_ISOLATEDMARGIN`, `ISOLATEDMARGIN_MARGIN`.
        public let type: String
        /// The isolated pair funds leave, if any.
        public let fromSymbol: String?
        /// The isolated pair funds enter, if any.
        public let toSymbol: String?
    }

    /// The universal-transfer steps, in order. Binance's 2026 API has no direct spot ↔ isolated
    /// type (`MAIN_ISOLATED_MARGIN` was dropped), so those routes go through cross margin in two steps.
    public var hops: [Hop] {
        switch self {
        case .spotToCross: return [Hop(type: "MAIN_MARGIN", fromSymbol: nil, toSymbol: nil)]
        case .crossToSpot: return [Hop(type: "MARGIN_MAIN", fromSymbol: nil, toSymbol: nil)]
        case .crossToIsolated(let s): return [Hop(type: "MARGIN_ISOLATEDMARGIN", fromSymbol: nil, toSymbol: s)]
        case .isolatedToCross(let s): return [Hop(type: "ISOLATEDMARGIN_MARGIN", fromSymbol: s, toSymbol: nil)]
        case .spotToIsolated(let s):
            return [Hop(type: "MAIN_MARGIN", fromSymbol: nil, toSymbol: nil),
                    Hop(type: "MARGIN_ISOLATEDMARGIN", fromSymbol: nil, toSymbol: s)]
        case .isolatedToSpot(let s):
            return [Hop(type: "ISOLATEDMARGIN_MARGIN", fromSymbol: s, toSymbol: nil),
                    Hop(type: "MARGIN_MAIN", fromSymbol: nil, toSymbol: nil)]
        }
    }

    /// The isolated pair involved, if any.
    public var isolatedSymbol: String? {
        switch self {
        case .spotToCross, .crossToSpot: return nil
        case .spotToIsolated(let s), .isolatedToSpot(let s), .crossToIsolated(let s), .isolatedToCross(let s): return s
        }
    }

    /// The route in words: `spot → isolated BTCUSDT`.
    public var description: String {
        switch self {
        case .spotToCross: return "spot → cross margin"
        case .crossToSpot: return "cross margin → spot"
        case .spotToIsolated(let s): return "spot → isolated \(s)"
        case .isolatedToSpot(let s): return "isolated \(s) → spot"
        case .crossToIsolated(let s): return "cross margin → isolated \(s)"
        case .isolatedToCross(let s): return "isolated \(s) → cross margin"
        }
    }
}
