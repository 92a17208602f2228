import Foundation
import Testing
@testable import BinanceMargin

/// Signed requests never follow redirects: over a real 127.0.0.1 server answering 3xx with a Location,
/// the transport returns the 3xx itself (the target server never hears from it), and the client reports
/// an error naming the Location.
@Suite struct RedirectTests {
    static func redirect(_ status: String, to location: URL) -> String {
        "HTTP/1.1 \(status)\r\nLocation: \(location.absoluteString)sapi/v1/margin/order\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    }

    @Test(arguments: ["301 Moved Permanently", "302 Found", "303 See Other", "307 Temporary Redirect", "308 Permanent Redirect"])
    func theTransportNeverFollowsARedirect(status: String) async throws {
        for method in [HTTPMethod.get, .post, .delete] {
            let target = try LoopbackServer(answer: HTTPTransportTests.answer(#"{"followed":true}"#))
            let server = try LoopbackServer(answer: Self.redirect(status, to: target.url))
            let transport = try HTTPTransport(baseURL: server.url, timeout: 5)
            let response = try await transport.send(TransportRequest(method: method, path: "/sapi/v1/margin/order", query: "a=1&signature=s",
                                                                     headers: [(name: "X-MBX-APIKEY", value: "key")]))
            #expect(response.status == Int(status.prefix(3)), "\(method) \(status)")
            #expect(response.header("location") == target.url.absoluteString + "sapi/v1/margin/order")
            try await Task.sleep(for: .milliseconds(50))
            #expect(target.received.current.isEmpty, "\(method) \(status): the redirect was followed")
        }
    }

    @Test func theClientReportsARedirectAsAnErrorNamingTheLocation() async throws {
        let target = try LoopbackServer(answer: HTTPTransportTests.answer(#"{"followed":true}"#))
        let server = try LoopbackServer(answer: Self.redirect("302 Found", to: target.url))
        let client = try makeClient(try HTTPTransport(baseURL: server.url, timeout: 5), retryPolicy: RetryPolicy(maxAttempts: 1))
        let error = await #expect(throws: BinanceError.self) { try await client.crossAccount() }
        #expect(error?.category == .refused && error?.httpStatus == 302 && error?.outcomeUnknown == false)
        #expect(error?.message == "the server redirects to \(target.url.absoluteString)sapi/v1/margin/order (HTTP 302); redirects are never followed")
        #expect(target.received.current.isEmpty)
    }

    @Test(arguments: [301, 302, 303, 307, 308])
    func aRedirectedStateChangingRequestIsAnUnknownOutcome(status: Int) async throws {
        let transport = FakeTransport { request, _ in
            request.method == .get ? response(200, #"{"rows":[],"total":0}"#)
                                   : TransportResponse(status: status, headers: ["location": "https://elsewhere.example/x"], body: Data())
        }
        let client = try makeClient(transport, retryPolicy: RetryPolicy(maxAttempts: 1, reconcileAttempts: 1))
        let error = await #expect(throws: BinanceError.self) { try await client.borrow(asset: "USDT", amount: 1) }
        #expect(error?.outcomeUnknown == true && error?.message.contains("redirects to https://elsewhere.example/x") == true)
        #expect(transport.sent.filter { $0.method == .post }.count == 1)
    }
}
