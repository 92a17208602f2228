import Foundation
import Testing
@testable import MopsREPL

/// The REPL's own scanners keep explicit stacks: 100,000 open brackets or interpolations are
/// counted, never recursed into.
@Suite("Deep input in the REPL's scanners")
struct DeepInputTests {
    @Test("InputBalance counts 100,000 open brackets and strings without recursion")
    func balance() {
        let open = String(repeating: "([{", count: 34_000)
        let balance = InputBalance("print " + open)
        #expect(balance.needsMoreInput)
        #expect(balance.open.count == 102_000)
        let closed = InputBalance("print " + open + String(open.reversed().map { $0 == "(" ? ")" : $0 == "[" ? "]" : "}" }))
        #expect(!closed.needsMoreInput)
        let strings = InputBalance("print " + String(repeating: "\"{", count: 50_000))
        #expect(strings.open.count == 100_000)
    }

    @Test("completion's StatementScan walks 100,000 nested calls and interpolations")
    func statementScan() {
        let scan = StatementScan("print " + String(repeating: "abs(", count: 100_000) + "marg")
        #expect(scan.fragment == "marg")
        #expect(scan.openCalls.count == 100_000)
        let strings = StatementScan("print " + String(repeating: "\"{", count: 50_000) + "fre")
        #expect(strings.fragment == "fre")
    }
}
