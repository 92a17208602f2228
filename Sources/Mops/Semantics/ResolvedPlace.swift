import BinanceMargin

/// A transfer endpoint with its symbol resolved.
enum ResolvedPlace: CustomStringConvertible {
    case spot, margin
    case isolated(String)

    var description: String {
        switch self {
        case .spot: return "spot"
        case .margin: return "margin"
        case .isolated(let s): return "isolated \(s)"
        }
    }
}
