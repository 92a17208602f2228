import BinanceMargin
import Foundation
@testable import MarginSim
import Testing

/// A corrupt or hostile simulator state (a `--state` file or a `GET /sim/state` copy) is refused at
/// load with ``ImplausibleState`` naming the field: never a trap, never a hang.
@Suite("Implausible simulator states")
struct ImplausibleStateTests {
    /// A valid state of a fresh simulator, as a mutable JSON object.
    static func validState(clock: ManualClock) async throws -> [String: Any] {
        let simulator = MarginSimulator(clock: clock)
        _ = await simulator.handle(TransportRequest(method: .post, path: "/sim/walk", body: "symbol=BTCUSDT&volatility=0.5"))
        let object = try JSONSerialization.jsonObject(with: await simulator.snapshot()) as? [String: Any]
        return try #require(object)
    }

    /// `state` with `value` written at `path` (keys from the top).
    static func setting(_ state: [String: Any], _ path: [String], _ value: Int64) -> [String: Any] {
        var copy = state
        guard let key = path.first else { return copy }
        if path.count == 1 { copy[key] = NSNumber(value: value); return copy }
        copy[key] = setting(copy[key] as? [String: Any] ?? [:], Array(path.dropFirst()), value)
        return copy
    }

    /// Hostile values for a time field, generated from a fixed seed around the dangerous places.
    static func hostileValues(now: Int64, count: Int) -> [Int64] {
        var generator = SplitMix64(seed: 0x5EED_0009)
        var values: [Int64] = [.max, .min, .max - 1, .min + 1, -1, 253_402_300_800_000]
        for _ in 0..<count {
            let jitter = Int64(bitPattern: generator.next() % 1_000_000_000)
            switch generator.next() % 4 {
            case 0: values.append(Int64.max - jitter)
            case 1: values.append(Int64.min + jitter)
            case 2: values.append(-1 - jitter)
            default: values.append(now - 400 * 86_400_000 - jitter)   // far in the past
            }
        }
        return values
    }

    @Test("hostile times, interest hours, walk steps and offsets in a snapshot are refused, naming the field")
    func hostileSnapshotsAreRefused() async throws {
        let clock = ManualClock()
        let state = try await Self.validState(clock: clock)
        let now = clock.nowMilliseconds()
        let walks = (state["exchange"] as? [String: Any])?["walks"] as? [String: Any]
        #expect(walks?["BTCUSDT"] != nil, "the walk was not started: \(state)")
        let fields: [([String], String)] = [
            (["exchange", "now"], "exchange.now"),
            (["exchange", "nextInterestHour"], "exchange.nextInterestHour"),
            (["exchange", "walks", "BTCUSDT", "lastStep"], "exchange.walks.BTCUSDT.lastStep"),
        ]
        for (path, name) in fields {
            for value in Self.hostileValues(now: now, count: 12) {
                let data = try JSONSerialization.data(withJSONObject: Self.setting(state, path, value))
                #expect(throws: ImplausibleState.self, "\(name) = \(value) was accepted") {
                    do { _ = try MarginSimulator(snapshot: data, clock: clock) } catch let error as ImplausibleState {
                        // A plausible but stale `now` is caught by the interest hour it no longer precedes.
                        let named = name == "exchange.now" && ServerTimeSync.plausible.contains(value) ? "exchange.nextInterestHour" : name
                        #expect(error.field == named)
                        #expect(error.description.contains(named))
                        throw error
                    }
                }
            }
        }
        // The untouched state still loads: the check refuses only what is wrong.
        _ = try MarginSimulator(snapshot: try JSONSerialization.data(withJSONObject: state), clock: clock)
    }

    @Test("a state file whose offset puts the clock out of range, or whose times are hostile, is refused at start")
    func hostileStateFilesAreRefused() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("marginsim-implausible-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("state.json")
        let clock = ManualClock()
        let state = try await Self.validState(clock: clock)
        let cases: [([String], Int64, String)] = [
            (["clockOffset"], Int64.max - 5, "clockOffset"),
            (["clockOffset"], Int64.min + 5, "clockOffset"),
            (["clockOffset"], 9_000 * 365 * 86_400_000, "clockOffset"),   // catch up for millennia: a hang
            (["exchange", "now"], Int64.max - 1000, "exchange.now"),
            (["exchange", "nextInterestHour"], 0, "exchange.nextInterestHour"),
            (["exchange", "nextOrderId"], Int64.max, "exchange.nextOrderId"),
        ]
        for (path, value, name) in cases {
            try JSONSerialization.data(withJSONObject: Self.setting(state, path, value)).write(to: file)
            #expect(throws: ImplausibleState.self, "\(name) = \(value) was accepted") {
                do { _ = try MarginSimulator(stateFile: file, clock: clock) } catch let error as ImplausibleState {
                    #expect(error.field == name)
                    throw error
                }
            }
        }
        try JSONSerialization.data(withJSONObject: state).write(to: file)
        _ = try MarginSimulator(stateFile: file, clock: clock)
    }

    @Test("a simulator whose clock sits at the end of Int64 answers signed requests without trapping")
    func timeAtTheEndOfInt64DoesNotTrap() async throws {
        for start in [Int64.max, Int64.max - 999, Int64.max - 60_000] {
            let clock = ManualClock(start: start)
            let harness = Harness(clock: clock)
            for timestamp in [Int64(0), start, 9_999_999_999_999] {
                let response = await harness.simulator.handle(
                    await harness.signed(.get, "/sapi/v1/margin/account", "", timestamp: timestamp))
                #expect(response.status != 0)
            }
            _ = await harness.simulator.handle(TransportRequest(method: .get, path: "/api/v3/time"))
        }
    }
}

