import BinanceMargin
import Foundation
@testable import MarginSim
import Synchronization
import Testing

/// Records what the engine publishes, synchronously (the events of a request are there when it returns).
final class RecordingSink: EventSink {
    private let events = Mutex<[PublishedEvent]>([])
    var isListening: Bool { true }
    func publish(_ new: [PublishedEvent]) { events.withLock { $0 += new } }
    /// Everything recorded since the last take.
    func take() -> [PublishedEvent] { events.withLock { let all = $0; $0 = []; return all } }
}

/// Every change Binance's streams report becomes typed events in one place (the engine's observed section),
/// for every cause: a request, a price move, the clock.
@Suite("Engine events")
struct EngineEventTests {
    static func listening() async -> (Harness, RecordingSink) {
        let h = Harness(), sink = RecordingSink()
        await h.simulator.attach(sink)
        return (h, sink)
    }

    static func reports(_ events: [PublishedEvent]) -> [ExecutionReport] {
        events.compactMap { if case .execution(let report) = $0.event { return report } else { return nil } }
    }

    @Test("an order's life: NEW, TRADE, CANCELED, EXPIRED; balances and liabilities match REST")
    func orderLife() async throws {
        let (h, sink) = await Self.listening()
        _ = await h.call(.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.4&sideEffectType=MARGIN_BUY")
        let placed = sink.take()
        #expect(placed.map(\.event.type).prefix(4) == ["executionReport", "executionReport", "outboundAccountPosition", "USER_LIABILITY_CHANGE"])
        let fills = Self.reports(placed)
        #expect(fills.map(\.executionType) == [.new, .trade] && fills.last?.status == .filled)
        #expect(fills.last?.cumulativeQuantity == "0.4" && fills.last?.lastPrice == 60000 && fills.last?.commissionAsset == "BTC")
        #expect(placed.allSatisfy { $0.route != .risk || $0.event.type == "USER_LIABILITY_CHANGE" })
        let account = await h.json(.get, "/sapi/v1/margin/account")
        let rows = account["userAssets"] as? [[String: Any]] ?? []
        guard case .accountPosition(let position) = placed[2].event else { Issue.record("no position"); return }
        for balance in position.balances {
            let row = rows.first { $0["asset"] as? String == balance.asset }
            #expect(Number(row?["free"] as? String ?? "") == balance.free && Number(row?["locked"] as? String ?? "") == balance.locked)
        }
        guard case .liabilityChange(let debt) = placed[3].event else { Issue.record("no liability"); return }
        let usdt = rows.first { $0["asset"] as? String == "USDT" }
        #expect(debt.updateType == "BORROW" && debt.asset == "USDT" && Number(usdt?["borrowed"] as? String ?? "") == debt.principal)
        #expect(Number(usdt?["interest"] as? String ?? "") == debt.interest && debt.interest.isPositive)

        _ = await h.call(.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=0.001&price=90000&newClientOrderId=rest1")
        let rest = Self.reports(sink.take())
        #expect(rest.map(\.executionType) == [.new] && rest.first?.isOnBook == true && rest.first?.clientOrderId == "rest1")
        _ = await h.call(.delete, "/sapi/v1/margin/order", "symbol=BTCUSDT&origClientOrderId=rest1&newClientOrderId=stop1")
        let cancel = Self.reports(sink.take())
        #expect(cancel.map(\.executionType) == [.canceled] && cancel.first?.status == .canceled)
        #expect(cancel.first?.clientOrderId == "stop1" && cancel.first?.originalClientOrderId == "rest1")
        _ = await h.call(.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=IOC&quantity=0.001&price=90000")
        #expect(Self.reports(sink.take()).map(\.executionType) == [.new, .expired])
    }

    @Test("a resting order filled by a price move: TRADE as maker, then the market streams")
    func restingFill() async throws {
        let (h, sink) = await Self.listening()
        _ = await h.call(.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=59000")
        _ = sink.take()
        _ = await h.simulator.handle(TransportRequest(method: .post, path: "/sim/price", body: "symbol=BTCUSDT&price=58000"))
        let moved = sink.take()
        let fill = Self.reports(moved)
        #expect(fill.map(\.executionType) == [.trade] && fill.first?.isMaker == true && fill.first?.lastPrice == 59000)
        let streams = moved.compactMap { if case .market(let name) = $0.route { return name } else { return nil } }
        #expect(streams == ["btcusdt@trade", "btcusdt@trade", "btcusdt@bookTicker", "btcusdt@miniTicker"])
        guard case .miniTicker(let mini) = moved.last?.event else { Issue.record("no mini ticker"); return }
        #expect(mini.close == 58000 && mini.open == 59000 && mini.baseVolume == "0.01")
    }

    @Test("transfers are balanceUpdates; the clock's interest is a liability change")
    func transferAndInterest() async throws {
        let (h, sink) = await Self.listening()
        _ = await h.call(.post, "/sapi/v1/asset/transfer", "type=MAIN_MARGIN&asset=USDT&amount=100")
        let moved = sink.take()
        guard case .balanceUpdate(let update) = moved.first?.event else { Issue.record("no balance update"); return }
        #expect(update.asset == "USDT" && update.delta == 100 && moved.first?.route == .crossUserData)
        _ = await h.call(.post, "/sapi/v1/margin/borrow-repay", "asset=BTC&amount=0.01&type=BORROW&isIsolated=FALSE")
        #expect(sink.take().contains { if case .liabilityChange(let c) = $0.event { return c.updateType == "BORROW" } else { return false } })
        h.clock.advance(by: 3_600_000)
        await h.simulator.tick()
        let hour = sink.take()
        #expect(hour.count == 1)
        guard case .liabilityChange(let interest) = hour.first?.event else { Issue.record("no interest"); return }
        #expect(interest.updateType == "INTEREST" && interest.asset == "BTC" && interest.principal == "0.01" && interest.interest.isPositive)
    }

    @Test("a MARGIN_LEVEL_STATUS_CHANGE exactly when a seeded walk of prices crosses a bar, with REST's level")
    func levelCrossings() async throws {
        var random = SplitMix64(seed: 13)
        for _ in 0..<4 {
            let (h, sink) = await Self.listening()
            _ = await h.call(.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.4&sideEffectType=MARGIN_BUY")
            _ = sink.take()
            var status = MarginLevelStatus.excessive, price: Int64 = 60000
            // The status rule over the bars the account reports (tradeCoeff), as a client would apply it.
            let bars = try JSONDecoder().decode(MarginRiskBars.self, from: await h.call(.get, "/sapi/v1/margin/tradeCoeff").body)
            for _ in 0..<40 {
                price += Int64(random.next(upTo: 4001)) - 2300
                _ = await h.simulator.handle(TransportRequest(method: .post, path: "/sim/price", body: "symbol=BTCUSDT&price=\(price)"))
                let changes = sink.take().compactMap { if case .marginLevelStatus(let c) = $0.event { return c } else { return nil } }
                let account = await h.json(.get, "/sapi/v1/margin/account")
                let level = Number(account["marginLevel"] as? String ?? "") ?? 0
                if changes.contains(where: { $0.status == .forceLiquidation }) { break }   // liquidated: the walk ends
                let now = bars.status(of: level)
                #expect(changes.map(\.status) == (now == status ? [] : [now]))
                #expect(changes.allSatisfy { $0.marginLevel == level })
                status = now
            }
        }
    }

    @Test("a liquidation is announced as FORCE_LIQUIDATION before the account's new status")
    func liquidation() async throws {
        let (h, sink) = await Self.listening()
        _ = await h.call(.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.4&sideEffectType=MARGIN_BUY")
        _ = sink.take()
        _ = await h.simulator.handle(TransportRequest(method: .post, path: "/sim/price", body: "symbol=BTCUSDT&price=40000"))
        let statuses = sink.take().compactMap { if case .marginLevelStatus(let c) = $0.event { return c.status } else { return nil } }
        #expect(statuses.first == .forceLiquidation && statuses.count == 2 && statuses.last != .forceLiquidation)
    }
}
