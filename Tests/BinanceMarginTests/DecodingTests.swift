import Foundation
import Testing
@testable import BinanceMargin

/// Every example response of the reference decodes, with exact decimal values.
@Suite struct DecodingTests {
    let decoder = JSONDecoder()

    func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try decoder.decode(T.self, from: Data(json.utf8))
    }

    @Test func borrowRepayAndTransfers() throws {
        #expect(try decode(TransactionResponse.self, Samples.borrowRepay).tranId == 100000001)
        #expect(try decode(TransactionResponse.self, Samples.universalTransfer).tranId == 13526853623)
        #expect(try decode(TransactionResponse.self, #"{"tranId":"13526853623"}"#).tranId == 13526853623)
        let page = try decode(RecordPage<BorrowRepayRecord>.self, Samples.borrowRepayRecords)
        #expect(page.total == 1)
        let row = try #require(page.rows.first)
        #expect(row.type == "AUTO" && row.isolatedSymbol == "BNBUSDT" && row.asset == "BNB" && row.status == "CONFIRMED")
        #expect(row.amount == Number("14.00000000"))
        #expect(row.interest == Number("0.01866667"))
        #expect(row.principal == Number("13.98133333"))
        #expect(try row.interest! + row.principal! == row.amount)
        #expect(row.timestamp == 1563438204000 && row.txId == 2970933056)
        #expect(try decode(RecordPage<BorrowRepayRecord>.self, #"{"total":0}"#).rows.isEmpty)
    }

    @Test func newOrderResponses() throws {
        let ack = try decode(OrderResult.self, Samples.orderAck)
        #expect(ack.orderId == 28 && ack.clientOrderId == "6gCrw2kRUAF9CvJDGP16IP" && ack.isIsolated == true)
        #expect(ack.transactTime == 1507725176595 && ack.status == nil && ack.fills.isEmpty && !ack.reconciled)

        let result = try decode(OrderResult.self, Samples.orderResult)
        #expect(result.orderId == 26769564559 && result.status == .filled && result.type == .market && result.side == .sell)
        #expect(result.price == 0 && result.origQty == Number("0.001") && result.executedQty == Number("0.001"))
        #expect(result.cumulativeQuoteQty == Number("65.98253"))
        #expect(result.timeInForce == .gtc && result.selfTradePreventionMode == "EXPIRE_MAKER" && result.marginBuyBorrowAmount == nil)

        let full = try decode(OrderResult.self, Samples.orderFull)
        #expect(full.marginBuyBorrowAmount == 5 && full.marginBuyBorrowAsset == "BTC")
        let fill = try #require(full.fills.first)
        #expect(fill.price == Number("65982.53") && fill.qty == Number("0.001") && fill.commission == Number("0.06598253"))
        #expect(fill.commissionAsset == "USDT" && fill.tradeId == 3570680726)
        #expect(try fill.price * fill.qty == full.cumulativeQuoteQty!)
    }

    @Test func queriedCanceledAndListedOrders() throws {
        let order = try decode(Order.self, Samples.queryOrder)
        #expect(order.symbol == "BNBBTC" && order.orderId == 213205622 && order.clientOrderId == "ZwfQzuDIGpceVhKW5DvCmO")
        #expect(order.price == Number("0.00493630") && order.origQty == Number("0.3") && order.executedQty == 0)
        #expect(order.cumulativeQuoteQty == 0 && order.icebergQty == 0 && order.stopPrice == 0)
        #expect(order.status == .new && order.side == .sell && order.type == .limit && order.timeInForce == .gtc)
        #expect(order.isWorking == true && order.isIsolated == true && order.time == 1562133008725 && order.updateTime == 1562133008725)

        let canceled = try decode(CanceledOrder.self, Samples.cancelOrder)
        #expect(canceled.orderId == 28)   // sent as the string "28"
        #expect(canceled.origClientOrderId == "myOrder1" && canceled.clientOrderId == "cancelMyOrder1")
        #expect(canceled.executedQty == 8 && canceled.cumulativeQuoteQty == 8 && canceled.price == 1 && canceled.origQty == 10)
        #expect(canceled.status == .canceled && canceled.isIsolated == true)
        #expect(try decode(CanceledOrder.self, Samples.cancelOrder.replacingOccurrences(of: #""orderId":"28""#, with: #""orderId":28"#)).orderId == 28)

        #expect(try decode([Order].self, Samples.openOrders).count == 1)
        let all = try decode([Order].self, Samples.allOrders)
        #expect(all.first?.orderId == 41295 && all.first?.type == .takeProfitLimit && all.first?.status == .canceled)
        #expect(all.first?.stopPrice == Number("0.18") && all.first?.isWorking == false && all.first?.updateTime == 1565769342148)

        let entries = try decode([CancelOpenOrdersEntry].self, Samples.cancelOpenOrders).flatMap(\.orders)
        #expect(entries.map(\.orderId) == [11, 20])
        #expect(entries[0].price == Number("0.089853") && entries[0].orderListId == -1)
        #expect(entries[1].type == .stopLossLimit && entries[1].stopPrice == Number("0.378131") && entries[1].icebergQty == Number("0.017083"))
        #expect(entries[1].orderListId == 1929)
    }

    @Test func trades() throws {
        let trade = try #require(try decode([Trade].self, Samples.myTrades).first)
        #expect(trade.id == 34 && trade.orderId == 39324 && trade.symbol == "BNBBTC")
        #expect(trade.commission == Number("0.00006") && trade.commissionAsset == "BTC")
        #expect(trade.price == Number("0.02") && trade.qty == 3 && trade.time == 1561973357171)
        #expect(trade.isBuyer == false && trade.isMaker == false && trade.isBestMatch == true && trade.isIsolated == false)
    }

    @Test func crossAccount() throws {
        let account = try decode(CrossMarginAccount.self, Samples.crossAccount)
        #expect(account.created == true && account.borrowEnabled && account.tradeEnabled && account.transferInEnabled == true)
        #expect(account.marginLevel == Number("11.64405625") && account.collateralMarginLevel == Number("3.2"))
        #expect(account.totalAssetOfBtc == Number("6.82728457") && account.totalLiabilityOfBtc == Number("0.58633215"))
        #expect(account.totalNetAssetOfBtc == Number("6.24095242"))
        #expect(try account.totalAssetOfBtc - account.totalLiabilityOfBtc == account.totalNetAssetOfBtc)
        #expect(account.totalCollateralValueInUSDT == Number("5.82728457"))
        #expect(account.totalOpenOrderLossInUSDT == Number("582.728457") && account.accountType == "MARGIN_1")
        let bnb = try #require(account.asset("BNB"))
        #expect(bnb.borrowed == Number("201.66666672") && bnb.free == Number("2346.5") && bnb.netAsset == Number("2144.83333328"))
        #expect(try bnb.free + bnb.locked - bnb.liability == bnb.netAsset)
        #expect(account.asset("BTC")?.free == Number("0.004995"))
    }

    @Test func isolatedAccounts() throws {
        let accounts = try decode(IsolatedMarginAccounts.self, Samples.isolatedAccount)
        let pair = try #require(accounts.pair("BTCUSDT"))
        #expect(pair.baseAsset.asset == "BTC" && pair.quoteAsset.asset == "USDT" && pair.baseAsset.repayEnabled == true)
        #expect(pair.marginLevelStatus == .excessive && pair.marginLevel == 0 && pair.indexPrice == 10000)
        #expect(pair.liquidatePrice == 1000 && pair.liquidateRate == 1 && pair.enabled == true && pair.isolatedCreated == true)
        #expect(accounts.totalAssetOfBtc == 0 && accounts.totalNetAssetOfBtc == 0)
        let withoutTotals = try decode(IsolatedMarginAccounts.self, #"{"assets":[]}"#)
        #expect(withoutTotals.totalAssetOfBtc == nil)
        let future = Samples.isolatedAccount.replacingOccurrences(of: "EXCESSIVE", with: "SOMETHING_NEW")
        #expect(try decode(IsolatedMarginAccounts.self, future).assets[0].marginLevelStatus == .unknown)
    }

    @Test func limitsAndInterest() throws {
        #expect(try decode(AmountResponse.self, Samples.maxTransferable).amount == Number("3.59498107"))
        let max = try decode(MaxBorrowable.self, Samples.maxBorrowable)
        #expect(max.amount == Number("1.69248805") && max.borrowLimit == 60)
        let rate = try #require(try decode([InterestRate].self, Samples.interestRateHistory).first)
        #expect(rate.asset == "BTC" && rate.dailyInterestRate == Number("0.00025") && rate.timestamp == 1611544731000 && rate.vipLevel == 1)
        let interest = try decode(RecordPage<InterestRecord>.self, Samples.interestHistory)
        let row = try #require(interest.rows.first)
        #expect(row.txId == 1352286576452864800)   // beyond 2^53: exact through Int64, never Double
        #expect(row.interestAccruedTime == 1672160400000 && row.type == "ON_BORROW" && row.isolatedSymbol == "BNBUSDT")
        #expect(row.principal == Number("45.3313") && row.interest == Number("0.00024995") && row.interestRate == Number("0.00013233"))
        #expect(try (row.principal * row.interestRate).dividing(by: 24, scale: 8) == row.interest)
    }

    @Test func marketData() throws {
        let index = try decode(PriceIndex.self, Samples.priceIndex)
        #expect(index.calcTime == 1562046418000 && index.price == Number("0.0033393") && index.symbol == "BNBBTC")
        #expect(try decode(ServerTime.self, Samples.serverTime).serverTime == 1499827319559)
        #expect(try decode(PriceTicker.self, Samples.tickerPrice).price == Number("4.000002"))
        #expect(try decode([PriceTicker].self, Samples.tickerPrices).count == 2)

        let info = try decode(ExchangeInfo.self, Samples.exchangeInfo)
        #expect(info.rateLimits.first?.limit == 6000 && info.rateLimits.count == 3)
        let btc = try #require(info.symbol("BTCUSDT"))
        #expect(btc.baseAsset == "BTC" && btc.quoteAsset == "USDT" && btc.status == "TRADING" && btc.isMarginTradingAllowed == true)
        #expect(btc.priceFilter == PriceFilter(minPrice: "0.01", maxPrice: 1_000_000, tickSize: "0.01"))
        #expect(btc.lotSize == LotSizeFilter(minQty: "0.00001", maxQty: 9000, stepSize: "0.00001"))
        #expect(btc.marketLotSize == LotSizeFilter(minQty: 0, maxQty: "119.23", stepSize: 0))
        #expect(btc.notional == NotionalFilter(minNotional: 5, applyMinToMarket: true, maxNotional: 9_000_000, applyMaxToMarket: false, avgPriceMins: 5))
        #expect(btc.filter("ICEBERG_PARTS")?.fields["limit"] == "10")
        #expect(btc.filters.count == 6 && btc.permissionSets == [["SPOT", "MARGIN"]])
    }

    @Test func transferHistories() throws {
        let margin = try decode(RecordPage<MarginTransferRecord>.self, Samples.marginTransferHistory)
        #expect(margin.total == 3)
        let row = try #require(margin.rows.first)
        #expect(row.amount == Number("0.1") && row.asset == "BNB" && row.txId == 5240372201 && row.type == "ROLL_IN")
        #expect(row.transFrom == "SPOT" && row.transTo == "ISOLATED_MARGIN" && row.fromSymbol == "BNBUSDT" && row.toSymbol == "BTCUSDT")
        let universal = try #require(try decode(RecordPage<UniversalTransferRecord>.self, Samples.universalTransferHistory).rows.first)
        #expect(universal.amount == 1 && universal.tranId == 11415955596 && universal.type == "MAIN_UMFUTURE" && universal.timestamp == 1544433328000)
    }

    @Test func referenceDataAndRisk() throws {
        #expect(try decode([NextHourlyInterestRate].self, Samples.nextHourlyInterestRate).first?.nextHourlyInterestRate == Number("0.00000571"))
        let cross = try #require(try decode([CrossMarginData].self, Samples.crossMarginData).first)
        #expect(cross.dailyInterest == Number("0.00026125") && cross.yearlyInterest == Number("0.0953") && cross.borrowLimit == 180)
        #expect(cross.marginablePairs.count == 4 && cross.transferIn && cross.borrowable && cross.vipLevel == 0)
        let isolated = try #require(try decode([IsolatedMarginData].self, Samples.isolatedMarginData).first)
        #expect(isolated.leverage == 10 && isolated.data.first?.borrowLimit == 270 && isolated.data.first?.dailyInterest == Number("0.00026125"))
        let tier = try #require(try decode([IsolatedMarginTier].self, Samples.isolatedMarginTier).first)
        #expect(tier.tier == 1 && tier.effectiveMultiple == 10 && tier.initialRiskRatio == Number("1.111") && tier.liquidationRiskRatio == Number("1.05"))
        #expect(tier.baseAssetMaxBorrowable == 9 && tier.quoteAssetMaxBorrowable == 70000)
        let pair = try #require(try decode([MarginPair].self, Samples.allPairs).first)
        #expect(pair.id == 351637150141315861 && pair.base == "BNB" && pair.quote == "BTC" && pair.delistTime == 1704973040)
        #expect(try decode([MarginPair].self, Samples.isolatedAllPairs).first?.id == nil)
        let asset = try #require(try decode([MarginAssetInfo].self, Samples.allAssets).first)
        #expect(asset.assetName == "USDC" && asset.isBorrowable && asset.userMinBorrow == 0 && asset.userMinRepay == 0)
        let coefficients = try decode(MarginTradeCoefficients.self, Samples.tradeCoeff)
        #expect(coefficients.normalBar == Number("1.5") && coefficients.marginCallBar == Number("1.3") && coefficients.forceLiquidationBar == Number("1.1"))
        let liquidation = try #require(try decode(RecordPage<ForceLiquidationRecord>.self, Samples.forceLiquidationRec).rows.first)
        #expect(liquidation.avgPrice == Number("0.00388359") && liquidation.executedQty == Number("31.39") && liquidation.orderId == 180015097)
        #expect(liquidation.side == .sell && liquidation.isIsolated == true && liquidation.updatedTime == 1558941374745)
    }

    @Test func legacyMinNotionalFilter() throws {
        let json = #"{"symbol":"X1","status":"TRADING","baseAsset":"X","quoteAsset":"Y","filters":[{"filterType":"MIN_NOTIONAL","minNotional":"10.0","applyToMarket":false,"avgPriceMins":5}]}"#
        let info = try decode(SymbolInfo.self, json)
        #expect(info.notional == NotionalFilter(minNotional: 10, applyMinToMarket: false, avgPriceMins: 5))
    }

    @Test func unknownFieldsAreIgnoredAndMissingOptionalsTolerated() throws {
        let json = #"{"symbol":"BTCUSDT","orderId":1,"clientOrderId":"a","brandNewField":{"x":[1,2]},"workingTime":5}"#
        let result = try decode(OrderResult.self, json)
        #expect(result.orderId == 1 && result.price == nil && result.fills.isEmpty)
    }
}

@Suite struct SymbolFilterTests {
    let btc = try! JSONDecoder().decode(ExchangeInfo.self, from: Data(Samples.exchangeInfo.utf8)).symbols[0]

    @Test func roundsToStepAndTick() throws {
        #expect(try btc.roundedQuantity("0.123456789") == Number("0.12345"))
        #expect(try btc.roundedPrice("65000.129", side: .buy) == Number("65000.12"))
        #expect(try btc.roundedPrice("65000.121", side: .sell) == Number("65000.13"))
    }

    @Test func acceptsAValidOrder() throws {
        try btc.check(.limit("BTCUSDT", .buy, quantity: "0.001", price: "65000.12"))
        try btc.check(.market("BTCUSDT", .sell, quantity: "0.001"), referencePrice: 65000)
    }

    @Test(arguments: [
        (NewOrder.limit("BTCUSDT", .buy, quantity: "0.0010001", price: 65000), "LOT_SIZE", "quantity", "the nearest valid quantity below is 0.001"),
        (NewOrder.limit("BTCUSDT", .buy, quantity: "0.001", price: "65000.125"), "PRICE_FILTER", "price", "the nearest valid prices are 65000.12 and 65000.13"),
        (NewOrder(symbol: "BTCUSDT", side: .sell, type: .stopLossLimit, quantity: "0.001", price: 65000, stopPrice: "65000.125", timeInForce: .gtc),
         "PRICE_FILTER", "stopPrice", "the nearest valid prices are 65000.12 and 65000.13"),
        (NewOrder.limit("BTCUSDT", .buy, quantity: "0.00001", price: 65000), "NOTIONAL", "quantity", "orders on BTCUSDT must be worth at least 5 USDT; the smallest quantity at 65000 is"),
        (NewOrder.limit("BTCUSDT", .buy, quantity: 200, price: 65000), "NOTIONAL", "quantity", "orders on BTCUSDT must be worth at most 9000000 USDT; split the order"),
        (NewOrder.market("BTCUSDT", .buy, quantity: 200), "MARKET_LOT_SIZE", "quantity", "the largest valid quantity is 119.23"),
        (NewOrder.marketQuote("BTCUSDT", .buy, quoteQuantity: 1), "NOTIONAL", "quoteOrderQty", "orders on BTCUSDT must be worth at least 5 USDT"),
    ])
    func rejectsWithFilterFieldAndFix(order: NewOrder, filter: String, field: String, hint: String) {
        let error = #expect(throws: BinanceError.self) { try btc.check(order, referencePrice: 65000) }
        #expect(error?.category == .filterFailure && error?.code == -1013)
        #expect(error?.message.hasPrefix("Filter failure: \(filter) — ") == true, "\(String(describing: error))")
        #expect(error?.field == field && error?.hint?.hasPrefix(hint) == true, "\(String(describing: error?.hint))")
        // The one check answers the same violation to the evaluator, which renders its message and hint.
        let violation = btc.violation(of: order, referencePrice: 65000)
        #expect(violation?.error.message == error?.message && violation?.hint == error?.hint)
    }

    @Test("a reference price is needed only to value an order with no price and no quote amount")
    func referencePrice() {
        #expect(btc.needsReferencePrice(.market("BTCUSDT", .sell, quantity: "0.001")) == (btc.notional?.applyMinToMarket == true || btc.notional?.applyMaxToMarket == true))
        #expect(!btc.needsReferencePrice(.marketQuote("BTCUSDT", .buy, quoteQuantity: 10)))
        #expect(!btc.needsReferencePrice(.limit("BTCUSDT", .buy, quantity: "0.001", price: 65000)))
    }
}
