import Foundation
import Synchronization

/// The source of "now" for the simulator, in Unix epoch milliseconds.
///
/// The engine never reads the wall clock: time comes only from a clock injected at construction,
/// so tests can freeze it (``ManualClock``) and a served sandbox can follow real time (``SystemClock``).
public protocol SimClock: Sendable {
    /// The current time in milliseconds since the Unix epoch.
    func nowMilliseconds() -> Int64
}

/// A clock that stands still until it is advanced: deterministic time for tests and scripts.
public final class ManualClock: SimClock {
    private let current: Mutex<Int64>

    /// 2026-01-01T00:00:00Z, the default starting instant of a manual clock.
    public static let defaultStart: Int64 = 1_767_225_600_000

    /// Makes a clock that reads `start` (Unix epoch milliseconds) until advanced.
    public init(start: Int64 = ManualClock.defaultStart) { current = Mutex(start) }

    /// The current (frozen) time.
    public func nowMilliseconds() -> Int64 { current.withLock { $0 } }

    /// Moves the clock forward by `milliseconds` (negative values are ignored: time never runs backwards).
    public func advance(by milliseconds: Int64) {
        current.withLock { $0 += max(0, milliseconds) }
    }

    /// Sets the clock to `milliseconds` if that is not in its past.
    public func set(to milliseconds: Int64) {
        current.withLock { $0 = max($0, milliseconds) }
    }
}

/// The machine's wall clock, for `mops sim serve` and anything that rehearses in real time.
public struct SystemClock: SimClock {
    /// Makes a wall clock.
    public init() {}

    /// Milliseconds since the Unix epoch, from the system.
    public func nowMilliseconds() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }
}

/// A clock that starts at a fixed instant and then runs at the speed of real time.
///
/// The embedded default backend uses it: a run starts at a known instant (an hour boundary, so
/// hourly interest is the same on every run of a script that takes less than an hour), yet time
/// moves, so a client that signs with its own clock stays inside the exchange's recvWindow.
public struct RunningClock: SimClock {
    private let start: Int64
    private let origin: ContinuousClock.Instant

    /// Makes a clock that reads `start` (Unix epoch milliseconds) now and runs forward from there.
    public init(start: Int64 = ManualClock.defaultStart) {
        self.start = start
        self.origin = ContinuousClock.now
    }

    /// `start` plus the real time elapsed since the clock was made.
    public func nowMilliseconds() -> Int64 {
        let elapsed = ContinuousClock.now - origin
        return start + elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
    }
}
