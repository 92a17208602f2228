import BinanceMargin

/// Where a running replay is: the next path point of each track, and what the rehearsal has recorded so far.
///
/// The simulator keeps it beside the exchange (it is not part of the persisted state) and hands it to
/// ``Exchange/advance(to:replay:)``, which treats each path point as a time-driven event like an interest hour.
struct ReplayCursor: Sendable {
    /// The history being replayed.
    let series: ReplaySeries
    /// Per track, the next point to apply: candle index × ``Kline/pathPoints`` + point index.
    private var positions: [Int]
    /// The time of the earliest point still to apply, or nil when every point has been applied.
    private(set) var nextTime: Int64?
    /// The account sampled at each close of the first track's candles.
    var samples: [RehearsalSample] = []
    /// The lowest cross margin level seen since the last sample (at any path point), nil while there was no debt.
    private var lowestSinceSample: Number?
    /// The cross valuation's fixed part, kept between path points.
    private var valuation = CrossValuationMemo()

    init(series: ReplaySeries) {
        self.series = series
        end = series.end
        positions = Array(repeating: 0, count: series.tracks.count)
        samples.reserveCapacity(series.tracks.first?.candles.count ?? 0)
        nextTime = series.start
    }

    /// The last instant of the replay (``ReplaySeries/end``, found once).
    let end: Int64

    /// Applies every point due at or before `now` to `exchange`'s prices, recording a sample after each close
    /// of the first track; whether any price was set (then the caller settles orders and liquidations).
    ///
    /// Samples are taken before settling: the caller settles first when a close is due (see ``Exchange/advance(to:replay:)``).
    mutating func applyDue(at now: Int64, to exchange: inout Exchange) -> (moved: Bool, closedFirstTrack: Bool) {
        var moved = false, closed = false
        var earliest: Int64? = nil
        for trackIndex in series.tracks.indices {
            let candles = series.tracks[trackIndex].candles
            var position = positions[trackIndex]
            let limit = candles.count &* Kline.pathPoints
            while position < limit {
                let candle = candles[position / Kline.pathPoints], index = position % Kline.pathPoints
                guard candle.pointTime(index) <= now else { break }
                // Along the path, as every price move goes: the book refills and resting orders fill in the order reached.
                exchange.movePrice(series.tracks[trackIndex].symbol, to: candle.pointPrice(index))
                moved = true
                if trackIndex == 0 && index == Kline.pathPoints - 1 { closed = true }
                position &+= 1
            }
            positions[trackIndex] = position
            if position < limit {
                let time = candles[position / Kline.pathPoints].pointTime(position % Kline.pathPoints)
                earliest = earliest.map { Swift.min($0, time) } ?? time
            }
        }
        nextTime = earliest
        return (moved, closed)
    }

    /// Notes the cross margin level at a path point, after fills and before the liquidation check; returns the
    /// valuation it read (``crossLevel(_:)``; nil without debt), which the liquidation check then reuses.
    mutating func observe(_ exchange: Exchange) -> (Number, Number, Number?)? {
        valuation.update(exchange)
        guard valuation.hasDebt, let valued = memoizedLevel(exchange, updated: true) else { return nil }
        if let level = valued.2 { lowestSinceSample = lowestSinceSample.map { Swift.min($0, level) } ?? level }
        return valued
    }

    /// Records the account after a close of the first track (cross margin, valued in USDT): price, debt and equity
    /// at the close; the margin level is the lowest since the previous sample (any path point, or the close).
    /// `valued` is ``crossLevel(_:)`` of `exchange` when the caller has it (nothing changed the account since).
    mutating func sample(_ exchange: Exchange, valued: (Number, Number, Number?)? = nil) {
        let symbol = series.tracks[0].symbol
        guard let (assets, liabilities, closeLevel) = valued ?? memoizedLevel(exchange) else { return }
        let equity = assets.subtracting(liabilities) ?? .zero
        var level = closeLevel
        if let lowest = lowestSinceSample { level = level.map { Swift.min($0, lowest) } ?? lowest }
        lowestSinceSample = nil
        samples.append(RehearsalSample(time: exchange.now, price: exchange.price(symbol), marginLevel: level,
                                       debt: liabilities.amount(), equity: equity.amount()))
    }

    /// The cross account's assets and liabilities in USDT and its margin level (nil without debt) — the level as
    /// ``RiskSnapshot`` computes it (assets / liabilities, 8 decimals down), without its BTC conversions (one
    /// division instead of three: this runs at every path point). The definition ``memoizedLevel(_:)`` shortcuts.
    static func crossLevel(_ exchange: Exchange) -> (Number, Number, Number?)? {
        guard let totals = try? exchange.totals(.cross, in: "USDT") else { return nil }
        return level(totals)
    }

    /// ``crossLevel(_:)`` with the totals from ``CrossValuationMemo`` (`updated`: already brought up to `exchange`).
    mutating func memoizedLevel(_ exchange: Exchange, updated: Bool = false) -> (Number, Number, Number?)? {
        if !updated { valuation.update(exchange) }
        guard let totals = try? valuation.totals(exchange) else { return nil }
        return ReplayCursor.level(totals)
    }

    /// The totals with the level they give (nil without debt).
    private static func level(_ totals: (assets: Number, liabilities: Number)) -> (Number, Number, Number?)? {
        let (assets, liabilities) = totals
        guard liabilities.isPositive else { return (assets, liabilities, nil) }
        guard let level = assets.dividing(by: liabilities) else { return nil }
        return (assets, liabilities, level.amount(.down))
    }
}
