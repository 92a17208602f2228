import BinanceMargin
import Foundation
@testable import Mops
import Synchronization
import Testing

/// Timestamps in exchange answers are decoded unchecked: `show` formats every `Int64`, never traps.
@Suite("Hostile timestamps in exchange answers")
struct HostileTimestampTests {
    @Test("the time formatter is total at the ends of Int64 and floors negative milliseconds")
    func extremes() {
        #expect(Evaluator.time(0) == "1970-01-01 00:00:00")
        #expect(Evaluator.time(-1) == "1969-12-31 23:59:59")
        #expect(Evaluator.time(-1000) == "1969-12-31 23:59:59")
        #expect(Evaluator.time(-1001) == "1969-12-31 23:59:58")
        #expect(Evaluator.time(-86_400_000) == "1969-12-31 00:00:00")
        #expect(Evaluator.time(-86_400_001) == "1969-12-30 23:59:59")
        // Every value where `(ms - 999) / 1000` overflowed, and the top end.
        for ms in (0...998).map({ Int64.min + $0 }) + [Int64.max, Int64.max - 1] {
            #expect(!Evaluator.time(ms).isEmpty)
        }
        #expect(Evaluator.time(Int64.max) == "292278994-08-17 07:12:55")
        #expect(Evaluator.time(Int64.min) == "-292275055-05-16 16:47:04")
    }

    @Test("seeded random timestamps format as Foundation's UTC calendar does")
    func matchesFoundation() {
        var rng = SplitMix64(seed: 0x71AE)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for _ in 0..<2000 {
            // Years 1600…9999 (Foundation switches to the Julian calendar before 1582).
            let ms = Int64(rng.next(upTo: 253_402_300_800_000 + 11_676_096_000_000)) - 11_676_096_000_000
            let seconds = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000)
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second],
                                            from: Date(timeIntervalSince1970: TimeInterval(seconds)))
            let expected = String(format: "%d-%02d-%02d %02d:%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
            #expect(Evaluator.time(ms) == expected, "ms \(ms)")
        }
    }

    @Test("`show orders` and `show history borrow` with Int64.min timestamps in the answer print, not crash")
    func showWithHostileAnswers() async throws {
        let (interpreter, output) = try middlewareRig { request, send in
            var answer = try await send(request)
            guard request.method == .get, request.path == "/sapi/v1/margin/openOrders" || request.path == "/sapi/v1/margin/borrow-repay",
                  let text = String(data: answer.body, encoding: .utf8) else { return answer }
            let hostile = text.replacingOccurrences(of: #""(time|timestamp)":\d+"#, with: #""$1":-9223372036854775808"#,
                                                    options: .regularExpression)
            answer.body = Data(hostile.utf8)
            return answer
        }
        let outcome = await interpreter.run(Source(name: "t.mops", text: """
            buy 0.001 BTCUSDT limit 50000
            borrow 10 USDT
            show orders
            show history borrow
            """))
        #expect(outcome.status == .ok, "\(outcome.diagnostics)")
        #expect(output.all.filter { $0.contains("-292275055-05-16 16:47:04") }.count == 2, "\(output.all)")
    }
}
