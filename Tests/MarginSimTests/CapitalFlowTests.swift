import BinanceMargin
import Foundation
@testable import MarginSim
import Testing

/// `GET /sapi/v1/margin/capital-flow`: a row for every movement of funds in a margin account — borrows, repays,
/// transfers, each fill's income, expense and commission, liquidation steps — with Binance's types and rules.
@Suite("Capital flow")
struct CapitalFlowTests {
    /// What each type does to the account's free + locked balance of its asset (the fee of a liquidation is
    /// already out of what it bought, so it moves nothing).
    static func signed(_ r: CapitalFlowRecord) -> Number {
        switch r.type {
        case "BORROW", "BUY_INCOME", "SELL_INCOME", "BUY_LIQUIDATION", "TRANSFER": r.amount
        case "LIQUIDATION_FEE": .zero
        default: r.amount.negated
        }
    }

    /// Free + locked of `asset` in `account`.
    static func holding(_ x: Exchange, _ account: AccountRef, _ asset: String) -> Number {
        (try? x[account, asset].free + x[account, asset].locked) ?? .greatest
    }

    /// A random step: an order, cancel or price move (the ledger test's), a borrow, a repay, a transfer in or
    /// out, or — rarely — a liquidation.
    static func step(_ x: inout Exchange, _ random: inout SplitMix64) {
        switch random.next(upTo: 12) {
        case 0: _ = try? x.borrow(.cross, random.pick(["USDT", "BTC"]), random.pick(["50", "0.01", "120"]))
        case 1: x.repayWhatIsPossible(.cross, random.pick(["USDT", "BTC"]), cap: random.pick([Number(30), "0.005"]), origin: "MANUAL")
        case 2:
            _ = try? x.transfer(random.pick([.mainToMargin, .marginToMain]), asset: "USDT", amount: random.pick(["10", "2.5"]),
                                fromSymbol: nil, toSymbol: nil, insufficient: .transferInsufficient)
        case 3 where random.next(upTo: 8) == 0: x.liquidate(.cross)
        default: LedgerPropertyTests.step(&x, &random)
        }
    }

    @Test("over generated histories, the rows of each asset add up to the change of its balance, ids run 1, 2, 3…")
    func rowsAddUp() {
        var random = SplitMix64(seed: 0xCAF_10)
        var kinds = Set<String>()
        for round in 0..<8 {
            var x = thinBook(cross: ["USDT": 20000, "BTC": "0.5"], levels: 8)
            let start = ["USDT", "BTC"].map { Self.holding(x, .cross, $0) }
            for n in 0..<60 {
                Self.step(&x, &random)
                for (i, asset) in ["USDT", "BTC"].enumerated() {
                    let moved = x.flows.filter { $0.asset == asset && $0.account == .cross }.reduce(Number.zero) { (try? $0 + Self.signed($1)) ?? .greatest }
                    #expect((try? start[i] + moved) == Self.holding(x, .cross, asset), "round \(round) step \(n): \(asset)")
                }
            }
            #expect(x.flows.map(\.id) == Array(1...Int64(max(x.flows.count, 1))).prefix(x.flows.count).map { $0 })
            kinds.formUnion(x.flows.map(\.type))
        }
        let expected: Set = ["BORROW", "REPAY", "TRANSFER", "BUY_INCOME", "BUY_EXPENSE", "SELL_INCOME", "SELL_EXPENSE", "TRADING_COMMISSION"]
        #expect(expected.isSubset(of: kinds), "the generator must reach every ordinary type: \(expected.subtracting(kinds))")
    }

    @Test("a liquidation writes SELL_LIQUIDATION, BUY_LIQUIDATION, LIQUIDATION_FEE and REPAY_LIQUIDATION rows")
    func liquidationRows() async throws {
        let h = Harness()
        // Short 0.2 BTC (all 0.3 sold for ~23,000 USDT): at 110,000 the level is ~1.05, below the 1.1 bar.
        _ = await h.call(.post, "/sapi/v1/margin/borrow-repay", "asset=BTC&isIsolated=FALSE&amount=0.2&type=BORROW")
        _ = await h.call(.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.3")
        _ = await h.control("/sim/price", "symbol=BTCUSDT&price=110000")
        let rows = await h.array(.get, "/sapi/v1/margin/capital-flow")
        let types = Set(rows.compactMap { $0["type"] as? String })
        #expect(["SELL_LIQUIDATION", "BUY_LIQUIDATION", "LIQUIDATION_FEE", "REPAY_LIQUIDATION"].allSatisfy(types.contains), "\(types)")
    }

    @Test("the endpoint: newest first, or by fromId oldest first; asset, type and isolated filters; the 7-day rule; limits")
    func endpoint() async throws {
        let h = Harness()
        _ = await h.call(.post, "/sapi/v1/margin/borrow-repay", "asset=USDT&isIsolated=FALSE&amount=100&type=BORROW")
        _ = await h.call(.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001")
        _ = await h.call(.post, "/sapi/v1/margin/transfer", "asset=USDT&amount=7&type=1")
        _ = await h.call(.post, "/sapi/v1/margin/borrow-repay", "asset=USDT&isIsolated=TRUE&symbol=BTCUSDT&amount=10&type=BORROW")
        let latest = await h.array(.get, "/sapi/v1/margin/capital-flow")
        #expect(latest.map { $0["type"] as? String } == ["TRANSFER", "TRADING_COMMISSION", "BUY_EXPENSE", "BUY_INCOME", "BORROW"])
        #expect(latest.first?["amount"] as? String == "7" && latest.last?["amount"] as? String == "100" && latest.last?["symbol"] == nil)
        let ids = latest.compactMap { $0["id"] as? Int }
        var paged: [Int] = []
        var cursor = 0
        for _ in 0..<10 {
            let page = await h.array(.get, "/sapi/v1/margin/capital-flow", "fromId=\(cursor)&limit=2").compactMap { $0["id"] as? Int }
            guard let last = page.last else { break }
            paged += page
            cursor = last
        }
        #expect(paged == ids.reversed(), "fromId pages every cross row once, oldest first")
        #expect(await h.array(.get, "/sapi/v1/margin/capital-flow", "asset=BTC").count == 2)
        #expect(await h.array(.get, "/sapi/v1/margin/capital-flow", "type=BORROW").count == 1)
        let isolated = await h.array(.get, "/sapi/v1/margin/capital-flow", "symbol=BTCUSDT")
        #expect(isolated.count == 1 && isolated.first?["symbol"] as? String == "BTCUSDT" && isolated.first?["type"] as? String == "BORROW")
        let now = h.now
        let week = await h.json(.get, "/sapi/v1/margin/capital-flow", "startTime=\(now - 7 * 86_400_000 - 1)&endTime=\(now)")
        #expect(week["code"] as? Int == -4047 && week["msg"] as? String == "Time interval must be within 0-7 days")
        #expect(await h.array(.get, "/sapi/v1/margin/capital-flow", "startTime=\(now - 7 * 86_400_000)&endTime=\(now)").count == 5)
        #expect(await h.json(.get, "/sapi/v1/margin/capital-flow", "type=INTEREST")["code"] as? Int == -1100)
        #expect(await h.json(.get, "/sapi/v1/margin/capital-flow", "limit=1001")["code"] as? Int == -1102)
        #expect(await h.array(.get, "/sapi/v1/margin/capital-flow", "endTime=\(now - 1)").isEmpty)
        #expect(Router.route(.get, "/sapi/v1/margin/capital-flow")?.weight(RequestParameters([:])) == .ip(100))
    }
}
