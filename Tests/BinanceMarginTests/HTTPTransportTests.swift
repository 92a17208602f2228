import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import BinanceMargin

/// A one-connection HTTP server on 127.0.0.1 that records the raw request and sends a canned answer
/// (or nothing, to provoke a time-out).
final class LoopbackServer: @unchecked Sendable {
    let port: UInt16
    let received = Locked<String>("")
    private let listener: Int32

    init(answer: String?) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var one: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 4) == 0 else { throw TransportError.connectionFailed("cannot listen") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        let received = self.received
        Thread.detachNewThread {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            var data = [UInt8]()
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = read(connection, &buffer, buffer.count)
                if n <= 0 { break }
                data.append(contentsOf: buffer[0..<n])
                let text = String(decoding: data, as: UTF8.self)
                if let end = text.range(of: "\r\n\r\n") {
                    let head = text[..<end.lowerBound].lowercased()
                    let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                        .flatMap { Int($0.dropFirst(15).trimmingCharacters(in: .whitespaces)) } ?? 0
                    if text.utf8.count - text[..<end.upperBound].utf8.count >= length { break }
                }
            }
            received.with { $0 = String(decoding: data, as: UTF8.self) }
            if let answer {
                _ = answer.withCString { write(connection, $0, strlen($0)) }
                close(connection)
            } else {
                Thread.sleep(forTimeInterval: 30)   // longer than any test waits: a loaded suite can take 20 s to cancel
                close(connection)
            }
        }
    }

    deinit { close(listener) }

    var url: URL { URL(string: "http://127.0.0.1:\(port)/")! }
}

/// A keep-alive HTTP server on 127.0.0.1: answers GETs on the same connection, and closes the
/// connection without a word after reading any other request — the "answer lost" case.
final class DroppingServer: @unchecked Sendable {
    let port: UInt16
    let nonGetRequests = Locked(0)
    let connections = Locked(0)
    private let listener: Int32

    init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var one: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 8) == 0 else { throw TransportError.connectionFailed("cannot listen") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        let (nonGet, connections) = (nonGetRequests, self.connections)
        Thread.detachNewThread {
            while true {
                let connection = accept(listener, nil, nil)
                if connection < 0 { return }
                connections.with { $0 += 1 }
                Thread.detachNewThread { DroppingServer.serve(connection, nonGet: nonGet) }
            }
        }
    }

    static func serve(_ connection: Int32, nonGet: Locked<Int>) {
        var pending = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            guard let end = pending.firstRange(of: Array("\r\n\r\n".utf8)) else {
                let n = read(connection, &buffer, buffer.count)
                if n <= 0 { close(connection); return }
                pending.append(contentsOf: buffer[0..<n])
                continue
            }
            let head = String(decoding: pending[..<end.lowerBound], as: UTF8.self)
            let length = head.lowercased().split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst(15).trimmingCharacters(in: .whitespaces)) } ?? 0
            while pending.count < end.upperBound + length {
                let n = read(connection, &buffer, buffer.count)
                if n <= 0 { close(connection); return }
                pending.append(contentsOf: buffer[0..<n])
            }
            pending.removeFirst(end.upperBound + length)
            if head.hasPrefix("GET ") {
                let answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
                _ = answer.withCString { write(connection, $0, strlen($0)) }
            } else {
                nonGet.with { $0 += 1 }
                close(connection)   // executed, but the answer is lost
                return
            }
        }
    }

    deinit { shutdown(listener, Int32(SHUT_RDWR)); close(listener) }

    var url: URL { URL(string: "http://127.0.0.1:\(port)")! }
}

@Suite struct HTTPTransportTests {
    @Test func aPostWhoseAnswerIsLostIsNeverResentByTheHTTPStack() async throws {
        let server = try DroppingServer()
        let transport = try HTTPTransport(baseURL: server.url, timeout: 5)
        // Warm a kept-alive connection with GETs, as a client does before ordering.
        for _ in 0..<3 { #expect(try await transport.send(TransportRequest(method: .get, path: "/api/v3/time")).status == 200) }
        for method in [HTTPMethod.post, .delete] {
            let before = server.nonGetRequests.current
            let error = await #expect(throws: TransportError.self) {
                _ = try await transport.send(TransportRequest(method: method, path: "/sapi/v1/margin/order", query: "symbol=BTCUSDT"))
            }
            #expect(error.map { !$0.requestCertainlyNotProcessed } == true, "a lost answer is an unknown outcome, got \(String(describing: error))")
            #expect(server.nonGetRequests.current == before + 1, "\(method.rawValue) reached the server more than once")
        }
        // GETs still work afterwards.
        #expect(try await transport.send(TransportRequest(method: .get, path: "/api/v3/time")).status == 200)
    }

    static func answer(_ body: String, status: String = "200 OK", extra: String = "") -> String {
        "HTTP/1.1 \(status)\r\nContent-Type: application/json\r\n\(extra)Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
    }

    @Test func sendsTheSignedBytesVerbatimAndReadsStatusHeadersBody() async throws {
        let server = try LoopbackServer(answer: Self.answer(#"{"ok":true}"#, extra: "X-SAPI-USED-IP-WEIGHT-1M: 10\r\n"))
        let transport = try HTTPTransport(baseURL: server.url, timeout: 5)
        #expect(transport.baseURL == server.url)
        let request = TransportRequest(method: .get, path: "/sapi/v1/margin/account",
                                       query: "symbol=%EF%BC%91&sig=a%2Bb%2F%3D&signature=abc",
                                       headers: [(name: "X-MBX-APIKEY", value: "key123")])
        let response = try await transport.send(request)
        #expect(response.status == 200)
        #expect(response.header("x-sapi-used-ip-weight-1m") == "10")
        #expect(response.headers["x-sapi-used-ip-weight-1m"] == "10")
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"ok":true}"#)
        let raw = server.received.current
        #expect(raw.hasPrefix("GET /sapi/v1/margin/account?symbol=%EF%BC%91&sig=a%2Bb%2F%3D&signature=abc HTTP/1.1\r\n"))
        #expect(raw.lowercased().contains("\r\nx-mbx-apikey: key123\r\n"))
    }

    @Test func postsAFormBodyAndReturnsErrorStatuses() async throws {
        let server = try LoopbackServer(answer: Self.answer(#"{"code":-1022,"msg":"Signature for this request is not valid."}"#, status: "400 Bad Request"))
        let transport = try HTTPTransport(baseURL: server.url, timeout: 5)
        let response = try await transport.send(TransportRequest(method: .post, path: "/sapi/v1/margin/order", query: "a=1", body: "b=2&signature=x"))
        #expect(response.status == 400)
        let raw = server.received.current
        #expect(raw.hasPrefix("POST /sapi/v1/margin/order?a=1 HTTP/1.1\r\n"))
        #expect(raw.lowercased().contains("content-type: application/x-www-form-urlencoded"))
        #expect(raw.hasSuffix("\r\n\r\nb=2&signature=x"))
    }

    @Test func refusedConnectionIsConnectionFailed() async throws {
        let transport = try HTTPTransport(baseURL: URL(string: "http://127.0.0.1:1")!, timeout: 5)   // nothing listens on port 1
        await #expect(throws: TransportError.self) {
            do { _ = try await transport.send(TransportRequest(method: .get, path: "/api/v3/time")) } catch let error as TransportError {
                #expect(error.requestCertainlyNotProcessed, "got \(error)")
                throw error
            }
        }
    }

    @Test func silentServerIsTimedOut() async throws {
        let server = try LoopbackServer(answer: nil)
        let transport = try HTTPTransport(baseURL: server.url, timeout: 0.5)
        let error = await #expect(throws: TransportError.self) { _ = try await transport.send(TransportRequest(method: .get, path: "/api/v3/time")) }
        #expect(error == .timedOut)
    }

    @Test func cancellingTheTaskMidRequestIsCancelledNotATimeOut() async throws {
        let server = try LoopbackServer(answer: nil)   // reads the request, then stays silent
        let transport = try HTTPTransport(baseURL: server.url, timeout: 30)
        let task = Task { try await transport.send(TransportRequest(method: .post, path: "/sapi/v1/margin/order", query: "a=1")) }
        while server.received.current.isEmpty { try await Task.sleep(for: .milliseconds(5)) }   // the request is on the server
        task.cancel()
        let error = await #expect(throws: TransportError.self) { _ = try await task.value }
        #expect(error == .cancelled)
        #expect(error?.requestCertainlyNotProcessed == false)
    }

    @Test func rejectsBadBaseURLs() {
        #expect(throws: BinanceError.self) { try HTTPTransport(baseURL: URL(string: "ftp://example.com")!) }
        #expect(throws: BinanceError.self) { try HTTPTransport(baseURL: URL(string: "http://127.0.0.1:8080")!, timeout: 0) }
    }

    @Test func refusesPlainHTTPToABinanceHost() throws {
        for text in ["http://api.binance.com", "HTTP://API.Binance.com.", "http://testnet.binance.vision/", "http://api.binance.us:80"] {
            let error = #expect(throws: BinanceError.self, "\(text)") { try HTTPTransport(baseURL: URL(string: text)!) }
            #expect(error?.field == "baseURL" && error?.message.contains("over plain http://") == true, "\(text)")
        }
        // https to Binance, and http to anything else (a sandbox), are still made.
        _ = try HTTPTransport(baseURL: URL(string: "https://api.binance.com")!)
        _ = try HTTPTransport(baseURL: URL(string: "http://127.0.0.1:8080")!)
        _ = try HTTPTransport(baseURL: URL(string: "http://notbinance.com")!)
    }

    @Test func urlErrorMapping() {
        #expect(HTTPTransport.map(URLError(.cannotConnectToHost)).requestCertainlyNotProcessed)
        #expect(HTTPTransport.map(URLError(.timedOut)) == .timedOut)
        #expect(HTTPTransport.map(URLError(.cancelled)) == .cancelled)
        if case .connectionLost = HTTPTransport.map(URLError(.networkConnectionLost)) {} else { Issue.record("networkConnectionLost should be connectionLost") }
    }
}
