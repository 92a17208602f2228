import BinanceMargin
import Crypto
import Foundation
import MarginSim

/// One request line of a sandbox fuzz input, re-signed with the demo key so it reaches the engine.
///
/// An input is up to ``maximumRequests`` lines, each `METHOD PATH[?QUERY][ BODY]` — the shape
/// `mops sim serve --record` writes. Any `timestamp` and `signature` pairs are dropped and fresh ones
/// (the simulator's time, an HMAC-SHA256 of query + body with the demo secret) are added, so a
/// recorded request replays as a valid one and a mutated one fails only where its mutation does.
struct FuzzRequest {
    static let maximumRequests = 8
    static let hexDigits = Array("0123456789abcdef".utf8)

    var method: HTTPMethod
    var path: String
    var query: String
    var body: String

    /// The request lines of `bytes` (UTF-8, invalid bytes replaced), at most ``maximumRequests``.
    static func parse(_ bytes: UnsafeRawBufferPointer) -> [FuzzRequest] {
        String(decoding: bytes, as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: true)
            .prefix(maximumRequests)
            .compactMap { FuzzRequest(line: $0) }
    }

    init?(line: Substring) {
        let words = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard words.count >= 2, let method = HTTPMethod(rawValue: String(words[0])) else { return nil }
        let target = words[1]
        let mark = target.firstIndex(of: "?")
        self.method = method
        path = String(target[..<(mark ?? target.endIndex)])
        query = mark.map { String(target[target.index(after: $0)...]) } ?? ""
        body = words.count > 2 ? String(words[2]) : ""
    }

    /// The request as a signed client would send it at `timestamp`.
    func signed(at timestamp: Int64) -> TransportRequest {
        let fresh = ([FuzzRequest.unsigned(query)] + ["timestamp=\(timestamp)"]).filter { !$0.isEmpty }.joined(separator: "&")
        let signature = HMAC<SHA256>.authenticationCode(
            for: Data((fresh + FuzzRequest.unsigned(body)).utf8),
            using: SymmetricKey(data: Data(DemoCredentials.secret.utf8)))
        let hex = String(decoding: signature.flatMap { [FuzzRequest.hexDigits[Int($0 >> 4)], FuzzRequest.hexDigits[Int($0 & 15)]] },
                         as: UTF8.self)
        return TransportRequest(method: method, path: path, query: fresh + "&signature=" + hex,
                                body: FuzzRequest.unsigned(body),
                                headers: [("X-MBX-APIKEY", DemoCredentials.apiKey)])
    }

    /// `pairs` without its `timestamp` and `signature` pairs.
    static func unsigned(_ pairs: String) -> String {
        pairs.split(separator: "&", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("timestamp=") && !$0.hasPrefix("signature=") }
            .joined(separator: "&")
    }
}
