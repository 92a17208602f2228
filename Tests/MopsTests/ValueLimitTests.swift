import BinanceMargin
import Foundation
@testable import Mops
import Testing

/// Lists and strings stop growing at ``Limits``: every operation that builds one reports a
/// located runtime error instead of eating the machine.
@Suite("Value size limits")
struct ValueLimitTests {
    func run(_ text: String, configure: (inout Interpreter.Configuration) -> Void = { _ in }) async -> (RunOutcome, [String]) {
        let output = Captured()
        var configuration = Interpreter.Configuration(output: output.sink, stepLimit: 10_000)
        configure(&configuration)
        let outcome = await Interpreter(configuration: configuration).run(Source(name: "grow.mops", text: text))
        return (outcome, output.all)
    }

    @Test("each way of growing a value stops with the limit's error on the line that grew it", arguments: [
        ("let l = [0]\nwhile true { l = l + l }", "list too long: more than the limit of 1000000 elements"),
        ("let l = [0]\nwhile true { l = [l, l] }", "list too long: more than the limit of 1000000 elements"),
        ("let l = [0]\nwhile true { l = [l] }", "lists nested too deeply: limit 100"),
        ("let s = \"ab\"\nwhile true { s = s + s }", "string too long: 33554432 bytes"),
        ("let s = \"ab\"\nwhile true { s = \"{s}{s}\" }", "string too long:"),
        ("let s = \"ab\"\nwhile true { s = str(s) + s }", "string too long:"),
        ("let s = [\"ab\"]\nwhile true { s = s + s }", "list too long:"),
    ])
    func growth(_ text: String, _ message: String) async {
        let (outcome, _) = await run(text)
        #expect(outcome.status == .runtimeError)
        #expect(outcome.exitCode == 70)
        #expect(outcome.diagnostics.count == 1)
        #expect(outcome.diagnostics.first?.message.hasPrefix(message) == true, "\(outcome.diagnostics)")
        #expect(outcome.diagnostics.first?.range?.start.line == 2)
        #expect(outcome.steps < 300)
    }

    @Test("printing, interpolating or str() of a value whose text passes 16 MiB fails, however the list is shared")
    func hugeText() async {
        // 2^19 elements, each a 64-byte string shared by all: small in memory, 33 MB as text.
        let build = "let l = [\"\(String(repeating: "x", count: 64))\"]\nlet i = 0\nwhile i < 19 { l = l + l; i = i + 1 }\n"
        for (use, message) in [("print l", "the text of this value is too long"), ("let t = \"{l}\"", "the text of this value is too long"),
                               ("let t = str(l)", "string too long"), ("let t = \"\" + l", "the text of this value is too long")] {
            let (outcome, output) = await run(build + use)
            #expect(outcome.status == .runtimeError, "\(use)")
            #expect(output.isEmpty)
            #expect(outcome.diagnostics.first?.message.hasPrefix(message) == true, "\(use): \(outcome.diagnostics)")
            #expect(outcome.diagnostics.first?.range?.start.line == 4)
        }
        let (ok, output) = await run(build + "print len(l), len(l[0])")
        #expect(ok.status == .ok)
        #expect(output == ["524288 64"])
    }

    @Test("a host function's result and a host's inputs are held to the same limits")
    func hostValues() async throws {
        let huge = Builtin.host("huge", arity: 0, summary: "Returns too long a list.") { _ in
            .list(Array(repeating: .number(1), count: Limits.listElements + 1))
        }
        let (outcome, _) = await run("let x = 1\nlet h = huge()", configure: { $0.hostFunctions = [huge] })
        #expect(outcome.status == .runtimeError)
        #expect(outcome.diagnostics.first?.message.hasPrefix("list too long") == true)
        #expect(outcome.diagnostics.first?.range?.start.line == 2)

        let interpreter = Interpreter()
        let program = try await interpreter.compile(Source(name: "in.mops", text: "print len(x)"), inputs: ["x"]).get()
        let tooLong = await interpreter.run(program, inputs: ["x": .string(String(repeating: "y", count: Limits.stringBytes + 1))])
        #expect(tooLong.status == .runtimeError)
        #expect(tooLong.diagnostics.first?.message.hasPrefix("variable 'x': string too long") == true)
        #expect(tooLong.steps == 0)
    }

    @Test("the size walk needs no recursion: a deep host value is refused, not a crash")
    func deepHostValue() {
        var value = Value.number(1)
        for _ in 0..<300 { value = .list([value]) }
        #expect(ValueSize.problem(in: value) == .nestedTooDeeply)
        #expect(value.text() == nil)
        #expect(value.excerpt.count <= 60)
        var fine = Value.number(1)
        for _ in 0..<(Limits.nesting - 1) { fine = .list([fine]) }
        #expect(ValueSize.problem(in: fine) == nil)
    }

    @Test("bounded text is exactly the description for generated values within the limits")
    func textMatchesDescription() {
        var random = SplitMix64(seed: 0x5EED_7E47)
        func value(_ depth: Int) -> Value {
            switch random.next(upTo: depth > 4 ? 5 : 8) {
            case 0: return .number(Number(Int(random.next(upTo: 100_000)) - 50_000))
            case 1: return .string(String(repeating: "ab\"c", count: Int(random.next(upTo: 4))))
            case 2: return .bool(random.next(upTo: 2) == 0)
            case 3: return .duration(Int64(random.next(upTo: 90_000_000)))
            case 4: return .none
            case 5: return .code("BTCUSDT")
            case 6: return .record(Record(kind: "order", fields: [("id", value(depth + 1)), ("side", .string("BUY"))]))
            default: return .list((0..<Int(random.next(upTo: 4))).map { _ in value(depth + 1) })
            }
        }
        for _ in 0..<500 {
            let v = value(0)
            #expect(v.text(limit: .max) == v.description)
            if let bounded = v.text(limit: 20) { #expect(bounded.utf8.count <= 20 && bounded == v.description) }
        }
    }
}
