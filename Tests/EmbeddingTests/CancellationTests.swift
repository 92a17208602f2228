import BinanceMargin
import Foundation
import Mops
import Synchronization
import Testing

/// Cancelling the task that runs a script stops it at the next statement boundary and reports what was sent.
@Suite("Embedding: cancellation")
struct CancellationTests {
    /// `block()` raises `reached` and then waits until its task is cancelled.
    private func blocking(_ reached: Signal) -> Builtin {
        Builtin.host("block", arity: 0, summary: "Waits until cancelled.") { _ in
            reached.raise()
            try await Task.sleep(for: .seconds(86_400))
            return .none
        }
    }

    @Test("cancelling mid-script reports what was already sent, and nothing after it is sent")
    func reportsWhatWasSent() async throws {
        let sim = try SimulatorBackend()
        let reached = Signal()
        let interpreter = Interpreter(configuration: Interpreter.Configuration(hostFunctions: [blocking(reached)]).connected(to: sim.client))
        let task = Task {
            await interpreter.run(Source(name: "c.mops", text: "borrow 100 USDT\nrepay 30 USDT\nblock()\nborrow 50 USDT"))
        }
        await reached.wait()
        task.cancel()
        let outcome = await task.value
        #expect(outcome.status == .cancelled)
        #expect(outcome.exitCode == ExitStatus.interrupted)
        #expect(outcome.performed == ["borrow 100 USDT", "repay 30 USDT"])
        #expect(outcome.diagnostics.first?.severity == .note)
        #expect(outcome.diagnostics.first?.message == "cancelled after sending: borrow 100 USDT; repay 30 USDT")
        // The repay first paid the first hour's interest on 100 USDT (100 × 0.00015 / 24 = 0.000625); no second borrow.
        #expect(try await sim.debt("USDT") == Number("70.000625"))
        #expect(sim.transport.mutations.count == 2)
    }

    @Test("cancelling before anything is sent says so")
    func nothingSent() async throws {
        let reached = Signal()
        let interpreter = Interpreter(configuration: .init(hostFunctions: [blocking(reached)]))
        let task = Task { await interpreter.run(Source(name: "c.mops", text: "block()")) }
        await reached.wait()
        task.cancel()
        let outcome = await task.value
        #expect(outcome.status == .cancelled)
        #expect(outcome.performed.isEmpty)
        #expect(outcome.diagnostics.first?.message == "cancelled; nothing was sent")
    }

    @Test("a busy loop without any waiting stops at the next statement once the task is cancelled")
    func busyLoop() async throws {
        let lines = Recorder<String>()
        let running = Mutex<Task<RunOutcome, Never>?>(nil)
        // The loop asks for its own cancellation from another thread after 1,000 rounds. The cancel must not wait for a
        // task of the shared pool: the loop holds one of its threads, and another test may hold the rest.
        let cancelSoon = Builtin.host("cancelSoon", arity: 0, summary: "Cancels the run from another thread.") { _ in
            Thread { running.withLock { $0?.cancel() } }.start()
            return .none
        }
        let interpreter = Interpreter(configuration: .init(output: lineSink(lines), hostFunctions: [cancelSoon]))
        let source = Source(name: "spin.mops", text: "let i = 0\nwhile true {\n    i = i + 1\n    if i == 1000 { cancelSoon() }\n}\nprint \"never\"")
        running.withLock { $0 = Task { await interpreter.run(source) } }
        let outcome = await running.withLock { $0! }.value
        #expect(outcome.status == .cancelled)
        #expect(lines.all.isEmpty)
        let rounds = try #require(outcome.variables["i"]?.numberValue)
        #expect(rounds >= Number(1000), "the loop ran until the cancel arrived")
    }

    @Test("a task cancelled before the run starts runs no statement")
    func cancelledBeforeStart() async {
        let lines = Recorder<String>()
        let interpreter = Interpreter(configuration: .init(output: lineSink(lines)))
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await interpreter.run(Source(name: "c.mops", text: "print \"one\"\nprint \"two\""))
        }
        let outcome = await task.value
        #expect(outcome.status == .cancelled)
        #expect(lines.all.isEmpty)
    }
}
