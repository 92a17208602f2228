import BinanceMargin
import Foundation
import MarginSim
import Testing

/// The client's recovery rules against faults the simulator injects, over real HTTP.
@Suite("Faults end to end over HTTP")
struct FaultEndToEndTests {
    @Test("a 503 on a GET is retried after a backoff and the call succeeds")
    func serverErrorOnGetIsRetried() async throws {
        try await ClientSandbox.run { sandbox in
            _ = try await sandbox.client.crossAccount()
            try await sandbox.client.simFault(.error, path: "/sapi/v1/margin/account", count: 1, status: 503)
            let sleepsBefore = sandbox.sleeps.all.count
            sandbox.events.clear()
            let account = try await sandbox.client.crossAccount()
            #expect(account.userAssets.contains { $0.asset == "USDT" })
            #expect(sandbox.events.statuses("/sapi/v1/margin/account") == [503, 200])
            #expect(sandbox.sleeps.all.count == sleepsBefore + 1)
        }
    }

    @Test("a dropped order response is reconciled by client order id: one order on the exchange, sent once")
    func droppedOrderIsReconciled() async throws {
        try await ClientSandbox.run { sandbox in
            let client = sandbox.client
            _ = try await client.crossAccount()
            try await client.simFault(.drop, path: "/sapi/v1/margin/order", count: 1)
            sandbox.events.clear()
            let order = NewOrder(symbol: "BTCUSDT", side: .buy, type: .market, quantity: "0.001",
                                 sideEffect: .marginBuy, clientOrderId: "e2e-drop-1")
            let result = try await client.placeOrder(order)
            #expect(result.clientOrderId == "e2e-drop-1" && result.status == .filled && result.executedQty == "0.001")
            let posts = sandbox.events.all.filter {
                if case .sent(let request) = $0 { return request.method == .post && request.path == "/sapi/v1/margin/order" }
                return false
            }
            #expect(posts.count == 1)
            let orders = try await client.allOrders(symbol: "BTCUSDT").filter { $0.clientOrderId == "e2e-drop-1" }
            let btc = try await sandbox.cross("BTC").free
            // HTTPTransport sends state-changing requests on a fresh connection, so libcurl cannot
            // re-send the POST after the dropped keep-alive connection: one order, reconciled.
            #expect(result.reconciled)
            #expect(sandbox.events.all.contains { if case .failed = $0 { return true } else { return false } })
            #expect(orders.count == 1)
            #expect(btc == "0.100999")
        }
    }

    @Test("an order whose response is dropped on a fresh connection is reconciled by client order id")
    func droppedOrderOnFreshConnectionIsReconciled() async throws {
        let now = MarginClock.system.now()
        try await ClientSandbox.run(simulatorTime: now, synchronizesTime: false) { sandbox in
            // Arm the fault behind the client's back, so the order is the client's first request
            // and rides a new connection (no transport-level retry is possible).
            let armed = await sandbox.simulator.handle(TransportRequest(
                method: .post, path: "/sim/fault", body: "kind=drop&path=/sapi/v1/margin/order&count=1"))
            #expect(armed.status == 200)
            let order = NewOrder(symbol: "BTCUSDT", side: .buy, type: .market, quantity: "0.001",
                                 sideEffect: .marginBuy, clientOrderId: "e2e-drop-2")
            let result = try await sandbox.client.placeOrder(order)
            #expect(result.reconciled)
            #expect(result.clientOrderId == "e2e-drop-2" && result.status == .filled && result.executedQty == "0.001")
            #expect(sandbox.events.all.contains { if case .failed = $0 { return true } else { return false } })
            let paths = sandbox.events.sentPaths
            #expect(paths.first == "/sapi/v1/margin/order")
            #expect(paths.filter { $0 == "/sapi/v1/margin/order" }.count >= 2)  // the POST, then the query by id
            let orders = try await sandbox.client.allOrders(symbol: "BTCUSDT").filter { $0.clientOrderId == "e2e-drop-2" }
            #expect(orders.count == 1)
            #expect(try await sandbox.cross("BTC").free == "0.100999")
        }
    }

    @Test("a 429 carries Retry-After; the client reports it, then waits it out before the next request")
    func rateLimitWithRetryAfter() async throws {
        try await ClientSandbox.run { sandbox in
            let client = sandbox.client
            _ = try await client.crossAccount()
            try await client.simFault(.rateLimit, path: "/sapi/v1/margin/account", count: 1)
            let error = await #expect(throws: BinanceError.self) { try await client.crossAccount() }
            #expect(error?.httpStatus == 429 && error?.category == .rateLimit && error?.code == -1003)
            let retryAfter = try #require(error?.retryAfterSeconds)
            #expect(retryAfter >= 1 && retryAfter <= 60)

            let sleepsBefore = sandbox.sleeps.all
            _ = try await client.crossAccount()
            let waited = try #require(sandbox.sleeps.all.dropFirst(sleepsBefore.count).first)
            #expect(waited > 0 && waited <= retryAfter * 1000)
            #expect(sandbox.events.statuses("/sapi/v1/margin/account").suffix(2) == [429, 200])
        }
    }

    @Test("-1021 after the exchange clock jumps: the client re-syncs server time once and retries")
    func timestampResync() async throws {
        try await ClientSandbox.run { sandbox in
            let client = sandbox.client
            _ = try await client.crossAccount()
            // Jump the exchange's clock behind the client's back (the client adopts jumps it makes itself).
            let jump = await sandbox.simulator.handle(TransportRequest(method: .post, path: "/sim/clock", query: "advanceMs=600000"))
            #expect(jump.status == 200)
            sandbox.events.clear()
            let account = try await client.crossAccount()
            #expect(!account.userAssets.isEmpty)
            #expect(sandbox.events.sentPaths == ["/sapi/v1/margin/account", "/api/v3/time", "/sapi/v1/margin/account"])
            #expect(sandbox.events.statuses("/sapi/v1/margin/account") == [400, 200])
            let rejection = sandbox.events.all.compactMap { event -> String? in
                if case .received(_, 400, let body) = event { return body } else { return nil }
            }
            #expect(rejection.first?.contains("-1021") == true)
            try await sandbox.expectServerTimeIsTheSimulators()
        }
    }
}
