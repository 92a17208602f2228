import Foundation
import HummingbirdWebSocket
import MarginSim
import Synchronization

/// One connection to the sandbox's WebSocket API (`/ws-api/v3`): the user-data stream by listenToken, as
/// Binance serves it since 2025-10 (docs/streams.md).
///
/// Methods: `userDataStream.subscribe.listenToken` (a token from `POST /sapi/v1/userListenToken`; a new token
/// for a stream already subscribed on this connection extends that subscription, keeping its id),
/// `userDataStream.unsubscribe` (one `subscriptionId`, or all), `session.subscriptions`, `ping` and `time`.
/// Events arrive as `{"subscriptionId":N,"event":{…}}`; a subscription whose token expires, or that is
/// unsubscribed, gets `eventStreamTerminated` and nothing more.
final class WebSocketAPISession: Sendable {
    /// One subscription: the token it follows now and the stream that token opens.
    struct Entry: Sendable {
        var id: Int
        var token: String
        var route: StreamRoute
    }

    let streams: SandboxStreams
    private let entries = Mutex<[Entry]>([])
    private let nextID = Mutex(0)

    init(streams: SandboxStreams) { self.streams = streams }

    func serve(_ inbound: WebSocketInboundStream, _ outbound: WebSocketOutboundWriter) async {
        let subscription = streams.hub.subscribe([])
        await SandboxStreams.run(subscription, inbound, outbound,
                                 write: { await self.write(subscription, outbound) },
                                 answer: { await self.answer($0, subscription) })
    }

    /// Writes each event wrapped with its subscription's id; a token's end removes its subscription.
    private func write(_ subscription: StreamHub.Subscription, _ outbound: WebSocketOutboundWriter) async {
        for await delivery in subscription.deliveries {
            let id: Int? = entries.withLock { entries in
                guard let index = entries.firstIndex(where: { $0.token == delivery.stream }) else { return nil }
                let id = entries[index].id
                if case .listenKey = delivery.event.route { entries.remove(at: index) }   // eventStreamTerminated
                return id
            }
            guard let id else { continue }
            do { try await outbound.write(.text(#"{"subscriptionId":\#(id),"event":\#(delivery.event.payload)}"#)) } catch { return }
        }
        if subscription.overflowed {
            try? await outbound.close(.policyViolation, reason: "too slow: \(streams.hub.capacity) events were waiting")
        }
    }

    /// The frames that answer one request: the response, then any `eventStreamTerminated` it caused.
    func answer(_ text: String, _ subscription: StreamHub.Subscription) async -> [String] {
        let request: WebSocketAPIRequest
        switch WebSocketAPIRequest.parse(text) {
        case .failure(let error): return [error.frame]
        case .success(let parsed): request = parsed
        }
        switch request.method {
        case "userDataStream.subscribe.listenToken": return [await subscribe(request, subscription)]
        case "userDataStream.unsubscribe": return await unsubscribe(request, subscription)
        case "session.subscriptions":
            let ids = entries.withLock { $0.map { #"{"subscriptionId":\#($0.id)}"# } }
            return [request.success("[" + ids.joined(separator: ",") + "]", weight: 2)]
        case "ping": return [request.success("{}", weight: 1)]
        case "time": return [request.success(#"{"serverTime":\#(await streams.simulator.now())}"#, weight: 1)]
        default:
            return [request.failure(status: 400, code: -1100, message: "Illegal characters found in parameter 'method'; legal range is '^[a-zA-Z0-9._]{1,100}$'.")]
        }
    }

    private func subscribe(_ request: WebSocketAPIRequest, _ subscription: StreamHub.Subscription) async -> String {
        guard let token = request.params["listenToken"] as? String, !token.isEmpty else {
            return request.failure(status: 400, code: -1102, message: "Mandatory parameter 'listenToken' was not sent, was empty/null, or malformed.")
        }
        guard let (route, expiresAt) = await streams.simulator.listenToken(token) else {
            return request.failure(status: 400, code: -1209, message: "Invalid listenToken.")
        }
        let (id, replaced): (Int, String?) = entries.withLock { entries in
            if let index = entries.firstIndex(where: { $0.route == route }) {
                let old = entries[index].token
                entries[index].token = token
                return (entries[index].id, old)
            }
            let id = nextID.withLock { next in defer { next += 1 }; return next }
            entries.append(Entry(id: id, token: token, route: route))
            return (id, nil)
        }
        subscription.add([StreamHub.Topic(name: token, route: route)])
        if let replaced, replaced != token { subscription.remove(names: [replaced]) }
        return request.success(#"{"subscriptionId":\#(id),"expirationTime":\#(expiresAt)}"#, weight: 2)
    }

    private func unsubscribe(_ request: WebSocketAPIRequest, _ subscription: StreamHub.Subscription) async -> [String] {
        let only = (request.params["subscriptionId"] as? NSNumber)?.intValue
        let ended = entries.withLock { entries in
            let gone = entries.filter { only == nil || $0.id == only }
            entries.removeAll { only == nil || $0.id == only }
            return gone
        }
        subscription.remove(names: Set(ended.map(\.token)))
        let now = await streams.simulator.now()
        let terminated = ended.map { #"{"subscriptionId":\#($0.id),"event":\#(MarginSimulator.streamTerminated(at: now))}"# }
        return [request.success("{}", weight: 2)] + terminated
    }
}
