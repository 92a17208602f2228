import Foundation
import NIOCore
import NIOPosix

/// One HTTP/1.1 response as it came off the wire.
struct RawHTTPResponse: Sendable {
    var status: Int
    /// Header fields keyed by lower-cased name.
    var headers: [String: String]
    var body: Data

    var text: String { String(decoding: body, as: UTF8.self) }
    func json() throws -> Any { try JSONSerialization.jsonObject(with: body) }
}

/// A bare TCP client that writes requests byte for byte (no client library re-encodes anything)
/// and reads `Content-Length`-framed responses, several on one kept-alive connection.
enum RawHTTPConnection {
    /// Sends each request on one connection, in order, and reads one response after each.
    ///
    /// - Returns: one entry per request: its response, or `nil` when the server closed the
    ///   connection instead of answering (later requests are then not sent).
    static func exchange(port: Int, _ requests: [String]) async throws -> [RawHTTPResponse?] {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var reader = ResponseReader(iterator: inbound.makeAsyncIterator())
            var responses: [RawHTTPResponse?] = []
            for request in requests {
                try await outbound.write(ByteBuffer(string: request))
                let response = try await reader.next()
                responses.append(response)
                if response == nil {
                    responses += Array(repeating: nil, count: requests.count - responses.count)
                    break
                }
            }
            return responses
        }
    }

    /// Sends one request on its own connection.
    static func send(port: Int, _ request: String) async throws -> RawHTTPResponse? {
        try await exchange(port: port, [request])[0]
    }

    /// A request with the framing a careful client writes: Host, Content-Length when there is a body.
    static func request(_ method: String, _ target: String, body: String = "",
                        headers: [(String, String)] = [], contentType: String? = nil) -> String {
        var lines = ["\(method) \(target) HTTP/1.1", "Host: 127.0.0.1"]
        for (name, value) in headers { lines.append("\(name): \(value)") }
        if !body.isEmpty || method == "POST" || method == "DELETE" || method == "PUT" {
            if let contentType { lines.append("Content-Type: \(contentType)") }
            lines.append("Content-Length: \(body.utf8.count)")
        }
        return lines.joined(separator: "\r\n") + "\r\n\r\n" + body
    }
}

/// Splits a byte stream into Content-Length-framed responses.
struct ResponseReader {
    var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    var pending = [UInt8]()

    init(iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) { self.iterator = iterator }

    /// The next response, or `nil` when the connection closed first.
    mutating func next() async throws -> RawHTTPResponse? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        while headEnd == nil {
            headEnd = pending.firstRange(of: separator)?.lowerBound
            if headEnd == nil, try await !fill() { return nil }
        }
        let head = String(decoding: pending[..<headEnd!], as: UTF8.self)
        pending.removeFirst(headEnd! + separator.count)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw MalformedResponse(head: head) }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        guard let length = headers["content-length"].flatMap(Int.init) else { throw MalformedResponse(head: head) }
        while pending.count < length {
            if try await !fill() { return nil }
        }
        let body = Data(pending.prefix(length))
        pending.removeFirst(length)
        return RawHTTPResponse(status: status, headers: headers, body: body)
    }

    private mutating func fill() async throws -> Bool {
        do {
            guard let chunk = try await iterator.next() else { return false }
            pending += chunk.readableBytesView
            return true
        } catch let error as IOError where error.errnoCode == ECONNRESET {
            return false
        } catch is ChannelError {
            return false
        }
    }
}

/// A response without a status line or a Content-Length (the server must always send one).
struct MalformedResponse: Error, CustomStringConvertible {
    var head: String
    var description: String { "malformed response head: \(head)" }
}
