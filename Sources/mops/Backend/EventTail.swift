import BinanceMargin
import MarginSim
import Mops
import Synchronization

/// The events `mops watch` tails, from any backend: the embedded simulator's engine events as they happen (its
/// clock kept running, so interest hours and walks arrive); over the network, the backend's streams
/// (``BackendStreams``: user data and risk) — or, only where none of them connects, ``AccountPoller``'s.
struct EventTail: Sendable {
    /// What the tail hands the printer.
    enum Item: Sendable {
        /// One event, with the isolated pair whose stream it came on (nil: cross / risk).
        case event(StreamEvent, isolatedSymbol: String?)
        /// Something about the stream itself: a gap, a reconnect, a resync.
        case notice(String)
    }

    /// The events, in order (bounded: 10,000 waiting; more are dropped and counted in ``dropped``).
    let items: AsyncStream<Item>
    /// How the events are obtained, for the banner: `streamed from …` or `polled every 2s: …`.
    let how: String
    private let stopping: @Sendable () -> Void
    private let state: TailState

    /// How many events were dropped because the printer fell behind.
    var dropped: Int { state.dropped }
    /// Why the events stopped, when reading the backend failed.
    var failure: String? { state.failure }

    /// Starts tailing `connection`; `interval` is the polling period where polling is needed, `wait` how long the
    /// streams may take to connect before polling takes over.
    static func start(_ connection: BackendConnection, interval: Duration, wait: Duration = .seconds(10)) async -> EventTail {
        let (items, continuation) = AsyncStream<Item>.makeStream(bufferingPolicy: .bufferingOldest(10_000))
        let state = TailState()
        let send: @Sendable (Item) -> Void = { if case .dropped = continuation.yield($0) { state.drop() } }
        if let simulator = connection.simulator {
            await simulator.attach(EventForwarder(isListening: { true }, forward: { send(.event($0, isolatedSymbol: $1)) }))
            let ticker = simulator.tickingEverySecond()
            return EventTail(items: items, how: "streamed from its engine", stopping: { ticker.cancel() }, state: state)
        }
        var unconnected: String?
        if let streams = await BackendStreams.of(connection, trades: false) {
            // The notices of the wait (failed attempts) are held: said only if the streams are kept.
            let held = HeldNotices()
            let readers = await streams.start(connection.client, wait: wait) { arrival in
                switch arrival {
                case .event(let event, let isolatedSymbol): send(.event(event, isolatedSymbol: isolatedSymbol))
                case .notice(let text): if !held.hold(text) { send(.notice(text)) }
                }
            }
            if readers.accountConnected > 0 {
                held.release().forEach { send(.notice($0)) }
                let how = streams.description + (readers.shortfall.map { "; " + $0 } ?? "")
                return EventTail(items: items, how: how, stopping: { readers.stop() }, state: state)
            }
            readers.stop()   // what they still say stays held, unsaid
            unconnected = streams.unconnected(readers)
        }
        let poller = poll(connection.client, every: interval, send: send, state: state, continuation: continuation)
        let how = "polled every \(DurationFormat.format(milliseconds: interval.wholeMilliseconds)): balances, debts and the margin "
            + "status over REST; fills and orders are not seen" + (unconnected.map { " (\($0))" } ?? "")
        return EventTail(items: items, how: how, stopping: { poller.cancel() }, state: state)
    }

    /// The fallback: reads the account every `interval` and sends what changed, until cancelled or a read fails.
    private static func poll(_ client: MarginClient, every interval: Duration, send: @escaping @Sendable (Item) -> Void,
                             state: TailState, continuation: AsyncStream<Item>.Continuation) -> Task<Void, Never> {
        Task {
            var poller = AccountPoller(client: client)
            while !Task.isCancelled {
                do {
                    for event in try await poller.poll() { send(.event(event, isolatedSymbol: nil)) }
                } catch {
                    if Task.isCancelled { break }
                    state.fail((error as? BinanceError)?.message ?? "\(error)")
                    continuation.finish()
                    break
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// Stops producing events.
    func stop() { stopping() }
}

/// What the producer tells the printer: events dropped, and why it stopped.
final class TailState: Sendable {
    private let state = Mutex((dropped: 0, failure: String?.none))
    func drop() { state.withLock { $0.dropped += 1 } }
    func fail(_ reason: String) { state.withLock { $0.failure = reason } }
    var dropped: Int { state.withLock { $0.dropped } }
    var failure: String? { state.withLock { $0.failure } }
}

/// Notices held while the streams are waited for (at most 100), then released in order once they are kept; after
/// that, none is held.
final class HeldNotices: Sendable {
    private let state = Mutex((holding: true, notices: [String]()))
    /// Holds `notice` while holding (true), else false: the caller sends it on.
    func hold(_ notice: String) -> Bool {
        state.withLock { s in
            guard s.holding else { return false }
            if s.notices.count < 100 { s.notices.append(notice) }
            return true
        }
    }
    /// Stops holding; what was held.
    func release() -> [String] {
        state.withLock { s in
            s.holding = false
            defer { s.notices = [] }
            return s.notices
        }
    }
}
