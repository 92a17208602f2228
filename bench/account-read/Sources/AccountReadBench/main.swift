// Measures one in-process account read end to end — the script's statement, MarginClient (signing,
// the request), InProcessTransport, the simulator's REST handler and engine, the JSON answer and the
// client's decoding — and a stand-in for one replayed minute (`sim price` + a `marginLevel` read).
// Uses only API that mops had at d68f0d7, so bench/account-read.sh can build it against that commit
// too and compare in the same run. Prints one `name value unit` line per figure.
import BinanceMargin
import Foundation
import MarginSim
import Mops

func seconds(_ d: Swift.Duration) -> Double {
    let c = d.components
    return Double(c.seconds) + Double(c.attoseconds) / 1e18
}

/// CPU time of the whole process, s: on a machine shared with other builds, the figure that
/// does not count the time other processes held the cores.
func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// Wall and CPU seconds of the fastest (by wall time) of several runs.
struct Timing {
    var wall = Double.infinity, cpu = Double.infinity
    mutating func keep(wall w: Double, cpu c: Double) {
        if w < wall { wall = w }
        if c < cpu { cpu = c }
    }
}

/// A fresh simulator without weight limits (a year of minutes far exceeds 12,000 weight per real minute)
/// and a client signing with the demo HMAC key, as the embedded default does.
func makeClient() throws -> MarginClient {
    var scenario = Scenario.default
    scenario.enforceWeightLimits = false
    let simulator = MarginSimulator(scenario: scenario)
    return try MarginClient(transport: InProcessTransport(simulator: simulator),
                            credentials: try .hmac(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret))
}

/// The fastest of `runs` runs of `text` on a fresh simulator each.
func bestRun(_ text: String, runs: Int) async throws -> Timing {
    var fastest = Timing()
    for _ in 0..<runs {
        let client = try makeClient()
        let interpreter = Interpreter(configuration: .init(backend: .connected(to: client, name: "bench")))
        let program = try await interpreter.compile(Source(name: "bench.mops", text: text)).get()
        let start = ContinuousClock.now, startCPU = cpuSeconds()
        let outcome = await interpreter.run(program)
        let elapsed = seconds(ContinuousClock.now - start), cpu = cpuSeconds() - startCPU
        guard outcome.status == .ok else { fatalError("bench script failed: \(outcome.diagnostics)") }
        fastest.keep(wall: elapsed, cpu: cpu)
    }
    return fastest
}

let arguments = CommandLine.arguments.dropFirst()
let n = Int(arguments.first ?? "") ?? 20_000
let runs = Int(arguments.dropFirst().first ?? "") ?? 3
let label = ProcessInfo.processInfo.environment["BENCH_LABEL"] ?? "current"

// 1. The client alone: N × crossAccount() (signing, transport, handler, engine, answer, decoding).
var clientBest = Timing()
for _ in 0..<runs {
    let client = try makeClient()
    var sink = Number.zero
    let start = ContinuousClock.now, startCPU = cpuSeconds()
    for _ in 0..<n { sink = try await client.crossAccount().marginLevel }
    clientBest.keep(wall: seconds(ContinuousClock.now - start), cpu: cpuSeconds() - startCPU)
    precondition(sink > .zero)
}

// 2. The language: N × `let x = marginLevel` (plus the loop's own two statements).
let reads = try await bestRun("""
let i = 0
while i < \(n) {
    let x = marginLevel
    i = i + 1
}
""", runs: runs)

// 3. The loop alone, to show what the language's statements cost around the read.
let loopOnly = try await bestRun("""
let i = 0
while i < \(n) {
    let x = 1
    i = i + 1
}
""", runs: runs)

// 4. A stand-in for one replayed minute: a price step through `sim price` (50000 + i), then a `marginLevel` read.
let minutes = try await bestRun("""
let i = 0
while i < \(n) {
    sim price BTCUSDT 50000 + i
    let x = marginLevel
    i = i + 1
}
""", runs: runs)

func line(_ name: String, _ t: Timing) {
    print(String(format: "%@ %@ %.2f µs wall %.2f µs cpu (%d in %.3f s)", label, name, t.wall * 1e6 / Double(n),
                 t.cpu * 1e6 / Double(n), n, t.wall))
}
line("client_account_read", clientBest)
line("script_account_read", reads)
line("script_loop_only", loopOnly)
line("script_minute_standin", minutes)
