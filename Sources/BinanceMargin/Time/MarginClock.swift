import Foundation

/// The client's view of time, injected: the current time and a way to wait.
///
/// ``system`` reads the wall clock and really sleeps; tests pass a manual clock whose `sleep`
/// returns at once (and advances their own notion of time), so waits cost nothing.
public struct MarginClock: Sendable {
    /// Milliseconds since 1970 on this machine.
    public var now: @Sendable () -> Int64
    /// Waits the given milliseconds (throws `CancellationError` when the task is cancelled).
    public var sleep: @Sendable (Int64) async throws -> Void

    /// A clock from two closures.
    public init(now: @escaping @Sendable () -> Int64, sleep: @escaping @Sendable (Int64) async throws -> Void) {
        self.now = now
        self.sleep = sleep
    }

    /// The wall clock and `Task.sleep`.
    public static let system = MarginClock(
        now: { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) },
        sleep: { ms in if ms > 0 { try await Task.sleep(nanoseconds: UInt64(min(ms, Int64.max / 1_000_000)) * 1_000_000) } }
    )
}
