import BinanceMargin
import MarginSim
import Synchronization

/// The events `mops watch` tails, from any backend: the embedded simulator's engine events as they happen (its
/// clock kept running, so interest hours and walks arrive), or — over the network — ``AccountPoller``'s.
struct EventTail: Sendable {
    /// One event, with the isolated pair whose stream it came on (nil: cross / risk).
    struct Item: Sendable {
        var event: StreamEvent
        var isolatedSymbol: String?
    }

    /// The events, in order (bounded: 10,000 waiting; more are dropped and counted in ``dropped``).
    let items: AsyncStream<Item>
    /// How the events are obtained, for the banner: `streamed` or `polled every 2s (…)`.
    let how: String
    private let producer: Task<Void, Never>
    private let state: TailState

    /// How many events were dropped because the printer fell behind.
    var dropped: Int { state.dropped }
    /// Why the events stopped, when reading the backend failed.
    var failure: String? { state.failure }

    /// Starts tailing `connection`; `interval` is the polling period where polling is needed.
    static func start(_ connection: BackendConnection, interval: Duration) async -> EventTail {
        let (items, continuation) = AsyncStream<Item>.makeStream(bufferingPolicy: .bufferingOldest(10_000))
        let state = TailState()
        let send: @Sendable (Item) -> Void = { if case .dropped = continuation.yield($0) { state.drop() } }
        if let simulator = connection.simulator {
            await simulator.attach(EventForwarder(isListening: { true }, forward: { send(Item(event: $0, isolatedSymbol: $1)) }))
            let ticker = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(1))
                    await simulator.tick()
                }
            }
            return EventTail(items: items, how: "streamed from its engine", producer: ticker, state: state)
        }
        let client = connection.client
        let poller = Task {
            var poller = AccountPoller(client: client)
            while !Task.isCancelled {
                do {
                    for event in try await poller.poll() { send(Item(event: event)) }
                } catch {
                    if Task.isCancelled { break }
                    state.fail((error as? BinanceError)?.message ?? "\(error)")
                    continuation.finish()
                    break
                }
                try? await Task.sleep(for: interval)
            }
        }
        let seconds = interval.components
        let period = seconds.seconds > 0 ? "\(seconds.seconds)s" : "\(seconds.attoseconds / 1_000_000_000_000_000)ms"
        return EventTail(items: items, how: "polled every \(period): balances, debts and the margin status over REST; "
                             + "fills and orders are not seen (mops does not read the streams over the network yet)",
                         producer: poller, state: state)
    }

    /// Stops producing events.
    func stop() { producer.cancel() }
}

/// What the producer tells the printer: events dropped, and why it stopped.
final class TailState: Sendable {
    private let state = Mutex((dropped: 0, failure: String?.none))
    func drop() { state.withLock { $0.dropped += 1 } }
    func fail(_ reason: String) { state.withLock { $0.failure = reason } }
    var dropped: Int { state.withLock { $0.dropped } }
    var failure: String? { state.withLock { $0.failure } }
}
