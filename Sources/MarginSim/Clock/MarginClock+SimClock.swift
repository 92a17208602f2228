import BinanceMargin

extension MarginClock {
    /// A client clock that reads `clock`, the simulator's own.
    ///
    /// An in-process client and simulator that share a ``ManualClock`` agree on time exactly, so
    /// signed requests are never outside recvWindow and every timestamp a test prints is the same
    /// on every run. Waits still really sleep.
    public static func reading(_ clock: any SimClock) -> MarginClock {
        MarginClock(now: { clock.nowMilliseconds() }, sleep: MarginClock.system.sleep)
    }
}
