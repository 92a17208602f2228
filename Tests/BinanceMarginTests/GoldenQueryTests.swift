import Foundation
import Testing
@testable import BinanceMargin

/// The exact request of every operation: method, path, query (up to the signature), empty body,
/// headers, and a signature that is the HMAC of exactly what was sent. Clock fixed at 1700000000000.
@Suite struct GoldenQueryTests {
    static func sample(for request: TransportRequest) -> String {
        switch (request.method, request.path) {
        case (.get, "/api/v3/time"): return Samples.serverTime
        case (.get, "/api/v3/exchangeInfo"): return Samples.exchangeInfo
        case (.get, "/api/v3/ticker/price"): return request.query.isEmpty ? Samples.tickerPrices : Samples.tickerPrice
        case (.get, "/sapi/v1/margin/priceIndex"): return Samples.priceIndex
        case (.get, "/sapi/v1/margin/account"): return Samples.crossAccount
        case (.get, "/sapi/v1/margin/isolated/account"): return Samples.isolatedAccount
        case (.get, "/sapi/v1/margin/maxBorrowable"): return Samples.maxBorrowable
        case (.get, "/sapi/v1/margin/maxTransferable"): return Samples.maxTransferable
        case (.post, "/sapi/v1/margin/borrow-repay"): return Samples.borrowRepay
        case (.get, "/sapi/v1/margin/borrow-repay"): return Samples.borrowRepayRecords
        case (.get, "/sapi/v1/margin/interestRateHistory"): return Samples.interestRateHistory
        case (.get, "/sapi/v1/margin/interestHistory"): return Samples.interestHistory
        case (.post, "/sapi/v1/margin/order"): return Samples.orderFull
        case (.get, "/sapi/v1/margin/order"): return Samples.queryOrder
        case (.delete, "/sapi/v1/margin/order"): return Samples.cancelOrder
        case (.get, "/sapi/v1/margin/openOrders"): return Samples.openOrders
        case (.delete, "/sapi/v1/margin/openOrders"): return Samples.cancelOpenOrders
        case (.get, "/sapi/v1/margin/allOrders"): return Samples.allOrders
        case (.get, "/sapi/v1/margin/myTrades"): return Samples.myTrades
        case (.post, "/sapi/v1/asset/transfer"): return Samples.universalTransfer
        case (.post, "/sapi/v1/margin/transfer"): return Samples.marginTransfer
        case (.get, "/sapi/v1/margin/transfer"): return Samples.marginTransferHistory
        case (.get, "/sapi/v1/asset/transfer"): return Samples.universalTransferHistory
        case (.get, "/sapi/v1/margin/next-hourly-interest-rate"): return Samples.nextHourlyInterestRate
        case (.get, "/sapi/v1/margin/crossMarginData"): return Samples.crossMarginData
        case (.get, "/sapi/v1/margin/isolatedMarginData"): return Samples.isolatedMarginData
        case (.get, "/sapi/v1/margin/isolatedMarginTier"): return Samples.isolatedMarginTier
        case (.get, "/sapi/v1/margin/allPairs"): return Samples.allPairs
        case (.get, "/sapi/v1/margin/isolated/allPairs"): return Samples.isolatedAllPairs
        case (.get, "/sapi/v1/margin/allAssets"): return Samples.allAssets
        case (.get, "/sapi/v1/margin/tradeCoeff"): return Samples.tradeCoeff
        case (.get, "/sapi/v1/margin/forceLiquidationRec"): return Samples.forceLiquidationRec
        case (.get, "/sapi/v1/margin/orderList"): return OrderListSamples.listObject
        case (.get, "/sapi/v1/margin/openOrderList"), (.get, "/sapi/v1/margin/allOrderList"): return "[\(OrderListSamples.listObject)]"
        case (.delete, "/sapi/v1/margin/orderList"): return OrderListSamples.canceled
        case (.post, "/sim/shock"), (.post, "/sim/price"): return #"{"symbol":"BTCUSDT","price":"48000"}"#
        case (.post, "/sim/clock"): return #"{"serverTime":1700003600000}"#
        case (.post, "/sim/deposit"): return #"{"asset":"USDT","free":"1000"}"#
        case (.get, "/sim/state"): return #"{"accounts":[]}"#
        default: return "{}"
        }
    }

    static func expectRequests(_ operation: (MarginClient) async throws -> Void,
                               _ expected: [(method: HTTPMethod, path: String, query: String, signed: Bool)],
                               sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let transport = FakeTransport { request, _ in response(200, sample(for: request)) }
        let client = try makeClient(transport)
        try await operation(client)
        let sent = transport.sent
        #expect(sent.count == expected.count, "requests: \(transport.paths)", sourceLocation: sourceLocation)
        for (request, want) in zip(sent, expected) {
            #expect(request.method == want.method, sourceLocation: sourceLocation)
            #expect(request.path == want.path, sourceLocation: sourceLocation)
            #expect(request.body == "", sourceLocation: sourceLocation)
            if want.signed {
                let split = try #require(splitSignature(request.query), sourceLocation: sourceLocation)
                #expect(split.payload == want.query, sourceLocation: sourceLocation)
                #expect(split.signature == Signatures.hmacSHA256Hex(split.payload, secret: TestKeys.secret), sourceLocation: sourceLocation)
                #expect(request.header("X-MBX-APIKEY") == TestKeys.apiKey, sourceLocation: sourceLocation)
            } else {
                #expect(request.query == want.query, sourceLocation: sourceLocation)
                #expect(!request.query.contains("signature="), sourceLocation: sourceLocation)
            }
        }
    }

    static let tail = "recvWindow=5000&timestamp=1700000000000"

    @Test func marketData() async throws {
        try await Self.expectRequests({ _ = try await $0.serverTime() }, [(.get, "/api/v3/time", "", false)])
        try await Self.expectRequests({ _ = try await $0.exchangeInfo() }, [(.get, "/api/v3/exchangeInfo", "", false)])
        try await Self.expectRequests({ _ = try await $0.exchangeInfo(symbols: ["BTCUSDT", "BNBUSDT"]) },
                                      [(.get, "/api/v3/exchangeInfo", "symbols=%5B%22BTCUSDT%22%2C%22BNBUSDT%22%5D", false)])
        try await Self.expectRequests({ _ = try await $0.symbolInfo("BTCUSDT") }, [(.get, "/api/v3/exchangeInfo", "symbol=BTCUSDT", false)])
        try await Self.expectRequests({ _ = try await $0.price("LTCBTC") }, [(.get, "/api/v3/ticker/price", "symbol=LTCBTC", false)])
        try await Self.expectRequests({ _ = try await $0.prices() }, [(.get, "/api/v3/ticker/price", "", false)])
        try await Self.expectRequests({ _ = try await $0.priceIndex("BNBBTC") }, [(.get, "/sapi/v1/margin/priceIndex", "symbol=BNBBTC", false)])
    }

    @Test func priceIndexSendsTheAPIKeyButNoSignature() async throws {
        let transport = FakeTransport(json: Samples.priceIndex)
        _ = try await makeClient(transport).priceIndex("BNBBTC")
        #expect(transport.sent.first?.header("X-MBX-APIKEY") == TestKeys.apiKey)
        let publicTransport = FakeTransport(json: Samples.serverTime)
        _ = try await makeClient(publicTransport).serverTime()
        #expect(publicTransport.sent.first?.header("X-MBX-APIKEY") == nil)
    }

    @Test func accounts() async throws {
        try await Self.expectRequests({ _ = try await $0.crossAccount() }, [(.get, "/sapi/v1/margin/account", Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.isolatedAccounts() }, [(.get, "/sapi/v1/margin/isolated/account", Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.isolatedAccounts(symbols: ["BTCUSDT", "BNBUSDT"]) },
                                      [(.get, "/sapi/v1/margin/isolated/account", "symbols=BTCUSDT%2CBNBUSDT&" + Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.maxBorrowable(asset: "BTC") },
                                      [(.get, "/sapi/v1/margin/maxBorrowable", "asset=BTC&" + Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.maxBorrowable(asset: "BTC", isolatedSymbol: "BTCUSDT") },
                                      [(.get, "/sapi/v1/margin/maxBorrowable", "asset=BTC&isolatedSymbol=BTCUSDT&" + Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.maxTransferable(asset: "USDT", isolatedSymbol: "BTCUSDT") },
                                      [(.get, "/sapi/v1/margin/maxTransferable", "asset=USDT&isolatedSymbol=BTCUSDT&" + Self.tail, true)])
    }

    @Test func loans() async throws {
        // Each borrow/repay first reads its watermark (the newest record of that type, asset and pair).
        try await Self.expectRequests({ _ = try await $0.borrow(asset: "USDT", amount: "100.50") },
                                      [(.get, "/sapi/v1/margin/borrow-repay", "type=BORROW&asset=USDT&startTime=1699999940000&size=100&" + Self.tail, true),
                                       (.post, "/sapi/v1/margin/borrow-repay", "asset=USDT&isIsolated=FALSE&amount=100.5&type=BORROW&" + Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.repay(asset: "BTC", amount: "0.00012345", isolatedSymbol: "BTCUSDT") },
                                      [(.get, "/sapi/v1/margin/borrow-repay", "type=REPAY&asset=BTC&isolatedSymbol=BTCUSDT&startTime=1699999940000&size=100&" + Self.tail, true),
                                       (.post, "/sapi/v1/margin/borrow-repay", "asset=BTC&isIsolated=TRUE&symbol=BTCUSDT&amount=0.00012345&type=REPAY&" + Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.borrowRepayRecords(BorrowRepayQuery(type: .borrow, asset: "BNB", isolatedSymbol: "BNBUSDT", txId: 2970933056, startTime: 1563438000000, endTime: 1563438300000, current: 1, size: 10)) },
                                      [(.get, "/sapi/v1/margin/borrow-repay", "type=BORROW&asset=BNB&isolatedSymbol=BNBUSDT&txId=2970933056&startTime=1563438000000&endTime=1563438300000&current=1&size=10&" + Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.interestRateHistory(asset: "BTC", vipLevel: 1, startTime: 1611000000000, endTime: 1611544731000) },
                                      [(.get, "/sapi/v1/margin/interestRateHistory", "asset=BTC&vipLevel=1&startTime=1611000000000&endTime=1611544731000&" + Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.interestRateHistory(asset: "BTC") },
                                      [(.get, "/sapi/v1/margin/interestRateHistory", "asset=BTC&" + Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.interestHistory(asset: "USDT", isolatedSymbol: "BNBUSDT", startTime: 1672100000000, endTime: 1672160400000, current: 2, size: 100) },
                                      [(.get, "/sapi/v1/margin/interestHistory", "asset=USDT&isolatedSymbol=BNBUSDT&startTime=1672100000000&endTime=1672160400000&current=2&size=100&" + Self.tail, true)])
    }

    @Test func orders() async throws {
        try await Self.expectRequests({ _ = try await $0.placeOrder(.marketQuote("BTCUSDT", .buy, quoteQuantity: 100, sideEffect: .marginBuy)) },
                                      [(.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&isIsolated=FALSE&side=BUY&type=MARKET&quoteOrderQty=100&newClientOrderId=mops-test-1&newOrderRespType=FULL&sideEffectType=MARGIN_BUY&" + Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.placeOrder(NewOrder(symbol: "BTCUSDT", side: .sell, type: .limit, quantity: "0.00200000", price: "70000.50", isIsolated: true, sideEffect: .autoBorrowRepay, autoRepayAtCancel: false, selfTradePreventionMode: "EXPIRE_MAKER", clientOrderId: "my-order_1", responseType: .ack)) },
                                      [(.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&isIsolated=TRUE&side=SELL&type=LIMIT&quantity=0.002&price=70000.5&newClientOrderId=my-order_1&newOrderRespType=ACK&sideEffectType=AUTO_BORROW_REPAY&timeInForce=GTC&selfTradePreventionMode=EXPIRE_MAKER&autoRepayAtCancel=false&" + Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.placeOrder(NewOrder(symbol: "BNBBTC", side: .buy, type: .stopLossLimit, quantity: 1, price: "0.0049", stopPrice: "0.005", trailingDelta: 100, icebergQty: "0.2", timeInForce: .gtc)) },
                                      [(.post, "/sapi/v1/margin/order", "symbol=BNBBTC&isIsolated=FALSE&side=BUY&type=STOP_LOSS_LIMIT&quantity=1&price=0.0049&stopPrice=0.005&trailingDelta=100&newClientOrderId=mops-test-1&icebergQty=0.2&newOrderRespType=FULL&sideEffectType=NO_SIDE_EFFECT&timeInForce=GTC&" + Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.order(symbol: "BNBBTC", orderId: 213205622, isIsolated: true) },
                                      [(.get, "/sapi/v1/margin/order", "symbol=BNBBTC&isIsolated=TRUE&orderId=213205622&" + Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.order(symbol: "BNBBTC", clientOrderId: "mops-abc") },
                                      [(.get, "/sapi/v1/margin/order", "symbol=BNBBTC&isIsolated=FALSE&origClientOrderId=mops-abc&" + Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.cancelOrder(symbol: "LTCBTC", orderId: 28, isIsolated: true) },
                                      [(.delete, "/sapi/v1/margin/order", "symbol=LTCBTC&isIsolated=TRUE&orderId=28&" + Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.cancelOrder(symbol: "LTCBTC", orderId: 28, isIsolated: true, newClientOrderId: "cancelMyOrder1") },
                                      [(.delete, "/sapi/v1/margin/order", "symbol=LTCBTC&isIsolated=TRUE&orderId=28&newClientOrderId=cancelMyOrder1&" + Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.cancelOrder(symbol: "LTCBTC", clientOrderId: "myOrder1") },
                                      [(.delete, "/sapi/v1/margin/order", "symbol=LTCBTC&isIsolated=FALSE&origClientOrderId=myOrder1&" + Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.cancelOpenOrders(symbol: "BTCUSDT", isIsolated: true) },
                                      [(.delete, "/sapi/v1/margin/openOrders", "symbol=BTCUSDT&isIsolated=TRUE&" + Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.openOrders() },
                                      [(.get, "/sapi/v1/margin/openOrders", "isIsolated=FALSE&" + Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.openOrders(symbol: "BNBBTC", isIsolated: true) },
                                      [(.get, "/sapi/v1/margin/openOrders", "symbol=BNBBTC&isIsolated=TRUE&" + Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.allOrders(symbol: "BNBBTC", orderId: 41295, startTime: 1565760000000, endTime: 1565769342148, limit: 500) },
                                      [(.get, "/sapi/v1/margin/allOrders", "symbol=BNBBTC&isIsolated=FALSE&orderId=41295&startTime=1565760000000&endTime=1565769342148&limit=500&" + Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.myTrades(symbol: "BNBBTC", isIsolated: true, orderId: 39324, startTime: 1561900000000, endTime: 1561973357171, fromId: 34, limit: 1000) },
                                      [(.get, "/sapi/v1/margin/myTrades", "symbol=BNBBTC&isIsolated=TRUE&orderId=39324&startTime=1561900000000&endTime=1561973357171&fromId=34&limit=1000&" + Self.tail, true)])
    }

    @Test func transfers() async throws {
        try await Self.expectRequests({ _ = try await $0.transfer(asset: "USDT", amount: 50, .spotToCross) },
                                      [(.post, "/sapi/v1/asset/transfer", "type=MAIN_MARGIN&asset=USDT&amount=50&" + Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.transfer(asset: "USDT", amount: 50, .crossToSpot) },
                                      [(.post, "/sapi/v1/asset/transfer", "type=MARGIN_MAIN&asset=USDT&amount=50&" + Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.transfer(asset: "BTC", amount: "0.5", .crossToIsolated("BTCUSDT")) },
                                      [(.post, "/sapi/v1/asset/transfer", "type=MARGIN_ISOLATEDMARGIN&asset=BTC&amount=0.5&toSymbol=BTCUSDT&" + Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.transfer(asset: "BTC", amount: "0.5", .isolatedToCross("BTCUSDT")) },
                                      [(.post, "/sapi/v1/asset/transfer", "type=ISOLATEDMARGIN_MARGIN&asset=BTC&amount=0.5&fromSymbol=BTCUSDT&" + Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.transfer(asset: "USDT", amount: 10, .spotToIsolated("BTCUSDT")) },
                                      [(.post, "/sapi/v1/asset/transfer", "type=MAIN_MARGIN&asset=USDT&amount=10&" + Self.tail, true),
                                       (.post, "/sapi/v1/asset/transfer", "type=MARGIN_ISOLATEDMARGIN&asset=USDT&amount=10&toSymbol=BTCUSDT&" + Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.transfer(asset: "USDT", amount: 10, .isolatedToSpot("BTCUSDT")) },
                                      [(.post, "/sapi/v1/asset/transfer", "type=ISOLATEDMARGIN_MARGIN&asset=USDT&amount=10&fromSymbol=BTCUSDT&" + Self.tail, true),
                                       (.post, "/sapi/v1/asset/transfer", "type=MARGIN_MAIN&asset=USDT&amount=10&" + Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.legacyMarginTransfer(asset: "BNB", amount: "0.1", toMargin: true) },
                                      [(.post, "/sapi/v1/margin/transfer", "asset=BNB&amount=0.1&type=1&" + Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.legacyMarginTransfer(asset: "BNB", amount: "0.1", toMargin: false) },
                                      [(.post, "/sapi/v1/margin/transfer", "asset=BNB&amount=0.1&type=2&" + Self.tail, true)])
    }

    @Test func referenceDataHistoryAndRisk() async throws {
        try await Self.expectRequests({ _ = try await $0.marginTransferHistory(asset: "BNB", type: "ROLL_IN", isolatedSymbol: "BTCUSDT", startTime: 1566800000000, endTime: 1566898617000, current: 1, size: 10) },
                                      [(.get, "/sapi/v1/margin/transfer", "asset=BNB&type=ROLL_IN&startTime=1566800000000&endTime=1566898617000&current=1&size=10&isolatedSymbol=BTCUSDT&" + Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.universalTransferHistory(type: "MARGIN_ISOLATEDMARGIN", startTime: 1544400000000, toSymbol: "BTCUSDT") },
                                      [(.get, "/sapi/v1/asset/transfer", "type=MARGIN_ISOLATEDMARGIN&startTime=1544400000000&toSymbol=BTCUSDT&" + Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.nextHourlyInterestRates(assets: ["BTC", "USDT"], isIsolated: false) },
                                      [(.get, "/sapi/v1/margin/next-hourly-interest-rate", "assets=BTC%2CUSDT&isIsolated=FALSE&" + Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.crossMarginData(vipLevel: 0, coin: "BTC") },
                                      [(.get, "/sapi/v1/margin/crossMarginData", "vipLevel=0&coin=BTC&" + Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.isolatedMarginData(symbol: "BTCUSDT") },
                                      [(.get, "/sapi/v1/margin/isolatedMarginData", "symbol=BTCUSDT&" + Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.isolatedMarginTiers(symbol: "BTCUSDT", tier: 1) },
                                      [(.get, "/sapi/v1/margin/isolatedMarginTier", "symbol=BTCUSDT&tier=1&" + Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.marginPairs() }, [(.get, "/sapi/v1/margin/allPairs", "", false)])
        try await Self.expectRequests({ _ = try await $0.isolatedMarginPairs(symbol: "BNBBTC") }, [(.get, "/sapi/v1/margin/isolated/allPairs", "symbol=BNBBTC", false)])
        try await Self.expectRequests({ _ = try await $0.marginAssets(asset: "USDC") }, [(.get, "/sapi/v1/margin/allAssets", "asset=USDC", false)])
        try await Self.expectRequests({ _ = try await $0.tradeCoefficients() }, [(.get, "/sapi/v1/margin/tradeCoeff", Self.tail, true)])
        try await Self.expectRequests({ _ = try await $0.forceLiquidationRecords(startTime: 1558900000000, isolatedSymbol: "BNBBTC", size: 100) },
                                      [(.get, "/sapi/v1/margin/forceLiquidationRec", "startTime=1558900000000&isolatedSymbol=BNBBTC&size=100&" + Self.tail, true)])
    }

    @Test func simulatorControl() async throws {
        try await Self.expectRequests({ try await $0.simSetPrice(symbol: "BTCUSDT", price: 60000) },
                                      [(.post, "/sim/price", "symbol=BTCUSDT&price=60000", false)])
        try await Self.expectRequests({ let value = try await $0.simShock(symbol: "BTCUSDT", percent: -20); #expect(value == 48000) },
                                      [(.post, "/sim/shock", "symbol=BTCUSDT&percent=-20", false)])
        try await Self.expectRequests({ try await $0.simWalk(symbol: "BTCUSDT", volatility: "0.01", seed: 7) },
                                      [(.post, "/sim/walk", "symbol=BTCUSDT&volatility=0.01&seed=7", false)])
        try await Self.expectRequests({ let value = try await $0.simAdvanceClock(milliseconds: 3_600_000); #expect(value == 1700003600000) },
                                      [(.post, "/sim/clock", "advanceMs=3600000", false)])
        try await Self.expectRequests({ let value = try await $0.simDeposit(asset: "USDT", amount: 1000, account: .isolated, symbol: "BTCUSDT"); #expect(value == 1000) },
                                      [(.post, "/sim/deposit", "asset=USDT&amount=1000&account=ISOLATED&symbol=BTCUSDT", false)])
        try await Self.expectRequests({ try await $0.simReset(scenario: "crash") }, [(.post, "/sim/reset", "scenario=crash", false)])
        try await Self.expectRequests({ try await $0.simReset() }, [(.post, "/sim/reset", "", false)])
        try await Self.expectRequests({ let value = try await $0.simState(); #expect(value == Data(#"{"accounts":[]}"#.utf8)) }, [(.get, "/sim/state", "", false)])
        try await Self.expectRequests({ try await $0.simFault(.error, path: "/sapi/v1/margin/order", count: 2, status: 503) },
                                      [(.post, "/sim/fault", "kind=error&path=%2Fsapi%2Fv1%2Fmargin%2Forder&count=2&status=503", false)])
    }

    @Test func simulatorControlIsRefusedAgainstLiveBinance() async throws {
        let transport = FakeTransport(baseURL: URL(string: "https://api.binance.com")!) { _, _ in response(200, "{}") }
        let client = try makeClient(transport)
        #expect(client.isLive)
        let error = await #expect(throws: BinanceError.self) { try await client.simSetPrice(symbol: "BTCUSDT", price: 1) }
        #expect(error?.category == .refused)
        #expect(transport.sent.isEmpty)
        #expect(try MarginClient.Configuration.binance(credentials: nil).isLive)
        #expect(try MarginClient.Configuration.binance(credentials: nil, baseURL: URL(string: "http://127.0.0.1:8765")!).isLive == false)
        let local = FakeTransport(baseURL: URL(string: "http://127.0.0.1:8080")!) { _, _ in response(200, "{}") }
        #expect(try makeClient(local).isLive == false)
        #expect(try makeClient(FakeTransport(baseURL: URL(string: "https://api3.binance.com")!) { _, _ in response(200, "{}") }).isLive)
        // No base URL and not a simulator: an unknown exchange is live (fail closed); control is refused unsent.
        let unknown = FakeTransport(isSimulator: false) { _, _ in response(200, "{}") }
        let opaque = try makeClient(unknown)
        #expect(opaque.isLive)
        await #expect(throws: BinanceError.self) { try await opaque.simSetPrice(symbol: "BTCUSDT", price: 1) }
        #expect(unknown.sent.isEmpty)
        #expect(try makeClient(FakeTransport(isSimulator: true) { _, _ in response(200, "{}") }).isLive == false)
        #expect(try makeClient(HeaderAddingTransport(base: unknown, fields: [])).isLive)
    }

    @Test func aClockAdvanceWhoseNewTimeCannotBeAdoptedIsAnUnknownOutcome() async throws {
        for serverTime in ["253402300800000", "-1", "9223372036854775807"] {
            let transport = FakeTransport { _, _ in response(200, #"{"serverTime":\#(serverTime)}"#) }
            let client = try makeClient(transport)
            let error = await #expect(throws: BinanceError.self) { try await client.simAdvanceClock(milliseconds: 3_600_000) }
            #expect(error?.outcomeUnknown == true, "\(serverTime): \(String(describing: error))")
            #expect(error?.message.contains("sent and answered, but its new time \(serverTime) ms cannot be adopted") == true)
            #expect(error?.endpoint == "POST /sim/clock")
            #expect(transport.paths == ["POST /sim/clock"])
        }
    }

    @Test func signedTimestampUsesTheServerOffset() async throws {
        let clock = ManualClock(1_700_000_000_000)
        let transport = FakeTransport { request, _ in
            request.path == "/api/v3/time" ? response(200, #"{"serverTime":1700000002500}"#) : response(200, Samples.crossAccount)
        }
        let client = try makeClient(transport, clock: clock, synchronizesTime: true)
        _ = try await client.crossAccount()
        #expect(transport.paths == ["GET /api/v3/time", "GET /sapi/v1/margin/account"])
        #expect(transport.sent[1].query.contains("timestamp=1700000002500&signature="))
        _ = try await client.crossAccount()
        #expect(transport.sent.count == 3)   // fresh offset: no second sync
        clock.advance(11 * 60_000)
        _ = try await client.crossAccount()
        #expect(transport.paths.suffix(2) == ["GET /api/v3/time", "GET /sapi/v1/margin/account"])
    }
}
