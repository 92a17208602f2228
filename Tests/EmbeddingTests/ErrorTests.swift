import BinanceMargin
import Mops
import Testing

/// The outcome separates compile errors from runtime errors, each with structured diagnostics and a text renderer.
@Suite("Embedding: errors")
struct ErrorTests {
    @Test("a syntax error: compileError, the range and message, nothing ran")
    func syntaxError() async {
        let lines = Recorder<String>()
        let interpreter = Interpreter(configuration: .init(output: lineSink(lines)))
        let outcome = await interpreter.run(Source(name: "bad.mops", text: "print \"ran\"\nborrow 100 isolated BTCUSDT"))
        #expect(outcome.status == .compileError)
        #expect(outcome.exitCode == ExitStatus.compileError)
        #expect(outcome.runtimeError == nil)
        let error = try! #require(outcome.compileErrors.first)
        #expect(error.phase == .syntax)
        #expect(error.range?.start.line == 2)
        #expect(error.range?.start.column == 12)
        #expect(error.exchangeCode == nil)
        #expect(lines.all.isEmpty)
    }

    @Test("a check error through compile(): a CompileFailure with every error and rendered text")
    func checkErrors() async {
        let result = await Interpreter().compile(Source(name: "names.mops", text: "print lvl\nprint marginLevl"))
        guard case .failure(let failure) = result else {
            Issue.record("expected a compile failure")
            return
        }
        #expect(failure.diagnostics.count == 2)
        #expect(failure.diagnostics.allSatisfy { $0.phase == .check })
        #expect(failure.diagnostics.map(\.range?.start.line) == [1, 2])
        let text = failure.rendered()
        #expect(text.hasPrefix("names.mops:1:7: error: "))
        #expect(text.contains(" 2 | print marginLevl\n"))
        #expect(failure.outcome.status == .compileError)
    }

    @Test("a runtime error carries the exchange's code, its range and a rendering with the code")
    func exchangeError() async throws {
        let sim = try SimulatorBackend()
        let interpreter = Interpreter(configuration: Interpreter.Configuration().connected(to: sim.client))
        let outcome = await interpreter.run(Source(name: "big.mops", text: "borrow 10 USDT\nborrow 100000000 USDT"))
        #expect(outcome.status == .runtimeError)
        #expect(outcome.exitCode == ExitStatus.runtimeError)
        #expect(outcome.compileErrors.isEmpty)
        let error = try #require(outcome.runtimeError)
        #expect(error.phase == .runtime)
        #expect(error.range?.start.line == 2)
        let code = try #require(outcome.exchangeCode)
        #expect([-3006, -3045].contains(code))
        #expect(outcome.performed == ["borrow 10 USDT"])
        let text = outcome.renderedDiagnostics()
        #expect(text.hasPrefix("big.mops:2:1: error: "))
        #expect(text.contains("(code \(code))"))
        #expect(text.contains(" 2 | borrow 100000000 USDT\n"))
    }

    @Test("an assert that fails is its own status, with the message")
    func assertion() async {
        let outcome = await Interpreter().run(Source(name: "a.mops", text: "assert 1 > 2, \"one is not above two\""))
        #expect(outcome.status == .assertionFailed)
        #expect(outcome.runtimeError?.message == "assertion failed: one is not above two")
        #expect(outcome.renderedDiagnostics().hasPrefix("a.mops:1:1: error: assertion failed"))
    }

    @Test("no diagnostics render as the empty string")
    func emptyRendering() async {
        let outcome = await Interpreter().run(Source(name: "ok.mops", text: "let x = 1"))
        #expect(outcome.succeeded)
        #expect(outcome.renderedDiagnostics() == "")
    }
}
