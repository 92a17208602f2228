import BinanceMargin

/// How simulated time moves the exchange: interest hours, random-walk minutes, fills and liquidations.
extension Exchange {
    /// Runs everything that happens as time passes up to `time`, in time order: hourly interest,
    /// random-walk steps (one per minute), resting-order fills and liquidations.
    ///
    /// Every event happens at its own instant, whatever the steps time is advanced in: advancing to
    /// `a` and then to `b` leaves exactly the state that advancing to `b` at once leaves (the journal
    /// relies on it: a restart replays the requests at their times and catches up in other steps).
    mutating func advance(to time: Int64) {
        guard time > now else { return }
        while true {
            // The next event: an interest hour or a walk minute, whichever comes first.
            var next = time
            if nextInterestHour <= next { next = nextInterestHour }
            if let minute = nextWalkMinute, minute <= next { next = minute }
            now = max(now, next)
            if nextInterestHour <= now {
                chargePeriodicInterest(at: nextInterestHour)
                nextInterestHour = nextInterestHour.saturatingAdding(3_600_000)
                // Interest can push a level over the bar: liquidate at the hour it crosses, not at the end.
                liquidateWhereDue()
            }
            if stepWalksDue() { settle() }
            if now >= time { break }
        }
    }

    /// The instant of the earliest walk step still to take, if any walk runs.
    private var nextWalkMinute: Int64? {
        guard let last = walks.values.lazy.map(\.lastStep).min() else { return nil }
        return last.saturatingAdding(1).saturatingMultiplied(by: RandomWalk.stepMilliseconds)
    }

    /// Steps every walk whose next minute has come (by symbol); whether any price moved.
    private mutating func stepWalksDue() -> Bool {
        guard !walks.isEmpty else { return false }
        var moved = false
        for symbol in walks.keys.sorted() {
            guard var walk = walks[symbol] else { continue }
            while walk.lastStep.saturatingAdding(1).saturatingMultiplied(by: RandomWalk.stepMilliseconds) <= now {
                walk.lastStep += 1
                walks[symbol] = walk
                step(walk: symbol)
                moved = true
            }
        }
        return moved
    }

    /// After any price or time change: trigger and fill resting orders, then liquidate where due.
    mutating func settle() {
        matchRestingOrders()
        liquidateWhereDue()
    }
}
