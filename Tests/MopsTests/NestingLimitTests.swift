import BinanceMargin
import Foundation
import MarginSim
@testable import Mops
import Testing

/// Deeply nested input: the parser refuses more than ``Limits/nesting`` levels with one located
/// diagnostic, and everything it accepts checks and runs within a small thread stack.
@Suite("Nesting limit")
struct NestingLimitTests {
    static let limit = Limits.nesting

    /// One way of nesting: the script with `levels` levels, and where the error for one level too
    /// many is (line, column), as a function of the limit.
    struct Shape: CustomTestStringConvertible, Sendable {
        let name: String
        let script: @Sendable (Int) -> String
        let errorAt: @Sendable (Int) -> (line: Int, column: Int)
        var testDescription: String { name }
    }

    static func repeated(_ s: String, _ n: Int) -> String { String(repeating: s, count: max(0, n)) }

    static let shapes: [Shape] = [
        Shape(name: "parentheses", script: { "print " + repeated("(", $0 - 1) + "1" + repeated(")", $0 - 1) },
              errorAt: { (1, 6 + $0) }),
        Shape(name: "unary minus", script: { "print " + repeated("-", $0 - 1) + "1" }, errorAt: { (1, 6 + $0) }),
        Shape(name: "not", script: { "print " + repeated("not ", $0 - 1) + "true" }, errorAt: { (1, 7 + 4 * ($0 - 1)) }),
        Shape(name: "left-leaning sum", script: { "print 1" + repeated("+1", $0 - 1) }, errorAt: { (1, 8 + 2 * ($0 - 1)) }),
        Shape(name: "product", script: { "print 2" + repeated("*1", $0 - 1) }, errorAt: { (1, 8 + 2 * ($0 - 1)) }),
        Shape(name: "and chain", script: { "print true" + repeated(" and true", $0 - 1) }, errorAt: { (1, 12 + 9 * ($0 - 1)) }),
        Shape(name: "lists", script: { "print " + repeated("[", $0 - 1) + "1" + repeated("]", $0 - 1) }, errorAt: { (1, 6 + $0) }),
        Shape(name: "calls", script: { "print " + repeated("abs(", $0 - 1) + "1" + repeated(")", $0 - 1) }, errorAt: { (1, 6 + 4 * $0) }),
        Shape(name: "index chain", script: { "let xs = [1]\nprint xs" + repeated("[0]", $0 - 1) }, errorAt: { (2, 9 + 3 * ($0 - 1)) }),
        Shape(name: "blocks", script: { repeated("if true {\n", $0 - 1) + "print 1\n" + repeated("}\n", $0 - 1) }, errorAt: { ($0, 9) }),
    ]

    @Test("the deepest allowed tree is accepted; one level more is exactly one located diagnostic", arguments: shapes)
    func boundary(_ shape: Shape) async throws {
        let interpreter = Interpreter()
        let allowed = await interpreter.check(Source(name: "deep.mops", text: shape.script(Self.limit)))
        #expect(allowed.allSatisfy { !$0.message.contains("nested too deeply") }, "\(allowed)")

        let source = Source(name: "deep.mops", text: shape.script(Self.limit + 1))
        let refused = await interpreter.check(source)
        #expect(refused.map(\.message) == ["nested too deeply: limit \(Self.limit)"], "\(refused)")
        let at = shape.errorAt(Self.limit)
        #expect(refused.first?.range?.start.line == at.line)
        #expect(refused.first?.range?.start.column == at.column)
        #expect(refused.first?.phase == .syntax)
        if case .needsMoreInput = Interpreter.status(of: source.text) { Issue.record("a too-deep chunk asks for more input") }
    }

    @Test("a long operator chain's hint says each operator is a level and how to write a long sum; other shapes keep the general hint",
          arguments: shapes)
    func chainHint(_ shape: Shape) async throws {
        let refused = await Interpreter().check(Source(name: "deep.mops", text: shape.script(Self.limit + 1)))
        let hint = try #require(refused.first?.hint)
        let chains = ["left-leaning sum", "product", "and chain"]
        if chains.contains(shape.name) {
            #expect(hint.hasPrefix("a chain of \(Self.limit) operators (a + b + …) counts one level per operator"), "\(hint)")
            #expect(hint.contains("sum([a, b, …])"))
        } else {
            #expect(hint.hasPrefix("split the expression or the blocks"), "\(hint)")
        }
    }

    @Test("the ways the chain hint suggests add 1,000 terms: sum of a list, a loop, parts")
    func longSumWritten() async throws {
        let output = Captured()
        let terms = Array(repeating: "1", count: 1_000)
        let part = terms.prefix(90).joined(separator: " + ")
        let outcome = await pureInterpreter(output).run(Source(name: "sum.mops", text: """
            print sum([\(terms.joined(separator: ", "))])
            let total = 0
            for x in [\(terms.joined(separator: ", "))] { total = total + x }
            print total
            let a = \(part)
            print a + a
            """))
        #expect(outcome.status == .ok, "\(outcome.diagnostics)")
        #expect(output.all == ["1000", "1000", "180"])
    }

    @Test("100,000 levels of every shape: the same one diagnostic, no crash", arguments: shapes)
    func hundredThousand(_ shape: Shape) async throws {
        let text = shape.script(100_000)
        let diagnostics = await Interpreter().check(Source(name: "deep.mops", text: text))
        #expect(diagnostics.map(\.message) == ["nested too deeply: limit \(Self.limit)"])
        let (_, parsed) = Interpreter.parse(Source(name: "deep.mops", text: text))
        #expect(parsed.count == 1)
    }

    @Test("nested string interpolation is bounded in the tokenizer and the parser")
    func interpolation() async throws {
        func nested(_ levels: Int) -> String {
            var text = "1"
            for _ in 1..<levels { text = "\"{" + text + "}\"" }
            return "print " + text
        }
        let interpreter = Interpreter()
        #expect(await interpreter.check(Source(name: "s.mops", text: nested(Self.limit))).isEmpty)
        for levels in [Self.limit + 1, Self.limit + 2, 5_000] {
            let diagnostics = await interpreter.check(Source(name: "s.mops", text: nested(levels)))
            #expect(diagnostics.map(\.message) == ["nested too deeply: limit \(Self.limit)"], "\(levels) levels: \(diagnostics)")
        }
    }

    @Test("long flat input is fine: 100,000 statements (over 1 MB) and a 10,000-way else-if chain")
    func longFlatInput() async throws {
        var text = "let x = 0\n"
        for i in 0..<100_000 { text += "x = x + \(i % 10) # a comment to make the script longer\n" }
        #expect(text.utf8.count > 1_000_000)
        let output = Captured()
        let outcome = await pureInterpreter(output).run(Source(name: "long.mops", text: text + "print x\n"))
        #expect(outcome.status == .ok)
        #expect(output.all == ["450000"])

        var chain = "let y = 9999\nif y == 0 { print 0 }"
        for i in 1..<10_000 { chain += " else if y == \(i) { print \(i) }" }
        let chained = Captured()
        #expect(await pureInterpreter(chained).run(Source(name: "chain.mops", text: chain + "\n")).status == .ok)
        #expect(chained.all == ["9999"])
    }

    @Test("the REPL's status check and parse of a 100,000-level chunk report the error instead of asking for more")
    func replStatus() {
        let open = String(repeating: "(", count: 100_000)
        guard case .errors(let diagnostics) = Interpreter.status(of: "print " + open) else {
            Issue.record("expected errors")
            return
        }
        #expect(diagnostics.map(\.message) == ["nested too deeply: limit \(Self.limit)"])
    }

    /// Programs at the limit that also run: every recursive pass (tokenizer, parser, checker,
    /// lowering, pure and async evaluation, value printing, deallocation) at its deepest.
    static func deepestPrograms() -> [String] {
        let n = limit
        return shapes.filter { $0.name != "index chain" }.map { $0.script(n) } + [
            "print price(BTCUSDT) * 0" + repeated(" + price(BTCUSDT) * 0", n - 3),
            "def f(k) {\n if k > 0 { return f(k - 1) }\n return 0\n}\nprint f(199)",
            "let l = [1]\nlet i = 0\nwhile i < \(n - 2) { l = [l]; i = i + 1 }\nprint len(str(l))",
        ]
    }

    @Test("the deepest allowed programs run in a task on a 512 KiB stack in under half of it")
    func smallStack() async throws {
        let executor = SmallStackExecutor(stackSize: 512 * 1024)
        defer { executor.shutdown() }
        for text in Self.deepestPrograms() {
            let outcome = await Task(executorPreference: executor) {
                let rig = try Rig()
                return await rig.run(text)
            }.result
            let result = try outcome.get()
            #expect(result.status == .ok, "\(text.prefix(80)): \(result.diagnostics)")
        }
        let peak = executor.peakUsage
        print("nesting limit \(Self.limit): peak stack use \(peak / 1024) KiB of \(executor.stackSize / 1024) KiB")
        #expect(peak < executor.stackSize / 2, "peak stack use \(peak) bytes")
    }
}
