/// The offset between Binance's clock and this machine's, as last measured.
///
/// Measured with `GET /api/v3/time` at first signed use and again every ``refreshInterval``
/// (and after a -1021): offset = serverTime − midpoint of the local send/receive times.
public struct ServerTimeSync: Sendable, Hashable {
    /// serverTime − localTime, ms, once measured.
    public private(set) var offset: Int64?
    /// Local time of the last measurement, ms.
    public private(set) var measuredAt: Int64?
    /// Round-trip time of the last measurement, ms.
    public private(set) var roundTrip: Int64?
    /// How long a measurement stays fresh, ms.
    public var refreshInterval: Int64

    /// An unmeasured offset refreshed every `refreshInterval` ms.
    public init(refreshInterval: Int64 = 10 * 60_000) {
        self.refreshInterval = refreshInterval
    }

    /// Whether a (re)measurement is due at local time `now`.
    public func needsSync(now: Int64) -> Bool {
        guard let measuredAt, offset != nil else { return true }
        return now - measuredAt >= refreshInterval || now < measuredAt
    }

    /// Records a measurement: request sent at `sentAt`, answered at `receivedAt`, server said `serverTime`.
    public mutating func record(serverTime: Int64, sentAt: Int64, receivedAt: Int64) {
        let midpoint = sentAt + (receivedAt - sentAt) / 2
        offset = serverTime - midpoint
        measuredAt = receivedAt
        roundTrip = receivedAt - sentAt
    }

    /// Forgets the measurement so the next signed request re-syncs.
    public mutating func invalidate() {
        measuredAt = nil
    }

    /// The server's time at local time `now` (the local time when never measured).
    public func serverTime(at now: Int64) -> Int64 { now + (offset ?? 0) }
}
