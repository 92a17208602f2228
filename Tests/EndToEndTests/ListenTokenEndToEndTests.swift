import BinanceMargin
import BinanceMarginStreams
import Foundation
import MarginSim
import MarginSimServer
import Synchronization
import Testing
import WSClient

/// The user-data stream by listenToken on the WebSocket API (`POST /sapi/v1/userListenToken`, then
/// `userDataStream.subscribe.listenToken` on `/ws-api/v3`), served on the REST port and read over real
/// WebSockets on 127.0.0.1: raw frames, and BinanceMargin's stream client.
@Suite("listenToken user-data stream end to end")
struct ListenTokenEndToEndTests {
    @Test("subscribe, events wrapped with the subscription's id, session.subscriptions, -1209, unsubscribe and its eventStreamTerminated")
    func rawWebSocketAPI() async throws {
        try await StreamSandbox.run { sandbox in
            let token = try await sandbox.client.createListenToken()
            let frames = Collected<String>()
            let socket = sandbox.openWebSocketAPI(frames, send: [
                #"{"id":"a1","method":"userDataStream.subscribe.listenToken","params":{"listenToken":"\#(token.token)"}}"#,
            ])
            defer { socket.cancel() }
            #expect(await sandbox.eventually { frames.all.count >= 1 })
            #expect(frames.all.first == #"{"id":"a1","status":200,"result":{"subscriptionId":0,"expirationTime":\#(token.expirationTime)},"rateLimits":[{"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":6000,"count":2}]}"#)
            let order = try await sandbox.client.placeOrder(.limit("BTCUSDT", .buy, quantity: "0.001", price: 50000))
            #expect(await sandbox.eventually { frames.all.count >= 3 })
            #expect(frames.all[1].hasPrefix(#"{"subscriptionId":0,"event":{"e":"executionReport","E":"#))
            #expect(frames.all[1].contains(#""i":\#(order.orderId),"#))
            #expect(frames.all[2].hasPrefix(#"{"subscriptionId":0,"event":{"e":"outboundAccountPosition","E":"#))

            try await socket.send(#"{"id":7,"method":"session.subscriptions"}"#)
            try await socket.send(#"{"id":8,"method":"userDataStream.subscribe.listenToken","params":{"listenToken":"not-a-token"}}"#)
            try await socket.send(#"{"id":9,"method":"userDataStream.unsubscribe","params":{"subscriptionId":0}}"#)
            #expect(await sandbox.eventually { frames.all.count >= 7 })
            let now = try await sandbox.client.serverTime()
            #expect(frames.all[3] == #"{"id":7,"status":200,"result":[{"subscriptionId":0}],"rateLimits":[{"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":6000,"count":2}]}"#)
            #expect(frames.all[4] == #"{"id":8,"status":400,"error":{"code":-1209,"msg":"Invalid listenToken."}}"#)
            #expect(frames.all[5].hasPrefix(#"{"id":9,"status":200,"result":{},"#))
            #expect(frames.all[6].hasPrefix(#"{"subscriptionId":0,"event":{"e":"eventStreamTerminated","E":"#))
            #expect(frames.all[6].dropFirst(#"{"subscriptionId":0,"event":{"e":"eventStreamTerminated","E":"#.count).prefix(13) <= "\(now)")
            _ = try await sandbox.client.placeOrder(.limit("BTCUSDT", .buy, quantity: "0.001", price: 50000))
            try await Task.sleep(for: .milliseconds(200))
            #expect(frames.all.count == 7, "nothing after the unsubscribe: \(frames.all.dropFirst(7))")
        }
    }

    @Test("a token ends on the simulator's clock: eventStreamTerminated; an isolated token carries its pair only; the validity rule")
    func expiryIsolatedAndValidity() async throws {
        try await StreamSandbox.run { sandbox in
            // Long enough that a loaded machine cannot use it up in real time before the order's events (5 s could:
            // the simulator's clock runs with the wall clock too); the clock is then advanced past it.
            let short = try await sandbox.client.createListenToken(validity: .seconds(60))
            let isolated = try await sandbox.client.createListenToken(isolatedSymbol: "BTCUSDT")
            #expect(short.token != isolated.token && short.token.count == 64)
            let frames = Collected<String>()
            let socket = sandbox.openWebSocketAPI(frames, send: [
                #"{"id":1,"method":"userDataStream.subscribe.listenToken","params":{"listenToken":"\#(short.token)"}}"#,
                #"{"id":2,"method":"userDataStream.subscribe.listenToken","params":{"listenToken":"\#(isolated.token)"}}"#,
            ])
            defer { socket.cancel() }
            #expect(await sandbox.eventually { frames.all.count >= 2 })
            #expect(frames.all[1].contains(#""result":{"subscriptionId":1,"#))
            _ = try await sandbox.client.placeOrder(.limit("BTCUSDT", .buy, quantity: "0.001", price: 50000, isIsolated: true))
            #expect(await sandbox.eventually { frames.all.count >= 4 })
            #expect(frames.all[2...3].allSatisfy { $0.hasPrefix(#"{"subscriptionId":1,"#) })
            _ = try await sandbox.client.simAdvanceClock(milliseconds: 61_000)
            #expect(await sandbox.eventually { frames.all.contains { $0.hasPrefix(#"{"subscriptionId":0,"event":{"e":"eventStreamTerminated""#) } })
            await #expect(throws: BinanceError.self) { try await sandbox.client.createListenToken(validity: .seconds(86_401)) }
            await #expect(throws: BinanceError.self) { try await sandbox.client.createListenToken(isolatedSymbol: "ETHBTC") }
            #expect(!frames.all.contains { $0.contains(short.token) || $0.contains(isolated.token) })
        }
    }

    @Test("BinanceMargin's user-data stream by listenToken: events, a token renewed on the same connection, and no token in any update")
    func streamClient() async throws {
        try await StreamSandbox.run { sandbox in
            let updates = Collected<StreamUpdate>()
            let configuration = MarginStream.Configuration(streamURL: sandbox.streamURL, initialBackoff: .milliseconds(20),
                                                           tokenValidity: .seconds(4))
            let reader = Task { for try await update in MarginStream(client: sandbox.client, stream: .userData(isolatedSymbol: nil), configuration: configuration) { updates.append(update) } }
            defer { reader.cancel() }
            #expect(await sandbox.eventually { sandbox.streams.hub.subscriberCount == 1 })
            try await Task.sleep(for: .milliseconds(4_500))   // past the first token's end: renewed at 2 s and 4 s on the same connection
            _ = try await sandbox.client.placeOrder(.market("BTCUSDT", .buy, quantity: "0.01"))
            #expect(await sandbox.eventually { updates.events.count >= 3 })
            let types = updates.events.map(\.type)
            #expect(types.prefix(3) == ["executionReport", "executionReport", "outboundAccountPosition"])
            #expect(!updates.all.contains { if case .disconnected = $0 { return true } else { return false } },
                    "renewal is seamless: \(updates.all)")
        }
    }
}

extension StreamSandbox {
    /// A raw connection to `/ws-api/v3` that sends `send` first and collects every text frame into `frames`.
    func openWebSocketAPI(_ frames: Collected<String>, send: [String]) -> RawSocket {
        let socket = RawSocket()
        socket.task = Task {
            try await WebSocketClient.connect(url: streamURL.absoluteString + "/ws-api/v3", logger: quietLogger) { inbound, outbound, _ in
                socket.outbound.withLock { $0 = outbound }
                for text in send { try await outbound.write(.text(text)) }
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    if case .text(let text) = message { frames.append(text) }
                }
            }
        }
        return socket
    }
}

/// A raw WebSocket connection a test can write to after it opened (its frames are collected by its task).
final class RawSocket: @unchecked Sendable {
    var task: Task<Void, any Error>?
    let outbound = Mutex<WebSocketOutboundWriter?>(nil)

    /// Sends `text`, once the connection is open (bounded wait).
    func send(_ text: String) async throws {
        for _ in 0..<500 where outbound.withLock({ $0 }) == nil { try await Task.sleep(for: .milliseconds(10)) }
        guard let writer = outbound.withLock({ $0 }) else { throw CancellationError() }
        try await writer.write(.text(text))
    }

    func cancel() { task?.cancel() }
}
