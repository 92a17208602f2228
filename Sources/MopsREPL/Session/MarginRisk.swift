import BinanceMargin

/// How close the cross margin level is to a margin call or liquidation, by the account's bars
/// (`GET /sapi/v1/margin/tradeCoeff`); the prompt colours the level by it.
public enum MarginRisk: Sendable, Equatable {
    /// Above the normal bar: borrowing is allowed (green).
    case normal
    /// Between the margin-call bar and the normal bar: no more borrowing (yellow).
    case borrowingStopped
    /// At or below the margin-call bar, above the liquidation bar (red).
    case marginCall
    /// At or below the force-liquidation bar (bold red).
    case liquidation

    /// The risk of `level` against `bars`.
    public init(level: Number, bars: MarginBars) {
        if level <= bars.forceLiquidation {
            self = .liquidation
        } else if level <= bars.marginCall {
            self = .marginCall
        } else if level <= bars.normal {
            self = .borrowingStopped
        } else {
            self = .normal
        }
    }

    /// The ANSI SGR colour the prompt uses.
    var sgr: String {
        switch self {
        case .normal: return "32"
        case .borrowingStopped: return "33"
        case .marginCall: return "31"
        case .liquidation: return "1;31"
        }
    }
}

/// A cross margin account's thresholds: `normalBar`, `marginCallBar`, `forceLiquidationBar`.
public struct MarginBars: Sendable, Equatable {
    /// Below this, borrowing stops.
    public var normal: Number
    /// At or below this, a margin call is sent.
    public var marginCall: Number
    /// At or below this, the account is liquidated.
    public var forceLiquidation: Number

    /// Makes a set of bars.
    public init(normal: Number, marginCall: Number, forceLiquidation: Number) {
        self.normal = normal
        self.marginCall = marginCall
        self.forceLiquidation = forceLiquidation
    }

    /// Binance's Cross Classic defaults (tradeCoeff's documented example): 1.5, 1.3, 1.1.
    public static let classic = MarginBars(normal: "1.5", marginCall: "1.3", forceLiquidation: "1.1")
}
