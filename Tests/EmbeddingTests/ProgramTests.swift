import BinanceMargin
import Mops
import Testing

/// Parse once, run many: inputs passed in, variables read back, runs independent of each other.
@Suite("Embedding: programs")
struct ProgramTests {
    @Test("a compiled program runs many times, each run with its own inputs and fresh variables")
    func parseOnceRunMany() async throws {
        let interpreter = Interpreter()
        let compiled = await interpreter.compile(Source(name: "fee.mops", text: """
            let fee = amount * rate
            let total = amount + fee
            """), inputs: ["amount", "rate"])
        let program = try compiled.get()
        #expect(program.inputs == ["amount", "rate"])
        #expect(program.variableNames == ["amount", "fee", "rate", "total"])
        #expect(!program.mutates)

        let first = await interpreter.run(program, inputs: ["amount": .number(Number("100")), "rate": Value(decimal: "0.001")!])
        let second = await interpreter.run(program, inputs: ["amount": .number(Number("2500.5")), "rate": Value(decimal: "0.00075")!])
        #expect(first.variables["total"]?.numberValue == Number("100.100"))
        #expect(second.variables["total"]?.numberValue == Number("2502.375375"))
        #expect(second.variables["fee"] == .number(Number("1.875375")))
    }

    @Test("inputs not passed start as none; unknown input names are ignored")
    func missingInputs() async throws {
        let interpreter = Interpreter()
        let program = try await interpreter.compile(Source(name: "in.mops", text: "let seen = x == none"), inputs: ["x"]).get()
        let outcome = await interpreter.run(program, inputs: ["nope": .bool(true)])
        #expect(outcome.variables["seen"]?.boolValue == true)
    }

    @Test("the program value is Sendable and runs on another interpreter with that interpreter's configuration")
    func programAcrossInterpreters() async throws {
        let lines = Recorder<String>()
        let program = try await Interpreter().compile(Source(name: "p.mops", text: "print \"hello {who}\""), inputs: ["who"]).get()
        let other = Interpreter(configuration: .init(output: lineSink(lines)))
        let outcome = await Task.detached { await other.run(program, inputs: ["who": .string("host")]) }.value
        #expect(outcome.status == .ok)
        #expect(lines.all == ["hello host"])
    }

    @Test("Value accessors read numbers, text, booleans and durations back without Double")
    func valueAccessors() {
        #expect(Value.number(Number("0.1")).numberValue == Number("0.1"))
        #expect(Value.code("USDT").textValue == "USDT")
        #expect(Value.string("hi").textValue == "hi")
        #expect(Value.bool(false).boolValue == false)
        #expect(Value.duration(90_000).durationMilliseconds == 90_000)
        #expect(Value.string("1").numberValue == nil)
        #expect(Value(decimal: "1e") == nil)
    }
}
