import BinanceMargin
import Foundation
import Testing
@testable import MarginSim

@Suite("Simulator controls, transfers, faults and persistence")
struct SimulatorTests {
    @Test("price, shock and deposit controls; a clock advance charges hourly interest")
    func controls() async throws {
        let h = Harness()
        let price = await h.control("/sim/price", "symbol=BTCUSDT&price=65000")
        #expect(price.text == #"{"symbol":"BTCUSDT","price":"65000"}"#)
        let shock = await h.control("/sim/shock", "symbol=BTCUSDT&percent=-20")
        #expect(shock.text == #"{"symbol":"BTCUSDT","price":"52000"}"#)
        let deposit = await h.control("/sim/deposit", "asset=ETH&amount=2&account=ISOLATED&symbol=ETHUSDT")
        #expect(deposit.text == #"{"asset":"ETH","free":"2.00000000"}"#)
        let bad = await h.control("/sim/price", "symbol=BTCUSDT")
        #expect(bad.status == 400)
        _ = await h.call(.post, "/sapi/v1/margin/borrow-repay", "asset=USDT&isIsolated=FALSE&amount=2400&type=BORROW")
        let clock = await h.control("/sim/clock", "advanceMs=7200000")
        #expect(clock.text == "{\"serverTime\":\(ManualClock.defaultStart + 7_200_000)}")
        // ON_BORROW + two PERIODIC hours: 3 × 2400 × 0.00015 / 24 = 0.045
        #expect(await h.cross("USDT")["interest"] as? String == "0.04500000")
        let history = await h.json(.get, "/sapi/v1/margin/interestHistory", "asset=USDT")
        #expect(history["total"] as? Int == 3)
        let first = (history["rows"] as? [[String: Any]])?.last
        #expect(first?["type"] as? String == "ON_BORROW" && first?["rawAsset"] as? String == "USDT")
    }

    @Test("a seeded random walk is reproducible")
    func randomWalk() async {
        func run() async -> String {
            let h = Harness()
            _ = await h.control("/sim/walk", "symbol=ETHUSDT&volatility=0.5&seed=7")
            _ = await h.control("/sim/clock", "advanceMs=600000")
            return await h.simulator.handle(TransportRequest(method: .get, path: "/api/v3/ticker/price", query: "symbol=ETHUSDT")).text
        }
        let a = await run(), b = await run()
        #expect(a == b)
        #expect(a != #"{"symbol":"ETHUSDT","price":"3000.00000000"}"#)
    }

    @Test("transfers: margin/transfer types 1 and 2, universal types, isolated, history")
    func transfers() async {
        let h = Harness()
        let one = await h.call(.post, "/sapi/v1/margin/transfer", "asset=USDT&amount=50&type=1")
        #expect(one.status == 200 && one.text.hasPrefix(#"{"tranId":"#))
        #expect(await h.cross("USDT")["free"] as? String == "5050.00000000")
        let two = await h.call(.post, "/sapi/v1/margin/transfer", "asset=USDT&amount=20&type=2")
        #expect(two.status == 200)
        let iso = await h.call(.post, "/sapi/v1/asset/transfer", "type=MAIN_ISOLATED_MARGIN&asset=USDT&amount=100&toSymbol=ETHUSDT")
        #expect(iso.status == 200)
        let cross2iso = await h.call(.post, "/sapi/v1/asset/transfer", "type=MARGIN_ISOLATEDMARGIN&asset=USDT&amount=10&toSymbol=BTCUSDT")
        #expect(cross2iso.status == 200)
        let tooMuch = await h.call(.post, "/sapi/v1/asset/transfer", "type=MAIN_MARGIN&asset=BTC&amount=9")
        #expect(tooMuch.text == #"{"code":-5013,"msg":"Asset transfer failed: insufficient balance"}"#)
        let wrongAsset = await h.call(.post, "/sapi/v1/asset/transfer", "type=MAIN_ISOLATED_MARGIN&asset=ETH&amount=1&toSymbol=BTCUSDT")
        #expect(wrongAsset.text == #"{"code":-3027,"msg":"Not a valid margin asset."}"#)
        let account = await h.json(.get, "/sapi/v1/margin/isolated/account", "symbols=ETHUSDT")
        let quote = ((account["assets"] as? [[String: Any]])?.first?["quoteAsset"] as? [String: Any])
        #expect(quote?["free"] as? String == "100.00000000")
        let history = await h.json(.get, "/sapi/v1/margin/transfer", "")
        #expect(history["total"] as? Int == 3)
        let newest = (history["rows"] as? [[String: Any]])?.first
        #expect(newest?["type"] as? String == "ROLL_OUT" && newest?["transTo"] as? String == "ISOLATED_MARGIN"
                && newest?["toSymbol"] as? String == "BTCUSDT")
        let max = await h.json(.get, "/sapi/v1/margin/maxTransferable", "asset=USDT")
        #expect(max["amount"] as? String == "5020.00000000")
        let borrowable = await h.json(.get, "/sapi/v1/margin/maxBorrowable", "asset=USDT&isolatedSymbol=BTCUSDT")
        #expect(borrowable["amount"] as? String == "9099.09909909" && borrowable["borrowLimit"] as? String == "70000.00000000")
    }

    @Test("drop executes the request, then the in-process transport throws connectionLost")
    func dropFault() async throws {
        let h = Harness()
        _ = await h.control("/sim/fault", "kind=drop&path=/sapi/v1/margin/order")
        let transport = InProcessTransport(simulator: h.simulator)
        await #expect(throws: TransportError.self) {
            _ = try await transport.send(h.signed(.post, "/sapi/v1/margin/order",
                                                  "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.01&price=50000&timeInForce=GTC&newClientOrderId=lost1"))
        }
        // The order exists: the client can reconcile by its id.
        let query = try await transport.send(h.signed(.get, "/sapi/v1/margin/order", "symbol=BTCUSDT&origClientOrderId=lost1"))
        #expect(query.status == 200 && query.text.contains(#""status":"NEW""#))
        // serve() tells servers to drop; handle() returns the response alone.
        _ = await h.control("/sim/fault", "kind=drop&count=2")
        let reply = await h.simulator.serve(TransportRequest(method: .get, path: "/api/v3/ping"))
        #expect(reply.dropConnection && reply.response.status == 200)
        let plain = await h.simulator.handle(TransportRequest(method: .get, path: "/api/v3/ping"))
        #expect(plain.status == 200 && plain.text == "{}")
        let normal = await h.simulator.serve(TransportRequest(method: .get, path: "/api/v3/ping"))
        #expect(!normal.dropConnection)
    }

    @Test("a delay fault executes the request and asks the transport to hold the reply")
    func delayFault() async {
        let h = Harness()
        _ = await h.control("/sim/fault", "kind=delay&ms=1500&path=/sapi/v1/margin/borrow-repay")
        let request = await h.signed(.post, "/sapi/v1/margin/borrow-repay", "asset=USDT&isIsolated=FALSE&amount=10&type=BORROW")
        let reply = await h.simulator.serve(request)
        #expect(reply.delayMilliseconds == 1500 && reply.response.status == 200)
        #expect(await h.cross("USDT")["borrowed"] as? String == "10.00000000")
    }

    @Test("error and rateLimit faults answer without executing, count times")
    func errorFaults() async {
        let h = Harness()
        _ = await h.control("/sim/fault", "kind=error&count=2&path=/sapi/v1/margin/borrow-repay")
        for _ in 0..<2 {
            let r = await h.call(.post, "/sapi/v1/margin/borrow-repay", "asset=USDT&isIsolated=FALSE&amount=10&type=BORROW")
            #expect(r.status == 503)
        }
        #expect(await h.cross("USDT")["borrowed"] as? String == "0.00000000")
        let ok = await h.call(.post, "/sapi/v1/margin/borrow-repay", "asset=USDT&isIsolated=FALSE&amount=10&type=BORROW")
        #expect(ok.status == 200)
        h.clock.advance(by: 15_500)                           // 44.5 s left in the minute → Retry-After 45
        _ = await h.control("/sim/fault", "kind=rateLimit")
        let limited = await h.simulator.handle(TransportRequest(method: .get, path: "/api/v3/time"))
        #expect(limited.status == 429 && limited.header("retry-after") == "45")
        #expect(limited.text.hasPrefix(#"{"code":-1003,"msg":"Too much request weight used; current limit is 6000 request weight"#))
    }

    @Test("reset returns to the scenario")
    func reset() async {
        let h = Harness()
        _ = await h.call(.post, "/sapi/v1/margin/borrow-repay", "asset=USDT&isIsolated=FALSE&amount=10&type=BORROW")
        let reset = await h.control("/sim/reset", "")
        #expect(reset.text == "{}")
        #expect(await h.cross("USDT")["borrowed"] as? String == "0.00000000")
        let unknown = await h.control("/sim/reset", "scenario=nope")
        #expect(unknown.status == 400)
        _ = await h.control("/sim/reset", "scenario=empty")
        #expect(await h.cross("USDT")["free"] as? String == "0.00000000")
    }

    @Test("a state file survives a restart with every acknowledged change")
    func persistence() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("marginsim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("state.json")
        let clock = ManualClock()
        do {
            let sim = try MarginSimulator(stateFile: file, clock: clock)
            let h = Harness.signer(clock)
            let borrow = await sim.handle(h.signed(.post, "/sapi/v1/margin/borrow-repay", "asset=USDT&isIsolated=FALSE&amount=100&type=BORROW"))
            #expect(borrow.status == 200)
            let order = await sim.handle(h.signed(.post, "/sapi/v1/margin/order",
                                                  "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.01&price=50000&timeInForce=GTC&newClientOrderId=keep"))
            #expect(order.status == 200)
            _ = await sim.handle(TransportRequest(method: .post, path: "/sim/clock", body: "advanceMs=3600000"))
        }
        // A new process: a clock that starts over must not run the state backwards.
        let restartClock = ManualClock()
        let again = try MarginSimulator(stateFile: file, clock: restartClock)
        #expect(await again.now() == ManualClock.defaultStart + 3_600_000)
        let h = Harness.signer(ManualClock(start: ManualClock.defaultStart + 3_600_000))
        let account = await again.handle(h.signed(.get, "/sapi/v1/margin/account", ""))
        #expect(account.text.contains(#"{"asset":"USDT","borrowed":"100.00000000","free":"4600.00000000","interest":"0.00125000","locked":"500.00000000""#))
        let order = await again.handle(h.signed(.get, "/sapi/v1/margin/order", "symbol=BTCUSDT&origClientOrderId=keep"))
        #expect(order.status == 200)
        // A dry-run copy from /sim/state.
        let state = await again.handle(TransportRequest(method: .get, path: "/sim/state"))
        let copy = try MarginSimulator(snapshot: state.body, clock: ManualClock())
        #expect(await copy.now() == ManualClock.defaultStart + 3_600_000)
        #expect(!FileManager.default.fileExists(atPath: file.path + ".tmp"))
    }
}

extension Harness {
    /// A signer whose timestamps follow `clock` (for simulators built outside the harness).
    static func signer(_ clock: ManualClock) -> Harness { Harness(clock: clock) }

    init(clock: ManualClock) {
        self.clock = clock
        self.simulator = MarginSimulator(clock: clock)
    }
}

@Suite("Scenarios")
struct ScenarioTests {
    @Test("a JSON scenario fills absent fields from the default")
    func partialJSON() throws {
        let scenario = try Scenario.load(json: Data(#"{"name":"mine","spot":{"USDT":"5"},"prices":{"BTCUSDT":70000}}"#.utf8))
        #expect(scenario.name == "mine")
        #expect(scenario.spot == ["USDT": 5])
        #expect(scenario.prices["BTCUSDT"] == 70000 && scenario.prices["ETHUSDT"] == 3000)
        #expect(scenario.crossMargin == Scenario.default.crossMargin)
        #expect(scenario.apiKeys == Scenario.default.apiKeys)
    }

    @Test("bad scenarios are refused with the place and the fix", arguments: [
        (#"{"prices":{"DOGEUSDT":"1"}}"#, "prices: unknown symbol \"DOGEUSDT\""),
        (#"{"spot":{"USDT":"-1"}}"#, "spot.USDT: the amount must not be negative"),
        (#"{"isolatedMargin":{"BTCUSDT":{"ETH":"1"}}}"#, "isolatedMargin.BTCUSDT: ETH is not BTC or USDT"),
        (#"{"dailyInterestRates":{"USDT":"5"}}"#, "write e.g. 0.0002"),
        (#"{"takerFee":"1.5"}"#, "takerFee: 1.5 is not a commission rate"),
        (#"{"spot":{"USDT":"1e5"}}"#, "not valid JSON of the documented shape"),
    ])
    func refused(json: String, message: String) {
        #expect {
            _ = try Scenario.load(json: Data(json.utf8))
        } throws: { error in
            "\(error)".contains(message)
        }
    }
}

@Suite("Scenario debts")
struct ScenarioDebtTests {
    @Test("a scenario can start with debts, cross and isolated")
    func debts() async {
        let scenario = Scenario(name: "indebted", crossMarginDebt: ["USDT": 1000], isolatedMarginDebt: ["BTCUSDT": ["BTC": Number("0.001")]])
        let h = Harness(scenario: scenario)
        #expect(await h.cross("USDT")["borrowed"] as? String == "1000.00000000")
        #expect(await h.cross("USDT")["netAsset"] as? String == "4000.00000000")
        let iso = await h.call(.get, "/sapi/v1/margin/isolated/account", "symbols=BTCUSDT")
        #expect(iso.text.contains(#"{"asset":"BTC","borrowEnabled":true,"borrowed":"0.00100000""#))
    }
}

@Suite("Scenario debts past the bar")
struct ScenarioDebtLiquidationTests {
    @Test("an account that starts past its liquidation bar is liquidated at once")
    func startsLiquidated() async {
        let scenario = Scenario(name: "underwater", crossMargin: ["USDT": 1000, "BTC": Number("0.1")], crossMarginDebt: ["USDT": 6000])
        let h = Harness(scenario: scenario)
        // 1000 + 6000 USDT of assets against 6000 debt: level 1.1667 > 1.1, not liquidated.
        #expect(await h.cross("USDT")["borrowed"] as? String == "6000.00000000")
        let worse = Scenario(name: "underwater", crossMargin: ["USDT": 500, "BTC": Number("0.1")], crossMarginDebt: ["USDT": 6000])
        let w = Harness(scenario: worse)
        #expect(await w.cross("USDT")["borrowed"] as? String == "0.00000000")
        let records = await w.json(.get, "/sapi/v1/margin/forceLiquidationRec", "")
        #expect(records["total"] as? Int == 1)
    }
}

@Suite("In-process transport")
struct InProcessTransportTests {
    @Test("answers like the handler, waits out a delay fault, and leaves /sim/* alone")
    func transport() async throws {
        let h = Harness()
        let transport = InProcessTransport(simulator: h.simulator)
        _ = await h.control("/sim/fault", "kind=delay&ms=1")
        let delayed = try await transport.send(TransportRequest(method: .get, path: "/api/v3/ping"))
        #expect(delayed.status == 200 && delayed.text == "{}")
        _ = await h.control("/sim/fault", "kind=error")
        let control = try await transport.send(TransportRequest(method: .post, path: "/sim/price", body: "symbol=ETHUSDT&price=3100"))
        #expect(control.status == 200)   // faults never hit the controls
        let failed = try await transport.send(TransportRequest(method: .get, path: "/api/v3/time"))
        #expect(failed.status == 503 && failed.text == #"{"code":-1008,"msg":"Server is currently overloaded with other requests. Please try again in a few minutes."}"#)
    }
}

@Suite("Rejections change nothing")
struct RejectionAtomicityTests {
    @Test("every rejected request leaves the whole state exactly as it was")
    func unchanged() async {
        let h = Harness()
        _ = await h.call(.post, "/sapi/v1/margin/borrow-repay", "asset=USDT&isIsolated=FALSE&amount=100&type=BORROW")
        _ = await h.call(.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.01&price=50000&timeInForce=GTC&newClientOrderId=dup")
        let before = await h.simulator.snapshot()
        let rejected: [(HTTPMethod, String, String)] = [
            (.post, "/sapi/v1/margin/borrow-repay", "asset=USDT&isIsolated=FALSE&amount=1000000&type=BORROW"),
            (.post, "/sapi/v1/margin/borrow-repay", "asset=USDT&isIsolated=FALSE&amount=101&type=REPAY"),
            (.post, "/sapi/v1/margin/borrow-repay", "asset=ETH&isIsolated=TRUE&symbol=BTCUSDT&amount=1&type=BORROW"),
            (.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=10&sideEffectType=MARGIN_BUY"),
            (.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=10"),
            (.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.01&price=50000&timeInForce=GTC&newClientOrderId=dup"),
            (.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=BUY&type=LIMIT_MAKER&quantity=0.01&price=61000"),
            (.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=SELL&type=STOP_LOSS&quantity=0.01&stopPrice=61000"),
            (.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.000001&price=50000&timeInForce=GTC"),
            (.delete, "/sapi/v1/margin/order", "symbol=BTCUSDT&orderId=999"),
            (.delete, "/sapi/v1/margin/openOrders", "symbol=ETHUSDT"),
            (.post, "/sapi/v1/margin/transfer", "asset=USDT&amount=100000&type=1"),
            (.post, "/sapi/v1/margin/transfer", "asset=USDT&amount=100000&type=2"),
            (.post, "/sapi/v1/asset/transfer", "type=MARGIN_ISOLATEDMARGIN&asset=ETH&amount=1&toSymbol=BTCUSDT"),
            (.post, "/sapi/v1/margin/isolated/account", "symbol=NOPE"),
        ]
        for (method, path, query) in rejected {
            let response = await h.call(method, path, query)
            #expect(response.status == 400, "\(path) \(query) → \(response.text)")
        }
        for (path, body) in [("/sim/price", "symbol=BTCUSDT&price=-1"), ("/sim/shock", "symbol=BTCUSDT&percent=-100"),
                             ("/sim/walk", "symbol=NOPE&volatility=1"), ("/sim/deposit", "asset=DOGE&amount=1"),
                             ("/sim/rate", "asset=USDT&dailyInterestRate=2")] {
            let response = await h.control(path, body)
            #expect(response.status == 400, "\(path) \(body) → \(response.text)")
        }
        let after = await h.simulator.snapshot()
        #expect(before == after)
    }
}
