import BinanceMargin
import Testing

private extension Int128 {
    func power(_ n: Int) -> Int128 { (0..<n).reduce(1) { acc, _ in acc * self } }
}
@testable import MarginSim

@Suite("Loans and interest")
struct LoanTests {
    let start = ManualClock.defaultStart   // 2026-01-01T00:00:00Z, a top-of-hour

    func fresh() -> Exchange { Exchange(scenario: .default, time: start + 15 * 60_000, seed: 1) }

    @Test("one hour is charged at borrow time and one at each top-of-hour after")
    func interestHours() throws {
        var x = fresh()
        try x.borrow(.cross, "USDT", 100)
        // 100 × 0.00015 / 24 = 0.000625
        #expect(x[.cross, "USDT"].interest == Number("0.000625"))
        x.advance(to: start + 59 * 60_000)
        #expect(x[.cross, "USDT"].interest == Number("0.000625"))
        x.advance(to: start + 60 * 60_000)
        #expect(x[.cross, "USDT"].interest == Number("0.00125"))
        x.advance(to: start + 4 * 3_600_000 + 1)
        #expect(x[.cross, "USDT"].interest == Number("0.003125"))
        let types = x.interestRecords.map(\.type)
        #expect(types == ["ON_BORROW", "PERIODIC", "PERIODIC", "PERIODIC", "PERIODIC"])
        #expect(x.interestRecords[1].time == start + 3_600_000)
    }

    @Test("repayment pays interest first, then principal")
    func repayInterestFirst() throws {
        var x = fresh()
        try x.borrow(.cross, "USDT", 100)
        try x.repay(.cross, "USDT", 50)
        #expect(x[.cross, "USDT"].interest == .zero)
        #expect(x[.cross, "USDT"].borrowed == Number("50.000625"))
        let record = try #require(x.loanRecords.last)
        #expect(record.kind == .repay)
        #expect(record.interest == Number("0.000625"))
        #expect(record.principal == Number("49.999375"))
        #expect(record.amount == 50)
    }

    @Test("repaying more than is owed is -3015")
    func overRepay() throws {
        var x = fresh()
        try x.borrow(.cross, "USDT", 100)
        #expect(throws: ExchangeError.repayExceedsLiability) { try x.repay(.cross, "USDT", 101) }
        #expect(throws: ExchangeError.repayExceedsLiability) { try x.repay(.cross, "ETH", 1) }
    }

    @Test("max borrowable follows the initial risk ratio: cross 3x")
    func maxBorrowableCross() throws {
        let x = fresh()
        // Cross: 5,000 USDT + 0.1 BTC (6,000 USDT) = 11,000 USDT; IRR 1.5 → 11,000 / 0.5 = 22,000.
        #expect(x.maxBorrowable(.cross, "USDT").amount == 22000)
        #expect(x.maxBorrowable(.cross, "BTC").amount == Number("0.36666666"))
        // Isolated BTCUSDT: 1,000 USDT; IRR 1.111 → 1000 / 0.111 = 9009.00900900.
        #expect(x.maxBorrowable(.isolated("BTCUSDT"), "USDT").amount == Number("9009.00900900"))
    }

    @Test("borrowing past the leverage limit is -3006, past the lending pool -3045")
    func borrowLimits() throws {
        var x = fresh()
        #expect(throws: ExchangeError.exceedMaxBorrowable) { try x.borrow(.cross, "USDT", 22001) }
        x.pool["USDT"] = 50
        #expect(throws: ExchangeError.poolExhausted) { try x.borrow(.cross, "USDT", 100) }
        #expect(x.maxBorrowable(.cross, "USDT").amount == 50)
    }

    @Test("isolated loans need the pair's account and its assets")
    func isolatedRules() throws {
        var x = fresh()
        #expect(throws: ExchangeError.isolatedAccountMissing) { try x.borrow(.isolated("ETHUSDT"), "USDT", 10) }
        #expect(throws: ExchangeError.notValidMarginAsset) { try x.borrow(.isolated("BTCUSDT"), "ETH", 1) }
        try x.borrow(.isolated("BTCUSDT"), "USDT", 100)
        #expect(x[.isolated("BTCUSDT"), "USDT"].borrowed == 100)
        #expect(x[.cross, "USDT"].borrowed == .zero)
    }
}

@Suite("Risk and liquidation")
struct RiskTests {
    func fresh() -> Exchange { Exchange(scenario: .default, time: ManualClock.defaultStart, seed: 1) }

    @Test("margin level is 999 without debt and assets / liabilities with it")
    func marginLevel() throws {
        var x = fresh()
        #expect(try x.riskSnapshot(.cross).marginLevel == 999)
        x.dailyRates["USDT"] = 0
        try x.borrow(.cross, "USDT", 5500)
        // assets 10,500 + 6,000 = 16,500 USDT; liabilities 5,500 → 3
        #expect(try x.riskSnapshot(.cross).marginLevel == 3)
    }

    @Test("a balance too large to value answers -1000 instead of trapping, and liquidation leaves it alone")
    func valuationOverflow() throws {
        var x = fresh()
        // Past every control's bound on purpose: 10^34 BTC at 65,000 USDT does not fit 38 digits.
        x[.cross, "BTC"].free = try Number(significand: Int128(10).power(34), scale: 0)
        x[.cross, "USDT"].borrowed = 1
        #expect(throws: ExchangeError.valuationOutOfRange) { try x.riskSnapshot(.cross) }
        #expect(throws: ExchangeError.valuationOutOfRange) { try x.maxTransferable(.cross, "USDT") }
        #expect(x.maxBorrowableByLeverage(.cross, "USDT") == 0)
        x.liquidateWhereDue()
        #expect(x.liquidationRecords.isEmpty)
    }

    @Test("a short in isolated BTCUSDT is liquidated when the price rises through the bar")
    func isolatedLiquidation() throws {
        var x = fresh()
        x.dailyRates["BTC"] = 0
        try x.borrow(.isolated("BTCUSDT"), "BTC", Number("0.15"))
        _ = try x.placeOrder(OrderRequest(symbol: "BTCUSDT", isIsolated: true, side: .sell, type: .market, quantity: Number("0.15")))
        // Sold at the best bid 59999.99: 1000 + 8999.9985 − 8.9999985 fee = 9990.9985015 USDT against 0.15 BTC.
        #expect(x[.isolated("BTCUSDT"), "USDT"].free == Number("9990.9985015"))
        try x.setPrice("BTCUSDT", 63000)
        #expect(x.liquidationRecords.isEmpty)
        #expect(try x.isolatedStatus("BTCUSDT") == "PRE_LIQUIDATION")   // 9991 / 9450 ≈ 1.057
        try x.setPrice("BTCUSDT", 64000)                             // 9991 / 9600 ≈ 1.0407 ≤ 1.05
        #expect(x[.isolated("BTCUSDT"), "BTC"].borrowed == .zero)
        #expect(x[.isolated("BTCUSDT"), "BTC"].interest == .zero)
        let record = try #require(x.liquidationRecords.first)
        #expect(record.side == .buy && record.symbol == "BTCUSDT" && record.price == 64000)
        #expect(x[.isolated("BTCUSDT"), "USDT"].free < 400 && x[.isolated("BTCUSDT"), "USDT"].free > 300)
        #expect(try x.riskSnapshot(.isolated("BTCUSDT")).marginLevel == 999)
    }

    @Test("hourly interest that pushes a level over the bar liquidates at that hour, not at the end of the advance")
    func liquidationAtTheInterestHour() throws {
        var x = fresh()
        x.dailyRates["BTC"] = 0
        try x.borrow(.isolated("BTCUSDT"), "BTC", Number("0.15"))
        _ = try x.placeOrder(OrderRequest(symbol: "BTCUSDT", isIsolated: true, side: .sell, type: .market, quantity: Number("0.15")))
        try x.setPrice("BTCUSDT", 63000)                 // 9991 / 9450 ≈ 1.057, above the 1.05 bar
        #expect(x.liquidationRecords.isEmpty)
        x.dailyRates["BTC"] = Number("0.1")              // 0.000625 BTC an hour on 0.15
        let firstHour = x.nextInterestHour
        x.advance(to: firstHour + 3 * 3_600_000 + 60_000)
        // Hour 1: 9991 / (0.150625 × 63000) ≈ 1.0529; hour 2: 9991 / (0.15125 × 63000) ≈ 1.0485 ≤ 1.05.
        let record = try #require(x.liquidationRecords.first)
        #expect(record.time == firstHour + 3_600_000)
        #expect(x[.isolated("BTCUSDT"), "BTC"].borrowed == .zero)
    }

    @Test("a cross account below 1.1 is liquidated and its open orders cancelled")
    func crossLiquidation() throws {
        var x = fresh()
        x.dailyRates["USDT"] = 0
        // 5,000 USDT + 0.1 BTC; borrow 19,000 USDT and buy BTC with it all.
        try x.borrow(.cross, "USDT", 19000)
        _ = try x.placeOrder(OrderRequest(symbol: "BTCUSDT", side: .buy, type: .market, quantity: Number("0.39")))
        let resting = try x.placeOrder(OrderRequest(symbol: "BTCUSDT", side: .sell, type: .limit, quantity: Number("0.01"),
                                                    price: 90000, timeInForce: .gtc))
        #expect(resting.order.status == .new)
        try x.setPrice("BTCUSDT", 40000)
        #expect(x.orders.first { $0.orderId == resting.order.orderId }?.status == .canceled)
        #expect(x[.cross, "USDT"].borrowed == .zero)
        #expect(!x.liquidationRecords.isEmpty)
        #expect(x.liquidationRecords.allSatisfy { $0.side == .sell && $0.symbol == "BTCUSDT" })
    }

    @Test("transfers out keep the margin level at 2 or more")
    func maxTransferable() throws {
        var x = fresh()
        x.dailyRates["USDT"] = 0
        #expect(try x.maxTransferable(.cross, "USDT") == 5000)
        try x.borrow(.cross, "USDT", 1000)
        // assets 12,000, liabilities 1,000 → up to 10,000 may leave, capped by free 6,000.
        #expect(try x.maxTransferable(.cross, "USDT") == 6000)
        try x.borrow(.cross, "USDT", 4000)
        // assets 16,000, liabilities 5,000 → 6,000.
        #expect(try x.maxTransferable(.cross, "USDT") == 6000)
        try x.borrow(.cross, "USDT", 2000)
        // assets 18,000, liabilities 7,000 → 4,000.
        #expect(try x.maxTransferable(.cross, "USDT") == 4000)
        #expect(throws: ExchangeError.transferOutExceedsMax) {
            try x.transfer(.marginToMain, asset: "USDT", amount: 4001, fromSymbol: nil, toSymbol: nil, insufficient: .balanceNotEnough)
        }
    }
}

@Suite("Interest rate changes")
struct RateChangeTests {
    @Test("a rate change applies to the next hours and shows in the history")
    func rateChange() async throws {
        let h = Harness()
        _ = await h.call(.post, "/sapi/v1/margin/borrow-repay", "asset=USDT&isIsolated=FALSE&amount=2400&type=BORROW")
        _ = await h.control("/sim/clock", "advanceMs=86400000")     // a day: 24 PERIODIC hours at 0.00015
        let changed = await h.control("/sim/rate", "asset=USDT&dailyInterestRate=0.0003")
        #expect(changed.text == #"{"asset":"USDT","dailyInterestRate":"0.00030000"}"#)
        _ = await h.control("/sim/clock", "advanceMs=3600000")      // one hour at 0.0003
        // 25 × 2400 × 0.00015 / 24 + 2400 × 0.0003 / 24 = 0.375 + 0.03
        #expect(await h.cross("USDT")["interest"] as? String == "0.40500000")
        let history = await h.array(.get, "/sapi/v1/margin/interestRateHistory", "asset=USDT")
        #expect(history.first?["dailyInterestRate"] as? String == "0.00030000")
        #expect(history.dropFirst().first?["dailyInterestRate"] as? String == "0.00015000")
        // Lowered later the same day: the day's row keeps the highest rate, as Binance shows it.
        _ = await h.control("/sim/rate", "asset=USDT&dailyInterestRate=0.0001")
        let sameDay = await h.array(.get, "/sapi/v1/margin/interestRateHistory", "asset=USDT")
        #expect(sameDay.first?["dailyInterestRate"] as? String == "0.00030000")
        let next = await h.call(.get, "/sapi/v1/margin/next-hourly-interest-rate", "assets=USDT&isIsolated=FALSE")
        #expect(next.text == #"[{"asset":"USDT","nextHourlyInterestRate":"0.00000417"}]"#)
        let bad = await h.control("/sim/rate", "asset=DOGE&dailyInterestRate=0.1")
        #expect(bad.status == 400)
    }
}
