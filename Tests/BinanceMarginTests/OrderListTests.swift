import Foundation
import Testing
@testable import BinanceMargin

/// Margin order lists in the client: exact requests, Binance's documented answers, the rules checked before
/// sending (generated legs against an independent table), and a lost answer read back, never sent twice.
@Suite struct OrderListTests {
    static let tail = GoldenQueryTests.tail

    /// A client whose generated ids count up: `id-1`, `id-2`, …
    static func client(_ transport: FakeTransport, retryPolicy: RetryPolicy = RetryPolicy()) throws -> MarginClient {
        let counter = Locked(0)
        let configuration = MarginClient.Configuration(
            transport: transport, credentials: TestKeys.credentials, recvWindow: 5000, retryPolicy: retryPolicy,
            clock: ManualClock().clock, makeClientOrderID: { "id-\(counter.with { $0 += 1; return $0 })" }, synchronizesTime: false)
        return try MarginClient(configuration: configuration)
    }

    static let sellOCO = NewOrderList(symbol: "BTCUSDT", .oco(side: .sell, quantity: "0.01", limit: .limitMaker("62000"),
                                                              stop: .stopLossLimit(stopPrice: "58000", price: "57900")))

    static func payload(_ request: TransportRequest) -> String { splitSignature(request.query)?.payload ?? request.query }

    @Test("each list is sent with Binance's parameter names, every id filled in, signed")
    func placementQueries() async throws {
        let transport = FakeTransport(json: OrderListSamples.oco)
        let client = try Self.client(transport)
        _ = try await client.placeOrderList(Self.sellOCO)
        let oto = NewOrderList(symbol: "BTCUSDT", .oto(working: .limit("59000"), workingSide: .buy, workingQuantity: "0.02",
                                                       pending: .limit("61000"), pendingSide: .sell, pendingQuantity: "0.02"),
                               sideEffect: .marginBuy, listClientOrderId: "oto1")
        _ = try await client.placeOrderList(oto)
        let otoco = NewOrderList(symbol: "BTCUSDT", .otoco(working: .limitMaker("59000"), workingSide: .buy, workingQuantity: "0.02",
                                                           pendingSide: .sell, pendingQuantity: "0.02",
                                                           above: .limitMaker("63000"), below: .stopLoss("57000")),
                                 isIsolated: true, autoRepayAtCancel: false, responseType: .result)
        _ = try await client.placeOrderList(otoco)
        let sent = transport.sent
        #expect(sent.map(\.path) == ["/sapi/v1/margin/order/oco", "/sapi/v1/margin/order/oto", "/sapi/v1/margin/order/otoco"])
        #expect(Self.payload(sent[0]) == "symbol=BTCUSDT&isIsolated=FALSE&listClientOrderId=id-1&side=SELL&quantity=0.01&price=62000&limitClientOrderId=id-2&stopPrice=58000&stopLimitPrice=57900&stopLimitTimeInForce=GTC&stopClientOrderId=id-3&sideEffectType=NO_SIDE_EFFECT&newOrderRespType=FULL&" + Self.tail)
        #expect(Self.payload(sent[1]) == "symbol=BTCUSDT&isIsolated=FALSE&listClientOrderId=oto1&workingType=LIMIT&workingPrice=59000&workingTimeInForce=GTC&workingClientOrderId=id-4&workingSide=BUY&workingQuantity=0.02&pendingType=LIMIT&pendingPrice=61000&pendingTimeInForce=GTC&pendingClientOrderId=id-5&pendingSide=SELL&pendingQuantity=0.02&sideEffectType=MARGIN_BUY&newOrderRespType=FULL&" + Self.tail)
        #expect(Self.payload(sent[2]) == "symbol=BTCUSDT&isIsolated=TRUE&listClientOrderId=id-6&workingType=LIMIT_MAKER&workingPrice=59000&workingClientOrderId=id-7&workingSide=BUY&workingQuantity=0.02&pendingSide=SELL&pendingQuantity=0.02&pendingAboveType=LIMIT_MAKER&pendingAbovePrice=63000&pendingAboveClientOrderId=id-8&pendingBelowType=STOP_LOSS&pendingBelowStopPrice=57000&pendingBelowClientOrderId=id-9&sideEffectType=NO_SIDE_EFFECT&autoRepayAtCancel=false&newOrderRespType=RESULT&" + Self.tail)
        for request in sent {
            let split = try #require(splitSignature(request.query))
            #expect(split.signature == Signatures.hmacSHA256Hex(split.payload, secret: TestKeys.secret))
        }
    }

    @Test("queries and cancels name the list by id or client id; isolated lists carry their symbol")
    func queryQueries() async throws {
        try await GoldenQueryTests.expectRequests({ _ = try await $0.orderList(orderListId: 2031) },
            [(.get, "/sapi/v1/margin/orderList", "isIsolated=FALSE&orderListId=2031&" + Self.tail, true)])
        try await GoldenQueryTests.expectRequests({ _ = try await $0.orderList(listClientOrderId: "myList1", symbol: "BTCUSDT", isIsolated: true) },
            [(.get, "/sapi/v1/margin/orderList", "isIsolated=TRUE&symbol=BTCUSDT&origClientOrderId=myList1&" + Self.tail, true)])
        try await GoldenQueryTests.expectRequests({ _ = try await $0.openOrderLists() },
            [(.get, "/sapi/v1/margin/openOrderList", "isIsolated=FALSE&" + Self.tail, true)])
        try await GoldenQueryTests.expectRequests({ _ = try await $0.allOrderLists(startTime: 1760000000000, endTime: 1760086400000, limit: 100) },
            [(.get, "/sapi/v1/margin/allOrderList", "isIsolated=FALSE&startTime=1760000000000&endTime=1760086400000&limit=100&" + Self.tail, true)])
        try await GoldenQueryTests.expectRequests({ _ = try await $0.cancelOrderList(symbol: "BTCUSDT", orderListId: 2031, newClientOrderId: "cancel1") },
            [(.delete, "/sapi/v1/margin/orderList", "symbol=BTCUSDT&isIsolated=FALSE&orderListId=2031&newClientOrderId=cancel1&" + Self.tail, true)])
        let client = try makeClient(FakeTransport(json: "[]"))
        await #expect(throws: BinanceError.self) { _ = try await client.orderList() }
        await #expect(throws: BinanceError.self) { _ = try await client.openOrderLists(isIsolated: true) }
        await #expect(throws: BinanceError.self) { _ = try await client.allOrderLists(fromId: 5, startTime: 1) }
        await #expect(throws: BinanceError.self) { _ = try await client.allOrderLists(limit: 1001) }
    }

    @Test("Binance's documented answers decode: OCO with its borrow, OTO with pending legs and printed zeros, a cancel")
    func documentedAnswers() throws {
        let oco = try JSONDecoder().decode(OrderListResult.self, from: Data(OrderListSamples.oco.utf8))
        #expect(oco.list.orderListId == 2031 && oco.list.contingencyType == "OCO" && oco.list.isOpen)
        #expect(oco.marginBuyBorrowAmount == Number("0.01") && oco.marginBuyBorrowAsset == "BTC")
        #expect(oco.reports.map(\.type) == [.stopLoss, .limitMaker] && oco.reports[0].stopPrice == Number("58000"))
        let oto = try JSONDecoder().decode(OrderListResult.self, from: Data(OrderListSamples.oto.utf8))
        #expect(oto.reports.map(\.status) == [.new, .pendingNew] && oto.reports[0].executedQty == .zero)
        #expect(oto.reports[1].price == .zero && oto.marginBuyBorrowAmount == nil)
        let canceled = try JSONDecoder().decode(OrderListResult.self, from: Data(OrderListSamples.canceled.utf8))
        #expect(canceled.list.listOrderStatus == "ALL_DONE" && !canceled.list.isOpen)
        #expect(canceled.reports.allSatisfy { $0.status == .canceled } && canceled.reports[0].origClientOrderId == "stopLeg1")
        let listed = try JSONDecoder().decode([OrderList].self, from: Data("[\(OrderListSamples.listObject)]".utf8))
        #expect(listed.first?.orders.map(\.orderId) == [51, 52])
        // Only Java's scaled zero is tolerated; other exponents stay refused.
        let bad = OrderListSamples.oto.replacingOccurrences(of: #""price":"0E-8""#, with: #""price":"1E-8""#)
        #expect(throws: DecodingError.self) { _ = try JSONDecoder().decode(OrderListResult.self, from: Data(bad.utf8)) }
    }
}
