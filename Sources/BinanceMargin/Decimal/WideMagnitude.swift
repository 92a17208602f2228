/// An unsigned 256-bit integer: the exact intermediate of a ``Number`` sum, product or quotient.
///
/// Two aligned 38-digit significands, or their product, need up to 76 digits; this holds them
/// exactly so a result that fits 38 digits after rounding or trimming zeros is never reported as
/// an overflow. Only the few operations ``Number`` needs; none of them traps.
struct WideMagnitude: Sendable, Comparable {
    var high: UInt128
    var low: UInt128

    init(high: UInt128 = 0, low: UInt128) {
        self.high = high
        self.low = low
    }

    static let zero = WideMagnitude(low: 0)

    /// `a × b`, exact.
    static func product(_ a: UInt128, _ b: UInt128) -> WideMagnitude {
        let (high, low) = a.multipliedFullWidth(by: b)
        return WideMagnitude(high: high, low: low)
    }

    var isZero: Bool { high == 0 && low == 0 }

    /// Whether the value fits a ``Number`` significand (at most 10^38 − 1).
    var fitsSignificand: Bool { high == 0 && low <= Number.maxSignificand.magnitude }

    static func < (lhs: WideMagnitude, rhs: WideMagnitude) -> Bool {
        lhs.high != rhs.high ? lhs.high < rhs.high : lhs.low < rhs.low
    }

    /// `self + other`; nil past 2^256.
    func adding(_ other: WideMagnitude) -> WideMagnitude? {
        let (low, carry) = low.addingReportingOverflow(other.low)
        let (high1, o1) = high.addingReportingOverflow(other.high)
        let (high2, o2) = high1.addingReportingOverflow(carry ? 1 : 0)
        return o1 || o2 ? nil : WideMagnitude(high: high2, low: low)
    }

    /// `self − other` for `other <= self`.
    func subtracting(_ other: WideMagnitude) -> WideMagnitude {
        let (low, borrow) = low.subtractingReportingOverflow(other.low)
        return WideMagnitude(high: high &- other.high &- (borrow ? 1 : 0), low: low)
    }

    /// `self × factor`; nil past 2^256.
    func multiplied(by factor: UInt128) -> WideMagnitude? {
        let (carry, low) = low.multipliedFullWidth(by: factor)
        let (high1, o1) = high.multipliedReportingOverflow(by: factor)
        let (high2, o2) = high1.addingReportingOverflow(carry)
        return o1 || o2 ? nil : WideMagnitude(high: high2, low: low)
    }

    /// Quotient and remainder by a nonzero `divisor`.
    func quotientAndRemainder(dividingBy divisor: UInt128) -> (quotient: WideMagnitude, remainder: UInt128) {
        let (qHigh, rHigh) = high.quotientAndRemainder(dividingBy: divisor)
        let (qLow, remainder) = divisor.dividingFullWidth((rHigh, low))   // rHigh < divisor: cannot overflow
        return (WideMagnitude(high: qHigh, low: qLow), remainder)
    }

    /// `self ÷ divisor` rounded with `mode` for a value of sign `negative`.
    func divided(by divisor: UInt128, rounding mode: RoundingMode, negative: Bool) -> WideMagnitude {
        let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
        guard remainder != 0 else { return quotient }
        let half = RoundingMode.compareWithHalf(remainder, of: divisor)
        guard mode.roundsAwayFromZero(negative: negative, lastDigitOdd: quotient.low & 1 == 1, halfComparison: half) else { return quotient }
        return quotient.adding(WideMagnitude(low: 1)) ?? quotient
    }
}

extension RoundingMode {
    /// -1, 0 or 1 as `remainder / divisor` is below, at or above one half (`remainder < divisor`).
    static func compareWithHalf(_ remainder: UInt128, of divisor: UInt128) -> Int {
        let (twice, overflow) = remainder.multipliedReportingOverflow(by: 2)
        if overflow { return 1 }   // 2r ≥ 2^128 > divisor
        return twice == divisor ? 0 : (twice < divisor ? -1 : 1)
    }
}
