import BinanceMargin

/// How simulated time moves the exchange: interest hours, random-walk minutes, fills and liquidations.
extension Exchange {
    /// Runs everything that happens as time passes up to `time`, in time order: hourly interest,
    /// random-walk steps (one per minute), resting-order fills and liquidations.
    mutating func advance(to time: Int64) {
        guard time > now else { return }
        let stepsCap = 100_000
        var steps = 0
        while true {
            // The next event: an interest hour or a walk minute, whichever comes first.
            var next = time
            if nextInterestHour <= next { next = nextInterestHour }
            if !walks.isEmpty {
                let minute = (walks.values.map(\.lastStep).min() ?? 0).saturatingAdding(1)
                let at = minute.saturatingMultiplied(by: RandomWalk.stepMilliseconds)
                if at <= next { next = at }
            }
            now = max(now, next)
            if nextInterestHour <= now {
                chargePeriodicInterest(at: nextInterestHour)
                nextInterestHour = nextInterestHour.saturatingAdding(3_600_000)
                // Interest can push a level over the bar: liquidate at the hour it crosses, not at the end.
                liquidateWhereDue()
            }
            var moved = false
            for symbol in walks.keys.sorted() {
                guard var walk = walks[symbol] else { continue }
                while walk.lastStep.saturatingAdding(1).saturatingMultiplied(by: RandomWalk.stepMilliseconds) <= now, steps < stepsCap {
                    walk.lastStep += 1
                    walks[symbol] = walk
                    step(walk: symbol)
                    steps += 1
                    moved = true
                }
                if steps >= stepsCap { walk.lastStep = now / RandomWalk.stepMilliseconds; walks[symbol] = walk }
            }
            if moved { settle() }
            if now >= time { break }
        }
    }

    /// After any price or time change: trigger and fill resting orders, then liquidate where due.
    mutating func settle() {
        matchRestingOrders()
        liquidateWhereDue()
    }
}
