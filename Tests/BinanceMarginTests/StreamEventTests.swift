import BinanceMargin
import Foundation
import Testing

/// The margin streams' events decode from Binance's own samples (alone and in both envelopes), unknown
/// events are kept rather than failing, and every event survives a round trip through its JSON.
@Suite("Stream events")
struct StreamEventTests {
    static let execution = #"{"e":"executionReport","E":1760000000123,"s":"BTCUSDT","c":"myOrder1","S":"BUY","o":"LIMIT","f":"GTC","q":"0.00300000","p":"60010.00000000","P":"0.00000000","F":"0.00000000","g":-1,"C":"","x":"TRADE","X":"PARTIALLY_FILLED","r":"NONE","i":4293153,"l":"0.00100000","z":"0.00200000","L":"60005.00000000","n":"0.00000100","N":"BTC","T":1760000000120,"t":7781,"I":8641987,"w":false,"m":false,"M":true,"O":1760000000120,"Z":"120.00500000","Y":"60.00500000","Q":"0.00000000","W":1760000000120,"V":"EXPIRE_MAKER"}"#

    @Test("Binance's samples decode to the right values")
    func samples() throws {
        guard case .execution(let report) = try StreamEvent.decode(Data(Self.execution.utf8)) else { Issue.record("not an execution"); return }
        #expect(report.symbol == "BTCUSDT" && report.side == .buy && report.type == .limit && report.executionType == .trade)
        #expect(report.status == .partiallyFilled && report.orderId == 4_293_153 && report.tradeId == 7781 && report.orderListId == -1)
        #expect(report.lastQuantity == "0.001" && report.cumulativeQuantity == "0.002" && report.commissionAsset == "BTC")
        #expect(report.averagePrice == "60002.5")

        let position = #"{"e":"outboundAccountPosition","E":1760000000123,"u":1760000000120,"B":[{"a":"BTC","f":"0.00300000","l":"0.00000000"},{"a":"USDT","f":"879.99500000","l":"60.01000000"}]}"#
        #expect(try StreamEvent.decode(Data(position.utf8)) == .accountPosition(AccountPositionEvent(
            eventTime: 1_760_000_000_123, lastUpdateTime: 1_760_000_000_120,
            balances: [.init(asset: "BTC", free: "0.003", locked: 0), .init(asset: "USDT", free: "879.995", locked: "60.01")])))
        let level = #"{"e":"MARGIN_LEVEL_STATUS_CHANGE","E":1701949763462,"l":"1.1","s":"MARGIN_CALL"}"#
        #expect(try StreamEvent.decode(Data(level.utf8)) == .marginLevelStatus(.init(eventTime: 1_701_949_763_462, marginLevel: "1.1", status: .marginCall)))
        let liability = #"{"e":"USER_LIABILITY_CHANGE","E":1701949801133,"a":"BTC","t":"BORROW","p":"0.00000100","i":"0.00000000"}"#
        #expect(try StreamEvent.decode(Data(liability.utf8)) == .liabilityChange(.init(eventTime: 1_701_949_801_133, asset: "BTC", updateType: "BORROW", principal: "0.000001", interest: 0)))
        let balance = #"{"e":"balanceUpdate","E":1760000000500,"a":"USDT","d":"100.00000000","T":1760000000498}"#
        #expect(try StreamEvent.decode(Data(balance.utf8)) == .balanceUpdate(.init(eventTime: 1_760_000_000_500, asset: "USDT", delta: 100, clearTime: 1_760_000_000_498)))
        let list = #"{"e":"listStatus","E":1760000000200,"s":"BTCUSDT","g":2,"c":"OCO","l":"EXEC_STARTED","L":"EXECUTING","r":"NONE","C":"myList1","T":1760000000198,"O":[{"s":"BTCUSDT","i":17,"c":"stopLeg1"},{"s":"BTCUSDT","i":18,"c":"limitLeg1"}]}"#
        guard case .listStatus(let status) = try StreamEvent.decode(Data(list.utf8)) else { Issue.record("not a list status"); return }
        #expect(status.legs.map(\.orderId) == [17, 18] && status.listOrderStatus == "EXECUTING")
    }

    @Test("envelopes, endings and unknown events")
    func envelopes() throws {
        let plain = try StreamEvent.decode(Data(Self.execution.utf8))
        #expect(try StreamEvent.decode(Data(#"{"subscriptionId":0,"event":\#(Self.execution)}"#.utf8)) == plain)
        #expect(try StreamEvent.decode(Data(#"{"stream":"abc","data":\#(Self.execution)}"#.utf8)) == plain)
        #expect(try StreamEvent.decode(Data(#"{"event":{"e":"eventStreamTerminated","E":1728973001334}}"#.utf8)) == .streamEnded(type: "eventStreamTerminated", eventTime: 1_728_973_001_334))
        #expect(try StreamEvent.decode(Data(#"{"e":"somethingNew","E":1,"x":[1,2]}"#.utf8)) == .unknown(type: "somethingNew"))
        #expect(throws: DecodingError.self) { try StreamEvent.decode(Data(#"{"e":"balanceUpdate","E":"late"}"#.utf8)) }
    }

    @Test("generated events survive a round trip through their JSON")
    func roundTrip() throws {
        var random = SplitMix64(seed: 21)
        func amount() -> Number { (try? Number(significand: Int128(random.next(upTo: 1_000_000_000)), scale: Int(random.next(upTo: 9)))) ?? 0 }
        for i in 0..<300 {
            let time = 1_700_000_000_000 + Int64(random.next(upTo: 1_000_000))
            let event: StreamEvent
            switch i % 4 {
            case 0: event = .balanceUpdate(.init(eventTime: time, asset: "USDT", delta: random.next(upTo: 2) == 0 ? amount() : amount().negated, clearTime: time - 2))
            case 1: event = .liabilityChange(.init(eventTime: time, asset: "BTC", updateType: random.pick(["BORROW", "REPAY"]), principal: amount(), interest: amount()))
            case 2: event = .marginLevelStatus(.init(eventTime: time, marginLevel: amount(), status: random.pick(MarginLevelStatus.allCases.filter { $0 != .unknown })))
            default: event = .accountPosition(.init(eventTime: time, lastUpdateTime: time - 1, balances: [.init(asset: "BTC", free: amount(), locked: amount())]))
            }
            #expect(try StreamEvent.decode(event.encoded()) == event)
        }
    }

    @Test("risk bars: each margin level maps to one status, and a lower level is never safer (generated levels)")
    func riskBars() {
        let bars = MarginRiskBars()
        #expect(bars.status(of: 2) == .excessive && bars.status(of: "1.5") == .excessive && bars.status(of: "1.4") == .normal)
        #expect(bars.status(of: "1.3") == .marginCall && bars.status(of: "1.16") == .marginCall && bars.status(of: "1.12") == .preLiquidation)
        #expect(bars.status(of: "1.1") == .forceLiquidation && bars.status(of: 0) == .forceLiquidation)
        let order: [MarginLevelStatus] = [.forceLiquidation, .preLiquidation, .marginCall, .normal, .excessive]
        var random = SplitMix64(seed: 5)
        for _ in 0..<1000 {
            let a = (try? Number(significand: Int128(random.next(upTo: 30_000)), scale: 4)) ?? 0
            let b = (try? Number(significand: Int128(random.next(upTo: 30_000)), scale: 4)) ?? 0
            let (low, high) = a < b ? (a, b) : (b, a)
            #expect(order.firstIndex(of: bars.status(of: low))! <= order.firstIndex(of: bars.status(of: high))!)
        }
    }
}
