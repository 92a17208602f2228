// The matching benchmark: orders per second through the order book of a simulator in this process, on
// the real request path (signed requests through `MarginSimulator.handle`), with a deep book — 5,000
// synthetic levels a side and `resting` resting orders of the user — beside /api/v3/ping and beside a
// resting order that matches nothing, measured in the same run.
//
// Usage: MatchingBench [orders=2000] [resting=2000]
import BinanceMargin
import Foundation
import MarginSim

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let count = arguments.count > 0 ? arguments[0] : 2_000
let resting = arguments.count > 1 ? arguments[1] : 2_000
let credentials = try Credentials.hmac(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret)

/// The whale scenario, no weight limits, and a deep book: 5,000 levels a side one tick apart.
let deep: Scenario = {
    var scenario = Scenario.named("whale")!
    scenario.enforceWeightLimits = false
    scenario.crossMargin = ["USDT": "1000000000", "BTC": "10000"]
    scenario.book = BookShape(levels: 5_000, topLevelNotionals: 20, growthPercent: 1)
    return scenario
}()

func signed(_ method: HTTPMethod, _ path: String, _ query: String, _ simulator: MarginSimulator) async throws -> TransportRequest {
    let q = query + "&timestamp=\(await simulator.now())"
    return TransportRequest(method: method, path: path, query: q + "&signature=" + (try credentials.signature(for: q)),
                            headers: [("X-MBX-APIKEY", DemoCredentials.apiKey)])
}

func send(_ simulator: MarginSimulator, _ query: String) async throws {
    let response = await simulator.handle(try await signed(.post, "/sapi/v1/margin/order", query, simulator))
    guard response.status == 200 else { fatalError("order: \(response.status) \(String(decoding: response.body, as: UTF8.self))") }
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// Requests per second of `body` run `count` times.
func rate(_ label: String, _ body: (Int) async throws -> Void) async throws -> Double {
    let start = ContinuousClock.now
    for i in 0..<count { try await body(i) }
    let perSecond = Double(count) / seconds(ContinuousClock.now - start)
    print(String(format: "%-58@ %10.0f /s", label as NSString, perSecond))
    return perSecond
}

print("# mops matching benchmark, \(ISO8601DateFormatter().string(from: Date())), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(count) requests each, \(resting) resting orders")
let simulator = MarginSimulator(scenario: deep, clock: SystemClock())
// The user's own resting orders, spread over the 200 best levels of both sides.
for i in 0..<resting {
    let side = i % 2 == 0 ? "BUY" : "SELL"
    let cents = i % 2 == 0 ? 5_999_000 - i % 200 : 6_001_000 + i % 200
    try await send(simulator, "symbol=BTCUSDT&side=\(side)&type=LIMIT&timeInForce=GTC&quantity=0.001&price=\(cents / 100).\(String(format: "%02d", cents % 100))")
}
let ping = try await rate("GET /api/v3/ping (baseline)") { _ in
    _ = await simulator.handle(TransportRequest(method: .get, path: "/api/v3/ping"))
}
let rest = try await rate("LIMIT IOC below the book (no match, expires)") { _ in
    try await send(simulator, "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=IOC&quantity=0.001&price=50000")
}
// Alternate sides so the price stays put: each market order walks ~10 levels of synthetic liquidity.
let market = try await rate("MARKET 0.02 BTC walking ~10 levels (alternating sides)") { i in
    try await send(simulator, "symbol=BTCUSDT&side=\(i % 2 == 0 ? "BUY" : "SELL")&type=MARKET&quantity=0.02")
    if i % 50 == 49 { _ = await simulator.handle(TransportRequest(method: .post, path: "/sim/price", body: "symbol=BTCUSDT&price=60000")) }
}
let limit = try await rate("LIMIT IOC 0.05 BTC crossing ~20 levels") { i in
    try await send(simulator, "symbol=BTCUSDT&side=\(i % 2 == 0 ? "BUY" : "SELL")&type=LIMIT&timeInForce=IOC&quantity=0.05&price=\(i % 2 == 0 ? "60100" : "59900")")
    if i % 20 == 19 { _ = await simulator.handle(TransportRequest(method: .post, path: "/sim/price", body: "symbol=BTCUSDT&price=60000")) }
}
let depth = try await rate("GET /api/v3/depth limit=5000") { _ in
    _ = await simulator.handle(TransportRequest(method: .get, path: "/api/v3/depth", query: "symbol=BTCUSDT&limit=5000"))
}
print(String(format: "ratios to ping: no-match %.2f×, market %.2f×, limit %.2f×, depth %.2f×", rest / ping, market / ping, limit / ping, depth / ping))
