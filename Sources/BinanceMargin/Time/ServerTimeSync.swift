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
        return now.saturatingSubtracting(measuredAt) >= refreshInterval || now < measuredAt
    }

    /// Records a measurement: request sent at `sentAt`, answered at `receivedAt`, server said `serverTime`.
    /// Throws a ``BinanceError`` (``BinanceError/Category/decoding``) and keeps the previous measurement
    /// when `serverTime` is not a plausible time (before 1970 or after 9999) or the offset does not fit.
    public mutating func record(serverTime: Int64, sentAt: Int64, receivedAt: Int64) throws(BinanceError) {
        let midpoint = sentAt / 2 + receivedAt / 2 + (sentAt % 2 + receivedAt % 2) / 2   // no overflow
        let (newOffset, overflow) = serverTime.subtractingReportingOverflow(midpoint)
        guard ServerTimeSync.plausible.contains(serverTime), !overflow else {
            throw BinanceError(category: .decoding, message: "the server's time \(serverTime) ms is not a plausible time",
                               endpoint: "GET /api/v3/time",
                               hint: "the server answered an absurd serverTime; check that the URL points at Binance or the sandbox")
        }
        offset = newOffset
        measuredAt = receivedAt
        roundTrip = receivedAt.saturatingSubtracting(sentAt)
    }

    /// Server times taken at their word, ms: 1970-01-01 up to the end of 9999.
    public static let plausible: ClosedRange<Int64> = 0...253_402_300_799_999

    /// Forgets the measurement so the next signed request re-syncs.
    public mutating func invalidate() {
        measuredAt = nil
    }

    /// The server's time at local time `now` (the local time when never measured).
    public func serverTime(at now: Int64) -> Int64 { now.saturatingAdding(offset ?? 0) }
}
