// The history queries' cost with 1,000 and with 100,000 records of each kind: the same signed requests,
// answering pages of the same size, through `MarginSimulator.handle`. The records are copies of ones
// the engine made (a fill, a borrow with its interest, a transfer), one a minute up to now, put into a
// GET /sim/state copy; the simulator then rebuilds its indexes as it loads it.
import BinanceMargin
import Foundation
import MarginSim

/// A state holding `count` copies of each of the engine's records in `sample`, one a minute up to its time.
func stateWithRecords(_ count: Int, from sample: Data) throws -> Data {
    guard var state = try JSONSerialization.jsonObject(with: sample) as? [String: Any],
          var exchange = state["exchange"] as? [String: Any], let now = exchange["now"] as? Int64 else {
        fatalError("GET /sim/state is not an object with an exchange")
    }
    func copies(_ name: String, id: String, time: String) -> [[String: Any]] {
        guard let template = (exchange[name] as? [[String: Any]])?.last else { fatalError("the sample has no \(name)") }
        return (0..<count).map { i in
            var row = template
            row[id] = 1_000_000_000 + i
            row[time] = now - Int64(count - 1 - i) * 60_000
            return row
        }
    }
    exchange["trades"] = copies("trades", id: "id", time: "time")
    exchange["loanRecords"] = copies("loanRecords", id: "txId", time: "timestamp")
    exchange["interestRecords"] = copies("interestRecords", id: "txId", time: "time")
    exchange["transferRecords"] = copies("transferRecords", id: "txId", time: "time")
    state["exchange"] = exchange
    return try JSONSerialization.data(withJSONObject: state)
}

/// The engine's own records: a market buy (a fill), a borrow (a loan and its first interest), a transfer.
func sampleRecords() async throws -> Data {
    let simulator = MarginSimulator(scenario: whale, clock: SystemClock())
    for (method, path, query) in [
        (HTTPMethod.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001"),
        (.post, "/sapi/v1/margin/borrow-repay", "asset=USDT&amount=100&type=BORROW&isIsolated=FALSE"),
        (.post, "/sapi/v1/margin/transfer", "asset=USDT&amount=5&type=1"),
    ] {
        let answer = await simulator.handle(try await signed(method, path, query, simulator))
        guard answer.status == 200 else { fatalError("\(path): \(String(decoding: answer.body, as: UTF8.self))") }
    }
    return await simulator.snapshot()
}

/// The history queries measured: a page of 10 rows (100 fills for myTrades) from the last day or week.
let historyQueries: [(name: String, path: String, query: String)] = [
    ("myTrades (limit 100, last day)", "/sapi/v1/margin/myTrades", "symbol=BTCUSDT&limit=100"),
    ("borrow-repay (last 7 days, page 1)", "/sapi/v1/margin/borrow-repay", "type=BORROW"),
    ("borrow-repay by txId", "/sapi/v1/margin/borrow-repay", "type=BORROW&txId=1000000500"),
    ("interestHistory (last 7 days, page 3)", "/sapi/v1/margin/interestHistory", "current=3"),
    ("margin transfer history (ROLL_IN, last 7 days)", "/sapi/v1/margin/transfer", "type=ROLL_IN"),
]

/// Microseconds per query of each of ``historyQueries`` (`rounds` signed requests each) on a state with `count` records.
func queryCosts(_ count: Int, sample: Data, rounds: Int) async throws -> [Double] {
    let simulator = try MarginSimulator(snapshot: try stateWithRecords(count, from: sample), scenario: whale, clock: SystemClock())
    var costs: [Double] = []
    for (name, path, query) in historyQueries {
        var requests: [TransportRequest] = []
        for _ in 0..<rounds { requests.append(try await signed(.get, path, query, simulator)) }
        let first = await simulator.handle(requests[0])
        guard first.status == 200, first.body.count > 2 else { fatalError("\(name): \(String(decoding: first.body, as: UTF8.self))") }
        let start = ContinuousClock.now
        for request in requests { _ = await simulator.handle(request) }
        costs.append(seconds(ContinuousClock.now - start) / Double(rounds) * 1e6)
    }
    return costs
}

/// Prints the cost of each history query with 1,000 and 100,000 records, and their ratio.
func measureQueries(rounds: Int = 2_000) async throws {
    let sample = try await sampleRecords()
    let small = try await queryCosts(1_000, sample: sample, rounds: rounds)
    let large = try await queryCosts(100_000, sample: sample, rounds: rounds)
    print("history queries (signed, through the simulator; µs per query, \(rounds) each):")
    for (index, query) in historyQueries.enumerated() {
        print(String(format: "  %-48@ 1k records %7.1f µs, 100k records %7.1f µs, ratio %.2f",
                     query.name as NSString, small[index], large[index], large[index] / small[index]))
    }
}
