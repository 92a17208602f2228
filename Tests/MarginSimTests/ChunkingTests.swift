import BinanceMargin
import Foundation
@testable import MarginSim
import Testing

/// Time-driven changes (hourly interest, walk steps, fills of resting orders, liquidations) do not
/// depend on how catch-up is chunked: the journal replays requests at their times and catches up in
/// other steps than the live run did, and must arrive at the same bytes.
@Suite("Catch-up does not depend on chunking")
struct ChunkingTests {
    /// One request applied at one instant.
    struct Event {
        var time: Int64
        var method: HTTPMethod
        var path: String
        var parameters: [String: String]
    }

    static let start: Int64 = 1_767_225_600_000   // 2026-01-01T00:00:00Z

    /// A random request that drives the time-driven machinery: walks, debts, resting and conditional orders.
    static func request(_ random: inout SplitMix64) -> (HTTPMethod, String, [String: String]) {
        let symbol = random.pick(["BTCUSDT", "ETHUSDT", "BNBUSDT"])
        let side = random.pick(["BUY", "SELL"])
        let move = Double(Int(random.next(upTo: 801)) - 400) / 10_000   // ±4 % of the start price
        let base: [String: Double] = ["BTCUSDT": 60_000, "ETHUSDT": 3_000, "BNBUSDT": 600]
        let price = String(format: "%.2f", base[symbol]! * (1 + move))
        switch random.next(upTo: 8) {
        case 0: return (.post, "/sim/walk", ["symbol": symbol, "volatility": random.pick(["0.5", "2", "5"])])
        case 1: return (.post, "/sapi/v1/margin/borrow-repay",
                        ["asset": random.pick(["USDT", "BTC", "ETH"]), "isIsolated": "FALSE", "amount": random.pick(["5", "1000", "90000"]), "type": "BORROW"])
        case 2: return (.post, "/sim/shock", ["symbol": symbol, "percent": random.pick(["-30", "-5", "5", "25"])])
        case 3, 4: return (.post, "/sapi/v1/margin/order",
                           ["symbol": symbol, "side": side, "type": "LIMIT", "timeInForce": "GTC", "price": price,
                            "quantity": symbol == "BTCUSDT" ? "0.01" : "0.5", "sideEffectType": "MARGIN_BUY"])
        case 5: return (.post, "/sapi/v1/margin/order",
                        ["symbol": symbol, "side": side, "type": "STOP_LOSS_LIMIT", "timeInForce": "GTC", "price": price,
                         "stopPrice": price, "quantity": symbol == "BTCUSDT" ? "0.01" : "0.5"])
        case 6: return (.post, "/sim/rate", ["asset": "USDT", "dailyInterestRate": random.pick(["0.0001", "0.01", "0.2"])])
        default: return (.delete, "/sapi/v1/margin/openOrders", ["symbol": symbol])
        }
    }

    /// Requests at random instants, up to an hour apart.
    static func events(_ random: inout SplitMix64) -> [Event] {
        var time = start
        return (0..<Int(random.next(upTo: 30) + 5)).map { _ in
            time += Int64(random.next(upTo: 3_600_000))
            let (method, path, parameters) = request(&random)
            return Event(time: time, method: method, path: path, parameters: parameters)
        }
    }

    /// Runs `events` on a fresh exchange up to `end`; `extraStops` are further instants catch-up stops at.
    static func run(_ events: [Event], end: Int64, extraStops: [Int64]) throws -> Data {
        var exchange = Exchange(scenario: .default, time: start, seed: 1)
        var stops = extraStops.sorted()[...]
        for event in events + [Event(time: end, method: .get, path: "", parameters: [:])] {
            while let stop = stops.first, stop <= event.time { exchange.advance(to: stop); stops = stops.dropFirst() }
            exchange.advance(to: event.time)
            guard let endpoint = Router.route(event.method, event.path), case .write(let write) = endpoint.action else { continue }
            _ = try? write(&exchange, RequestParameters(event.parameters))   // a rejection changes nothing, in both runs
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(exchange)
    }

    @Test("random chunkings of advance(to:) between random requests give byte-identical states")
    func randomChunkings() throws {
        var random = SplitMix64(seed: 0x5EED_C4A7)
        var sawWork = 0
        for round in 0..<10 {
            let events = Self.events(&random)
            let end = (events.last?.time ?? Self.start) + Int64(random.next(upTo: 3 * 3_600_000))
            let whole = try Self.run(events, end: end, extraStops: [])
            let stops = (0..<Int(random.next(upTo: 200))).map { _ in Self.start + Int64(random.next(upTo: UInt64(end - Self.start))) }
            let chunked = try Self.run(events, end: end, extraStops: stops)
            #expect(whole == chunked, "round \(round): \(stops.count) extra stops changed the state")
            if String(decoding: whole, as: UTF8.self).contains("PERIODIC") { sawWork += 1 }
        }
        #expect(sawWork > 0, "no round charged periodic interest: the generator does not exercise the timeline")
    }

    @Test("a walk caught up over months in one step equals the same months minute by minute")
    func longWalk() throws {
        var base = Exchange(scenario: .default, time: Self.start, seed: 1)
        try base.startWalk("BTCUSDT", volatilityPercent: "0.5", seed: 3)
        let end = Self.start + 80 * 86_400_000   // past any cap on steps per call
        var whole = base
        whole.advance(to: end)
        var daily = base
        var time = Self.start
        while time < end { time += 86_400_000; daily.advance(to: time) }
        #expect(whole.prices == daily.prices)
        #expect(whole.walks == daily.walks)
        #expect(whole.walks["BTCUSDT"]?.lastStep == end / RandomWalk.stepMilliseconds)
    }
}
