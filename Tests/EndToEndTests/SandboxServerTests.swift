import BinanceMargin
import Foundation
import MarginSimServer
import Testing

/// The HTTP adapter alone, in front of a recording stub: what arrives at the handler must be the
/// bytes that were sent, and what the handler answers must be what goes back on the wire.
@Suite("Sandbox server adapter")
struct SandboxServerTests {
    static let okAnswer = TransportResponse(
        status: 200, headers: ["content-type": "application/json;charset=UTF-8", "x-sapi-used-ip-weight-1m": "10"],
        body: Data(#"{"ok":true}"#.utf8))

    static func stub(_ recorder: RequestRecorder, answer: TransportResponse = okAnswer) -> SandboxServer {
        stub(recorder, reply: SandboxReply(response: answer))
    }

    static func stub(_ recorder: RequestRecorder, reply: SandboxReply) -> SandboxServer {
        SandboxServer(host: "127.0.0.1", port: 0, logger: quietLogger) { request in
            await recorder.record(request)
            return reply
        }
    }

    @Test("port 0 binds a real port and the base URL reports it")
    func reportsRealPort() async throws {
        let url = try await withRunningSandbox(Self.stub(RequestRecorder())) { $0 }
        #expect(url.scheme == "http")
        #expect(url.host == "127.0.0.1")
        #expect((url.port ?? 0) > 0)
    }

    @Test("the raw query string and the raw form body reach the handler byte for byte")
    func rawBytesPassThrough() async throws {
        let recorder = RequestRecorder()
        let query = "symbol=BTCUSDT&newClientOrderId=hx%3Aprobe%2F1&note=a+b%20c&signature=ABCdef"
        let body = "quantity=0.001&price=70000.50&memo=x%2By+z"
        let response = try await withRunningSandbox(Self.stub(recorder)) { url in
            try await RawHTTPConnection.send(port: url.port!, RawHTTPConnection.request(
                "POST", "/sapi/v1/margin/order?" + query, body: body,
                headers: [("X-MBX-APIKEY", "key-1")], contentType: "application/x-www-form-urlencoded"))
        }
        let seen = try #require(await recorder.requests.first)
        #expect(seen.method == .post)
        #expect(seen.path == "/sapi/v1/margin/order")
        #expect(seen.query == query)
        #expect(seen.body == body)
        #expect(seen.header("x-mbx-apikey") == "key-1")
        #expect(response?.status == 200)
    }

    @Test("a DELETE's form body is read (python-binance cancels that way)")
    func deleteBodyIsRead() async throws {
        let recorder = RequestRecorder()
        let body = "orderId=5&recvWindow=10000&symbol=BTCUSDT&timestamp=1700000000000&signature=00ff"
        _ = try await withRunningSandbox(Self.stub(recorder)) { url in
            try await RawHTTPConnection.send(port: url.port!, RawHTTPConnection.request(
                "DELETE", "/sapi/v1/margin/order", body: body, contentType: "application/x-www-form-urlencoded"))
        }
        let seen = try #require(await recorder.requests.first)
        #expect(seen.method == .delete)
        #expect(seen.query == "")
        #expect(seen.body == body)
    }

    @Test("status, headers and body go back with a Content-Length, several requests on one kept-alive connection")
    func keepAliveAndFraming() async throws {
        let recorder = RequestRecorder()
        let answer = TransportResponse(status: 400, headers: [
            "content-type": "application/json;charset=UTF-8", "x-sapi-used-ip-weight-1m": "10", "retry-after": "7",
        ], body: Data(#"{"code":-2011,"msg":"Unknown order sent."}"#.utf8))
        let responses = try await withRunningSandbox(Self.stub(recorder, answer: answer)) { url in
            try await RawHTTPConnection.exchange(port: url.port!, [
                RawHTTPConnection.request("GET", "/api/v3/ping"),
                RawHTTPConnection.request("POST", "/sapi/v1/margin/order", body: "a=1"),
                RawHTTPConnection.request("DELETE", "/sapi/v1/margin/order?b=2"),
            ])
        }
        #expect(responses.count == 3)
        for response in responses {
            let response = try #require(response)
            #expect(response.status == 400)
            #expect(response.headers["content-length"] == "\(response.body.count)")
            #expect(response.headers["x-sapi-used-ip-weight-1m"] == "10")
            #expect(response.headers["retry-after"] == "7")
            #expect(response.headers["content-type"] == "application/json;charset=UTF-8")
            #expect(response.text == #"{"code":-2011,"msg":"Unknown order sent."}"#)
        }
        #expect(await recorder.requests.map(\.path) == ["/api/v3/ping", "/sapi/v1/margin/order", "/sapi/v1/margin/order"])
    }

    @Test("an empty body still carries Content-Length: 0")
    func emptyBodyHasContentLength() async throws {
        let response = try await withRunningSandbox(Self.stub(RequestRecorder(), answer: TransportResponse(status: 200))) { url in
            try await RawHTTPConnection.send(port: url.port!, RawHTTPConnection.request("GET", "/x"))
        }
        let answer = try #require(response)
        #expect(answer.status == 200)
        #expect(answer.headers["content-length"] == "0")
        #expect(answer.body.isEmpty)
    }

    @Test("a reply marked for dropping closes the connection without a response, after the handler ran")
    func dropClosesConnection() async throws {
        let recorder = RequestRecorder()
        let dropped = SandboxReply(response: Self.okAnswer, dropsConnection: true)
        let responses = try await withRunningSandbox(Self.stub(recorder, reply: dropped)) { url in
            try await RawHTTPConnection.exchange(port: url.port!, [
                RawHTTPConnection.request("POST", "/sapi/v1/margin/order", body: "symbol=BTCUSDT"),
                RawHTTPConnection.request("GET", "/api/v3/ping"),
            ])
        }
        #expect(responses.count == 2)
        #expect(responses[0] == nil)
        #expect(await recorder.requests.count == 1)
    }

    @Test("a delayed reply still arrives, complete")
    func delayedReply() async throws {
        let delayed = SandboxReply(response: Self.okAnswer, delayMilliseconds: 20)
        let response = try await withRunningSandbox(Self.stub(RequestRecorder(), reply: delayed)) { url in
            try await RawHTTPConnection.send(port: url.port!, RawHTTPConnection.request("GET", "/api/v3/ping"))
        }
        #expect(response?.status == 200)
        #expect(response?.text == #"{"ok":true}"#)
    }

    @Test("methods Binance does not use get 405 with a Binance-shaped JSON error, without reaching the handler")
    func unsupportedMethod() async throws {
        let recorder = RequestRecorder()
        let response = try await withRunningSandbox(Self.stub(recorder)) { url in
            try await RawHTTPConnection.send(port: url.port!, RawHTTPConnection.request("PATCH", "/sapi/v1/margin/order"))
        }
        let answer = try #require(response)
        #expect(answer.status == 405)
        let json = try #require(try answer.json() as? [String: Any])
        #expect(json["code"] as? Int == -1000)
        #expect(await recorder.requests.isEmpty)
    }
}
