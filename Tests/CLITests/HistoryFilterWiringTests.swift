import BinanceMargin
import Foundation
@testable import mops
import MopsREPL
import Testing

/// The REPL gives its history filter the credentials it signs with.
@Suite("REPL history filter from the credentials in use")
struct HistoryFilterWiringTests {
    @Test("the REPL's history filter refuses the loaded secret and API key, and keeps other lines")
    func refusesLoadedSecret() throws {
        let credentials = try Credentials.hmac(apiKey: "k3y-of-mine", secret: "s3cr3t+value")
        let filter = InteractiveSession.historyFilter(for: credentials)
        #expect(!filter.allows("print \"s3cr3t+value\""))
        #expect(!filter.allows("let a = \"xs3cr3t+valuex\""))
        #expect(!filter.allows("print \"k3y-of-mine\""))
        #expect(filter.allows("borrow 100 USDT"))
        #expect(InteractiveSession.historyFilter(for: nil).allows("print \"s3cr3t+value\""))
    }
}
