import BinanceMargin
import Foundation
import Mops
import Synchronization
import Testing

/// A repay that succeeded stays a success when the account cannot be read afterwards.
@Suite("Repay: the read-back after a successful repay is not fatal")
struct RepayReadBackTests {
    /// An interpreter whose account reads fail (connection refused) once a repay has been answered.
    func rig() throws -> (Interpreter, Captured) {
        let repaid = Mutex(false)
        return try middlewareRig { request, send in
            if request.method == .get, request.path.hasPrefix("/sapi/v1/margin/account") || request.path.hasPrefix("/sapi/v1/margin/isolated/account"),
               repaid.withLock({ $0 }) {
                throw TransportError.connectionFailed("refused after the repay (test)")
            }
            let answer = try await send(request)
            if request.method == .post, request.path == "/sapi/v1/margin/borrow-repay", (request.body + "&" + request.query).contains("type=REPAY") {
                repaid.withLock { $0 = true }
            }
            return answer
        }
    }

    @Test("each form of repay succeeds, its remaining debt is none, and a note names the txId", arguments: [
        "repay 10 USDT", "repay 50% USDT", "repay all USDT",
    ])
    func readBackFails(_ statement: String) async throws {
        let (interpreter, output) = try rig()
        let outcome = await interpreter.run(Source(name: "r.mops", text: """
            borrow 100 USDT
            let t = \(statement)
            print t.kind
            print t.remaining == none
            """))
        #expect(outcome.status == .ok, "\(outcome.diagnostics)")
        #expect(outcome.exitCode == 0)
        #expect(outcome.performed.count == 2)
        let notes = output.allEvents.compactMap { if case .note(let n) = $0 { n } else { nil } }
        #expect(notes.count == 1, "\(output.all)")
        #expect(notes.first?.hasPrefix("repaid (txId ") == true)
        #expect(notes.first?.contains("; the remaining debt could not be read: ") == true)
        #expect(notes.first?.contains("refused after the repay (test)") == true, "\(notes)")
        #expect(output.all.suffix(2) == ["repay", "true"], "\(output.all)")
    }

    @Test("when the read-back works, remaining is the debt left and no note is written")
    func readBackWorks() async throws {
        let (interpreter, output) = try middlewareRig { request, send in try await send(request) }
        let outcome = await interpreter.run(Source(name: "r.mops", text: """
            borrow 100 USDT
            let t = repay 40 USDT
            print t.remaining >= 60 and t.remaining < 61
            """))
        #expect(outcome.status == .ok, "\(outcome.diagnostics)")
        #expect(output.all == ["true"], "\(output.all)")
    }
}
