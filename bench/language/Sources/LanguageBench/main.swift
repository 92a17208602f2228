// Measures the mops language: parse MB/s on a large generated script, pure arithmetic
// statements/s, and statements/s against the in-process simulator. Prints one `name value unit` line each.
import BinanceMargin
import Foundation
import MarginSim
import Mops

func seconds(_ d: Swift.Duration) -> Double {
    let c = d.components
    return Double(c.seconds) + Double(c.attoseconds) / 1e18
}

func best<T>(of runs: Int, _ body: () async throws -> T) async rethrows -> (Swift.Duration, T) {
    var fastest: Swift.Duration? = nil
    var last: T? = nil
    for _ in 0..<runs {
        let start = ContinuousClock.now
        let value = try await body()
        let elapsed = ContinuousClock.now - start
        if fastest == nil || elapsed < fastest! { fastest = elapsed }
        last = value
    }
    return (fastest!, last!)
}

let arithmeticIterations = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 1_000_000

// 1. Parse (tokenize + parse) and check a large generated script.
let unit = """
# rebalance block
let floor_level = 1.5
if marginLevel < floor_level and debt(USDT) > 0 {
    repay min(500, debt(USDT)) USDT
    print "repaid; level {round(marginLevel, 3)}"
} else if free(USDT) > 1_000 {
    buy 0.01 BTCUSDT limit floor(price(BTCUSDT) * 0.99, 0.01) gtc autoborrow id "ladder-1"
}
for o in openOrders(BTCUSDT) { if o.price < 50000 { cancel o } }
borrow 100 USDT isolated BTCUSDT
transfer 250.5 USDT from margin to isolated BTCUSDT
wait until price(BTCUSDT) < 59000 timeout 10m
every 30s times 3 { print "tick {now}" }

"""
var script = ""
while script.utf8.count < 8_000_000 { script += unit.replacingOccurrences(of: "floor_level = 1.5", with: "floor_level = 1.5") }
let megabytes = Double(script.utf8.count) / 1_000_000
let source = Source(name: "big.mops", text: script)
let (parseTime, parsed) = await best(of: 3) { Interpreter.parse(source) }
precondition(parsed.1.isEmpty, "generated script has errors: \(parsed.1.first!)")
print(String(format: "parse_mb_per_s %.1f MB/s (%.1f MB in %.3f s)", megabytes / seconds(parseTime), megabytes, seconds(parseTime)))

let interpreter = Interpreter()

// 2. Pure arithmetic loop: 3 statements per iteration (the condition, two assignments).
let loop = """
let i = 0
let s = 0
while i < \(arithmeticIterations) {
    s = s + i * 0.5
    i = i + 1
}
"""
let program = try await interpreter.compile(Source(name: "loop.mops", text: loop)).get()
let (loopTime, outcome) = await best(of: 3) { await interpreter.run(program) }
precondition(outcome.status == .ok, "\(outcome.diagnostics)")
let steps = Double(outcome.steps)
print(String(format: "arithmetic_statements_per_s %.0f statements/s (%.1f ns/statement, %.1f ns/iteration, %d iterations)",
             steps / seconds(loopTime), seconds(loopTime) * 1e9 / steps, seconds(loopTime) * 1e9 / Double(arithmeticIterations),
             arithmeticIterations))

// 3. Statements against the in-process simulator: each iteration reads the account once (one
// signed GET through the whole client and REST handler). A fresh simulator per run keeps the
// request weight under the simulated 12,000-per-minute limit.
let simIterations = 1_000
let simLoop = """
let i = 0
let total = 0
while i < \(simIterations) {
    total = total + free(USDT)
    i = i + 1
}
"""
let (simTime, simOutcome) = try await best(of: 3) { () async throws -> RunOutcome in
    let simulator = MarginSimulator()
    let client = try MarginClient(transport: InProcessTransport(simulator: simulator),
                                  credentials: try .hmac(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret))
    let simInterpreter = Interpreter(configuration: .init(backend: .connected(to: client, name: "bench")))
    return await simInterpreter.run(Source(name: "sim.mops", text: simLoop))
}
guard simOutcome.status == .ok else { fatalError("simulator loop failed: \(simOutcome.diagnostics)") }
print(String(format: "simulator_statements_per_s %.0f statements/s (%.1f µs/iteration with one account read)",
             Double(simOutcome.steps) / seconds(simTime), seconds(simTime) * 1e6 / Double(simIterations)))
