import BinanceMargin

/// Thrown by an ``InterpreterClock`` whose time cannot go on — a replayed price series is used up — from a wait
/// (`wait`, `every`, `wait until`, `sim advance`): the run ends there as a normal end (exit 0), and the reason
/// is its one diagnostic, a note.
public struct ClockStopped: Error, Sendable, Hashable, CustomStringConvertible {
    /// The clock's last instant (ms since 1970).
    public var time: Int64
    /// Why time stopped, in words: `the replayed price series ended at 2024-03-31 23:59:59 UTC`.
    public var reason: String

    /// Makes the error from its fields.
    public init(time: Int64, reason: String) {
        self.time = time
        self.reason = reason
    }

    /// The end of a replay at `end` (ms).
    public static func replayEnded(at end: Int64) -> ClockStopped {
        ClockStopped(time: end, reason: "the replayed price series ended at \(UTCTime.format(end)) UTC")
    }

    /// The reason.
    public var description: String { reason }
}
