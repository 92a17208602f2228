import BinanceMargin
import Crypto
import Foundation
@testable import MarginSim

/// A test harness: a simulator on a manual clock plus helpers that sign requests like a real client.
struct Harness {
    let clock: ManualClock
    let simulator: MarginSimulator

    init(scenario: Scenario = .default, seed: UInt64 = 1) {
        clock = ManualClock()
        simulator = MarginSimulator(scenario: scenario, clock: clock, seed: seed)
    }

    var now: Int64 { clock.nowMilliseconds() }

    /// The HMAC-SHA256 hex signature of `payload` with `secret`.
    static func sign(_ payload: String, secret: String = DemoCredentials.secret) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return mac.map { String(format: "%02x", $0) }.joined()
    }

    /// A signed request with every parameter in the query string (the official SDK's style).
    func signed(_ method: HTTPMethod, _ path: String, _ query: String, timestamp: Int64? = nil,
                apiKey: String = DemoCredentials.apiKey) async -> TransportRequest {
        var ts = timestamp ?? 0
        if timestamp == nil { ts = await simulator.now() }
        let q = (query.isEmpty ? "" : query + "&") + "timestamp=\(ts)"
        return TransportRequest(method: method, path: path, query: q + "&signature=" + Harness.sign(q),
                                headers: [("X-MBX-APIKEY", apiKey)])
    }

    /// A signed request with every parameter in the form body (ccxt's style for POST).
    func signedBody(_ method: HTTPMethod, _ path: String, _ body: String) async -> TransportRequest {
        let b = "timestamp=\(await simulator.now())&" + body
        return TransportRequest(method: method, path: path, body: b + "&signature=" + Harness.sign(b),
                                headers: [("X-MBX-APIKEY", DemoCredentials.apiKey)])
    }

    /// Sends a signed query request and returns the response.
    func call(_ method: HTTPMethod, _ path: String, _ query: String = "") async -> TransportResponse {
        await simulator.handle(signed(method, path, query))
    }

    /// Sends a signed request and decodes its JSON body as a dictionary (fails the caller's expectations if not).
    func json(_ method: HTTPMethod, _ path: String, _ query: String = "") async -> [String: Any] {
        let response = await call(method, path, query)
        return (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] ?? ["_status": response.status, "_body": String(decoding: response.body, as: UTF8.self)]
    }

    /// Sends a signed request and decodes its JSON body as an array.
    func array(_ method: HTTPMethod, _ path: String, _ query: String = "") async -> [[String: Any]] {
        let response = await call(method, path, query)
        return (try? JSONSerialization.jsonObject(with: response.body)) as? [[String: Any]] ?? []
    }

    /// An unsigned control call.
    func control(_ path: String, _ body: String) async -> TransportResponse {
        await simulator.handle(TransportRequest(method: path == "/sim/state" ? .get : .post, path: path, body: body))
    }

    /// The cross balance row of `asset`.
    func cross(_ asset: String) async -> [String: Any] {
        let account = await json(.get, "/sapi/v1/margin/account")
        return (account["userAssets"] as? [[String: Any]])?.first { $0["asset"] as? String == asset } ?? [:]
    }
}

extension TransportResponse {
    /// The body as text.
    var text: String { String(decoding: body, as: UTF8.self) }
}

// BinanceMargin has public types with the same names as the engine's internal ones;
// in this test module the names mean the simulator's.
typealias Side = MarginSim.Side
typealias OrderType = MarginSim.OrderType
typealias TimeInForce = MarginSim.TimeInForce
typealias OrderStatus = MarginSim.OrderStatus
typealias SideEffect = MarginSim.SideEffect
