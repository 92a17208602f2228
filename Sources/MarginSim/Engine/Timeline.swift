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
        var none: ReplayCursor? = nil
        advance(to: time, replay: &none)
    }

    /// ``advance(to:)`` with a price history replayed on the way: each path point of `replay` is an event at
    /// its own instant (after the interest hour at the same instant, with the walk minutes), and after each
    /// one resting orders fill and liquidations run; after each close of the first track the account is sampled.
    mutating func advance(to time: Int64, replay: inout ReplayCursor?) {
        guard time > now else { return }
        while true {
            // The next event: an interest hour, a walk minute or a replayed price, whichever comes first.
            var next = time
            if nextInterestHour <= next { next = nextInterestHour }
            if let minute = nextWalkMinute, minute <= next { next = minute }
            if let point = replay?.nextTime, point <= next { next = point }
            now = max(now, next)
            if nextInterestHour <= now {
                chargePeriodicInterest(at: nextInterestHour)
                nextInterestHour = nextInterestHour.saturatingAdding(3_600_000)
                // Interest can push a level over the bar: liquidate at the hour it crosses, not at the end.
                liquidateWhereDue()
            }
            var moved = stepWalksDue()
            var closed = false
            if replay != nil { (moved, closed) = replayDue(&replay, moved: moved) }
            // The cross valuation at this state, while nothing has changed it since.
            var unchanged: (Number, Number, Number?)? = nil
            if moved {
                matchRestingOrders()
                // The rehearsal sees the level the liquidation check judges (one valuation serves both), so a dip
                // inside a candle is never lost.
                let crossValued = replay != nil ? replay?.observe(self) : nil
                if !liquidateWhereDue(crossValued: crossValued) { unchanged = crossValued }
            }
            if closed { replay?.sample(self, valued: unchanged) }
            if now >= time { break }
        }
    }

    /// Applies the replay's points due now; whether a price moved and whether the first track closed a candle.
    mutating func replayDue(_ replay: inout ReplayCursor?, moved: Bool) -> (Bool, Bool) {
        guard let due = replay?.nextTime, due <= now else { return (moved, false) }
        // In place: the cursor (its arrays and memo) is neither copied nor moved.
        let (applied, closed) = replay!.applyDue(at: now, to: &self)
        return (moved || applied, closed)
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
