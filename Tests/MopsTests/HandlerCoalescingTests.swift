import BinanceMargin
import Foundation
import MarginSim
import Mops
import Testing

/// The rule for events that arrive faster than handlers run (docs/language.md, "Handlers"), over generated bursts:
/// `on fill` runs once per fill up to 100 waiting and folds the rest into the last (counted, and said); a status
/// handler keeps one run waiting, the latest, with `event.coalesced` counting the others; a feed that overflows
/// drops its oldest events and says how many. Nothing is dropped without a count.
@Suite("Handler coalescing")
struct HandlerCoalescingTests {
    static let statuses = ["NORMAL", "MARGIN_CALL", "PRE_LIQUIDATION", "EXCESSIVE"]

    /// `send("fill", n)` / `send("status", n)`: pushes n events to `feed` at once (as a stream would, while the script is busy).
    static func send(_ feed: EventFeed) -> Builtin {
        .host("send", arity: 2, summary: "pushes generated events") { args in
            guard case .string(let kind) = args[0], case .number(let n) = args[1], let count = n.exactInt else { return .none }
            for i in 0..<count {
                let json = kind == "fill"
                    ? #"{"e":"executionReport","E":1,"s":"BTCUSDT","c":"c\#(i)","S":"BUY","o":"LIMIT","f":"GTC","q":"1000","p":"1","P":"0","F":"0","g":-1,"C":"","x":"TRADE","X":"PARTIALLY_FILLED","r":"NONE","i":7,"l":"\#(i + 1)","z":"1","L":"1","n":"0","N":"USDT","T":1,"t":\#(i),"I":\#(i),"w":true,"m":true,"M":true,"O":1,"Z":"1","Y":"1","Q":"0","W":1,"V":"NONE"}"#
                    : #"{"e":"MARGIN_LEVEL_STATUS_CHANGE","E":\#(i),"l":"1.2","s":"\#(statuses[i % statuses.count])"}"#
                feed.push(try StreamEvent.decode(Data(json.utf8)))
            }
            return .none
        }
    }

    @Test("generated bursts of fills and status changes", arguments: 0..<12)
    func bursts(seed: Int) async throws {
        var random = SplitMix64(seed: UInt64(seed) &* 7_919 &+ 13)
        let fills = Int(random.next(upTo: 400)), changes = 1 + Int(random.next(upTo: 6)), capacity = 50 + Int(random.next(upTo: 200))
        let feed = EventFeed(description: "pushed by the test", capacity: capacity)
        let rig = try Rig { $0.events = feed; $0.hostFunctions = [HandlerCoalescingTests.send(feed)] }
        let outcome = await rig.run("""
            let runs = 0
            let folded = 0
            let lastQty = 0
            on fill BTCUSDT { runs = runs + 1; folded = folded + event.coalesced; lastQty = event.qty }
            let statusRuns = 0
            let statusFolded = 0
            let lastStatus = ""
            on marginStatus { statusRuns = statusRuns + 1; statusFolded = event.coalesced; lastStatus = event.status }
            send("fill", \(fills))
            send("status", \(changes))
            print runs, folded, lastQty, statusRuns, statusFolded, lastStatus
            """)
        #expect(outcome.status == .ok, "\(outcome.diagnostics)")
        let seen = min(fills, capacity), lost = fills - seen
        let runs = min(seen, Limits.fillsWaiting), folded = seen - runs
        let lastQty = runs == 0 ? 0 : lost + runs   // the fills kept are the newest `seen`; qty i + 1 for the i-th sent
        let last = HandlerCoalescingTests.statuses[(changes - 1) % HandlerCoalescingTests.statuses.count]
        #expect(rig.output.all.last == "\(runs) \(folded) \(lastQty) 1 \(changes - 1) \(last)", "fills \(fills), capacity \(capacity)")
        let notes = rig.output.all.dropFirst().dropLast()
        #expect(notes.contains { $0.hasPrefix("events: \(lost) were lost") } == (lost > 0), "\(notes)")
        #expect(notes.contains { $0.hasPrefix("on fill BTCUSDT (line 4): \(folded) more fills arrived") } == (folded > 0), "\(notes)")
    }
}
