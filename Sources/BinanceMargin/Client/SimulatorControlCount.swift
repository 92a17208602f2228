import Synchronization

/// How many simulator controls (`/sim/*` requests) a client has sent: what a simulator clock checks to know that
/// the replay time it last saw is still the simulator's time (during a replay, time moves only with `/sim/*`).
///
/// Counted when a control is handed to the pipeline, before it is sent (so a control that fails counts too).
public final class SimulatorControlCount: Sendable {
    private let value = Atomic<UInt64>(0)

    /// Starts at zero.
    public init() {}

    /// The count now.
    public var current: UInt64 { value.load(ordering: .acquiring) }

    /// Counts one more control.
    func increment() { value.add(1, ordering: .acquiringAndReleasing) }
}
