import BinanceMargin
import BinanceMarginStreams
import Foundation
import MarginSim
import MarginSimServer
import Testing
import WSClient

/// Binance's margin streams served by `mops sim serve` on the REST port, read over real WebSockets on 127.0.0.1
/// by the BinanceMargin stream client and by a raw WebSocket client.
@Suite("Streams end to end")
struct StreamEndToEndTests {
    @Test("user-data, risk and market streams over the network carry the same events as in process")
    func sameEventsOverTheNetwork() async throws {
        try await StreamSandbox.run { sandbox in
            let user = Collected<StreamUpdate>(), risk = Collected<StreamUpdate>(), market = Collected<StreamUpdate>()
            let inProcess = sandbox.streams.hub.subscribe([
                .init(name: "user", route: .crossUserData), .init(name: "risk", route: .risk),
                .init(name: "btcusdt@trade", route: .market(stream: "btcusdt@trade")),
            ])
            let readers = [sandbox.follow(.crossUserData, user), sandbox.follow(.risk, risk), sandbox.follow(.market(["btcusdt@trade"]), market)]
            defer { readers.forEach { $0.cancel() } }
            #expect(await sandbox.eventually { sandbox.streams.hub.subscriberCount == 4 })

            _ = try await sandbox.client.placeOrder(.market("BTCUSDT", .buy, quantity: "0.4", sideEffect: .marginBuy))
            try await sandbox.client.simSetPrice(symbol: "BTCUSDT", price: 50000)
            try await sandbox.client.simSetPrice(symbol: "BTCUSDT", price: 47000)
            #expect(await sandbox.eventually { user.events.count >= 3 && risk.events.count >= 3 && market.events.count >= 3 })
            inProcess.cancel()
            var local: [String: [StreamEvent]] = [:]
            for await delivery in inProcess.deliveries { local[delivery.stream, default: []].append(delivery.event.event) }

            #expect(user.events == local["user"] && risk.events == local["risk"] && market.events == local["btcusdt@trade"])
            let reports = user.events.compactMap { if case .execution(let r) = $0 { return r.executionType } else { return nil } }
            #expect(reports == [.new, .trade])
            let statuses = risk.events.compactMap { if case .marginLevelStatus(let c) = $0 { return c.status } else { return nil } }
            #expect(statuses == [.normal, .marginCall])
            let account = try await sandbox.client.crossAccount()
            guard case .marginLevelStatus(let last) = risk.events.last else { Issue.record("no level"); return }
            #expect(last.marginLevel == account.marginLevel)
        }
    }

    @Test("an expired listenKey: listenKeyExpired, a new key, a resync over REST, and events again")
    func expiryAndResync() async throws {
        try await StreamSandbox.run { sandbox in
            let risk = Collected<StreamUpdate>()
            let reader = sandbox.follow(.risk, risk)
            defer { reader.cancel() }
            #expect(await sandbox.eventually { sandbox.streams.hub.subscriberCount == 1 })
            _ = try await sandbox.client.simAdvanceClock(milliseconds: 3_600_001)
            #expect(await sandbox.eventually { risk.all.contains { if case .resynced = $0 { return true } else { return false } } })
            #expect(await sandbox.eventually { sandbox.streams.hub.subscriberCount == 1 })
            _ = try await sandbox.client.placeOrder(.market("BTCUSDT", .buy, quantity: "0.4", sideEffect: .marginBuy))
            #expect(await sandbox.eventually { !risk.events.isEmpty })
            let kinds = risk.all.map { update -> String in
                switch update {
                case .event(let e): e.type
                case .resynced(let state): state.crossAccount == nil ? "resynced?" : "resynced"
                case .disconnected(let reason, _): reason.contains("expired") ? "expired" : "disconnected"
                }
            }
            #expect(kinds == ["expired", "resynced", "USER_LIABILITY_CHANGE"])
            #expect(!risk.all.contains { if case .disconnected(let reason, _) = $0 { return reason.count > 200 } else { return false } })
        }
    }

    @Test("an isolated pair's listenKey carries that pair's events only")
    func isolatedStream() async throws {
        try await StreamSandbox.run { sandbox in
            let isolated = Collected<StreamUpdate>(), cross = Collected<StreamUpdate>()
            let readers = [sandbox.follow(.keyed(.isolatedUserData(symbol: "BTCUSDT")), isolated), sandbox.follow(.crossUserData, cross)]
            defer { readers.forEach { $0.cancel() } }
            #expect(await sandbox.eventually { sandbox.streams.hub.subscriberCount == 2 })
            _ = try await sandbox.client.placeOrder(.limit("BTCUSDT", .buy, quantity: "0.001", price: 50000, isIsolated: true))
            _ = try await sandbox.client.placeOrder(.limit("BTCUSDT", .sell, quantity: "0.001", price: 90000))
            #expect(await sandbox.eventually { isolated.events.count >= 2 && cross.events.count >= 2 })
            let prices = { (c: Collected<StreamUpdate>) in c.events.compactMap { if case .execution(let r) = $0 { return r.price } else { return nil } } }
            #expect(prices(isolated) == [50000] && prices(cross) == [90000])
            guard case .accountPosition(let position) = isolated.events.last else { Issue.record("no position"); return }
            #expect(position.balances.map(\.asset) == ["USDT"] && position.balances.first?.locked == 50)
        }
    }

    @Test("listenKey endpoints: the same key while active, -1125 for an unknown one, the symbol an isolated key needs")
    func listenKeyEndpoints() async throws {
        try await StreamSandbox.run { sandbox in
            let client = sandbox.client
            let key = try await client.startListenKey(.crossUserData)
            let again = try await client.startListenKey(.crossUserData), risk = try await client.startListenKey(.risk)
            #expect(key.count == 60 && again == key && risk != key)
            try await client.keepAliveListenKey(.crossUserData, key)
            await #expect(throws: BinanceError.self) { try await client.keepAliveListenKey(.crossUserData, "nope") }
            let wrongStream = await #expect(throws: BinanceError.self) { try await client.keepAliveListenKey(.risk, key) }
            #expect(wrongStream?.code == -1125 && !"\(String(describing: wrongStream))".contains(key))
            try await client.closeListenKey(.crossUserData, key)
            await #expect(throws: BinanceError.self) { try await client.keepAliveListenKey(.crossUserData, key) }
            let isolated = try await client.startListenKey(.isolatedUserData(symbol: "BTCUSDT"))
            #expect(isolated != key)
        }
    }

    @Test("combined market streams, live SUBSCRIBE / LIST_SUBSCRIPTIONS and Binance's exact payloads")
    func combinedAndControl() async throws {
        try await StreamSandbox.run { sandbox in
            let frames = Collected<String>()
            let url = sandbox.streamURL.absoluteString + "/stream?streams=btcusdt@trade"
            let socket = Task {
                try await WebSocketClient.connect(url: url, logger: quietLogger) { inbound, outbound, _ in
                    try await outbound.write(.text(#"{"method":"SUBSCRIBE","params":["btcusdt@bookTicker"],"id":7}"#))
                    try await outbound.write(.text(#"{"method":"LIST_SUBSCRIPTIONS","id":"x8"}"#))
                    try await outbound.write(.text("not json"))
                    for try await message in inbound.messages(maxSize: 1 << 16) {
                        if case .text(let text) = message { frames.append(text) }
                    }
                }
            }
            defer { socket.cancel() }
            #expect(await sandbox.eventually { frames.all.count >= 3 })
            #expect(Array(frames.all.prefix(3)) == [#"{"result":null,"id":7}"#, #"{"result":["btcusdt@trade","btcusdt@bookTicker"],"id":"x8"}"#,
                                                    #"{"code":3,"msg":"Invalid JSON: the frame is not a JSON object","id":null}"#])
            try await sandbox.client.simSetPrice(symbol: "BTCUSDT", price: 50000)
            #expect(await sandbox.eventually { frames.all.count >= 5 })
            let time = try await sandbox.client.serverTime()
            let trade = frames.all[3], book = frames.all[4]
            #expect(trade.hasPrefix(#"{"stream":"btcusdt@trade","data":{"e":"trade","E":"#))
            #expect(trade.hasSuffix(#","p":"50000.00000000","q":"0.00001000","T":\#(trade.split(separator: "T\":")[1].prefix(13)),"m":false,"M":true}}"#))
            #expect(book == #"{"stream":"btcusdt@bookTicker","data":{"u":1,"s":"BTCUSDT","b":"49999.99000000","B":"0.00001000","a":"50000.00000000","A":"0.00001000"}}"#)
            #expect(time >= ManualClock.defaultStart)
        }
    }
}
