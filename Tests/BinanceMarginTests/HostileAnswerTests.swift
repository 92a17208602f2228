import Foundation
import Testing
@testable import BinanceMargin

/// Answers no honest server sends — a huge Retry-After, an absurd serverTime, numbers at the edge
/// of Number's range, absurd used-weight headers — give a typed error, never a trap.
@Suite struct HostileAnswerTests {
    static let huge = ["99999999999999999999999", "9223372036854775807", "9223372036854775806", "1000000000"]

    @Test(arguments: huge)
    func hugeRetryAfterOn429IsCappedAndRefusedNotATrap(_ header: String) async throws {
        let clock = ManualClock()
        let transport = FakeTransport { _, _ in
            response(429, #"{"code":-1003,"msg":"Too much request weight used."}"#, headers: ["Retry-After": header])
        }
        let client = try makeClient(transport, clock: clock, retryPolicy: .none)
        let first = await #expect(throws: BinanceError.self) { try await client.serverTime() }
        #expect(first?.category == .rateLimit && first?.retryAfterSeconds == 1_000_000_000)
        // The next request is refused before sending: the wait is far past maxRetryAfterWait.
        let second = await #expect(throws: BinanceError.self) { try await client.serverTime() }
        #expect(second?.category == .rateLimit && second?.message.contains("nothing was sent") == true)
        #expect(transport.sent.count == 1 && clock.sleeps.current.isEmpty)
    }

    @Test(arguments: huge + ["-5", "1e9", "Wed, 21 Oct 2015 07:28:00 GMT"])
    func hugeOrOddRetryAfterOn418NeverTraps(_ header: String) async throws {
        let clock = ManualClock()
        let transport = FakeTransport { _, _ in response(418, "", headers: ["Retry-After": header]) }
        let client = try makeClient(transport, clock: clock, retryPolicy: .none)
        let first = await #expect(throws: BinanceError.self) { try await client.serverTime() }
        #expect(first?.category == .ipBanned)
        let second = await #expect(throws: BinanceError.self) { try await client.serverTime() }
        #expect(second?.category == .ipBanned && transport.sent.count == 1)
    }

    @Test(arguments: ["9223372036854775807", "-9223372036854775808", "-1", "253402300800000"])
    func absurdServerTimeIsADecodingErrorAndNothingSigned(_ time: String) async throws {
        let transport = FakeTransport { request, _ in
            request.path == "/api/v3/time" ? response(200, #"{"serverTime":\#(time)}"#) : response(200, Samples.crossAccount)
        }
        let client = try makeClient(transport, synchronizesTime: true)
        let error = await #expect(throws: BinanceError.self) { try await client.crossAccount() }
        #expect(error?.category == .decoding && error?.message.contains("not a plausible time") == true)
        #expect(transport.paths == ["GET /api/v3/time"])   // the signed request was never sent
        #expect(await client.timeSync.offset == nil)
    }

    @Test func serverTimeSyncArithmeticSaturates() throws {
        var sync = ServerTimeSync()
        #expect(throws: BinanceError.self) { try sync.record(serverTime: .max, sentAt: .min, receivedAt: .max) }
        try sync.record(serverTime: 1_700_000_000_000, sentAt: .max - 1, receivedAt: .max)
        #expect(sync.serverTime(at: .min) == .min)      // saturated, no trap
        #expect(sync.serverTime(at: .max) == 1_700_000_000_001)
        #expect(sync.needsSync(now: .min))
    }

    @Test func numbersAtTheEdgeDecodeAndTheirSumsThrowTyped() async throws {
        let edge = Samples.crossAccount.replacingOccurrences(
            of: #""borrowed":"201.66666672""#, with: #""borrowed":"99999999999999999999999999999999999999""#)
            .replacingOccurrences(of: #""interest":"0.00000000","locked":"0.00000000","netAsset":"2144.83333328""#,
                                  with: #""interest":"1","locked":"0.00000000","netAsset":"2144.83333328""#)
        let client = try makeClient(FakeTransport(json: edge))
        let account = try await client.crossAccount()
        let bnb = try #require(account.userAssets.first { $0.asset == "BNB" })
        #expect(bnb.borrowed == .greatest)
        #expect(throws: NumberError.self) { try bnb.liability }
    }

    @Test(arguments: [#""free":"999999999999999999999999999999999999999""#,   // 39 digits
                      #""free":"0.000000000000000000000000000000000000001""#,   // 39 places
                      #""free":1e400"#, #""free":-1e400"#,
                      #""free":99999999999999999999999999999999999999999"#])
    func numbersPastTheRangeAreDecodingErrorsNamingTheField(_ field: String) async throws {
        let bad = Samples.crossAccount.replacingOccurrences(of: #""free":"2346.50000000""#, with: field)
        let client = try makeClient(FakeTransport(json: bad), retryPolicy: .none)
        let error = await #expect(throws: BinanceError.self) { try await client.crossAccount() }
        #expect(error?.category == .decoding, "\(String(describing: error))")
        // A literal past Double's range fails JSON parsing itself; the others name the field.
        if !field.contains("e400") { #expect(error?.field == "userAssets[1].free", "\(String(describing: error))") }
    }

    @Test func absurdUsedWeightHeadersAreIgnoredOrKept() async throws {
        let transport = FakeTransport { _, _ in
            response(200, Samples.serverTime, headers: ["x-mbx-used-weight-1m": "99999999999999999999999",
                                                       "x-mbx-used-weight": "9223372036854775807",
                                                       "x-sapi-used-ip-weight-1m": "-9223372036854775808"])
        }
        let client = try makeClient(transport)
        _ = try await client.serverTime()
        let usage = await client.rateLimitUsage
        #expect(usage.usedWeight1m == nil)
        #expect(usage.headers["x-mbx-used-weight"] == Int.max)
        #expect(usage.sapiUsedIPWeight1m == Int.min)
    }
}
