import BinanceMargin
import Foundation
import MarginSim
import Testing

/// Every BinanceMargin operation, through MarginClient + HTTPTransport, against the simulator served
/// by SandboxServer on 127.0.0.1. The default scenario: cross USDT 5000 and BTC 0.1, isolated
/// BTCUSDT USDT 1000, spot USDT 10000, BTCUSDT at 60000, USDT daily rate 0.00015, fees 0.1 %.
@Suite("BinanceMargin end to end over HTTP")
struct MarginClientEndToEndTests {
    /// One hour of interest on 100 USDT at 0.00015 a day.
    static let hourOfInterestOn100USDT: Number = "0.000625"

    @Test("server time, exchangeInfo, symbol info, prices and the price index")
    func marketData() async throws {
        try await ClientSandbox.run { sandbox in
            let client = sandbox.client
            try await sandbox.expectServerTimeIsTheSimulators()
            let info = try await client.exchangeInfo()
            let btc = try #require(info.symbols.first { $0.symbol == "BTCUSDT" })
            #expect(btc.baseAsset == "BTC" && btc.quoteAsset == "USDT" && btc.status == "TRADING")
            #expect(btc.lotSize.map { $0.stepSize > .zero } == true)
            #expect(btc.priceFilter.map { $0.tickSize > .zero } == true)
            #expect(try await client.symbolInfo("ETHUSDT").quoteAsset == "USDT")
            #expect(try await client.price("BTCUSDT") == "60000")
            #expect(try await client.prices()["ETHUSDT"] == "3000")
            #expect(try await client.priceIndex("BTCUSDT").price == "60000")
        }
    }

    @Test("cross borrow and repay, with interest first, and their records")
    func crossLoans() async throws {
        try await ClientSandbox.run { sandbox in
            let client = sandbox.client
            #expect(try await client.maxBorrowable(asset: "USDT").amount > "100")
            let borrowId = try await client.borrow(asset: "USDT", amount: "100")
            var usdt = try await sandbox.cross("USDT")
            #expect(usdt.borrowed == "100")
            #expect(usdt.interest == Self.hourOfInterestOn100USDT)
            #expect(usdt.free == "5100")

            let repayId = try await client.repay(asset: "USDT", amount: "50")
            usdt = try await sandbox.cross("USDT")
            #expect(usdt.interest == .zero)
            #expect(usdt.borrowed == "50.000625")
            #expect(usdt.free == "5050")

            let borrows = try await client.borrowRepayRecords(BorrowRepayQuery(type: .borrow, asset: "USDT"))
            let borrow = try #require(borrows.rows.first { $0.txId == borrowId })
            #expect(borrow.amount == "100" && borrow.status == "CONFIRMED" && borrow.asset == "USDT")
            let repays = try await client.borrowRepayRecords(BorrowRepayQuery(type: .repay, asset: "USDT"))
            let repay = try #require(repays.rows.first { $0.txId == repayId })
            #expect(repay.amount == "50")
            #expect(repay.interest == Self.hourOfInterestOn100USDT)
            #expect(repay.principal == "49.999375")

            let interest = try await client.interestHistory(asset: "USDT")
            #expect(interest.rows.contains { $0.interest == Self.hourOfInterestOn100USDT })
        }
    }

    @Test("isolated borrow, max borrowable, repay of the whole debt")
    func isolatedLoans() async throws {
        try await ClientSandbox.run { sandbox in
            let client = sandbox.client
            #expect(try await client.maxBorrowable(asset: "USDT", isolatedSymbol: "BTCUSDT").amount > "100")
            _ = try await client.borrow(asset: "USDT", amount: "100", isolatedSymbol: "BTCUSDT")
            var quote = try await sandbox.isolated("BTCUSDT").quoteAsset
            #expect(quote.borrowed == "100" && quote.interest == Self.hourOfInterestOn100USDT && quote.free == "1100")
            #expect(try await sandbox.cross("USDT").borrowed == .zero)

            _ = try await client.repay(asset: "USDT", amount: "100.000625", isolatedSymbol: "BTCUSDT")
            quote = try await sandbox.isolated("BTCUSDT").quoteAsset
            #expect(quote.borrowed == .zero && quote.interest == .zero)
            #expect(quote.free == "999.999375")
        }
    }

    @Test("a MARKET buy with MARGIN_BUY fills at the price, pays the fee in BTC and shows in orders and trades")
    func marketOrder() async throws {
        try await ClientSandbox.run { sandbox in
            let client = sandbox.client
            let result = try await client.placeOrder(.market("BTCUSDT", .buy, quantity: "0.001", sideEffect: .marginBuy))
            #expect(result.status == .filled && result.reconciled == false)
            #expect(result.executedQty == "0.001" && result.cumulativeQuoteQty == "60")
            #expect(try result.fills.reduce(Number.zero) { try $0 + $1.qty } == "0.001")
            #expect(result.fills.allSatisfy { $0.commissionAsset == "BTC" && $0.price == "60000" })
            #expect(result.clientOrderId.hasPrefix(ClientOrderID.prefix))

            #expect(try await sandbox.cross("BTC").free == "0.100999")
            #expect(try await sandbox.cross("USDT").free == "4940")
            #expect(try await client.order(symbol: "BTCUSDT", orderId: result.orderId).status == .filled)
            #expect(try await client.allOrders(symbol: "BTCUSDT").map(\.orderId) == [result.orderId])
            let trades = try await client.myTrades(symbol: "BTCUSDT")
            #expect(trades.map(\.orderId) == [result.orderId])
            #expect(trades.first?.isBuyer == true && trades.first?.qty == "0.001")
        }
    }

    @Test("a LIMIT order rests, is found by order id and client id, and cancels")
    func limitOrderLifecycle() async throws {
        try await ClientSandbox.run { sandbox in
            let client = sandbox.client
            let placed = try await client.placeOrder(.limit("BTCUSDT", .sell, quantity: "0.002", price: "70000.5"))
            #expect(placed.status == .new && placed.price == "70000.5" && placed.origQty == "0.002")
            #expect(try await sandbox.cross("BTC").locked == "0.002")

            let byId = try await client.order(symbol: "BTCUSDT", orderId: placed.orderId)
            let byClientId = try await client.order(symbol: "BTCUSDT", clientOrderId: placed.clientOrderId)
            #expect(byId == byClientId && byId.status == .new && byId.isWorking == true)
            #expect(try await client.openOrders(symbol: "BTCUSDT").map(\.orderId) == [placed.orderId])

            let canceled = try await client.cancelOrder(symbol: "BTCUSDT", orderId: placed.orderId)
            #expect(canceled.status == .canceled && canceled.orderId == placed.orderId)
            #expect(canceled.origClientOrderId == placed.clientOrderId)
            #expect(try await client.openOrders(symbol: "BTCUSDT").isEmpty)
            #expect(try await sandbox.cross("BTC").locked == .zero)

            let unknown = await #expect(throws: BinanceError.self) {
                try await client.cancelOrder(symbol: "BTCUSDT", orderId: placed.orderId + 1000)
            }
            #expect(unknown?.code == -2011 && unknown?.httpStatus == 400 && unknown?.category == .notFound)
        }
    }

    @Test("cancel all open orders on a symbol")
    func cancelOpenOrders() async throws {
        try await ClientSandbox.run { sandbox in
            let client = sandbox.client
            let first = try await client.placeOrder(.limit("BTCUSDT", .buy, quantity: "0.001", price: "50000"))
            let second = try await client.placeOrder(.limit("BTCUSDT", .buy, quantity: "0.002", price: "51000"))
            #expect(try await sandbox.cross("USDT").locked == "152")
            let canceled = try await client.cancelOpenOrders(symbol: "BTCUSDT")
            #expect(Set(canceled.map(\.orderId)) == [first.orderId, second.orderId])
            #expect(canceled.allSatisfy { $0.status == .canceled })
            #expect(try await client.openOrders().isEmpty)
            #expect(try await sandbox.cross("USDT").locked == .zero)
        }
    }

    @Test("transfers through the universal endpoint (every route) and the legacy margin endpoint")
    func transfers() async throws {
        try await ClientSandbox.run { sandbox in
            let client = sandbox.client
            #expect(try await client.maxTransferable(asset: "USDT") == "5000")
            _ = try await client.transfer(asset: "USDT", amount: "50", .spotToCross)
            #expect(try await sandbox.cross("USDT").free == "5050")
            _ = try await client.transfer(asset: "USDT", amount: "20", .crossToSpot)
            #expect(try await sandbox.cross("USDT").free == "5030")
            _ = try await client.transfer(asset: "USDT", amount: "10", .spotToIsolated("BTCUSDT"))
            #expect(try await sandbox.isolated("BTCUSDT").quoteAsset.free == "1010")
            _ = try await client.transfer(asset: "USDT", amount: "5", .isolatedToSpot("BTCUSDT"))
            #expect(try await sandbox.isolated("BTCUSDT").quoteAsset.free == "1005")
            _ = try await client.transfer(asset: "USDT", amount: "30", .crossToIsolated("BTCUSDT"))
            _ = try await client.transfer(asset: "USDT", amount: "1", .isolatedToCross("BTCUSDT"))
            #expect(try await sandbox.isolated("BTCUSDT").quoteAsset.free == "1034")
            #expect(try await sandbox.cross("USDT").free == "5001")

            let legacyIn = try await client.legacyMarginTransfer(asset: "USDT", amount: "7", toMargin: true)
            let legacyOut = try await client.legacyMarginTransfer(asset: "USDT", amount: "2", toMargin: false)
            #expect(legacyOut > legacyIn)
            #expect(try await sandbox.cross("USDT").free == "5006")
        }
    }

    @Test("interest rate history")
    func interestRates() async throws {
        try await ClientSandbox.run { sandbox in
            let rates = try await sandbox.client.interestRateHistory(asset: "BTC")
            #expect(!rates.isEmpty)
            #expect(rates.allSatisfy { $0.asset == "BTC" && $0.dailyInterestRate == "0.00004" })
        }
    }

    @Test("simulator controls: price, shock, deposit, clock, state, reset")
    func simulatorControls() async throws {
        try await ClientSandbox.run { sandbox in
            let client = sandbox.client
            try await client.simSetPrice(symbol: "BTCUSDT", price: "50000")
            #expect(try await client.price("BTCUSDT") == "50000")
            #expect(try await client.simShock(symbol: "BTCUSDT", percent: "-10") == "45000")
            _ = try await client.simDeposit(asset: "ETH", amount: "2", account: .margin)
            #expect(try await sandbox.cross("ETH").free == "2")
            let before = try await client.serverTime()
            let after = try await client.simAdvanceClock(milliseconds: 3_600_000)
            #expect(after - before >= 3_600_000 && after - before < 3_600_000 + 60_000)   // the clock also runs
            let state = try await client.simState()
            #expect(try JSONSerialization.jsonObject(with: state) is [String: Any])
            try await client.simReset()
            #expect(try await client.price("BTCUSDT") == "60000")
            #expect(try await sandbox.cross("ETH").free == .zero)
        }
    }
}
