import AsyncHTTPClient
import BinanceMargin
import Foundation
import NIOCore

/// A minimal ``Transport`` over AsyncHTTPClient: what an AHC-based HTTPTransport would do per request
/// (build the request from the raw target, send, collect the body, lower-case the headers).
struct AHCTransport: Transport {
    let baseURL: URL?
    let root: String
    let client: HTTPClient

    init(baseURL: URL, client: HTTPClient) {
        self.baseURL = baseURL
        self.root = baseURL.absoluteString.hasSuffix("/") ? String(baseURL.absoluteString.dropLast()) : baseURL.absoluteString
        self.client = client
    }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        var outgoing = HTTPClientRequest(url: root + request.target)
        outgoing.method = .RAW(value: request.method.rawValue)
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        if !request.body.isEmpty {
            outgoing.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            outgoing.body = .bytes(ByteBuffer(string: request.body))
        }
        let response = try await client.execute(outgoing, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 16 << 20)
        var headers: [String: String] = [:]
        for (name, value) in response.headers { headers[name.lowercased()] = value }
        return TransportResponse(status: Int(response.status.code), headers: headers, body: Data(body.readableBytesView))
    }
}
