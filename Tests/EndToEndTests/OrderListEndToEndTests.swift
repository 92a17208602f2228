import BinanceMargin
import Foundation
import MarginSim
import Testing

/// BinanceMargin's order-list client against the sandbox over HTTP on 127.0.0.1: each list type placed, a leg
/// filling and the other cancelled (expired), pending legs placed on the path, queries, cancels and errors.
@Suite("Order lists end to end over HTTP")
struct OrderListEndToEndTests {
    /// The status of the order with `clientOrderId`.
    static func status(_ client: MarginClient, _ clientOrderId: String, isolated: Bool = false) async throws -> OrderStatus {
        try await client.order(symbol: "BTCUSDT", clientOrderId: clientOrderId, isIsolated: isolated).status
    }

    /// The statuses of the orders with client ids `ids`.
    static func statuses(_ client: MarginClient, _ ids: [String], isolated: Bool = false) async throws -> [OrderStatus] {
        var all: [OrderStatus] = []
        for id in ids { all.append(try await status(client, id, isolated: isolated)) }
        return all
    }

    @Test("an OCO through the client: answer, open lists, the limit leg fills on a price rise and the stop leg expires")
    func oco() async throws {
        try await ClientSandbox.run { sandbox in
            let client = sandbox.client
            let placed = try await client.placeOrderList(NewOrderList(symbol: "BTCUSDT", .oco(side: .sell, quantity: "0.01",
                limit: ListLeg(type: .limitMaker, price: 62000, clientOrderId: "tp"), stop: ListLeg(type: .stopLoss, stopPrice: 58000, clientOrderId: "sl")),
                listClientOrderId: "e2e-oco"))
            #expect(placed.list.contingencyType == "OCO" && placed.list.isOpen && !placed.reconciled)
            #expect(placed.reports.map(\.type) == [.stopLoss, .limitMaker] && placed.reports.map(\.status) == [.new, .new])
            #expect(placed.reports[0].stopPrice == 58000 && placed.list.orders.map(\.clientOrderId) == ["sl", "tp"])
            #expect(try await sandbox.cross("BTC").locked == "0.01")
            #expect(try await client.openOrderLists().map(\.orderListId) == [placed.list.orderListId])
            try await client.simSetPrice(symbol: "BTCUSDT", price: 62500)
            #expect(try await Self.statuses(client, ["tp", "sl"]) == [.filled, .expired])
            let done = try await client.orderList(listClientOrderId: "e2e-oco")
            #expect(done.listStatusType == "ALL_DONE" && !done.isOpen)
            #expect(try await client.openOrderLists().isEmpty)
            #expect(try await client.allOrderLists().count == 1)
            #expect(try await sandbox.cross("BTC").locked == .zero)
        }
    }

    @Test("an OTO through the client: the working BUY fills on a fall, the pending SELL is placed and fills on the rise")
    func oto() async throws {
        try await ClientSandbox.run { sandbox in
            let client = sandbox.client
            let placed = try await client.placeOrderList(NewOrderList(symbol: "BTCUSDT", .oto(
                working: ListLeg(type: .limit, price: 59000, timeInForce: .gtc, clientOrderId: "w"), workingSide: .buy, workingQuantity: "0.01",
                pending: ListLeg(type: .limitMaker, price: 61000, clientOrderId: "p"), pendingSide: .sell, pendingQuantity: "0.01")))
            #expect(placed.list.contingencyType == "OTO" && placed.reports.map(\.status) == [.new, .pendingNew])
            try await client.simSetPrice(symbol: "BTCUSDT", price: 58500)
            #expect(try await Self.statuses(client, ["w", "p"]) == [.filled, .new])
            try await client.simSetPrice(symbol: "BTCUSDT", price: 61500)
            #expect(try await Self.status(client, "p") == .filled)
            #expect(try await client.orderList(orderListId: placed.list.orderListId).listOrderStatus == "ALL_DONE")
        }
    }

    @Test("an OTOCO bracket through the client, isolated: entry, then take-profit fills and the stop expires")
    func otocoIsolated() async throws {
        try await ClientSandbox.run { sandbox in
            let client = sandbox.client
            let placed = try await client.placeOrderList(NewOrderList(symbol: "BTCUSDT", .otoco(
                working: ListLeg(type: .limit, price: 59000, timeInForce: .gtc, clientOrderId: "iw"), workingSide: .buy, workingQuantity: "0.01",
                pendingSide: .sell, pendingQuantity: "0.00999",   // what the entry leaves after its commission in BTC
                above: ListLeg(type: .limitMaker, price: 61000, clientOrderId: "itp"), below: ListLeg(type: .stopLoss, stopPrice: 57000, clientOrderId: "isl")),
                isIsolated: true))
            #expect(placed.list.isIsolated == true && placed.list.orders.count == 3 && placed.list.contingencyType == "OTO")
            #expect(try await client.openOrderLists(symbol: "BTCUSDT", isIsolated: true).count == 1)
            #expect(try await client.openOrderLists().isEmpty)
            try await client.simSetPrice(symbol: "BTCUSDT", price: 58800)
            #expect(try await Self.statuses(client, ["itp", "isl"], isolated: true) == [.new, .new])
            try await client.simSetPrice(symbol: "BTCUSDT", price: 61200)
            #expect(try await Self.statuses(client, ["itp", "isl"], isolated: true) == [.filled, .expired])
            let pair = try await sandbox.isolated("BTCUSDT")
            #expect(pair.baseAsset.free == .zero && pair.baseAsset.locked == .zero, "bought 0.01 less commission, sold all of it")
        }
    }

    @Test("cancel through the client names the cancel; a second cancel and an impossible OCO are Binance's errors")
    func cancelAndErrors() async throws {
        try await ClientSandbox.run { sandbox in
            let client = sandbox.client
            let placed = try await client.placeOrderList(NewOrderList(symbol: "BTCUSDT", .oco(side: .buy, quantity: "0.01",
                limit: .limitMaker(59000), stop: .stopLoss(61000)), sideEffect: .marginBuy))
            let cancelled = try await client.cancelOrderList(symbol: "BTCUSDT", orderListId: placed.list.orderListId, newClientOrderId: "undo")
            #expect(cancelled.list.listOrderStatus == "ALL_DONE" && cancelled.reports.allSatisfy { $0.status == .canceled && $0.clientOrderId == "undo" })
            #expect(try await sandbox.cross("USDT").locked == .zero)
            await #expect(throws: BinanceError.self) {
                _ = try await client.cancelOrderList(symbol: "BTCUSDT", orderListId: placed.list.orderListId)
            }
            do {
                _ = try await client.placeOrderList(NewOrderList(symbol: "BTCUSDT", .oco(side: .sell, quantity: "0.01",
                    limit: .limitMaker(59500), stop: .stopLoss(59000))))   // ordered, but both below the last price 60000
                Issue.record("an OCO with its prices on the wrong sides was accepted")
            } catch let error as BinanceError {
                #expect(error.code == -2010 && "\(error)".contains("relationship of the prices"), "\(error)")
            }
            #expect(try await client.openOrderLists().isEmpty)
        }
    }
}
