import BinanceMargin
import Foundation
import Mops
import Testing

/// The embedding API for events: a host pushes the account's events into an `EventFeed`; a session's `on … { }`
/// handlers stay registered across inputs and run during a `watch`, a later input or `handleEvents()`, under the
/// same limits and cancellation as any run.
@Suite("Embedding: events and handlers")
struct EventEmbeddingTests {
    static func liability(_ interest: String) throws -> StreamEvent {
        try StreamEvent.decode(Data(#"{"e":"USER_LIABILITY_CHANGE","E":1,"a":"USDT","t":"INTEREST","p":"100","i":"\#(interest)"}"#.utf8))
    }

    static func fill() throws -> StreamEvent {
        try StreamEvent.decode(Data(#"{"e":"executionReport","E":1,"s":"BTCUSDT","c":"x","S":"SELL","o":"MARKET","f":"GTC","q":"1","p":"0","P":"0","F":"0","g":-1,"C":"","x":"TRADE","X":"FILLED","r":"NONE","i":9,"l":"1","z":"1","L":"50000","n":"0","N":"USDT","T":1,"t":1,"I":1,"w":false,"m":false,"M":true,"O":1,"Z":"50000","Y":"50000","Q":"0","W":1,"V":"NONE"}"#.utf8))
    }

    /// A session over an in-process simulator with a feed the test pushes into, and `started()` to say a run began.
    static func session(_ feed: EventFeed, started: Signal, timeLimit: Int64? = nil) throws -> Interpreter {
        let sim = try SimulatorBackend()
        let mark = Builtin.host("started", arity: 0, summary: "Tells the test the run reached this point.") { _ in
            started.raise()
            return .none
        }
        let configuration = Interpreter.Configuration(timeLimitMilliseconds: timeLimit, hostFunctions: [mark], events: feed)
        return Interpreter(configuration: configuration.connected(to: sim.client))
    }

    @Test("handlers registered by one input run for events pushed later, with handleEvents(); removeHandlers() forgets them")
    func handlersBetweenInputs() async throws {
        let feed = EventFeed(description: "pushed by the test")
        let interpreter = try EventEmbeddingTests.session(feed, started: Signal())
        #expect(await interpreter.handleEvents() == nil)
        let registered = await interpreter.evaluate(Source(name: "s", text: "let total = 0\non liability USDT { total = total + event.interest }"))
        #expect(registered.status == .ok, "\(registered.diagnostics)")
        #expect(await interpreter.handlers == ["on liability USDT (line 2)"])
        feed.push(try EventEmbeddingTests.liability("0.5"))
        feed.push(try EventEmbeddingTests.liability("0.75"))   // the latest wins: one run, coalesced 1
        let outcome = try #require(await interpreter.handleEvents())
        #expect(outcome.status == .ok)
        #expect(await interpreter.variable("total") == .number(Number("0.75")))
        await interpreter.removeHandlers()
        #expect(await interpreter.handlers.isEmpty)
        feed.push(try EventEmbeddingTests.liability("1"))
        #expect(await interpreter.handleEvents() == nil)
        #expect(!feed.isListening)
    }

    @Test("an event pushed while `watch` runs reaches its handler at once; its exit ends the run")
    func watchRunsHandlers() async throws {
        let feed = EventFeed(description: "pushed by the test")
        let started = Signal()
        let interpreter = try EventEmbeddingTests.session(feed, started: started)
        let run = Task { await interpreter.run(Source(name: "w", text: "on fill BTCUSDT { exit 4 }\nstarted()\nwatch")) }
        await started.wait()
        feed.push(try EventEmbeddingTests.fill())
        let outcome = await run.value
        #expect(outcome.status == .exited(4))
    }

    @Test("watch obeys cancellation (cancelled, nothing sent) and the time limit (a runtime error)")
    func watchLimits() async throws {
        let started = Signal()
        let cancelled = try EventEmbeddingTests.session(EventFeed(description: "t"), started: started)
        let run = Task { await cancelled.run(Source(name: "c", text: "on liquidation { }\nstarted()\nwatch")) }
        await started.wait()
        run.cancel()
        let outcome = await run.value
        #expect(outcome.status == .cancelled)
        #expect(outcome.diagnostics.first?.message == "cancelled; nothing was sent")

        let limited = try EventEmbeddingTests.session(EventFeed(description: "t"), started: Signal(), timeLimit: 300)
        let timedOut = await limited.run(Source(name: "l", text: "on liquidation { }\nwatch"))
        #expect(timedOut.status == .runtimeError)
        #expect(timedOut.diagnostics.first?.cause == .timeLimit)
    }
}
