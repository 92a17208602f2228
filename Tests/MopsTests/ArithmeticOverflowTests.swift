import BinanceMargin
import Foundation
import Mops
import Testing

/// Arithmetic at the edge of the 38-digit range in scripts: a located diagnostic, never a trap —
/// in the tokenizer, the checker's constant folding and the evaluator alike.
@Suite("Arithmetic overflow in scripts")
struct ArithmeticOverflowTests {
    /// The crash of issue 9: this line killed `mops check`, `mops run`, the REPL and every embedder's compile.
    @Test("a huge percentage checks, compiles and runs")
    func hugePercentage() async throws {
        let source = Source(name: "pct.mops", text: "print 20000000000000000000000%")
        let output = Captured()
        let interpreter = pureInterpreter(output)
        #expect(await interpreter.check(source).isEmpty)
        _ = try await interpreter.compile(source).get()
        let outcome = await interpreter.run(source)
        #expect(outcome.status == .ok, "\(outcome.diagnostics)")
        #expect(output.all == ["200000000000000000000"])
    }

    @Test("an overflowing operation is a runtime diagnostic naming it, under the expression")
    func overflowIsLocated() async {
        let output = Captured()
        let text = "let big = 99999999999999999999999999999999999999\nprint big * 10"
        let outcome = await pureInterpreter(output).run(Source(name: "o.mops", text: text))
        #expect(outcome.status == .runtimeError)
        let d = outcome.diagnostics.first
        #expect(d?.message == "arithmetic overflow: 99999999999999999999999999999999999999 * 10 does not fit in 38 digits")
        #expect(d?.range?.start.line == 2 && d?.range?.start.column == 7)
        #expect(d?.phase == .runtime)
    }

    @Test("literals past the range are compile errors: 39 digits, a duration past 64-bit milliseconds")
    func literals() async {
        let interpreter = pureInterpreter(Captured())
        let digits = await interpreter.check(Source(name: "d.mops", text: "print 1000000000000000000000000000000000000000"))
        #expect(digits.first?.message.contains("at most 38 digits") == true)
        let duration = await interpreter.check(Source(name: "e.mops", text: "every 99999999999999d { print 1 }"))
        #expect(duration.first?.message.contains("is too long") == true, "\(duration)")
        #expect(duration.first?.range?.start.column == 7)
    }

    @Test("durations past Int64 at run time are diagnostics; a huge `every` interval stops with an error, not a trap")
    func durations() async throws {
        let output = Captured()
        let pure = pureInterpreter(output)
        for text in ["print 106751991167d * 2", "print 106751991167d + 106751991167d", "print -106751991167d - 106751991167d", "print 106751991167d / 0.5"] {
            let outcome = await pure.run(Source(name: "t.mops", text: text))
            #expect(outcome.status == .runtimeError, "\(text)")
            #expect(outcome.diagnostics.first?.message.contains("overflow") == true, "\(text): \(outcome.diagnostics)")
        }
        // The next tick of a 292-million-year interval is past Int64: the simulator refuses the wait.
        let rig = try Rig()
        let outcome = await rig.run("every 106751991167d times 2 { print \"tick\" }")
        #expect(outcome.status == .runtimeError, "\(outcome.diagnostics)")
        #expect(rig.output.all == ["tick"])
    }

    /// Seeded random operands near the edge with every operator: each run succeeds or ends in an
    /// `arithmetic overflow` / `division by zero` diagnostic on line 1.
    @Test("generated operations near the edge always give a value or a located diagnostic")
    func generated() async {
        var random = SplitMix64(seed: 0x5C_2197)
        func next() -> UInt64 { random.next() }
        func operand() -> String {
            let digits = 1 + Int(next() % 38)
            var text = String((0..<digits).map { _ in Character(String(next() % 10)) })
            let point = Int(next() % UInt64(digits + 1))
            if point > 0 && point < digits { text.insert(".", at: text.index(text.startIndex, offsetBy: point)) }
            return (next() % 2 == 0 ? "" : "-") + text + (next() % 5 == 0 ? "%" : "")
        }
        let pure = pureInterpreter(Captured())
        for _ in 0..<300 {
            let op = ["+", "-", "*", "/"][Int(next() % 4)]
            let text = "print (\(operand())) \(op) (\(operand()))"
            let outcome = await pure.run(Source(name: "g.mops", text: text))
            if outcome.status != .ok {
                let d = outcome.diagnostics.first
                #expect(d?.phase == .runtime, "\(text): \(outcome.diagnostics)")
                #expect(d?.message.hasPrefix("arithmetic overflow:") == true || d?.message == "division by zero", "\(text): \(d?.message ?? "")")
                #expect(d?.range?.start.line == 1)
            }
        }
    }
}
