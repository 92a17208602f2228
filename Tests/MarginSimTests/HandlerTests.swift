import BinanceMargin
import Foundation
import Testing
@testable import MarginSim

@Suite("REST handler")
struct HandlerTests {
    @Test("ping and time answer JSON")
    func pingAndTime() async {
        let h = Harness()
        let ping = await h.simulator.handle(TransportRequest(method: .get, path: "/api/v3/ping"))
        #expect(ping.status == 200)
        #expect(ping.text == "{}")
        #expect(ping.header("x-mbx-used-weight-1m") == "1")
        let time = await h.simulator.handle(TransportRequest(method: .get, path: "/api/v3/time"))
        #expect(time.text == "{\"serverTime\":\(ManualClock.defaultStart)}")
    }

    @Test("unknown path is a 404 without a body")
    func unknownPath() async {
        let h = Harness()
        let response = await h.simulator.handle(TransportRequest(method: .get, path: "/sapi/v1/margin/nothing"))
        #expect(response.status == 404)
        #expect(response.body.isEmpty)
    }

    @Test("cross borrow through the handler, then the record")
    func borrowAndRecord() async {
        let h = Harness()
        let response = await h.call(.post, "/sapi/v1/margin/borrow-repay", "asset=USDT&isIsolated=FALSE&amount=100&type=BORROW")
        #expect(response.status == 200)
        #expect(response.text == "{\"tranId\":100000001}")
        #expect(response.header("x-sapi-used-uid-weight-1m") == "1500")
        let usdt = await h.cross("USDT")
        #expect(usdt["borrowed"] as? String == "100.00000000")
        #expect(usdt["free"] as? String == "5100.00000000")
        // One hour of interest at borrow time: 100 × 0.00015 / 24 = 0.000625 → 0.00062500.
        #expect(usdt["interest"] as? String == "0.00062500")
    }
}
