import Foundation
import Testing
@testable import BinanceMargin

/// Time re-sync, rate limits and retries.
@Suite struct ResilienceTests {
    static let tooEarly = #"{"code":-1021,"msg":"Timestamp for this request is outside of the recvWindow."}"#

    @Test func minus1021ResyncsOnceAndRetriesWithTheNewOffset() async throws {
        let clock = ManualClock(1_700_000_000_000)
        let transport = FakeTransport { request, index in
            if request.path == "/api/v3/time" { return response(200, #"{"serverTime":1700000009000}"#) }
            return index == 0 ? response(400, ResilienceTests.tooEarly) : response(200, Samples.crossAccount)
        }
        let client = try makeClient(transport, clock: clock)
        _ = try await client.crossAccount()
        #expect(transport.paths == ["GET /sapi/v1/margin/account", "GET /api/v3/time", "GET /sapi/v1/margin/account"])
        #expect(transport.sent[0].query.contains("timestamp=1700000000000&"))
        #expect(transport.sent[2].query.contains("timestamp=1700000009000&"))
        #expect(await client.timeSync.offset == 9000)
    }

    @Test func concurrentSignedCallsShareOneTimeSync() async throws {
        let transport = FakeTransport { request, _ in
            request.path == "/api/v3/time" ? response(200, #"{"serverTime":1700000001000}"#) : response(200, GoldenQueryTests.sample(for: request))
        }
        let client = try makeClient(transport, synchronizesTime: true)
        async let a = client.crossAccount()
        async let b = client.openOrders()
        async let c = client.maxBorrowable(asset: "BTC")
        _ = try await (a, b, c)
        #expect(transport.sent.filter { $0.path == "/api/v3/time" }.count == 1)
        #expect(transport.sent.filter { $0.path != "/api/v3/time" }.allSatisfy { $0.query.contains("timestamp=1700000001000&") })
    }

    @Test func advancingTheSimulatorClockMovesSignedTimestamps() async throws {
        let transport = FakeTransport { request, _ in
            request.path == "/sim/clock" ? response(200, #"{"serverTime":1700003600000}"#) : response(200, Samples.crossAccount)
        }
        let client = try makeClient(transport, synchronizesTime: true)
        #expect(try await client.simAdvanceClock(milliseconds: 3_600_000) == 1700003600000)
        _ = try await client.crossAccount()
        #expect(transport.paths == ["POST /sim/clock", "GET /sapi/v1/margin/account"])
        #expect(transport.sent[1].query.contains("timestamp=1700003600000&"))
    }

    @Test func minus1021TwiceIsReportedNotLooped() async throws {
        let transport = FakeTransport { request, _ in
            request.path == "/api/v3/time" ? response(200, #"{"serverTime":1700000000000}"#) : response(400, ResilienceTests.tooEarly)
        }
        let client = try makeClient(transport)
        let error = await #expect(throws: BinanceError.self) { try await client.placeOrder(.market("BTCUSDT", .buy, quantity: 1)) }
        #expect(error?.code == -1021 && error?.category == .timestamp && error?.hint?.contains("re-syncs") == true)
        #expect(transport.paths == ["POST /sapi/v1/margin/order", "GET /api/v3/time", "POST /sapi/v1/margin/order"])
    }

    @Test func usedWeightHeadersAreRecorded() async throws {
        let transport = FakeTransport { request, _ in
            request.path.hasPrefix("/api")
                ? response(200, Samples.serverTime, headers: ["X-MBX-USED-WEIGHT-1M": "42", "x-mbx-used-weight": "42"])
                : response(200, Samples.crossAccount, headers: ["x-sapi-used-ip-weight-1m": "10"])
        }
        let client = try makeClient(transport)
        _ = try await client.serverTime()
        var usage = await client.rateLimitUsage
        #expect(usage.usedWeight1m == 42 && usage.headers["x-mbx-used-weight"] == 42)
        _ = try await client.crossAccount()
        usage = await client.rateLimitUsage
        #expect(usage.sapiUsedIPWeight1m == 10 && usage.usedWeight1m == 42)
        let uid = FakeTransport(json: Samples.borrowRepay, headers: ["X-SAPI-USED-UID-WEIGHT-1M": "1500"])
        let uidClient = try makeClient(uid)
        _ = try await uidClient.borrow(asset: "BTC", amount: 1)
        #expect(await uidClient.rateLimitUsage.sapiUsedUIDWeight1m == 1500)
    }

    @Test func after429TheNextRequestWaitsOutRetryAfter() async throws {
        let clock = ManualClock()
        let transport = FakeTransport { _, index in
            index == 0 ? response(429, #"{"code":-1003,"msg":"Too much request weight used."}"#, headers: ["Retry-After": "3"])
                       : response(200, Samples.serverTime)
        }
        let client = try makeClient(transport, clock: clock)
        let error = await #expect(throws: BinanceError.self) { try await client.serverTime() }
        #expect(error?.category == .rateLimit && error?.retryAfterSeconds == 3)
        #expect(transport.sent.count == 1)   // a 429 is not retried, even for a GET
        _ = try await client.serverTime()
        #expect(clock.sleeps.current == [3000])
        #expect(transport.sent.count == 2)
    }

    @Test func a429WithoutRetryAfterStillPausesOneSecond() async throws {
        let clock = ManualClock()
        let transport = FakeTransport { _, index in
            index == 0 ? response(429, #"{"code":-1015,"msg":"Too many new orders; current limit is 10 orders per SECOND."}"#)
                       : response(200, Samples.orderAck)
        }
        let client = try makeClient(transport, clock: clock)
        let error = await #expect(throws: BinanceError.self) { try await client.placeOrder(.market("BTCUSDT", .buy, quantity: 1)) }
        #expect(error?.category == .rateLimit && error?.code == -1015 && error?.outcomeUnknown == false)
        _ = try await client.placeOrder(.market("BTCUSDT", .buy, quantity: 1))
        #expect(clock.sleeps.current == [1000])
    }

    @Test func during418BanNothingIsSentUntilItEnds() async throws {
        let clock = ManualClock()
        let transport = FakeTransport { _, index in
            index == 0 ? response(418, #"{"code":-1003,"msg":"Way too much request weight used; IP banned until 1700000120000."}"#, headers: ["Retry-After": "120"])
                       : response(200, Samples.serverTime)
        }
        let client = try makeClient(transport, clock: clock)
        let first = await #expect(throws: BinanceError.self) { try await client.serverTime() }
        #expect(first?.category == .ipBanned && first?.httpStatus == 418)
        clock.advance(60_000)
        let second = await #expect(throws: BinanceError.self) { try await client.serverTime() }
        #expect(second?.category == .ipBanned && second?.retryAfterSeconds == 60)
        #expect(transport.sent.count == 1)   // failed fast, nothing sent
        #expect(clock.sleeps.current.isEmpty)
        clock.advance(60_001)
        _ = try await client.serverTime()
        #expect(transport.sent.count == 2)
    }

    @Test func getIsRetriedWithBackoffOn5xxAndNetworkErrors() async throws {
        let clock = ManualClock()
        let transport = FakeTransport { _, index in
            switch index {
            case 0: return response(502, "Bad Gateway")
            case 1: throw TransportError.timedOut
            default: return response(200, Samples.crossAccount)
            }
        }
        let client = try makeClient(transport, clock: clock, retryPolicy: RetryPolicy(maxAttempts: 3, initialBackoff: 100, maxBackoff: 1000))
        _ = try await client.crossAccount()
        #expect(transport.sent.count == 3)
        #expect(clock.sleeps.current == [100, 200])
    }

    @Test func getRetriesAreBounded() async throws {
        let transport = FakeTransport { _, _ in response(500, "") }
        let client = try makeClient(transport, retryPolicy: RetryPolicy(maxAttempts: 3))
        let error = await #expect(throws: BinanceError.self) { try await client.openOrders() }
        #expect(error?.category == .server && error?.httpStatus == 500)
        #expect(transport.sent.count == 3)
    }

    @Test func postIsNeverRetried() async throws {
        for failure in [TransportError.timedOut, .connectionLost("reset"), .connectionFailed("refused")] {
            let transport = FakeTransport { _, _ in throw failure }
            let client = try makeClient(transport, retryPolicy: RetryPolicy(maxAttempts: 5))
            await #expect(throws: BinanceError.self) { try await client.transfer(asset: "USDT", amount: 1, .spotToCross) }
            #expect(transport.sent.count == 1)
        }
        let transport = FakeTransport { _, _ in response(503, "") }
        let client = try makeClient(transport, retryPolicy: RetryPolicy(maxAttempts: 5))
        await #expect(throws: BinanceError.self) { try await client.legacyMarginTransfer(asset: "USDT", amount: 1, toMargin: true) }
        #expect(transport.sent.count == 1)
    }

    @Test func observerSeesEveryRequestAndResponseRedacted() async throws {
        let events = Locked<[RequestEvent]>([])
        let transport = FakeTransport(json: Samples.crossAccount)
        let client = try makeClient(transport, observer: { event in events.with { $0.append(event) } })
        _ = try await client.crossAccount()
        let seen = events.current
        #expect(seen.count == 2)
        guard case .sent(let summary) = seen[0], case .received(_, let status, let body) = seen[1] else {
            Issue.record("unexpected events \(seen)")
            return
        }
        #expect(summary.query == "recvWindow=5000&timestamp=1700000000000&signature=<redacted>")
        #expect(summary.endpoint == "crossAccount" && status == 200 && body.contains("userAssets"))
    }
}
