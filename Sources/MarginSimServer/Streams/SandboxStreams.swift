import Foundation
import HTTPTypes
import HummingbirdWebSocket
import Logging
import MarginSim
import Synchronization

/// The sandbox's WebSocket streams on the REST port (docs/streams.md): the user-data and risk streams by
/// listenKey and the public market streams, raw (`/ws/<name>`) or combined (`/stream?streams=`), fed by the
/// simulator's events through a bounded ``StreamHub``.
public final class SandboxStreams: Sendable {
    /// The simulator whose events are served.
    public let simulator: MarginSimulator
    /// The fan-out every connection subscribes to.
    public let hub: StreamHub
    /// How often the clock is run while anyone listens (interest, walks, listenKey expiry arrive on their own).
    public let tickInterval: Duration

    /// Streams of `simulator`'s events; `capacity` deliveries may wait per connection before it is dropped.
    public init(simulator: MarginSimulator, capacity: Int = 4096, tickInterval: Duration = .seconds(1)) {
        self.simulator = simulator
        self.hub = StreamHub(capacity: capacity)
        self.tickInterval = tickInterval
    }

    /// Runs the simulator's clock every ``tickInterval`` while anyone listens, until cancelled (the server
    /// attaches the hub first).
    func run() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: tickInterval)
            if hub.isListening { await simulator.tick() }
        }
    }

    /// Whether a request upgrades to a stream connection, and the handler that serves it.
    func upgrade(_ head: HTTPRequest) async -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>> {
        let target = head.path ?? "/"
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        if parts[0] == "/ws-api/v3" {
            return .upgrade([:]) { inbound, outbound, _ in await WebSocketAPISession(streams: self).serve(inbound, outbound) }
        }
        guard let path = StreamPath(path: String(parts[0]), query: parts.count > 1 ? String(parts[1]) : nil) else {
            return .dontUpgrade
        }
        let topics = await resolve(path.names)
        return .upgrade([:]) { inbound, outbound, _ in
            await StreamConnection(streams: self, combined: path.combined).serve(topics, inbound, outbound)
        }
    }

    /// Runs one connection until either side ends: `write` sends the subscription's deliveries while each text
    /// frame the client sends is answered with the frames `answer` gives; then the subscription leaves the hub.
    static func run(_ subscription: StreamHub.Subscription, _ inbound: WebSocketInboundStream, _ outbound: WebSocketOutboundWriter,
                    write: @escaping @Sendable () async -> Void, answer: @escaping @Sendable (String) async -> [String]) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await write() }
            group.addTask {
                do {
                    for try await message in inbound.messages(maxSize: 1 << 16) {
                        guard case .text(let text) = message else { continue }
                        for frame in await answer(text) { try await outbound.write(.text(frame)) }
                    }
                } catch {}
            }
            await group.next()
            subscription.cancel()
            group.cancelAll()
        }
    }

    /// The topics of the names that resolve (an active listenKey, a market stream); others are left out.
    func resolve(_ names: [String]) async -> [StreamHub.Topic] {
        var topics: [StreamHub.Topic] = []
        for name in names {
            if let route = await simulator.route(ofStream: name) { topics.append(StreamHub.Topic(name: name, route: route)) }
        }
        return topics
    }
}

/// One WebSocket connection: writes its deliveries and answers its control frames until either side ends.
final class StreamConnection: Sendable {
    let streams: SandboxStreams
    let combined: Mutex<Bool>

    init(streams: SandboxStreams, combined: Bool) {
        self.streams = streams
        self.combined = Mutex(combined)
    }

    func serve(_ topics: [StreamHub.Topic], _ inbound: WebSocketInboundStream, _ outbound: WebSocketOutboundWriter) async {
        let subscription = streams.hub.subscribe(topics)
        await SandboxStreams.run(subscription, inbound, outbound,
                                 write: { await self.write(subscription, outbound) },
                                 answer: { [await self.control($0, subscription)] })
    }

    /// Writes each delivery as it comes; a subscriber the hub dropped for being slow gets close code 1008.
    private func write(_ subscription: StreamHub.Subscription, _ outbound: WebSocketOutboundWriter) async {
        for await delivery in subscription.deliveries {
            let frame = combined.withLock { $0 }
                ? #"{"stream":"\#(delivery.stream)","data":\#(delivery.event.payload)}"# : delivery.event.payload
            do { try await outbound.write(.text(frame)) } catch { return }
        }
        if subscription.overflowed {
            try? await outbound.close(.policyViolation, reason: "too slow: \(streams.hub.capacity) events were waiting")
        }
    }

    private func control(_ text: String, _ subscription: StreamHub.Subscription) async -> String {
        switch StreamControl.parse(text) {
        case .failure(let error): return error.frame
        case .success(let request):
            switch request.method {
            case .subscribe:
                subscription.add(await streams.resolve(request.names))
                return request.answer("null")
            case .unsubscribe:
                subscription.remove(names: Set(request.names))
                return request.answer("null")
            case .list:
                return request.answer(StreamControl.array(subscription.topics.map(\.name)))
            case .setProperty:
                guard request.names.first == "combined", request.params.count == 2, let value = (request.params[1] as? Bool) ?? (request.params[1] as? NSNumber)?.boolValue else {
                    return StreamControlError(code: 2, message: "Invalid request: unknown property", id: request.id).frame
                }
                combined.withLock { $0 = value }
                return request.answer("null")
            case .getProperty:
                guard request.names.first == "combined" else {
                    return StreamControlError(code: 2, message: "Invalid request: unknown property", id: request.id).frame
                }
                return request.answer(combined.withLock { $0 } ? "true" : "false")
            }
        }
    }
}
