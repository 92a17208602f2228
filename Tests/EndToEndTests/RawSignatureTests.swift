import BinanceMargin
import Foundation
import MarginSim
import MarginSimServer
import Testing

/// Requests written byte by byte, the way real clients send them (real-clients.md §4–5), against the
/// simulator behind the HTTP server: signatures are checked over the raw query + body.
@Suite("Raw HTTP against the served simulator")
struct RawSignatureTests {
    static let key = DemoCredentials.apiKey

    /// Runs `body` with the port of a served default-scenario simulator and its current time.
    static func withServedSimulator(_ body: @Sendable (_ port: Int, _ now: Int64, _ simulator: MarginSimulator) async throws -> Void) async throws {
        let simulator = MarginSimulator(scenario: .default, clock: ManualClock())
        let now = await simulator.now()
        try await withRunningSandbox(SandboxServer(simulator: simulator, port: 0, logger: quietLogger)) { url in
            try await body(url.port!, now, simulator)
        }
    }

    static func sign(_ payload: String) -> String {
        Signatures.hmacSHA256Hex(payload, secret: DemoCredentials.secret)
    }

    static func borrowedUSDT(port: Int, now: Int64) async throws -> String? {
        let query = "timestamp=\(now)"
        let response = try #require(try await RawHTTPConnection.send(port: port, RawHTTPConnection.request(
            "GET", "/sapi/v1/margin/account?\(query)&signature=\(sign(query))", headers: [("X-MBX-APIKEY", key)])))
        let json = try #require(try response.json() as? [String: Any])
        let assets = try #require(json["userAssets"] as? [[String: Any]])
        return assets.first { $0["asset"] as? String == "USDT" }?["borrowed"] as? String
    }

    @Test("mixed query + body: the signature covers query and body joined with nothing between")
    func mixedQueryAndBody() async throws {
        try await Self.withServedSimulator { port, now, _ in
            let query = "asset=USDT&isIsolated=FALSE"
            let body = "amount=100&type=BORROW&recvWindow=5000&timestamp=\(now)"
            let signature = Self.sign(query + body)
            let response = try #require(try await RawHTTPConnection.send(port: port, RawHTTPConnection.request(
                "POST", "/sapi/v1/margin/borrow-repay?\(query)", body: body + "&signature=\(signature)",
                headers: [("X-MBX-APIKEY", Self.key)], contentType: "application/x-www-form-urlencoded")))
            #expect(response.status == 200, "\(response.text)")
            #expect((try response.json() as? [String: Any])?["tranId"] is Int)
            #expect(try await Self.borrowedUSDT(port: port, now: now).map { Number($0) } == Number("100"))
        }
    }

    @Test("an upper-case hex signature verifies; a wrong one is -1022")
    func signatureCase() async throws {
        try await Self.withServedSimulator { port, now, _ in
            let query = "asset=USDT&isIsolated=FALSE&amount=25&type=BORROW&timestamp=\(now)"
            let upper = Self.sign(query).uppercased()
            let accepted = try #require(try await RawHTTPConnection.send(port: port, RawHTTPConnection.request(
                "POST", "/sapi/v1/margin/borrow-repay?\(query)&signature=\(upper)", headers: [("X-MBX-APIKEY", Self.key)])))
            #expect(accepted.status == 200, "\(accepted.text)")

            let wrong = String(upper.dropLast()) + (upper.hasSuffix("0") ? "1" : "0")
            let rejected = try #require(try await RawHTTPConnection.send(port: port, RawHTTPConnection.request(
                "POST", "/sapi/v1/margin/borrow-repay?\(query)&signature=\(wrong)", headers: [("X-MBX-APIKEY", Self.key)])))
            #expect(rejected.status == 400)
            #expect((try rejected.json() as? [String: Any])?["code"] as? Int == -1022)
            #expect(try await Self.borrowedUSDT(port: port, now: now).map { Number($0) } == Number("25"))
        }
    }

    @Test("`+` and `%20` both decode to a space and percent-escapes decode, while the signature covers the raw bytes")
    func plusAndPercentTwenty() async throws {
        try await Self.withServedSimulator { port, now, _ in
            // `%55SDT` is USDT; `memo` is unknown and ignored, but signed as sent.
            let body = "asset=%55SDT&isIsolated=false&amount=10&type=BORROW&memo=a+b%20c&timestamp=\(now)"
            let response = try #require(try await RawHTTPConnection.send(port: port, RawHTTPConnection.request(
                "POST", "/sapi/v1/margin/borrow-repay", body: body + "&signature=\(Self.sign(body))",
                headers: [("X-MBX-APIKEY", Self.key)], contentType: "application/x-www-form-urlencoded")))
            #expect(response.status == 200, "\(response.text)")
            #expect(try await Self.borrowedUSDT(port: port, now: now).map { Number($0) } == Number("10"))
        }
    }

    @Test("python-binance's cancel: DELETE with a sorted form body, on a kept-alive connection")
    func deleteWithFormBody() async throws {
        try await Self.withServedSimulator { port, now, _ in
            let place = "newClientOrderId=x-HNA2TXFJ0001&price=50000&quantity=0.001&recvWindow=10000&side=BUY&symbol=BTCUSDT&timeInForce=GTC&timestamp=\(now)&type=LIMIT"
            let cancel = "origClientOrderId=x-HNA2TXFJ0001&recvWindow=10000&symbol=BTCUSDT&timestamp=\(now)"
            let responses = try await RawHTTPConnection.exchange(port: port, [
                RawHTTPConnection.request("POST", "/sapi/v1/margin/order", body: place + "&signature=\(Self.sign(place))",
                                          headers: [("X-MBX-APIKEY", Self.key)], contentType: "application/x-www-form-urlencoded"),
                RawHTTPConnection.request("DELETE", "/sapi/v1/margin/order", body: cancel + "&signature=\(Self.sign(cancel))",
                                          headers: [("X-MBX-APIKEY", Self.key)], contentType: "application/x-www-form-urlencoded"),
            ])
            let placed = try #require(responses[0])
            #expect(placed.status == 200, "\(placed.text)")
            #expect((try placed.json() as? [String: Any])?["status"] as? String == "NEW")
            let canceled = try #require(responses[1])
            #expect(canceled.status == 200, "\(canceled.text)")
            let json = try #require(try canceled.json() as? [String: Any])
            #expect(json["status"] as? String == "CANCELED")
            #expect(json["origClientOrderId"] as? String == "x-HNA2TXFJ0001")
        }
    }

    @Test("every response carries Content-Length and the used-weight header; errors are Binance JSON")
    func headersAndErrors() async throws {
        try await Self.withServedSimulator { port, _, _ in
            let responses = try await RawHTTPConnection.exchange(port: port, [
                RawHTTPConnection.request("GET", "/api/v3/ping"),
                RawHTTPConnection.request("GET", "/sapi/v1/margin/account?timestamp=1"),
            ])
            let ping = try #require(responses[0])
            #expect(ping.status == 200 && ping.text == "{}")
            #expect(ping.headers["x-mbx-used-weight-1m"] == "1")
            let unsigned = try #require(responses[1])
            let error = try #require(try unsigned.json() as? [String: Any])
            #expect(unsigned.headers["content-type"]?.hasPrefix("application/json") == true)
            #expect("\(unsigned.status) \(error["code"] ?? "")" == "401 -2014")
        }
    }
}
