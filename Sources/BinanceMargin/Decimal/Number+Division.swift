extension Number {
    /// `self ÷ other` half-even at ``divisionScale`` places, or fewer when the quotient's integer
    /// part leaves less room in 38 significant digits (the `/` operator).
    /// Throws on a zero divisor, or when the integer part alone needs more than 38 digits.
    public func divided(by other: Number) throws(NumberError) -> Number {
        guard !other.isZero else { throw .divisionByZero(dividend: self) }
        if let quotient = try? divided(by: other, scale: Number.divisionScale, rounding: .halfEven) { return quotient }
        // The integer part needs more than 38 − 18 digits: keep as many places as still fit.
        guard let whole = try? divided(by: other, scale: 0, rounding: .down) else { throw .overflow(self, "/", other) }
        var places = Swift.max(0, Swift.min(Number.divisionScale, Number.maxScale - String(whole.significand.magnitude).count))
        while true {
            if let quotient = try? divided(by: other, scale: places, rounding: .halfEven) { return quotient }
            guard places > 0 else { throw .overflow(self, "/", other) }
            places -= 1   // a carry out of the last place needed one more digit
        }
    }

    /// `self ÷ other` rounded to `scale` fractional digits (clamped to 0…38) with `mode`, trailing
    /// zeros removed. Throws ``NumberError/divisionByZero(dividend:)`` or, when the rounded quotient
    /// needs more than 38 digits, ``NumberError/overflow(operation:)``.
    public func divided(by other: Number, scale resultScale: Int, rounding mode: RoundingMode) throws(NumberError) -> Number {
        guard !other.isZero else { throw .divisionByZero(dividend: self) }
        let places = Swift.min(Swift.max(resultScale, 0), Number.maxScale)
        let negative = (significand < 0) != (other.significand < 0)
        // value = (a / 10^sa) / (b / 10^sb); the result's significand is a × 10^(sb + places − sa) / b.
        guard let (quotient, half) = Number.longDivision(significand.magnitude, other.significand.magnitude,
                                                          shift: other.scale + places - scale) else {
            throw .overflow(self, "/", other)
        }
        var q = quotient
        if let half, mode.roundsAwayFromZero(negative: negative, lastDigitOdd: q.low & 1 == 1, halfComparison: half) {
            q = q.adding(WideMagnitude(low: 1)) ?? q   // q < 10^76: no overflow
        }
        guard let result = Number.fitting(negative: negative, q, scale: places) else { throw .overflow(self, "/", other) }
        return result.normalized
    }

    /// `n × 10^shift ÷ d` truncated, with how the discarded part compares with one half (nil when
    /// exact); nil when the quotient is certainly beyond 38 digits at any scale.
    ///
    /// When `n × 10^shift` fits 128 bits (prices, balances and levels nearly always do) it is one
    /// division — 64-bit when both sides fit 64 bits; otherwise ``longDivisionByDigits(_:_:shift:)``.
    /// Both give the same quotient and remainder (the property tests compare them).
    static func longDivision(_ n: UInt128, _ d: UInt128, shift: Int) -> (WideMagnitude, Int?)? {
        if shift >= 0, shift <= Number.maxScale {
            let (scaled, overflow) = n.multipliedReportingOverflow(by: UInt128(pow10(shift)))
            if !overflow {
                let q: UInt128, r: UInt128
                if scaled <= UInt128(UInt64.max) && d <= UInt128(UInt64.max) {
                    let (q64, r64) = UInt64(scaled).quotientAndRemainder(dividingBy: UInt64(d))
                    (q, r) = (UInt128(q64), UInt128(r64))
                } else {
                    (q, r) = scaled.quotientAndRemainder(dividingBy: d)
                }
                return (WideMagnitude(low: q), r == 0 ? nil : RoundingMode.compareWithHalf(r, of: d))
            }
        }
        return longDivisionByDigits(n, d, shift: shift)
    }

    /// ``longDivision(_:_:shift:)`` without its one-division shortcut: a 256-bit numerator, a digit at a time.
    static func longDivisionByDigits(_ n: UInt128, _ d: UInt128, shift: Int) -> (WideMagnitude, Int?)? {
        if shift < 0 {   // divide by d × 10^-shift (≤ 10^76)
            let divisor = WideMagnitude.product(d, UInt128(pow10(-shift)))
            guard divisor.high == 0 else { return (.zero, n == 0 ? nil : -1) }   // divisor ≥ 2^128 > 2n
            let (q, r) = n.quotientAndRemainder(dividingBy: divisor.low)
            return (WideMagnitude(low: q), r == 0 ? nil : RoundingMode.compareWithHalf(r, of: divisor.low))
        }
        let (q0, r0) = n.quotientAndRemainder(dividingBy: d)
        var q = WideMagnitude(low: q0), r = r0
        let limit = WideMagnitude.product(UInt128(pow10(38)), UInt128(pow10(37)))   // 10^75: one more digit is past any fit
        for _ in 0..<shift {   // one decimal digit at a time, so the numerator never needs 10^shift headroom
            guard q < limit, let q10 = q.multiplied(by: 10) else { return nil }
            let (digit, rest) = d.dividingFullWidth(r.multipliedFullWidth(by: 10))   // r < d: digit < 10
            guard let next = q10.adding(WideMagnitude(low: digit)) else { return nil }
            q = next
            r = rest
        }
        return (q, r == 0 ? nil : RoundingMode.compareWithHalf(r, of: d))
    }
}
