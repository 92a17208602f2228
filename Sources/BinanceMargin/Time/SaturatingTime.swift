/// Millisecond arithmetic that clamps at the ends of `Int64` instead of trapping.
///
/// For times and waits derived from a server's answer (a `Retry-After`, a `serverTime`): an
/// absurd figure becomes an absurdly long wait or a far-off time — which the caller then refuses
/// with a typed error — never a crash.
extension Int64 {
    /// `self + other`, clamped to `Int64.min…Int64.max`.
    public func saturatingAdding(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }

    /// `self - other`, clamped to `Int64.min…Int64.max`.
    public func saturatingSubtracting(_ other: Int64) -> Int64 {
        let (difference, overflow) = subtractingReportingOverflow(other)
        return overflow ? (other < 0 ? .max : .min) : difference
    }

    /// `self × other`, clamped to `Int64.min…Int64.max`.
    public func saturatingMultiplied(by other: Int64) -> Int64 {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? ((self < 0) == (other < 0) ? .max : .min) : product
    }

    /// Whole seconds covering `self` milliseconds (rounded up), without overflow.
    public var secondsRoundedUp: Int64 { self / 1000 + (self % 1000 > 0 ? 1 : 0) }
}

extension Duration {
    /// The duration in whole milliseconds (rounded toward zero), saturating at `Int64`'s bounds instead of trapping.
    public var wholeMilliseconds: Int64 {
        let c = components
        return c.seconds.saturatingMultiplied(by: 1_000).saturatingAdding(c.attoseconds / 1_000_000_000_000_000)
    }
}
