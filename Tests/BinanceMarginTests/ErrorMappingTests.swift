import Foundation
import Testing
@testable import BinanceMargin

@Suite struct ErrorMappingTests {
    func failure(_ status: Int, _ body: String, headers: [String: String] = [:]) async throws -> BinanceError {
        try await failure(status, body, headers: headers) { client in _ = try await client.crossAccount() }
    }

    func failure(_ status: Int, _ body: String, headers: [String: String] = [:],
                 _ operation: (MarginClient) async throws -> Void) async throws -> BinanceError {
        let transport = FakeTransport { _, _ in response(status, body, headers: headers) }
        let client = try makeClient(transport, retryPolicy: .none)
        let error = await #expect(throws: BinanceError.self) { try await operation(client) }
        return try #require(error)
    }

    @Test func binanceErrorBodyBecomesCodeMessageCategoryAndHint() async throws {
        let e = try await failure(400, #"{"code":-3045,"msg":"The system does not have enough asset now."}"#) { _ = try await $0.borrow(asset: "BTC", amount: 1) }
        #expect(e.httpStatus == 400 && e.code == -3045 && e.message == "The system does not have enough asset now.")
        #expect(e.category == .insufficientFunds && e.endpoint == "POST /sapi/v1/margin/borrow-repay")
        #expect(e.hint?.contains("lending pool") == true && !e.outcomeUnknown)
        #expect(e.description.hasPrefix("POST /sapi/v1/margin/borrow-repay: -3045 The system does not have enough asset now. (HTTP 400)\nhint: "))
    }

    @Test(arguments: [
        (-3045, BinanceError.Category.insufficientFunds), (-3015, .invalidRequest), (-3006, .insufficientFunds),
        (-3041, .insufficientFunds), (-1021, .timestamp), (-1022, .auth), (-1013, .filterFailure), (-2010, .invalidOrder),
        (-2011, .notFound), (-2013, .notFound), (-2015, .auth), (-3007, .restricted), (-3003, .notFound), (-11001, .notFound),
    ])
    func commonCodesHaveCategoryAndHint(code: Int, category: BinanceError.Category) {
        let message = code == -1013 ? "Filter failure: LOT_SIZE" : "message"
        let error = BinanceError(category: ErrorCatalog.category(for: code, message: message), code: code, message: message)
        #expect(error.category == category)
        #expect(error.hint != nil && error.hint!.count > 20)
    }

    @Test(arguments: [
        (-2010, "Account has insufficient balance for requested action.", "MARGIN_BUY"),
        (-2010, "Order would immediately match and take.", "LIMIT_MAKER"),
        (-2010, "Order would trigger immediately.", "stop price"),
        (-2010, "Duplicate order sent.", "newClientOrderId"),
        (-2010, "Market is closed.", "halted"),
        (-2010, "This symbol is not permitted for this account.", "may not trade"),
        (-2010, "Rest API trading is not enabled.", "Spot & Margin Trading"),
        (-2010, "Some new reason.", "reason in the message"),
        (-1013, "Filter failure: LOT_SIZE", "stepSize"),
        (-1013, "Filter failure: MARKET_LOT_SIZE", "MARKET_LOT_SIZE"),
        (-1013, "Filter failure: PRICE_FILTER", "tickSize"),
        (-1013, "Filter failure: NOTIONAL", "minNotional"),
        (-1013, "Filter failure: MIN_NOTIONAL", "minNotional"),
        (-1013, "Filter failure: PERCENT_PRICE_BY_SIDE", "average price"),
        (-1013, "Filter failure: MAX_NUM_ORDERS", "cancel some"),
        (-1013, "Filter failure: ICEBERG_PARTS", "icebergQty"),
    ])
    func orderRejectionHintsFollowTheMessage(code: Int, message: String, expected: String) {
        let hint = ErrorCatalog.hint(for: code, message: message)
        #expect(hint?.contains(expected) == true, "\(message) → \(hint ?? "nil")")
    }

    @Test func insufficientBalanceIsInsufficientFunds() async throws {
        let e = try await failure(400, #"{"code":-2010,"msg":"Account has insufficient balance for requested action."}"#) {
            _ = try await $0.placeOrder(.market("BTCUSDT", .buy, quantity: 1))
        }
        #expect(e.category == .insufficientFunds && e.code == -2010 && !e.outcomeUnknown)
        #expect(e.hint?.contains("MARGIN_BUY") == true)
    }

    @Test func statusesWithoutJSON() async throws {
        let e401 = try await failure(401, "")
        #expect(e401.category == .auth && e401.httpStatus == 401 && e401.code == nil)
        let e403 = try await failure(403, "<html>blocked</html>")
        #expect(e403.category == .auth && e403.message.contains("<html>blocked</html>") && e403.hint?.contains("firewall") == true)
        let e404 = try await failure(404, "")
        #expect(e404.category == .notFound && e404.message.contains("/sapi/v1/margin/account"))
        let e418 = try await failure(418, "", headers: ["Retry-After": "300"])
        #expect(e418.category == .ipBanned && e418.retryAfterSeconds == 300)
        let e429 = try await failure(429, #"{"code":-1003,"msg":"Too much request weight used."}"#, headers: ["retry-after": "7"])
        #expect(e429.category == .rateLimit && e429.code == -1003 && e429.retryAfterSeconds == 7)
        let e503 = try await failure(503, "Service Unavailable")
        #expect(e503.category == .server && e503.httpStatus == 503 && !e503.outcomeUnknown)   // a GET changes nothing
        let post503 = try await failure(503, "") { _ = try await $0.transfer(asset: "USDT", amount: 1, .spotToCross) }
        #expect(post503.category == .server && post503.outcomeUnknown)
    }

    @Test func malformedSuccessIsADecodingErrorNamingEndpointAndField() async throws {
        let bad = Samples.crossAccount.replacingOccurrences(of: #""free":"2346.50000000""#, with: #""free":"2346.5abc""#)
        let e = try await failure(200, bad)
        #expect(e.category == .decoding && e.endpoint == "GET /sapi/v1/margin/account")
        #expect(e.field == "userAssets[1].free")
        #expect(e.description.contains("userAssets[1].free"))

        let missing = try await failure(200, #"{"amount":"1"}"#) { _ = try await $0.priceIndex("BNBBTC") }
        #expect(missing.category == .decoding && missing.field == "calcTime")

        let notJSON = try await failure(200, "<html>oops</html>") { _ = try await $0.serverTime() }
        #expect(notJSON.category == .decoding && notJSON.message.contains("not valid JSON"))

        let exponent = try await failure(200, #"{"symbol":"X","price":"1e-5"}"#) { _ = try await $0.price("X") }
        #expect(exponent.category == .decoding && exponent.field == "price")
    }

    @Test func unreadableTransferAnswerIsAnUnknownOutcome() async throws {
        // A 2xx whose body cannot be read is neither "failed" nor "succeeded": unknown, with how to check.
        let e = try await failure(200, "{garbled") { _ = try await $0.transfer(asset: "USDT", amount: 1, .crossToIsolated("BTCUSDT")) }
        #expect(e.category == .decoding && e.outcomeUnknown && e.hint?.contains("may have happened") == true
                && e.hint?.contains("MARGIN_ISOLATEDMARGIN") == true)
    }

    @Test func networkFailuresAreNetworkErrors() async throws {
        let refused = FakeTransport { _, _ in throw TransportError.connectionFailed("refused") }
        let e = await #expect(throws: BinanceError.self) { try await makeClient(refused, retryPolicy: .none).crossAccount() }
        #expect(e?.category == .network && e?.outcomeUnknown == false)
        let lost = FakeTransport { _, _ in throw TransportError.connectionLost("reset") }
        let e2 = await #expect(throws: BinanceError.self) { try await makeClient(lost, retryPolicy: .none).transfer(asset: "USDT", amount: 1, .spotToCross) }
        #expect(e2?.category == .network && e2?.outcomeUnknown == true)
    }

    @Test func inputErrorsNameTheFieldAndSendNothing() async throws {
        let transport = FakeTransport(json: "{}")
        let client = try makeClient(transport)
        let cases: [(String, (MarginClient) async throws -> Void)] = [
            ("quantity", { _ = try await $0.placeOrder(NewOrder(symbol: "BTCUSDT", side: .buy, type: .limit, price: 1)) }),
            ("price", { _ = try await $0.placeOrder(NewOrder(symbol: "BTCUSDT", side: .buy, type: .limit, quantity: 1)) }),
            ("quantity", { _ = try await $0.placeOrder(NewOrder(symbol: "BTCUSDT", side: .buy, type: .market)) }),
            ("price", { _ = try await $0.placeOrder(NewOrder(symbol: "BTCUSDT", side: .buy, type: .market, quantity: 1, price: 5)) }),
            ("stopPrice", { _ = try await $0.placeOrder(NewOrder(symbol: "BTCUSDT", side: .buy, type: .stopLoss, quantity: 1)) }),
            ("timeInForce", { _ = try await $0.placeOrder(NewOrder(symbol: "BTCUSDT", side: .buy, type: .market, quantity: 1, timeInForce: .gtc)) }),
            ("quantity", { _ = try await $0.placeOrder(.market("BTCUSDT", .buy, quantity: "-1")) }),
            ("symbol", { _ = try await $0.placeOrder(.market("btc/usdt", .buy, quantity: 1)) }),
            ("clientOrderId", { _ = try await $0.placeOrder(NewOrder(symbol: "BTCUSDT", side: .buy, type: .market, quantity: 1, clientOrderId: "has space")) }),
            ("amount", { _ = try await $0.borrow(asset: "USDT", amount: 0) }),
            ("asset", { _ = try await $0.repay(asset: "usdt", amount: 1) }),
            ("orderId", { _ = try await $0.order(symbol: "BTCUSDT") }),
            ("symbol", { _ = try await $0.openOrders(isIsolated: true) }),
            ("symbols", { _ = try await $0.isolatedAccounts(symbols: ["A1", "A2", "A3", "A4", "A5", "A6"]) }),
            ("limit", { _ = try await $0.allOrders(symbol: "BTCUSDT", limit: 501) }),
            ("size", { _ = try await $0.interestHistory(size: 101) }),
            ("isolatedSymbol", { _ = try await $0.interestHistory(isolatedSymbol: "btc-usdt") }),
            ("isolatedSymbol", { _ = try await $0.borrowRepayRecords(BorrowRepayQuery(type: .borrow, isolatedSymbol: "BTC USDT")) }),
            ("isolatedSymbol", { _ = try await $0.forceLiquidationRecords(isolatedSymbol: "btcusdt") }),
            ("isolatedSymbol", { _ = try await $0.marginTransferHistory(isolatedSymbol: "BTC/USDT") }),
            ("type", { _ = try await $0.universalTransferHistory(type: "main margin") }),
            ("toSymbol", { _ = try await $0.universalTransferHistory(type: "MARGIN_ISOLATEDMARGIN", toSymbol: "btcusdt") }),
            ("newClientOrderId", { _ = try await $0.cancelOrder(symbol: "BTCUSDT", orderId: 1, newClientOrderId: "no spaces please") }),
            ("assets", { _ = try await $0.nextHourlyInterestRates(assets: []) }),
            ("trailingDelta", { _ = try await $0.placeOrder(NewOrder(symbol: "BTCUSDT", side: .sell, type: .stopLoss, quantity: 1, trailingDelta: 0)) }),
            ("icebergQty", { _ = try await $0.placeOrder(NewOrder(symbol: "BTCUSDT", side: .buy, type: .limit, quantity: 1, price: 1, icebergQty: "0.1", timeInForce: .ioc)) }),
        ]
        for (field, operation) in cases {
            let error = await #expect(throws: BinanceError.self) { try await operation(client) }
            #expect(error?.category == .invalidInput && error?.field == field, "expected a \(field) error, got \(String(describing: error))")
            #expect((error?.hint?.count ?? 0) > 10, "\(field): the error should say how to fix it: \(String(describing: error))")
        }
        #expect(transport.sent.isEmpty)
    }

    @Test func recvWindowIsValidated() throws {
        let transport = FakeTransport(json: "{}")
        let error = #expect(throws: BinanceError.self) { try makeClient(transport, recvWindow: 60_001) }
        #expect(error?.field == "recvWindow")
        #expect(throws: Never.self) { try makeClient(transport, recvWindow: 60_000) }
    }

    @Test func signedCallWithoutCredentialsIsRefusedBeforeSending() async throws {
        let transport = FakeTransport(json: "{}")
        let client = try makeClient(transport, credentials: nil)
        let error = await #expect(throws: BinanceError.self) { try await client.crossAccount() }
        #expect(error?.category == .auth && error?.hint?.contains("BINANCE_API_KEY") == true)
        #expect(transport.sent.isEmpty)
    }
}
