/// How a value that falls between two representable results is resolved.
public enum RoundingMode: String, Sendable, CaseIterable {
    /// Toward zero (truncate).
    case down
    /// Away from zero.
    case up
    /// Toward negative infinity.
    case floor
    /// Toward positive infinity.
    case ceiling
    /// To nearest; ties away from zero.
    case halfUp
    /// To nearest; ties to the even neighbour (banker's rounding).
    case halfEven

    /// Whether a truncated magnitude must be bumped by one unit.
    /// `halfComparison` compares the discarded part with one half: -1 below, 0 equal, 1 above.
    @usableFromInline
    func roundsAwayFromZero(negative: Bool, lastDigitOdd: Bool, halfComparison: Int) -> Bool {
        switch self {
        case .down: return false
        case .up: return true
        case .floor: return negative
        case .ceiling: return !negative
        case .halfUp: return halfComparison >= 0
        case .halfEven: return halfComparison > 0 || (halfComparison == 0 && lastDigitOdd)
        }
    }
}
