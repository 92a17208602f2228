import Synchronization

/// The API keys the simulator accepts, readable from any task while the simulator serves others.
///
/// Signatures are checked outside the simulator actor against the edition in force when the request
/// arrived. `/sim/reset scenario=NAME` replaces the keys (a new edition, inside the actor); a request
/// checked against an older edition is checked again, inside the actor, before it runs, so no request
/// runs under keys that are no longer in force.
final class Keyring: Sendable {
    /// The keys in force, numbered so a check can tell whether it is still current.
    struct Edition: Sendable {
        /// Counts replacements: 0 for the keys the simulator started with.
        let number: UInt64
        let authenticator: Authenticator
    }

    private let current: Mutex<Edition>

    /// A keyring holding `authenticator`'s keys.
    init(_ authenticator: Authenticator) {
        current = Mutex(Edition(number: 0, authenticator: authenticator))
    }

    /// The keys in force now.
    var edition: Edition { current.withLock { $0 } }

    /// Puts `authenticator`'s keys in force (a new edition).
    func replace(with authenticator: Authenticator) {
        current.withLock { $0 = Edition(number: $0.number + 1, authenticator: authenticator) }
    }
}
