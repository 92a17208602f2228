import Synchronization

/// The bounded fan-out of the engine's events to subscribers: in process, or one per WebSocket connection.
///
/// ``publish(_:)`` never waits: each subscriber has a buffer of ``capacity`` deliveries, and a subscriber whose
/// buffer is full is dropped — its sequence ends and ``Subscription/overflowed`` says why (the server then closes
/// the connection, close code 1008). So a slow subscriber never blocks the engine and memory stays bounded
/// (subscribers × capacity).
public final class StreamHub: EventSink {
    /// One stream a subscriber follows: the name it asked for (a listenKey or `btcusdt@trade`) and its route.
    public struct Topic: Sendable, Hashable {
        public let name: String
        public let route: StreamRoute

        public init(name: String, route: StreamRoute) {
            self.name = name
            self.route = route
        }
    }

    /// One event for one subscriber, with the stream name it came on (a combined stream's `"stream"`).
    public struct Delivery: Sendable {
        public let stream: String
        public let event: PublishedEvent
    }

    struct Subscriber {
        var topics: [Topic]
        let continuation: AsyncStream<Delivery>.Continuation
    }

    struct State {
        var subscribers: [Int: Subscriber] = [:]
        var overflowed: Set<Int> = []
        var nextId = 1
    }

    /// How many deliveries a subscriber may have waiting before it is dropped.
    public let capacity: Int
    private let state = Mutex(State())

    /// A hub whose subscribers may each fall `capacity` deliveries behind.
    public init(capacity: Int = 4096) { self.capacity = max(1, capacity) }

    public var isListening: Bool { state.withLock { !$0.subscribers.isEmpty } }

    /// How many subscribers there are now.
    public var subscriberCount: Int { state.withLock { $0.subscribers.count } }

    /// A new subscriber following `topics`; its deliveries end when it is cancelled or dropped.
    public func subscribe(_ topics: [Topic]) -> Subscription {
        let (stream, continuation) = AsyncStream<Delivery>.makeStream(bufferingPolicy: .bufferingOldest(capacity))
        let id = state.withLock { state in
            let id = state.nextId
            state.nextId += 1
            state.subscribers[id] = Subscriber(topics: topics, continuation: continuation)
            return id
        }
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        return Subscription(id: id, deliveries: stream, hub: self)
    }

    public func publish(_ events: [PublishedEvent]) {
        // Finishing a stream runs its termination handler, which takes the lock: finish after releasing it.
        let dropped = state.withLock { state in
            var dropped: [AsyncStream<Delivery>.Continuation] = []
            for id in state.subscribers.keys {
                for event in events {
                    if let continuation = deliver(event, to: id, in: &state) { dropped.append(continuation); break }
                }
            }
            return dropped
        }
        for continuation in dropped { continuation.finish() }
    }

    /// Delivers `event` to subscriber `id` if it follows the event's stream; the subscriber's continuation when
    /// its buffer was full and it was dropped.
    private func deliver(_ event: PublishedEvent, to id: Int, in state: inout State) -> AsyncStream<Delivery>.Continuation? {
        guard let subscriber = state.subscribers[id] else { return nil }
        for topic in subscriber.topics where topic.route == event.route || event.route == .listenKey(topic.name) {
            if case .dropped = subscriber.continuation.yield(Delivery(stream: topic.name, event: event)) {
                state.overflowed.insert(id)
                state.subscribers[id] = nil
                return subscriber.continuation
            }
        }
        if case .listenKey(let key) = event.route {
            state.subscribers[id]?.topics.removeAll { $0.name == key }
        }
        return nil
    }

    func remove(_ id: Int) { _ = state.withLock { $0.subscribers.removeValue(forKey: id) } }
    func topics(of id: Int) -> [Topic] { state.withLock { $0.subscribers[id]?.topics ?? [] } }
    func forget(_ id: Int) { state.withLock { _ = $0.overflowed.remove(id) } }
    func wasDropped(_ id: Int) -> Bool { state.withLock { $0.overflowed.contains(id) } }

    /// One subscriber: its deliveries, and the streams it follows (changed by SUBSCRIBE / UNSUBSCRIBE).
    public final class Subscription: Sendable {
        let id: Int
        /// The deliveries, in publication order.
        public let deliveries: AsyncStream<Delivery>
        let hub: StreamHub

        init(id: Int, deliveries: AsyncStream<Delivery>, hub: StreamHub) {
            self.id = id
            self.deliveries = deliveries
            self.hub = hub
        }

        deinit { hub.forget(id) }

        /// The streams followed now (a listenKey leaves when it expires).
        public var topics: [Topic] { hub.topics(of: id) }
        /// Whether the hub dropped this subscriber for falling ``StreamHub/capacity`` deliveries behind.
        public var overflowed: Bool { hub.wasDropped(id) }

        /// Follows more streams (names already followed are not doubled).
        public func add(_ topics: [Topic]) {
            hub.updateIfPresent(id) { current in
                for topic in topics where !current.contains(topic) { current.append(topic) }
            }
        }

        /// Stops following the streams named.
        public func remove(names: Set<String>) {
            hub.updateIfPresent(id) { $0.removeAll { names.contains($0.name) } }
        }

        /// Ends the deliveries and leaves the hub.
        public func cancel() { hub.finish(id) }
    }

    func updateIfPresent(_ id: Int, _ change: (inout [Topic]) -> Void) {
        state.withLock { state in
            guard var subscriber = state.subscribers[id] else { return }
            change(&subscriber.topics)
            state.subscribers[id] = subscriber
        }
    }

    func finish(_ id: Int) {
        let continuation = state.withLock { $0.subscribers.removeValue(forKey: id)?.continuation }
        continuation?.finish()
    }
}
