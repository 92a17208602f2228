import BinanceMargin
import Mops
import Testing

/// Interpreters are actors that share nothing: two of them run at once without interference.
@Suite("Embedding: concurrency")
struct ConcurrencyTests {
    @Test("two interpreters on two simulators run concurrently; each sees only its own account, output and variables")
    func twoInterpreters() async throws {
        let a = try SimulatorBackend(), b = try SimulatorBackend()
        let linesA = Recorder<String>(), linesB = Recorder<String>()
        let interpreterA = Interpreter(configuration: Interpreter.Configuration(output: lineSink(linesA)).connected(to: a.client))
        let interpreterB = Interpreter(configuration: Interpreter.Configuration(output: lineSink(linesB)).connected(to: b.client))
        let script = """
            let i = 0
            while i < 20 {
                borrow step USDT
                print "{tag} {i}"
                i = i + 1
            }
            let owed = debt(USDT)
            """
        let programA = try await interpreterA.compile(Source(name: "a.mops", text: script), inputs: ["step", "tag"]).get()
        let programB = try await interpreterB.compile(Source(name: "b.mops", text: script), inputs: ["step", "tag"]).get()
        async let runA = interpreterA.run(programA, inputs: ["step": .number(Number(1)), "tag": .string("A")])
        async let runB = interpreterB.run(programB, inputs: ["step": .number(Number(3)), "tag": .string("B")])
        let (outcomeA, outcomeB) = await (runA, runB)
        #expect(outcomeA.status == .ok)
        #expect(outcomeB.status == .ok)
        // Debt includes the first hour's interest at the default 0.015 % a day: 20 + 20 × 0.00015 / 24, and 60 + 60 × 0.00015 / 24.
        #expect(outcomeA.variables["owed"] == .number(Number("20.000125")))
        #expect(outcomeB.variables["owed"] == .number(Number("60.000375")))
        #expect(linesA.all == (0..<20).map { "A \($0)" })
        #expect(linesB.all == (0..<20).map { "B \($0)" })
        #expect(outcomeA.performed.count == 20 && outcomeB.performed.count == 20)
        #expect(try await a.debt("USDT") == Number(20))
        #expect(try await b.debt("USDT") == Number(60))
    }

    @Test("runs of one program on one interpreter from many tasks are serialized and independent")
    func manyTasksOneInterpreter() async throws {
        let interpreter = Interpreter()
        let program = try await interpreter.compile(Source(name: "sum.mops", text: """
            let total = 0
            for k in [1, 2, 3, 4] { total = total + k * n }
            """), inputs: ["n"]).get()
        let totals = await withTaskGroup(of: (Int, Value?).self) { group in
            for n in 1...16 {
                group.addTask { (n, await interpreter.run(program, inputs: ["n": .number(Number(n))]).variables["total"]) }
            }
            var out: [Int: Value?] = [:]
            for await (n, total) in group { out[n] = total }
            return out
        }
        #expect(totals.count == 16)
        for n in 1...16 { #expect(totals[n] == .number(Number(10 * n))) }
    }
}
