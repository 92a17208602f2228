import Synchronization

/// Counts a server's open connections against its limit.
final class ConnectionGate: Sendable {
    /// The most connections served at once.
    let limit: Int
    private let open = Mutex(0)

    init(limit: Int) { self.limit = limit }

    /// Takes a slot when one is free; the caller must ``release()`` it when the connection closes.
    func admit() -> Bool {
        open.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
    }

    /// Frees a slot taken by ``admit()``.
    func release() { open.withLock { $0 -= 1 } }

    /// The connections holding a slot now.
    var openConnections: Int { open.withLock { $0 } }
}
