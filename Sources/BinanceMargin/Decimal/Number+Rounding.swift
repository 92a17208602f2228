extension Number {
    /// The value rounded to at most `places` fractional digits with `mode`; `places` is clamped
    /// to 0…38. Total: dropping at least one digit leaves room for the carry.
    public func rounded(scale places: Int, _ mode: RoundingMode = .halfEven) -> Number {
        let places = Swift.min(Swift.max(places, 0), Number.maxScale)
        guard scale > places else { return self }
        let m = WideMagnitude(low: significand.magnitude)
            .divided(by: UInt128(pow10(scale - places)), rounding: mode, negative: significand < 0)
        let sig = Int128(m.low)   // at most (10^38 − 1) / 10 + 1
        return Number(unchecked: significand < 0 ? -sig : sig, scale: places)
    }

    /// The largest multiple of `step` not above `self` (for LOT_SIZE and PRICE_FILTER);
    /// `self` when `step` is zero or negative. Throws when the multiple needs more than 38 digits.
    public func floor(toStep step: Number) throws(NumberError) -> Number { try toStep(step, .floor) }

    /// The smallest multiple of `step` not below `self`; `self` when `step` is zero or negative.
    public func ceil(toStep step: Number) throws(NumberError) -> Number { try toStep(step, .ceiling) }

    /// The nearest multiple of `step` (ties to even); `self` when `step` is zero or negative.
    public func round(toStep step: Number) throws(NumberError) -> Number { try toStep(step, .halfEven) }

    /// Whether `self` is a whole multiple of `step` (always true for a zero or negative step).
    public func isMultiple(ofStep step: Number) -> Bool {
        guard step.isPositive else { return true }
        return (try? toStep(step, .down)) == self   // toward zero: never larger than self, never throws
    }

    /// Rounds to a multiple of `step` with `mode` (at the larger of the two scales when that fits);
    /// `self` when `step` is zero or negative. Exact in 256 bits, so only a result beyond 38 digits throws.
    public func toStep(_ step: Number, _ mode: RoundingMode) throws(NumberError) -> Number {
        guard step.isPositive else { return self }
        let negative = significand < 0
        let units = wholeSteps(step, mode)
        guard let m = units.multiplied(by: step.significand.magnitude),
              let result = Number.fitting(negative: negative, m, scale: step.scale) else {
            throw .overflow(operation: "\(self) to a multiple of \(step)")
        }
        let target = Swift.max(scale, step.scale)
        return result.rescaled(to: target).map { Number(unchecked: $0, scale: target) } ?? result
    }

    /// |self ÷ step| rounded with `mode` to a whole number of steps, exact.
    private func wholeSteps(_ step: Number, _ mode: RoundingMode) -> WideMagnitude {
        let negative = significand < 0
        let magnitude = significand.magnitude, stepDigits = step.significand.magnitude
        if scale <= step.scale {
            let aligned = WideMagnitude.product(magnitude, UInt128(pow10(step.scale - scale)))
            return aligned.divided(by: stepDigits, rounding: mode, negative: negative)
        }
        let alignedStep = WideMagnitude.product(stepDigits, UInt128(pow10(scale - step.scale)))
        if alignedStep.high == 0 {
            return WideMagnitude(low: magnitude).divided(by: alignedStep.low, rounding: mode, negative: negative)
        }
        // The step exceeds 2^128 > 2·|self|: the quotient is a nonzero fraction below one half (or zero).
        guard magnitude != 0, mode.roundsAwayFromZero(negative: negative, lastDigitOdd: false, halfComparison: -1) else { return .zero }
        return WideMagnitude(low: 1)
    }

    /// The integer part (toward zero).
    public var integerPart: Number { rounded(scale: 0, .down) }

    /// The exact value as an `Int`, or nil when it has a fraction or does not fit.
    public var exactInt: Int? {
        let n = normalized
        guard n.scale == 0, n.significand >= Int128(Int.min), n.significand <= Int128(Int.max) else { return nil }
        return Int(n.significand)
    }

    /// The exact value as an `Int64`, or nil when it has a fraction or does not fit.
    public var exactInt64: Int64? {
        let n = normalized
        guard n.scale == 0, n.significand >= Int128(Int64.min), n.significand <= Int128(Int64.max) else { return nil }
        return Int64(n.significand)
    }

    public static func min(_ a: Number, _ b: Number) -> Number { a <= b ? a : b }
    public static func max(_ a: Number, _ b: Number) -> Number { a >= b ? a : b }
}
