import BinanceMargin

/// Where a variable lives.
enum Slot: Sendable {
    case global(Int)
    case local(Int)
}
