import BinanceMargin
import Testing
@testable import MarginSim

/// Seeded random sequences of orders (crossing several levels, partial fills, every time in force, side
/// effect and self-trade mode), cancels and price moves: after every step the ledger adds up.
@Suite("The ledger adds up through partial fills, cancels and price paths")
struct LedgerPropertyTests {
    static let assets = ["BTC", "USDT"]

    /// Net holdings per asset (free + locked − borrowed − interest) over every account.
    static func net(_ x: Exchange) -> [String: Number] {
        var totals: [String: Number] = [:]
        for account in [AccountRef.spot] + x.marginAccounts {
            for asset in assets {
                let b = x[account, asset]
                totals[asset] = (try? (totals[asset] ?? .zero) + b.free + b.locked - b.borrowed - b.interest) ?? .greatest
            }
        }
        return totals
    }

    /// What the trades moved per asset: a buyer receives base less commission and pays quote, a seller the reverse.
    static func traded(_ x: Exchange) -> [String: Number] {
        var moved: [String: Number] = ["BTC": .zero, "USDT": .zero]
        for t in x.trades {
            let base = t.isBuyer ? (try? t.qty - t.commission) : t.qty.negated
            let quote = t.isBuyer ? t.quoteQty.negated : (try? t.quoteQty - t.commission)
            moved["BTC"] = (try? moved["BTC"]! + (base ?? .greatest)) ?? .greatest
            moved["USDT"] = (try? moved["USDT"]! + (quote ?? .greatest)) ?? .greatest
        }
        return moved
    }

    /// A random request: an order of any kind that may cross several levels, a cancel, or a price move.
    static func step(_ x: inout Exchange, _ random: inout SplitMix64) {
        let side = random.pick([Side.buy, .sell])
        let offset = Number((Int(random.next(upTo: 41)) - 20) * 5)                     // ±100 USDT around the price
        let price = x.price("BTCUSDT").adding(offset) ?? 60000
        let quantity = Number(Int(random.next(upTo: 40)) + 1).multiplying(by: "0.0005") ?? 1   // up to 0.02: several levels
        var request = OrderRequest(symbol: "BTCUSDT", side: side, type: .limit, quantity: quantity)
        request.sideEffect = random.pick(SideEffect.allCases)
        request.autoRepayAtCancel = random.next(upTo: 2) == 0
        request.selfTradePreventionMode = random.pick(["NONE", "EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH"])
        switch random.next(upTo: 10) {
        case 0, 1, 2: request.price = price; request.timeInForce = random.pick(TimeInForce.allCases)
        case 3: request.type = .market
        case 4:
            request.type = random.pick([.stopLoss, .takeProfit, .stopLossLimit])
            request.stopPrice = price
            if request.type == .stopLossLimit { request.price = price; request.timeInForce = .gtc }
        case 5, 6:
            guard let open = x.orders.openPositions.last else { return }
            let o = x.orders[open]
            _ = try? x.cancelOrder(symbol: o.symbol, account: o.account, orderId: o.orderId, clientOrderId: nil, cancelClientOrderId: nil)
            return
        default:
            _ = try? x.setPrice("BTCUSDT", x.price("BTCUSDT").adding(Number((Int(random.next(upTo: 81)) - 40) * 5)) ?? 60000)
            return
        }
        _ = try? x.placeOrder(request)
    }

    /// Everything that must hold after any step.
    static func check(_ x: Exchange, start: [String: Number], round: Int, step: Int) {
        let net = net(x), moved = traded(x)
        for asset in assets {
            #expect(net[asset] == start[asset].flatMap { try? $0 + moved[asset]! }, "round \(round) step \(step): \(asset) does not add up")
        }
        for account in x.marginAccounts {
            for asset in assets {
                let open = x.orders.openPositions.filter { x.orders[$0].account == account && x.orders[$0].lockedAsset == asset }
                let locks = open.reduce(Number.zero) { (try? $0 + x.orders[$1].lockedAmount) ?? .greatest }
                #expect(x[account, asset].locked == locks && !x[account, asset].free.isNegative, "round \(round) step \(step): \(account) \(asset)")
            }
        }
        for order in x.orders {
            let fills = x.trades.filter { $0.orderId == order.orderId }
            #expect(order.executedQty == fills.reduce(Number.zero) { (try? $0 + $1.qty) ?? .greatest })
            #expect((order.status == .filled) == (order.executedQty == order.origQty))
            #expect(order.status != .partiallyFilled || (order.executedQty.isPositive && order.executedQty < order.origQty))
        }
        let book = x.books?.bySymbol["BTCUSDT"]
        let resting = x.orders.openPositions.filter { x.orders[$0].isResting }.map { x.orders[$0].orderId }
        #expect(Set(resting) == Set(((book?.restingBids ?? []) + (book?.restingAsks ?? [])).map(\.orderId)), "round \(round) step \(step): book")
    }

    @Test("random sequences of orders, partial fills, cancels and price moves keep the ledger exact")
    func ledgerAddsUp() throws {
        var random = SplitMix64(seed: 0x1ED6_E12B)
        var sawPartial = 0, sawPrevented = 0, sawCancelAfterFill = 0
        for round in 0..<12 {
            var x = thinBook(cross: ["USDT": 20000, "BTC": "0.5"], levels: 8)
            let start = Self.net(x)
            for n in 0..<60 {
                Self.step(&x, &random)
                Self.check(x, start: start, round: round, step: n)
            }
            sawPartial += x.orders.filter { $0.executedQty.isPositive && $0.executedQty < $0.origQty }.count
            sawPrevented += x.orders.filter { $0.status == .expiredInMatch }.count
            sawCancelAfterFill += x.orders.filter { $0.status == .canceled && $0.executedQty.isPositive }.count
        }
        #expect(sawPartial > 0 && sawPrevented > 0 && sawCancelAfterFill > 0,
                "the generator must reach partial fills (\(sawPartial)), STP (\(sawPrevented)) and cancels after fills (\(sawCancelAfterFill))")
    }
}
