import BinanceMargin
import Foundation
import MarginSim
import Testing

/// BinanceMargin's `capitalFlow` against the sandbox over HTTP on 127.0.0.1.
@Suite("Capital flow end to end over HTTP")
struct CapitalFlowEndToEndTests {
    @Test("a borrow, a MARKET buy and a transfer come back as Binance's rows, newest first; fromId pages them oldest first")
    func rows() async throws {
        try await ClientSandbox.run { sandbox in
            let client = sandbox.client
            _ = try await client.borrow(asset: "USDT", amount: 100)
            _ = try await client.placeOrder(NewOrder(symbol: "BTCUSDT", side: .buy, type: .market, quantity: "0.001"))
            _ = try await client.transfer(asset: "USDT", amount: 7, .spotToCross)
            let rows = try await client.capitalFlow()
            #expect(rows.map(\.type) == ["TRANSFER", "TRADING_COMMISSION", "BUY_EXPENSE", "BUY_INCOME", "BORROW"])
            #expect(rows.first?.amount == 7 && rows.last?.amount == 100 && rows.allSatisfy { $0.symbol == nil && $0.note == nil })
            #expect(rows[3].asset == "BTC" && rows[3].amount == "0.001" && rows[2].asset == "USDT")
            let forward = try await client.capitalFlow(fromId: 0, limit: 3) + client.capitalFlow(fromId: 3)
            #expect(forward.map(\.id) == rows.map(\.id).reversed())
            #expect(try await client.capitalFlow(asset: "USDT", type: "BORROW").map(\.tranId) == [rows[4].tranId])
        }
    }
}
