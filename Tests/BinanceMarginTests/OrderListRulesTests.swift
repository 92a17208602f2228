import Foundation
import Testing
@testable import BinanceMargin

/// The rules an order list is checked against before sending, and the read-back of a list whose answer was lost.
@Suite struct OrderListRulesTests {
    /// Independent statement of Binance's per-type requirements (orders-advanced §2.1–2.2).
    static func missingField(_ leg: ListLeg) -> Bool {
        switch leg.type {
        case .limit: return leg.price == nil || leg.timeInForce == nil
        case .limitMaker: return leg.price == nil
        case .stopLoss, .takeProfit: return leg.stopPrice == nil && leg.trailingDelta == nil
        case .stopLossLimit, .takeProfitLimit:
            return leg.price == nil || (leg.stopPrice == nil && leg.trailingDelta == nil) || leg.timeInForce == nil
        case .market: return false
        }
    }

    static func randomLeg(_ random: inout SplitMix64) -> ListLeg {
        let types: [OrderType] = [.limit, .limitMaker, .stopLoss, .stopLossLimit, .takeProfit, .takeProfitLimit, .market]
        func maybe<T>(_ value: T) -> T? { random.next(upTo: 2) == 0 ? value : nil }
        var leg = ListLeg(type: types[Int(random.next(upTo: UInt64(types.count)))])
        leg.price = maybe(Number(Int(1 + random.next(upTo: 90_000))))
        leg.stopPrice = maybe(Number(Int(1 + random.next(upTo: 90_000))))
        leg.trailingDelta = random.next(upTo: 4) == 0 ? Int64(1 + random.next(upTo: 500)) : nil
        leg.timeInForce = maybe(TimeInForce.gtc)
        return leg
    }

    @Test("generated OTO pending legs: validate() refuses exactly the legs the rule table says are incomplete")
    func generatedLegs() throws {
        var random = SplitMix64(seed: 2026)
        var refused = 0, accepted = 0
        for _ in 0..<2_000 {
            let pending = Self.randomLeg(&random)
            let list = NewOrderList(symbol: "BTCUSDT", .oto(working: .limit("59000"), workingSide: .buy, workingQuantity: 1,
                                                            pending: pending, pendingSide: .sell, pendingQuantity: 1))
            let shouldRefuse = Self.missingField(pending) || (pending.trailingDelta != nil && pending.price == nil)
                || (pending.timeInForce != nil && !pending.type.needsTimeInForce)
            do {
                try list.validate()
                #expect(!shouldRefuse, "accepted \(pending)")
                accepted += 1
            } catch let error as BinanceError {
                #expect(shouldRefuse, "refused \(pending): \(error.message)")
                #expect(error.message.contains("pending"), "the error names the leg: \(error.message)")
                refused += 1
            }
        }
        #expect(refused > 200 && accepted > 200)
    }

    @Test("OCO prices in the wrong order, AUTO_REPAY on an OTO, repeated ids and wrong leg types are refused before sending")
    func refusedLists() async throws {
        let transport = FakeTransport(json: "{}")
        let client = try OrderListTests.client(transport)
        let cases: [(NewOrderList, String)] = [
            (NewOrderList(symbol: "BTCUSDT", .oco(side: .sell, quantity: 1, limit: .limitMaker("57000"), stop: .stopLoss("58000"))), "above its stop price"),
            (NewOrderList(symbol: "BTCUSDT", .oco(side: .buy, quantity: 1, limit: .limitMaker("59000"), stop: .stopLoss("58000"))), "below its stop price"),
            (NewOrderList(symbol: "BTCUSDT", .oco(side: .sell, quantity: 1, limit: .limit("62000"), stop: .stopLoss("58000"))), "limit order cannot be LIMIT"),
            (NewOrderList(symbol: "BTCUSDT", .oto(working: .stopLoss("1"), workingSide: .buy, workingQuantity: 1,
                                                  pending: .limit("2"), pendingSide: .sell, pendingQuantity: 1)), "working order cannot be STOP_LOSS"),
            (NewOrderList(symbol: "BTCUSDT", .oto(working: .limit("1"), workingSide: .buy, workingQuantity: 1,
                                                  pending: .limit("2"), pendingSide: .sell, pendingQuantity: 1), sideEffect: .autoRepay), "cannot be AUTO_REPAY"),
            (NewOrderList(symbol: "BTCUSDT", .oco(side: .sell, quantity: 0, limit: .limitMaker("62000"), stop: .stopLoss("58000"))), "quantity must be greater than zero"),
            (NewOrderList(symbol: "BTCUSDT", .oco(side: .sell, quantity: 1, limit: ListLeg(type: .limitMaker, price: "62000", clientOrderId: "a"),
                                                  stop: ListLeg(type: .stopLoss, stopPrice: "58000", clientOrderId: "a"))), "repeats one"),
        ]
        for (list, words) in cases {
            await #expect { try await client.placeOrderList(list) } throws: { error in
                ((error as? BinanceError)?.message ?? "").contains(words)
            }
        }
        #expect(transport.sent.isEmpty)
    }

    @Test("a lost answer: the list found under its id with the legs' ids is returned, sent once")
    func lostAnswerFound() async throws {
        let posts = Locked(0)
        let transport = FakeTransport { request, _ in
            if request.method == .post { posts.with { $0 += 1 }; throw TransportError.connectionLost("connection reset by peer") }
            return response(200, OrderListSamples.list("id-1", legIds: ["id-3", "id-2"]))
        }
        let result = try await OrderListTests.client(transport).placeOrderList(OrderListTests.sellOCO)
        #expect(result.reconciled && result.list.orderListId == 77 && result.reports.isEmpty)
        #expect(posts.current == 1)
        #expect(transport.paths == ["POST /sapi/v1/margin/order/oco", "GET /sapi/v1/margin/orderList"])
        #expect(transport.sent[1].query.hasPrefix("isIsolated=FALSE&origClientOrderId=id-1&"))
    }

    @Test("a lost answer: a list under the same id with other orders is not taken for it; the outcome is unknown")
    func lostAnswerOtherList() async throws {
        let transport = FakeTransport { request, _ in
            if request.method == .post { throw TransportError.connectionLost("connection reset by peer") }
            return response(200, OrderListSamples.list("id-1", legIds: ["old-1", "old-2"], status: "ALL_DONE"))
        }
        await #expect { _ = try await OrderListTests.client(transport).placeOrderList(OrderListTests.sellOCO) } throws: { error in
            guard let error = error as? BinanceError, error.outcomeUnknown else { return false }
            return error.message.contains("may or may not have been placed") && (error.readBack?.found ?? "").contains("not the ones sent")
        }
        #expect(transport.paths.filter { $0.hasPrefix("POST") }.count == 1)
    }

    @Test("a lost answer: a list never found, even after its recvWindow, stays an unknown outcome that says what was read")
    func lostAnswerNeverFound() async throws {
        let transport = FakeTransport { request, _ in
            if request.method == .post { throw TransportError.connectionLost("connection reset by peer") }
            return response(400, #"{"code":-2011,"msg":"Order list does not exist."}"#)
        }
        await #expect { _ = try await OrderListTests.client(transport, retryPolicy: RetryPolicy(maxAttempts: 3)).placeOrderList(OrderListTests.sellOCO) } throws: { error in
            guard let error = error as? BinanceError, error.outcomeUnknown, let readBack = error.readBack else { return false }
            return readBack.found.contains("no such order list") && readBack.notFoundAfterSeconds != nil && readBack.query.contains("origClientOrderId=id-1")
        }
        #expect(transport.paths.filter { $0.hasPrefix("POST") }.count == 1)
    }
}
