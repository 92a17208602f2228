import BinanceMargin
import Foundation
import Mops
import Synchronization
import Testing

/// An unknown outcome is machine-readable: the diagnostic carries `outcomeUnknown`, not only words.
@Suite("Unknown outcomes are flagged on the diagnostic")
struct OutcomeUnknownTests {
    enum Loss: String, CaseIterable { case connectionLost, serverError }

    /// Runs `borrow 10 USDT`, whose request executes but whose answer is lost (or replaced by a 503),
    /// and every later request (the client's read-back) is refused, so the outcome stays unknown.
    func run(_ loss: Loss) async throws -> RunOutcome {
        let sent = Mutex(false)
        let (interpreter, _) = try middlewareRig { request, send in
            if sent.withLock({ $0 }) { throw TransportError.connectionFailed("down after the borrow (test)") }
            let answer = try await send(request)
            guard request.method == .post, request.path == "/sapi/v1/margin/borrow-repay" else { return answer }
            sent.withLock { $0 = true }
            switch loss {
            case .connectionLost: throw TransportError.connectionLost("the answer was lost (test)")
            case .serverError: return TransportResponse(status: 503, body: Data("Service Unavailable".utf8))
            }
        }
        return await interpreter.run(Source(name: "u.mops", text: "borrow 10 USDT"))
    }

    @Test("a lost answer and a 5xx answer both set outcomeUnknown", arguments: Loss.allCases)
    func flagged(_ loss: Loss) async throws {
        let outcome = try await run(loss)
        #expect(outcome.status == .runtimeError)
        #expect(outcome.diagnostics.count == 1)
        let d = try #require(outcome.diagnostics.first)
        #expect(d.outcomeUnknown, "\(d.message)")
        #expect(!d.message.contains("failed"), "\(d.message)")
        #expect(outcome.exitCode == (loss == .connectionLost ? ExitStatus.unavailable : ExitStatus.runtimeError), "\(d.message)")
        #expect(d.cause == (loss == .connectionLost ? .backendUnavailable : nil))
    }

    @Test("a refusal (the request certainly did not execute) and a pure error are not flagged")
    func notFlagged() async throws {
        let (interpreter, _) = try middlewareRig { request, send in
            if request.method == .post { throw TransportError.connectionFailed("refused (test)") }
            return try await send(request)
        }
        let refused = await interpreter.run(Source(name: "u.mops", text: "borrow 10 USDT"))
        #expect(refused.status == .runtimeError)
        #expect(refused.diagnostics.first?.outcomeUnknown == false)
        let tooMuch = await interpreter.run(Source(name: "u.mops", text: "borrow 1000000000 USDT"))
        #expect(tooMuch.diagnostics.first?.outcomeUnknown == false)
        let pure = await interpreter.run(Source(name: "u.mops", text: "print 1 / 0"))
        #expect(pure.diagnostics.first?.outcomeUnknown == false)
    }
}
