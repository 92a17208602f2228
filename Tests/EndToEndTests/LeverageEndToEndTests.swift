import BinanceMargin
import Foundation
import MarginSim
import Testing

/// max-leverage and manual liquidation through MarginClient over HTTP against the sandbox (default scenario:
/// cross USDT 5000 and BTC 0.1 at 60000, i.e. 11,000 USDT of collateral).
@Suite("Leverage and manual liquidation end to end over HTTP")
struct LeverageEndToEndTests {
    @Test("5x raises what may be borrowed and lowers the bars; going back to 3x is refused (-3023) while the level is at or below 1.5")
    func maxLeverage() async throws {
        try await ClientSandbox.run { sandbox in
            let client = sandbox.client
            let at3 = try await client.maxBorrowable(asset: "USDT").amount
            let bars3 = try await client.tradeCoefficients()
            #expect(bars3.normalBar == "1.5" && bars3.marginCallBar == "1.3" && bars3.forceLiquidationBar == "1.1")
            try await client.setMaxLeverage(5)
            let at5 = try await client.maxBorrowable(asset: "USDT").amount
            #expect(at5 > at3, "3x: \(at3), 5x: \(at5)")
            let bars5 = try await client.tradeCoefficients()
            #expect(bars5.normalBar == "1.25" && bars5.marginCallBar == "1.16" && bars5.forceLiquidationBar == "1.1")
            // 25,000 USDT more debt than 3x allows: level (11,000 + 25,000) / 25,000.0x ≈ 1.44.
            _ = try await client.borrow(asset: "USDT", amount: "25000")
            let level = try await client.crossAccount().marginLevel
            #expect(level > "1.25" && level < "1.5")
            await #expect { try await client.setMaxLeverage(3) } throws: { error in (error as? BinanceError)?.code == -3023 }
            #expect(try await client.tradeCoefficients().normalBar == "1.25")
            try await client.setMaxLeverage(5)   // unchanged leverage, level above 1.25: accepted
        }
    }

    @Test("manual liquidation sells collateral for the debt, repays it, records it; with no debt left it is -3041")
    func manualLiquidation() async throws {
        try await ClientSandbox.run { sandbox in
            let client = sandbox.client
            _ = try await client.borrow(asset: "USDT", amount: "3000")
            _ = try await client.placeOrder(.market("BTCUSDT", .buy, quantity: "0.12"))
            #expect(try await sandbox.cross("USDT").free < "3000")
            let done = try await client.manualLiquidation()
            #expect(done.asset == "BTC" && done.liabilityAsset == "USDT")
            #expect(done.principal == "3000" && done.interest == Number("0.01875"))
            #expect(done.liabilityQty == Number("3000.01875"))
            let usdt = try await sandbox.cross("USDT")
            #expect(usdt.borrowed == .zero && usdt.interest == .zero)
            let records = try await client.forceLiquidationRecords()
            #expect(records.rows.contains { $0.symbol == "BTCUSDT" && $0.side == .sell })
            await #expect { _ = try await client.manualLiquidation() } throws: { error in (error as? BinanceError)?.code == -3041 }
        }
    }
}
