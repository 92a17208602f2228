import BinanceMargin
import MarginSim
import Mops
import Synchronization
import Testing

/// During a replay the simulator's time moves only with `/sim/*` controls, so `every` needs no clock read per tick:
/// the ticks land on the same grid, with the same values, and a body that moves the clock itself is seen.
@Suite("The simulator clock during a replay")
struct ReplayClockTests {
    /// Runs `script` on a replay of `minutes` one-minute candles; its output and how often each path was requested.
    static func run(_ script: String, minutes: Int) async throws -> (output: [String], requests: [String: Int]) {
        let paths = Mutex<[String: Int]>([:])
        let rig = try Rig(observing: { event in
            if case .sent(let request) = event { paths.withLock { $0[request.path, default: 0] += 1 } }
        })
        try await rig.simulator.startReplay(try Spec.series("BTCUSDT 40000 -10 \(minutes)"))
        let outcome = await rig.run(script)
        #expect(outcome.status == .ok, "\(outcome.diagnostics)")
        return (rig.output.all, paths.withLock { $0 })
    }

    @Test("every 1m on a replay reads the time a fixed number of times, not once per tick, and ticks on the minute grid")
    func everyReadsTheTimeOnce() async throws {
        var timeReads: [Int] = []
        for ticks in [10, 20] {
            let (output, requests) = try await Self.run("""
            every 1m times \(ticks) {
                print now, price(BTCUSDT)
            }
            """, minutes: 30)
            let start: Int64 = 1_709_251_200_000
            #expect(output == (0..<ticks).map { "\(start + Int64($0) * 60_000) \(40000 - 10 * $0)" })
            #expect(requests["/sim/clock"] == ticks - 1)
            timeReads.append(requests["/api/v3/time"] ?? 0)
        }
        // The run's own reads (its start, the liquidation watch's checks), the same for 10 ticks as for 20.
        #expect(timeReads[0] == timeReads[1] && timeReads[0] < 10, "\(timeReads)")
    }

    @Test("a body that moves the clock itself (sim advance, wait) makes the next tick read the time again")
    func aBodyThatMovesTheClockIsSeen() async throws {
        let (output, requests) = try await Self.run("""
        let n = 0
        every 1m times 6 {
            print now
            n = n + 1
            if n == 2 {
                sim advance 150s
            }
            if n == 4 {
                wait 30s
            }
        }
        """, minutes: 30)
        let start: Int64 = 1_709_251_200_000, m: Int64 = 60_000
        // Tick 2 advanced 2.5 minutes: the ticks at minutes 2 and 3 had passed and are skipped (never queued).
        #expect(output == [start, start + m, start + 4 * m, start + 5 * m, start + 6 * m, start + 7 * m].map { "\($0)" })
        #expect((requests["/api/v3/time"] ?? 0) >= 1, "\(requests)")
    }
}
