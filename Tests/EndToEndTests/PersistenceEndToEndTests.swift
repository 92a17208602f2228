import BinanceMargin
import Foundation
import MarginSim
import Testing

/// `mops sim serve --state FILE`, the real binary: acknowledged changes survive kill -9.
@Suite("mops sim serve --state")
struct PersistenceEndToEndTests {
    static func client(_ url: URL) throws -> MarginClient {
        try MarginClient(configuration: .init(
            transport: try HTTPTransport(baseURL: url),
            credentials: try .hmac(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret)))
    }

    @Test("borrow, order and price survive kill -9 and a restart on the same state file")
    func survivesKill9() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mops-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let state = directory.appendingPathComponent("sim.state").path
        #expect(FileManager.default.isExecutableFile(atPath: ServeProcess.binary.path),
                "build the mops product first (swift build --build-tests builds it)")

        let first = try await ServeProcess.start(["--state", state])
        let before = try Self.client(first.url)
        _ = try await before.borrow(asset: "USDT", amount: "123.45")
        let order = try await before.placeOrder(.limit("BTCUSDT", .buy, quantity: "0.001", price: "50000"))
        try await before.simSetPrice(symbol: "ETHUSDT", price: "2500")
        await first.kill9()

        let second = try await ServeProcess.start(["--state", state])
        let after = try Self.client(second.url)
        let usdt = try #require(try await after.crossAccount().userAssets.first { $0.asset == "USDT" })
        #expect(usdt.borrowed == "123.45")
        #expect(usdt.locked == "50")
        let open = try await after.openOrders(symbol: "BTCUSDT")
        #expect(open.map(\.orderId) == [order.orderId])
        #expect(open.first?.clientOrderId == order.clientOrderId)
        #expect(try await after.price("ETHUSDT") == "2500")
        #expect(await second.terminate() == 0)
    }

    /// What writers saw acknowledged before a kill: orders placed (and cancelled), transfers made.
    actor Acknowledged {
        var open: Set<Int64> = []
        var cancelled: Set<Int64> = []
        var transfers = 0
        /// Order lists (OCOs) acknowledged placed and still open, and those acknowledged cancelled.
        var openLists: Set<Int64> = []
        var cancelledLists: Set<Int64> = []
        func placed(_ id: Int64) { open.insert(id) }
        func placedList(_ id: Int64) { openLists.insert(id) }
        func cancellingList(_ id: Int64) { openLists.remove(id) }
        func cancelList(_ id: Int64) { cancelledLists.insert(id) }
        /// A cancel is on its way: until it is answered the order may be open or cancelled.
        func cancelling(_ id: Int64) { open.remove(id) }
        func cancel(_ id: Int64) { cancelled.insert(id) }
        func transferred() { transfers += 1 }
    }

    /// One writer: orders and OCOs (every other one cancelled) and spot ↔ cross transfers, until the server dies.
    static func write(_ client: MarginClient, _ seed: UInt64, _ acknowledged: Acknowledged) async {
        var random = SplitMix64(seed: seed)
        for _ in 0..<400 {
            do {
                switch random.next(upTo: 4) {
                case 3:
                    // A BUY OCO below and above the 60000 price: it locks 0.001 × 70000 on its stop leg.
                    let price = Number(Int(20_000 + random.next(upTo: 1_000) * 10))
                    let list = try await client.placeOrderList(NewOrderList(symbol: "BTCUSDT", .oco(side: .buy, quantity: "0.001",
                        limit: .limitMaker(price), stop: .stopLoss(70_000))))
                    await acknowledged.placedList(list.list.orderListId)
                    if random.next(upTo: 2) == 0 {
                        await acknowledged.cancellingList(list.list.orderListId)
                        _ = try await client.cancelOrderList(symbol: "BTCUSDT", orderListId: list.list.orderListId)
                        await acknowledged.cancelList(list.list.orderListId)
                    }
                case 0:
                    let price = Number(Int(20_000 + random.next(upTo: 1_000) * 10))
                    let order = try await client.placeOrder(.limit("BTCUSDT", .buy, quantity: "0.001", price: price))
                    await acknowledged.placed(order.orderId)
                    if random.next(upTo: 2) == 0 {
                        await acknowledged.cancelling(order.orderId)
                        _ = try await client.cancelOrder(symbol: "BTCUSDT", orderId: order.orderId)
                        await acknowledged.cancel(order.orderId)
                    }
                case 1:
                    _ = try await client.transfer(asset: "USDT", amount: "3", random.next(upTo: 2) == 0 ? .spotToCross : .crossToSpot)
                    await acknowledged.transferred()
                default:
                    _ = try await client.simDeposit(asset: "BTC", amount: "0.001", account: .margin)
                }
            } catch {
                return   // the server is gone (or refused): what it acknowledged before is what counts
            }
        }
    }

    @Test("kill -9 at generated moments under concurrent writers, compactions under way: nothing acknowledged is lost, the ledger adds up")
    func killAtRandomMoments() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mops-e2e-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let state = directory.appendingPathComponent("sim.state").path
        // A tiny journal limit: the journal is compacted every few dozen writes, so kills land during compactions too.
        let arguments = ["--state", state, "--journal-compaction-bytes", "1", "--no-rate-limits"]
        var random = SplitMix64(seed: 0x6B11_9000)
        let acknowledged = Acknowledged()
        var usdtTotal: Number? = nil
        for round in 0..<4 {
            let server = try await ServeProcess.start(arguments)
            let client = try Self.client(server.url)
            let usdt = try await Self.usdt(client)
            if let usdtTotal { #expect(usdt.total == usdtTotal, "round \(round): USDT spot + cross changed over a kill") }
            usdtTotal = usdt.total
            let writers = Task {
                await withTaskGroup(of: Void.self) { group in
                    for writer in 0..<4 { group.addTask { await Self.write(client, UInt64(round * 10 + writer), acknowledged) } }
                }
            }
            try await Task.sleep(for: .milliseconds(Int(150 + random.next(upTo: 600))))
            await server.kill9()
            await writers.value
        }
        let server = try await ServeProcess.start(arguments)
        let client = try Self.client(server.url)
        let usdt = try await Self.usdt(client)
        #expect(usdt.total == usdtTotal, "USDT spot + cross changed over the last kill")
        let lists = try await client.openOrderLists()
        let listed = Set(lists.map(\.orderListId)), legs = Set(lists.flatMap { $0.orders.map(\.orderId) })
        let open = Set(try await client.openOrders(symbol: "BTCUSDT").map(\.orderId)).subtracting(legs)
        let stillOpen = await acknowledged.open, cancelled = await acknowledged.cancelled
        #expect(stillOpen.isSubset(of: open), "acknowledged orders lost: \(stillOpen.subtracting(open).sorted())")
        #expect(open.isDisjoint(with: cancelled), "acknowledged cancels lost: \(open.intersection(cancelled).sorted())")
        let openLists = await acknowledged.openLists, cancelledLists = await acknowledged.cancelledLists
        #expect(openLists.isSubset(of: listed), "acknowledged OCOs lost: \(openLists.subtracting(listed).sorted())")
        #expect(listed.isDisjoint(with: cancelledLists), "acknowledged OCO cancels lost: \(listed.intersection(cancelledLists).sorted())")
        // Every open order locks 0.001 × its price, every open OCO 0.001 × 70000; nothing else locks USDT.
        var locked = try Number(lists.count) * 70
        for id in open.sorted() { locked = try locked + (try await client.order(symbol: "BTCUSDT", orderId: id)).price * "0.001" }
        #expect(usdt.crossLocked == locked, "cross USDT locked \(usdt.crossLocked) is not the open orders' \(locked)")
        let transfers = await acknowledged.transfers
        #expect(!stillOpen.isEmpty && !cancelled.isEmpty && transfers > 0 && !openLists.isEmpty && !cancelledLists.isEmpty,
                "the writers did too little to test anything")
        #expect(await server.terminate() == 0)
    }

    /// USDT in the spot wallet plus the cross account (free + locked), and what the cross account has locked.
    static func usdt(_ client: MarginClient) async throws -> (total: Number, crossLocked: Number) {
        let spot = try await client.spotAccount().balances.first { $0.asset == "USDT" }
        let cross = try await client.crossAccount().userAssets.first { $0.asset == "USDT" }
        let spotTotal: Number = try (spot?.free ?? Number.zero) + (spot?.locked ?? Number.zero)
        let crossTotal: Number = try (cross?.free ?? Number.zero) + (cross?.locked ?? Number.zero)
        let total: Number = try spotTotal + crossTotal
        return (total, cross?.locked ?? .zero)
    }

    @Test("--no-rate-limits: past 6,000 weight the headers count on and nothing gets 429; without it, 429")
    func noRateLimits() async throws {
        let exchangeInfo = RawHTTPConnection.request("GET", "/api/v3/exchangeInfo?symbol=BTCUSDT")
        for (arguments, lastStatus) in [(["--no-rate-limits"], 200), ([], 429)] {
            let server = try await ServeProcess.start(arguments)
            // 301 × weight 20 = 6,020 > 6,000 within one minute.
            let responses = try await RawHTTPConnection.exchange(port: server.url.port!,
                                                                 Array(repeating: exchangeInfo, count: 301))
            let last = try #require(responses.last ?? nil)
            #expect(await server.terminate() == 0)
            // The used weight climbs by 20 per request (429s are counted too) unless a minute ends mid-run.
            let used = responses.map { Int($0?.headers["x-mbx-used-weight-1m"] ?? "") ?? 0 }
            guard used == (1...301).map({ $0 * 20 }) else { continue }
            #expect(last.status == lastStatus, "\(arguments)")
            if lastStatus == 200 { #expect(last.headers["x-mbx-used-weight-1m"] == "6020") }
            else { #expect(last.headers["retry-after"] != nil) }
        }
    }

    @Test("SIGTERM and SIGINT (Ctrl-C) shut the server down cleanly with exit status 0", arguments: [SIGTERM, SIGINT])
    func cleanShutdown(signal: Int32) async throws {
        let server = try await ServeProcess.start([])
        let client = try Self.client(server.url)
        #expect(try await client.serverTime() > 0)
        #expect(await server.stop(with: signal) == 0)
    }
}
