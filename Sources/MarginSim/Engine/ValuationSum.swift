import BinanceMargin

/// Assets and liabilities summed term by term in any order, with what it takes to vouch for the name-order result.
///
/// Every term is non-negative and every sum exact, so each partial sum is no larger than the whole at no finer a
/// scale: when the whole fits at the finest term's scale, so did every partial sum in any order, and the result —
/// significand and scale — is the one name order gives (``Exchange/orderedTotals(_:in:)``). ``totals`` is nil
/// otherwise, and ``add(total:liability:rate:)`` refuses a negative or unfitting term.
struct ValuationSum {
    private(set) var assets = Number.zero
    private(set) var liabilities = Number.zero
    private var assetScale = 0
    private var liabilityScale = 0

    /// Adds `total` and `liability` valued at `rate`; false (nothing added) when a term is negative or does not fit.
    mutating func add(total: Number, liability: Number, rate: Number) -> Bool {
        guard !rate.isNegative, !total.isNegative, !liability.isNegative,
              let assetValue = total.multiplying(by: rate), let liabilityValue = liability.multiplying(by: rate),
              let assetSum = assets.adding(assetValue), let liabilitySum = liabilities.adding(liabilityValue) else { return false }
        assetScale = Swift.max(assetScale, assetValue.scale)
        liabilityScale = Swift.max(liabilityScale, liabilityValue.scale)
        (assets, liabilities) = (assetSum, liabilitySum)
        return true
    }

    /// The sums, when they are the name-order sums; nil when the order could have mattered.
    var totals: (assets: Number, liabilities: Number)? {
        guard assets.scale == assetScale, liabilities.scale == liabilityScale else { return nil }
        return (assets, liabilities)
    }
}
