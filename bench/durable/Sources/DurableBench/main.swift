// The durable-state benchmark: order+cancel write rates of a simulator with a state file (snapshot +
// journal, group commit) beside the same simulator in memory, after a short and a long history;
// start-up time and resident memory with the long history. Everything runs in one process, in
// release, on the real request path (signed requests through `MarginSimulator.handle`).
//
// Usage: DurableBench [longHistory=100000] [pairs=300] [concurrency=16]
//        DurableBench open FILE   (run by the benchmark in a fresh process: start-up seconds and resident growth)
import BinanceMargin
import Foundation
import MarginSim

if CommandLine.arguments.count == 3, CommandLine.arguments[1] == "open" {
    // A fresh process opening a state file, as `mops sim serve --state FILE` does.
    let before = residentBytes()
    let start = ContinuousClock.now
    let simulator = try MarginSimulator(stateFile: URL(fileURLWithPath: CommandLine.arguments[2]), clock: SystemClock())
    let opened = seconds(ContinuousClock.now - start)
    print(opened, residentBytes() - before)
    withExtendedLifetime(simulator) {}
    exit(0)
}

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let longHistory = arguments.count > 0 ? arguments[0] : 100_000
let pairs = arguments.count > 1 ? arguments[1] : 300
let concurrency = arguments.count > 2 ? arguments[2] : 16
let credentials = try Credentials.hmac(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret)
/// The whale scenario without weight limits: a benchmark measures the simulator, not Binance's per-minute limits.
let whale: Scenario = {
    var scenario = Scenario.named("whale")!
    scenario.enforceWeightLimits = false
    return scenario
}()

/// A signed request as a client sends it (parameters in the query).
func signed(_ method: HTTPMethod, _ path: String, _ query: String, _ simulator: MarginSimulator) async throws -> TransportRequest {
    let q = query + "&timestamp=\(await simulator.now())"
    return TransportRequest(method: method, path: path, query: q + "&signature=" + (try credentials.signature(for: q)),
                            headers: [("X-MBX-APIKEY", DemoCredentials.apiKey)])
}

/// Places a resting limit buy far below the market and cancels it: two acknowledged writes.
func orderAndCancel(_ simulator: MarginSimulator, _ id: String) async throws {
    let place = try await signed(.post, "/sapi/v1/margin/order",
                                 "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001&price=10000&newClientOrderId=\(id)", simulator)
    let placed = await simulator.handle(place)
    guard placed.status == 200 else { fatalError("order: \(placed.status) \(String(decoding: placed.body, as: UTF8.self))") }
    let cancel = try await signed(.delete, "/sapi/v1/margin/order", "symbol=BTCUSDT&origClientOrderId=\(id)", simulator)
    let cancelled = await simulator.handle(cancel)
    guard cancelled.status == 200 else { fatalError("cancel: \(cancelled.status)") }
}

/// A state (the JSON of GET /sim/state) with `orders` placed and cancelled, built in memory.
func history(_ orders: Int) async throws -> Data {
    let simulator = MarginSimulator(scenario: whale, clock: SystemClock())
    for i in 0..<orders { try await orderAndCancel(simulator, "h\(i)") }
    return await simulator.snapshot()
}

/// Writes per second of `pairs` order+cancel pairs: one client after another, or `clients` at once.
func writeRate(_ simulator: MarginSimulator, clients: Int, tag: String) async throws -> Double {
    let start = ContinuousClock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
        for c in 0..<clients {
            group.addTask { for i in 0..<(pairs / clients) { try await orderAndCancel(simulator, "\(tag)c\(c)i\(i)") } }
        }
        try await group.waitForAll()
    }
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return Double(2 * (pairs / clients) * clients) / seconds
}

/// Resident memory of this process in bytes (Linux /proc; 0 elsewhere).
func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
          let pages = Int(text.split(separator: " ")[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

if CommandLine.arguments.count == 5, CommandLine.arguments[1] == "prepare",
   let orders = Int(CommandLine.arguments[3]), let pairs = Int(CommandLine.arguments[4]) {
    // A state file with `orders` in its history and a journal of `pairs` order+cancel pairs after it (for profiling).
    let file = URL(fileURLWithPath: CommandLine.arguments[2])
    try await history(orders).write(to: file)
    let simulator = try MarginSimulator(stateFile: file, scenario: whale, clock: SystemClock(), journalCompactionBytes: 1 << 40)
    try await withThrowingTaskGroup(of: Void.self) { group in
        for c in 0..<16 { group.addTask { for i in 0..<(pairs / 16) { try await orderAndCancel(simulator, "pc\(c)i\(i)") } } }
        try await group.waitForAll()
    }
    exit(0)
}

/// Opens `file` in a fresh process of this benchmark: (seconds, resident bytes added).
func openInFreshProcess(_ file: URL) throws -> (Double, Int) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    process.arguments = ["open", file.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let fields = output.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    guard process.terminationStatus == 0, fields.count == 2, let time = Double(fields[0]), let bytes = Int(fields[1]) else {
        fatalError("opening \(file.path) in a fresh process failed: \(output)")
    }
    return (time, bytes)
}

/// The size of the file at `url` in bytes (0 when absent).
func fileSize(_ url: URL) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int) ?? 0
}

let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mops-durable-bench-\(getpid())")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }
print("# mops durable-state benchmark, \(ISO8601DateFormatter().string(from: Date())), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(pairs) order+cancel pairs per rate")

var rates: [String: Double] = [:]
var longState = Data()
for orders in [200, longHistory] {
    let buildStart = ContinuousClock.now
    let state = try await history(orders)
    let built = seconds(ContinuousClock.now - buildStart)
    let file = directory.appendingPathComponent("state-\(orders).json")
    try state.write(to: file)
    if orders == longHistory { longState = state }
    // The first open rewrites the JSON of GET /sim/state (an earlier version's format) as a snapshot.
    let (migrated, _) = try openInFreshProcess(file)
    let (opened, memory) = try openInFreshProcess(file)
    let snapshotBytes = fileSize(file)
    var durable: MarginSimulator? = try MarginSimulator(stateFile: file, scenario: whale, clock: SystemClock())
    let inMemory = try MarginSimulator(snapshot: state, scenario: whale, clock: SystemClock())
    let d1 = try await writeRate(durable!, clients: 1, tag: "d1")
    let m1 = try await writeRate(inMemory, clients: 1, tag: "m1")
    let dN = try await writeRate(durable!, clients: concurrency, tag: "dn")
    let mN = try await writeRate(inMemory, clients: concurrency, tag: "mn")
    rates["\(orders)"] = d1
    rates["\(orders)-concurrent"] = dN
    print(String(format: "history %7d orders: JSON %6.1f MB (built in %.1f s), snapshot %6.1f MB; first open (rewrites the JSON) %.3f s", orders,
                 Double(state.count) / 1e6, built, Double(snapshotBytes) / 1e6, migrated))
    print(String(format: "  start-up from the snapshot (fresh process): %.3f s, resident +%.1f MB", opened, Double(memory) / 1e6))
    print(String(format: "  1 client:  durable %7.0f writes/s, in memory %7.0f writes/s, durable/in-memory %.2f", d1, m1, d1 / m1))
    print(String(format: "  %2d clients: durable %7.0f writes/s, in memory %7.0f writes/s, durable/in-memory %.2f", concurrency, dN, mN, dN / mN))
    // Start-up with the journal of those writes (a compaction may have folded some into the snapshot).
    durable = nil
    let journalBytes = (0..<64).map { fileSize(URL(fileURLWithPath: file.path + ".journal-\($0)")) }.reduce(0, +)
    let (restarted, _) = try openInFreshProcess(file)
    print(String(format: "  restart with the journal of those writes (%.1f MB of journal): %.3f s", Double(journalBytes) / 1e6, restarted))
}
if let short = rates["200"], let long = rates["\(longHistory)"], let shortN = rates["200-concurrent"], let longN = rates["\(longHistory)-concurrent"] {
    print(String(format: "ratio durable writes/s after %d orders vs after 200: 1 client %.2f, %d clients %.2f",
                 longHistory, long / short, concurrency, longN / shortN))
}
try await measureLongestJournal(longState)
try await measureQueries()

/// Start-up with the longest journal a state keeps: the long history's snapshot followed by order+cancel
/// records (16 clients) until the journal reaches the compaction threshold (1/8 of the snapshot), compaction
/// held off, then opened in a fresh process.
func measureLongestJournal(_ state: Data) async throws {
    let file = directory.appendingPathComponent("state-longest-journal.json")
    try state.write(to: file)
    _ = try openInFreshProcess(file)   // rewrites the JSON as a snapshot
    let threshold = fileSize(file) / 8
    let journal = URL(fileURLWithPath: file.path + ".journal-0")
    var simulator: MarginSimulator? = try MarginSimulator(stateFile: file, scenario: whale, clock: SystemClock(), journalCompactionBytes: 1 << 40)
    var batches = 0, records = 0
    while batches < 200 {   // bounded: ~2.6 MB of journal is reached after ~30 batches
        batches += 1
        let target = simulator!, batch = batches
        try await withThrowingTaskGroup(of: Void.self) { group in
            for c in 0..<16 { group.addTask { for i in 0..<20 { try await orderAndCancel(target, "lj\(batch)c\(c)i\(i)") } } }
            try await group.waitForAll()
        }
        records += 16 * 20 * 2
        if writtenJournalBytes(journal) >= threshold { break }
    }
    simulator = nil
    let (opened, memory) = try openInFreshProcess(file)
    print(String(format: "start-up with the longest journal (%d records, %.1f MB, compaction threshold %.1f MB): %.3f s, resident +%.1f MB",
                 records, Double(writtenJournalBytes(journal)) / 1e6, Double(threshold) / 1e6, opened, Double(memory) / 1e6))
}

/// The length of the journal's records: its file without the zero-filled space the journal keeps ahead.
func writtenJournalBytes(_ url: URL) -> Int {
    guard let data = try? Data(contentsOf: url) else { return 0 }
    return (data.lastIndex { $0 != 0 } ?? -1) + 1
}
