import BinanceMargin
import Foundation
@testable import MarginSim
import Testing

/// Margin OCO, OTO and OTOCO in the sandbox: Binance's answers, one leg filling and the other expiring on the
/// price path, pending legs placed once the working order fills, cancels, errors, and the ledger through all of it.
@Suite("Sandbox order lists: OCO, OTO, OTOCO")
struct SandboxOrderListTests {
    static let oco = "/sapi/v1/margin/order/oco", oto = "/sapi/v1/margin/order/oto", otoco = "/sapi/v1/margin/order/otoco"

    /// The status of the order with client id `id`.
    static func status(_ h: Harness, _ id: String, isolated: Bool = false) async -> String? {
        let scope = isolated ? "&isIsolated=TRUE" : ""
        return await h.json(.get, "/sapi/v1/margin/order", "symbol=BTCUSDT&origClientOrderId=\(id)\(scope)")["status"] as? String
    }

    /// The statuses of the orders with client ids `ids`.
    static func statuses(_ h: Harness, _ ids: [String]) async -> [String?] {
        var all: [String?] = []
        for id in ids { all.append(await status(h, id)) }
        return all
    }

    static func number(_ row: [String: Any], _ key: String) -> Number? { (row[key] as? String).flatMap(Number.init) }

    @Test("a SELL OCO: Binance's answer, one lock for both legs; the price rises through the limit leg, the stop leg expires")
    func ocoLimitLegFills() async throws {
        let h = Harness()
        let placed = await h.json(.post, Self.oco, "symbol=BTCUSDT&side=SELL&quantity=0.01&price=62000&stopPrice=58000"
                                  + "&listClientOrderId=myList1&stopClientOrderId=stopLeg1&limitClientOrderId=limitLeg1")
        #expect(placed["contingencyType"] as? String == "OCO" && placed["listStatusType"] as? String == "EXEC_STARTED")
        #expect(placed["listOrderStatus"] as? String == "EXECUTING" && placed["listClientOrderId"] as? String == "myList1")
        #expect(placed["isIsolated"] as? Bool == false && placed["marginBuyBorrowAmount"] == nil)
        let orders = placed["orders"] as? [[String: Any]] ?? []
        #expect(orders.map { $0["clientOrderId"] as? String } == ["stopLeg1", "limitLeg1"])
        let reports = placed["orderReports"] as? [[String: Any]] ?? []
        #expect(reports.map { $0["type"] as? String } == ["STOP_LOSS", "LIMIT_MAKER"])
        #expect(reports[0]["stopPrice"] as? String == "58000.00000000" && reports[1]["stopPrice"] == nil)
        #expect(reports.allSatisfy { $0["status"] as? String == "NEW" && $0["orderListId"] as? Int == placed["orderListId"] as? Int })
        #expect(Self.number(await h.cross("BTC"), "locked") == "0.01", "the two legs share one lock")
        let id = placed["orderListId"] as? Int ?? -1
        #expect(await h.array(.get, "/sapi/v1/margin/openOrderList").count == 1)

        _ = await h.control("/sim/price", "symbol=BTCUSDT&price=62500")
        #expect(await Self.statuses(h, ["limitLeg1", "stopLeg1"]) == ["FILLED", "EXPIRED"])
        let list = await h.json(.get, "/sapi/v1/margin/orderList", "orderListId=\(id)")
        #expect(list["listStatusType"] as? String == "ALL_DONE" && list["listOrderStatus"] as? String == "ALL_DONE")
        #expect(list["orderReports"] == nil && (list["orders"] as? [Any])?.count == 2)
        #expect(await h.array(.get, "/sapi/v1/margin/openOrderList").isEmpty)
        #expect(Self.number(await h.cross("BTC"), "locked") == 0)
        let all = await h.array(.get, "/sapi/v1/margin/allOrderList")
        #expect(all.map { $0["listClientOrderId"] as? String } == ["myList1"])
        let byClientId = await h.json(.get, "/sapi/v1/margin/orderList", "origClientOrderId=myList1")
        #expect(byClientId["orderListId"] as? Int == id)
    }

    @Test("a SELL OCO whose stop the falling price reaches: the stop leg sells, the limit leg expires and leaves the book")
    func ocoStopLegTriggers() async throws {
        let h = Harness()
        _ = await h.call(.post, Self.oco, "symbol=BTCUSDT&side=SELL&quantity=0.01&price=62000&stopPrice=58000"
                         + "&stopLimitPrice=57900&stopLimitTimeInForce=GTC&stopClientOrderId=s1&limitClientOrderId=l1")
        _ = await h.control("/sim/price", "symbol=BTCUSDT&price=57000")
        #expect(await Self.statuses(h, ["s1", "l1"]) == ["FILLED", "EXPIRED"])
        let depth = try JSONSerialization.jsonObject(with: await h.simulator.handle(
            TransportRequest(method: .get, path: "/api/v3/depth", query: "symbol=BTCUSDT&limit=5000")).body) as? [String: Any]
        let asks = depth?["asks"] as? [[String]] ?? []
        #expect(!asks.contains { $0[0] == "62000.00000000" && $0[1] == "0.01000000" }, "the expired limit leg left the book")
        let btc = await h.cross("BTC")
        #expect(Self.number(btc, "locked") == 0 && Self.number(btc, "free") == "0.09")
    }

    @Test("an OTOCO bracket on one price path: the working BUY fills, the pair is placed, the stop below triggers, the take-profit expires")
    func bracketOnOnePath() async throws {
        let h = Harness()
        let placed = await h.json(.post, Self.otoco, "symbol=BTCUSDT&listClientOrderId=br1&workingType=LIMIT&workingSide=BUY"
            + "&workingPrice=59000&workingQuantity=0.01&workingTimeInForce=GTC&workingClientOrderId=w1&pendingSide=SELL"
            + "&pendingQuantity=0.01&pendingAboveType=LIMIT_MAKER&pendingAbovePrice=62000&pendingAboveClientOrderId=tp1"
            + "&pendingBelowType=STOP_LOSS&pendingBelowStopPrice=58000&pendingBelowClientOrderId=sl1")
        #expect(placed["contingencyType"] as? String == "OTO" && (placed["orders"] as? [Any])?.count == 3)
        let reports = placed["orderReports"] as? [[String: Any]] ?? []
        #expect(reports.map { $0["status"] as? String } == ["NEW", "PENDING_NEW", "PENDING_NEW"])
        #expect(await h.array(.get, "/sapi/v1/margin/openOrders", "symbol=BTCUSDT").count == 1, "pending legs are not open orders")
        _ = await h.control("/sim/price", "symbol=BTCUSDT&price=57000")
        #expect(await Self.statuses(h, ["w1", "sl1", "tp1"]) == ["FILLED", "FILLED", "EXPIRED"])
        let list = await h.json(.get, "/sapi/v1/margin/orderList", "origClientOrderId=br1")
        #expect(list["listOrderStatus"] as? String == "ALL_DONE")
        let btc = await h.cross("BTC")
        #expect(Self.number(btc, "free") == "0.09999" && Self.number(btc, "locked") == 0,
                "0.1 + 0.01 bought less its commission − 0.01 sold")
    }

    @Test("an OTO whose working order fills at once answers its pending leg PENDING_NEW; the leg is then on the book and fills")
    func otoWorkingFillsAtOnce() async throws {
        let h = Harness()
        let placed = await h.json(.post, Self.oto, "symbol=BTCUSDT&workingType=LIMIT&workingSide=BUY&workingPrice=61000"
            + "&workingQuantity=0.01&workingTimeInForce=GTC&workingClientOrderId=w2&pendingType=LIMIT_MAKER&pendingSide=SELL"
            + "&pendingQuantity=0.01&pendingPrice=63000&pendingClientOrderId=p2")
        let reports = placed["orderReports"] as? [[String: Any]] ?? []
        #expect(reports.map { $0["status"] as? String } == ["FILLED", "PENDING_NEW"])
        #expect(await Self.status(h, "p2") == "NEW")
        #expect(await h.array(.get, "/sapi/v1/margin/openOrderList").count == 1)
        _ = await h.control("/sim/price", "symbol=BTCUSDT&price=63500")
        #expect(await Self.status(h, "p2") == "FILLED")
        #expect(await h.array(.get, "/sapi/v1/margin/openOrderList").isEmpty)
    }

    @Test("cancels: DELETE orderList names the cancel in each report; cancelling one leg cancels the list; openOrders mixes lists and orders")
    func cancels() async throws {
        let h = Harness()
        _ = await h.call(.post, Self.oco, "symbol=BTCUSDT&side=BUY&quantity=0.01&price=59000&stopPrice=61000&listClientOrderId=c1")
        let cancelled = await h.json(.delete, "/sapi/v1/margin/orderList", "symbol=BTCUSDT&listClientOrderId=c1&newClientOrderId=bye")
        #expect(cancelled["listStatusType"] as? String == "ALL_DONE")
        let reports = cancelled["orderReports"] as? [[String: Any]] ?? []
        #expect(reports.count == 2 && reports.allSatisfy { $0["status"] as? String == "CANCELED" && $0["clientOrderId"] as? String == "bye" })
        #expect(Self.number(await h.cross("USDT"), "locked") == 0)
        let again = await h.json(.delete, "/sapi/v1/margin/orderList", "symbol=BTCUSDT&listClientOrderId=c1")
        #expect(again["code"] as? Int == -2011 && again["msg"] as? String == "Order list does not exist.")

        _ = await h.call(.post, Self.oco, "symbol=BTCUSDT&side=BUY&quantity=0.01&price=59000&stopPrice=61000&limitClientOrderId=lim2")
        let leg = await h.json(.delete, "/sapi/v1/margin/order", "symbol=BTCUSDT&origClientOrderId=lim2")
        #expect(leg["status"] as? String == "CANCELED")
        #expect(await h.array(.get, "/sapi/v1/margin/openOrderList").isEmpty)
        #expect(await h.array(.get, "/sapi/v1/margin/openOrders").isEmpty)

        _ = await h.call(.post, Self.oco, "symbol=BTCUSDT&side=BUY&quantity=0.01&price=59000&stopPrice=61000")
        _ = await h.call(.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.01&price=50000&timeInForce=GTC")
        let all = await h.array(.delete, "/sapi/v1/margin/openOrders", "symbol=BTCUSDT")
        #expect(all.count == 2 && all.filter { $0["contingencyType"] != nil }.count == 1)
        #expect(Self.number(await h.cross("USDT"), "locked") == 0)
    }

    @Test("MARGIN_BUY on an OCO borrows at placement (marginBuyBorrowAmount a string) and the list's cancel repays it")
    func marginBuyOCO() async throws {
        var scenario = Scenario.default
        scenario.crossMargin = ["USDT": "100", "BTC": "0.1"]
        scenario.dailyInterestRates["USDT"] = 0
        let h = Harness(scenario: scenario)
        let placed = await h.json(.post, Self.oco, "symbol=BTCUSDT&side=BUY&quantity=0.01&price=59000&stopPrice=61000"
                                  + "&sideEffectType=MARGIN_BUY&listClientOrderId=mb")
        #expect(placed["marginBuyBorrowAmount"] as? String == "510" && placed["marginBuyBorrowAsset"] as? String == "USDT",
                "0.01 × 61000 = 610 locked, 100 free")
        let usdt = await h.cross("USDT")
        #expect(Self.number(usdt, "borrowed") == 510 && Self.number(usdt, "locked") == 610)
        _ = await h.call(.delete, "/sapi/v1/margin/orderList", "symbol=BTCUSDT&listClientOrderId=mb")
        let after = await h.cross("USDT")
        #expect(Self.number(after, "borrowed") == 0 && Self.number(after, "free") == 100)
    }

    @Test("isolated lists live in their pair's account: placed, listed and cancelled there, invisible to cross")
    func isolated() async throws {
        let h = Harness()
        let placed = await h.json(.post, Self.oco, "symbol=BTCUSDT&isIsolated=TRUE&side=BUY&quantity=0.01&price=59000&stopPrice=61000")
        #expect(placed["isIsolated"] as? Bool == true)
        let isolated = await h.array(.get, "/sapi/v1/margin/openOrderList", "isIsolated=TRUE&symbol=BTCUSDT")
        #expect(isolated.count == 1)
        #expect(await h.array(.get, "/sapi/v1/margin/openOrderList").isEmpty)
        let locked = await h.json(.get, "/sapi/v1/margin/isolated/account", "symbols=BTCUSDT")
        let quote = ((locked["assets"] as? [[String: Any]])?.first?["quoteAsset"] as? [String: Any]) ?? [:]
        #expect(Self.number(quote, "locked") == 610)
        let id = placed["orderListId"] as? Int ?? -1
        let cross = await h.json(.delete, "/sapi/v1/margin/orderList", "symbol=BTCUSDT&orderListId=\(id)")
        #expect(cross["code"] as? Int == -2011, "a cross cancel does not reach the isolated list")
        let done = await h.json(.delete, "/sapi/v1/margin/orderList", "symbol=BTCUSDT&isIsolated=TRUE&orderListId=\(id)")
        #expect(done["listOrderStatus"] as? String == "ALL_DONE")
    }

    @Test("Binance's errors: missing and unwanted parameters, leg types, AUTO_REPAY on OTO, duplicates, unknown lists")
    func errors() async throws {
        let h = Harness()
        let base = "symbol=BTCUSDT&side=SELL&quantity=0.01&price=62000&stopPrice=58000"
        let working = "symbol=BTCUSDT&workingType=LIMIT&workingSide=BUY&workingPrice=59000&workingQuantity=0.01&workingTimeInForce=GTC"
        let pending = "&pendingType=LIMIT_MAKER&pendingSide=SELL&pendingQuantity=0.01&pendingPrice=63000"
        let cases: [(String, String, Int, String)] = [
            (Self.oco, "symbol=BTCUSDT&side=SELL&price=62000&stopPrice=58000", -1102,
             "Mandatory parameter 'quantity' was not sent, was empty/null, or malformed."),
            (Self.oco, base + "&stopLimitTimeInForce=GTC", -1106, "Parameter 'stopLimitTimeInForce' sent when not required."),
            (Self.oco, base + "&stopLimitPrice=57900", -1102,
             "Mandatory parameter 'stopLimitTimeInForce' was not sent, was empty/null, or malformed."),
            (Self.oco, "symbol=BTCUSDT&side=SELL&quantity=0.01&price=58000&stopPrice=62000", -2010,
             "The relationship of the prices for the orders is not correct."),
            (Self.oco, base + "&stopIcebergQty=0.001&stopLimitPrice=57900&stopLimitTimeInForce=IOC", -2010,
             "Iceberg orders must be GTC."),
            (Self.oco, base.replacingOccurrences(of: "0.01", with: "0.000001"), -1013, "Filter failure: LOT_SIZE"),
            (Self.oto, working.replacingOccurrences(of: "LIMIT&", with: "MARKET&") + pending, -1116, "Invalid orderType."),
            (Self.oto, working + pending + "&sideEffectType=AUTO_REPAY", -1130, "Data sent for parameter 'sideEffectType' is not valid."),
            (Self.oto, working.replacingOccurrences(of: "&workingTimeInForce=GTC", with: "") + pending, -1102,
             "Mandatory parameter 'workingTimeInForce' was not sent, was empty/null, or malformed."),
            (Self.oto, working + "&pendingType=LIMIT&pendingSide=SELL&pendingQuantity=0.01&pendingPrice=63000", -1102,
             "Mandatory parameter 'pendingTimeInForce' was not sent, was empty/null, or malformed."),
            (Self.oto, working + pending + "&pendingStopPrice=1", -1106, "Parameter 'pendingStopPrice' sent when not required."),
            (Self.otoco, working + "&pendingSide=SELL&pendingQuantity=0.01&pendingAboveType=LIMIT&pendingAbovePrice=63000", -1116,
             "Invalid orderType."),
            (Self.otoco, working + "&pendingSide=SELL&pendingQuantity=0.01&pendingAboveType=STOP_LOSS&pendingAboveStopPrice=57000"
             + "&pendingBelowType=LIMIT_MAKER&pendingBelowPrice=63000", -2010, "The relationship of the prices for the orders is not correct."),
            (Self.oco, base + "&stopClientOrderId=same&limitClientOrderId=same", -2010, "Duplicate order sent."),
        ]
        for (path, query, code, message) in cases {
            let answer = await h.json(.post, path, query)
            #expect(answer["code"] as? Int == code && answer["msg"] as? String == message, "\(path)?\(query): \(answer)")
        }
        #expect(await h.array(.get, "/sapi/v1/margin/allOrders", "symbol=BTCUSDT").isEmpty, "no rejected list left an order")
        _ = await h.call(.post, Self.oco, base + "&listClientOrderId=twice")
        #expect(await h.json(.post, Self.oco, base + "&listClientOrderId=twice")["msg"] as? String == "Duplicate order sent.")
        #expect(await h.json(.get, "/sapi/v1/margin/orderList")["code"] as? Int == -1102)
        #expect(await h.json(.get, "/sapi/v1/margin/orderList", "orderListId=999")["code"] as? Int == -2011)
        #expect(await h.json(.get, "/sapi/v1/margin/allOrderList", "fromId=1&startTime=1")["code"] as? Int == -1128)
    }

    @Test("the OCO price rule over generated prices: accepted exactly when price and stop lie on their sides of the last price")
    func ocoPriceRule() async throws {
        let h = Harness()
        var random = SplitMix64(seed: 0x0C0_1157)
        var accepted = 0, refused = 0
        for _ in 0..<60 {
            let side = random.next(upTo: 2) == 0 ? "BUY" : "SELL"
            let price = 60000 + (Int(random.next(upTo: 9)) - 4) * 500, stop = 60000 + (Int(random.next(upTo: 9)) - 4) * 500
            let ordered = side == "SELL" ? price > 60000 && 60000 > stop : price < 60000 && 60000 < stop
            let answer = await h.json(.post, Self.oco, "symbol=BTCUSDT&side=\(side)&quantity=0.001&price=\(price)&stopPrice=\(stop)")
            if ordered {
                accepted += 1
                #expect(answer["orderListId"] != nil, "\(side) \(price)/\(stop): \(answer)")
                _ = await h.call(.delete, "/sapi/v1/margin/orderList", "symbol=BTCUSDT&orderListId=\(answer["orderListId"] as? Int ?? 0)")
            } else {
                refused += 1
                #expect(answer["code"] as? Int == -2010, "\(side) \(price)/\(stop): \(answer)")
            }
        }
        #expect(accepted > 5 && refused > 5)
    }

    @Test("weights: 6 UID per placement, 1500 when it may borrow; queries 10/10/200 IP, cancel 1 UID")
    func weights() {
        for path in [Self.oco, Self.oto, Self.otoco] {
            let endpoint = Router.route(.post, path)
            #expect(endpoint?.weight(RequestParameters(["sideEffectType": "MARGIN_BUY"])) == .uid(1500))
            #expect(endpoint?.weight(RequestParameters(["sideEffectType": "AUTO_BORROW_REPAY"])) == .uid(1500))
            #expect(endpoint?.weight(RequestParameters([:])) == .uid(6))
        }
        #expect(Router.route(.get, "/sapi/v1/margin/orderList")?.weight(RequestParameters([:])) == .ip(10))
        #expect(Router.route(.get, "/sapi/v1/margin/openOrderList")?.weight(RequestParameters([:])) == .ip(10))
        #expect(Router.route(.get, "/sapi/v1/margin/allOrderList")?.weight(RequestParameters([:])) == .ip(200))
        #expect(Router.route(.delete, "/sapi/v1/margin/orderList")?.weight(RequestParameters([:])) == .uid(1))
    }

    @Test("the user stream: listStatus EXEC_STARTED then ALL_DONE, leg reports carry the list id, the other leg EXPIRED")
    func streamEvents() async throws {
        let (h, sink) = await EngineEventTests.listening()
        let placed = await h.json(.post, Self.oco, "symbol=BTCUSDT&side=SELL&quantity=0.01&price=62000&stopPrice=58000&listClientOrderId=ev")
        let id = Int64(placed["orderListId"] as? Int ?? -1)
        let first = sink.take()
        let statuses = first.compactMap { if case .listStatus(let s) = $0.event { return s } else { return nil } }
        #expect(statuses.map(\.listStatusType) == ["EXEC_STARTED"] && statuses.first?.orderListId == id)
        #expect(EngineEventTests.reports(first).map(\.orderListId) == [id, id])
        _ = await h.control("/sim/price", "symbol=BTCUSDT&price=62500")
        let moved = sink.take()
        let reports = EngineEventTests.reports(moved)
        #expect(reports.contains { $0.executionType == .trade && $0.status == .filled && $0.orderListId == id })
        #expect(reports.contains { $0.executionType == .expired && $0.type == .stopLoss })
        let done = moved.compactMap { if case .listStatus(let s) = $0.event { return s } else { return nil } }
        #expect(done.map(\.listOrderStatus) == ["ALL_DONE"])
    }
}

/// Seeded random order lists among price moves and cancels: after every step the ledger adds up, no group has
/// two legs trading, and a list is executing exactly while one of its orders is open or pending.
@Suite("The ledger adds up through order lists")
struct OrderListLedgerTests {
    static func list(_ x: inout Exchange, _ random: inout SplitMix64) {
        let last = x.price("BTCUSDT")
        func at(_ ticks: Int) -> Number { last.adding(Number(ticks * 5)) ?? last }
        let sell = random.next(upTo: 2) == 0
        let side: Side = sell ? .sell : .buy
        let quantity = Number(Int(random.next(upTo: 8)) + 1).multiplying(by: "0.0005") ?? 1
        let effect = random.pick([SideEffect.none, .marginBuy, .autoBorrowRepay])
        let near = Int(random.next(upTo: 6)) + 1, far = Int(random.next(upTo: 6)) + 1
        var legs: [OrderRequest]
        let kind = random.pick([ExchangeOrderList.Kind.oco, .oto, .otoco])
        switch kind {
        case .oco:
            legs = [order(side, .stopLoss, qty: quantity, stop: at(sell ? -near : near), effect: effect),
                    order(side, .limitMaker, qty: quantity, price: at(sell ? far : -far), effect: effect)]
        case .oto, .otoco:
            let workingPrice = at(sell ? near : -near)
            let exit: Side = sell ? .buy : .sell
            legs = [order(side, .limit, qty: quantity, price: workingPrice, tif: .gtc, effect: effect)]
            let profit = workingPrice.adding(Number((sell ? -far : far) * 5)) ?? last
            let loss = workingPrice.adding(Number((sell ? near : -near) * 5)) ?? last
            if kind == .oto {
                legs.append(order(exit, .limitMaker, qty: quantity, price: profit, effect: effect))
            } else {
                let (above, below) = sell ? (order(exit, .stopLoss, qty: quantity, stop: loss, effect: effect),
                                              order(exit, .limitMaker, qty: quantity, price: profit, effect: effect))
                                          : (order(exit, .limitMaker, qty: quantity, price: profit, effect: effect),
                                             order(exit, .stopLoss, qty: quantity, stop: loss, effect: effect))
                legs += [above, below]
            }
        }
        _ = try? x.placeOrderList(OrderListRequest(kind: kind, symbol: "BTCUSDT", isIsolated: false, listClientOrderId: nil,
                                                   legs: legs, names: legs.map { _ in [:] }))
    }

    static func step(_ x: inout Exchange, _ random: inout SplitMix64) {
        switch random.next(upTo: 10) {
        case 0, 1, 2, 3: list(&x, &random)
        case 4:
            guard let at = x.lists.executing.last else { return }
            x.cancelList(at: at, cancelClientOrderId: nil)
        case 5:
            guard let open = x.orders.openPositions.first else { return }
            let o = x.orders[open]
            _ = try? x.cancelOrder(symbol: o.symbol, account: o.account, orderId: o.orderId, clientOrderId: nil, cancelClientOrderId: nil)
        default:
            _ = try? x.setPrice("BTCUSDT", x.price("BTCUSDT").adding(Number((Int(random.next(upTo: 41)) - 20) * 5)) ?? 60000)
        }
    }

    static func checkLists(_ x: Exchange, round: Int, step: Int) {
        for at in 0..<x.lists.count {
            let list = x.lists[at], legs = x.legs(of: list)
            let group = legs.filter { list.ocoGroup.contains($0.orderId) }
            #expect(group.filter { $0.executedQty.isPositive }.count <= 1, "round \(round) step \(step): two legs of one group traded")
            let live = legs.contains { $0.isOpen || $0.status == .pendingNew }
            #expect(live == list.isExecuting, "round \(round) step \(step): list \(list.orderListId) \(legs.map(\.status))")
            if list.kind != .oco, legs[0].status != .filled {
                #expect(legs.dropFirst().allSatisfy { !$0.isOpen && !$0.executedQty.isPositive }, "round \(round) step \(step): a pending leg ran early")
            }
        }
    }

    @Test("random OCO/OTO/OTOCO lists, cancels and price paths keep the ledger exact and the lists consistent")
    func ledgerAddsUp() {
        var random = SplitMix64(seed: 0x11575)
        var filledGroups = 0, activated = 0
        for round in 0..<10 {
            var x = thinBook(cross: ["USDT": 20000, "BTC": "0.5"], levels: 8)
            let start = LedgerPropertyTests.net(x)
            for n in 0..<50 {
                Self.step(&x, &random)
                LedgerPropertyTests.check(x, start: start, round: round, step: n)
                Self.checkLists(x, round: round, step: n)
            }
            for at in 0..<x.lists.count {
                let legs = x.legs(of: x.lists[at])
                if legs.contains(where: { $0.status == .expired }) && legs.contains(where: { $0.status == .filled }) { filledGroups += 1 }
                if x.lists[at].kind != .oco, legs.dropFirst().contains(where: { $0.status != .pendingNew && $0.status != .expired && $0.status != .canceled }) {
                    activated += 1
                }
            }
        }
        #expect(filledGroups > 0 && activated > 0, "the generator must reach a filled leg expiring its sibling (\(filledGroups)) and placed pending legs (\(activated))")
    }
}
