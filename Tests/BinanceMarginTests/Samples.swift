/// The example responses of the reference (binance-margin-api.md §3), verbatim.
enum Samples {
    static let borrowRepay = #"{"tranId": 100000001}"#
    static let borrowRepayRecords = #"""
    {"rows":[{"type":"AUTO","isolatedSymbol":"BNBUSDT","amount":"14.00000000","asset":"BNB",
      "interest":"0.01866667","principal":"13.98133333","status":"CONFIRMED",
      "timestamp":1563438204000,"txId":2970933056}],"total":1}
    """#
    static let orderAck = #"{"symbol":"BTCUSDT","orderId":28,"clientOrderId":"6gCrw2kRUAF9CvJDGP16IP","isIsolated":true,"transactTime":1507725176595}"#
    static let orderResult = #"""
    {"symbol":"BTCUSDT","orderId":26769564559,"clientOrderId":"E156O3KP4gOif65bjuUK5V",
     "transactTime":1713873075893,"price":"0","origQty":"0.001","executedQty":"0.001",
     "cummulativeQuoteQty":"65.98253","status":"FILLED","timeInForce":"GTC","type":"MARKET",
     "side":"SELL","isIsolated":false,"selfTradePreventionMode":"EXPIRE_MAKER"}
    """#
    static let orderFull = #"""
    {"symbol":"BTCUSDT","orderId":26769564559,"clientOrderId":"E156O3KP4gOif65bjuUK5V",
     "isIsolated":false,"transactTime":1713873075893,"price":"0","origQty":"0.001",
     "executedQty":"0.001","cummulativeQuoteQty":"65.98253","status":"FILLED",
     "timeInForce":"GTC","type":"MARKET","side":"SELL","selfTradePreventionMode":"EXPIRE_MAKER",
     "marginBuyBorrowAmount":5,"marginBuyBorrowAsset":"BTC",
     "fills":[{"price":"65982.53","qty":"0.001","commission":"0.06598253",
               "commissionAsset":"USDT","tradeId":3570680726}]}
    """#
    static let queryOrder = #"""
    {"clientOrderId":"ZwfQzuDIGpceVhKW5DvCmO","cummulativeQuoteQty":"0.00000000","executedQty":"0.00000000",
     "icebergQty":"0.00000000","isWorking":true,"orderId":213205622,"origQty":"0.30000000",
     "price":"0.00493630","side":"SELL","status":"NEW","stopPrice":"0.00000000","symbol":"BNBBTC",
     "isIsolated":true,"time":1562133008725,"timeInForce":"GTC","type":"LIMIT",
     "selfTradePreventionMode":"NONE","updateTime":1562133008725}
    """#
    static let cancelOrder = #"""
    {"symbol":"LTCBTC","isIsolated":true,"orderId":"28","origClientOrderId":"myOrder1",
     "clientOrderId":"cancelMyOrder1","price":"1.00000000","origQty":"10.00000000",
     "executedQty":"8.00000000","cummulativeQuoteQty":"8.00000000","status":"CANCELED",
     "timeInForce":"GTC","type":"LIMIT","side":"SELL"}
    """#
    static let openOrders = "[" + queryOrder + "]"
    static let cancelOpenOrders = #"""
    [
     {"symbol":"BTCUSDT","isIsolated":true,"origClientOrderId":"E6APeyTJvkMvLMYMqu1KQ4","orderId":11,
      "orderListId":-1,"clientOrderId":"pXLV6Hz6mprAcVYpVMTGgx","price":"0.089853","origQty":"0.178622",
      "executedQty":"0.000000","cummulativeQuoteQty":"0.000000","status":"CANCELED","timeInForce":"GTC",
      "type":"LIMIT","side":"BUY","selfTradePreventionMode":"NONE"},
     {"orderListId":1929,"contingencyType":"OCO","listStatusType":"ALL_DONE","listOrderStatus":"ALL_DONE",
      "listClientOrderId":"2inzWQdDvZLHbbAmAozX2N","transactionTime":1585230948299,"symbol":"BTCUSDT",
      "isIsolated":true,
      "orders":[{"symbol":"BTCUSDT","orderId":20,"clientOrderId":"CwOOIPHSmYywx6jZX77TdL"},
                {"symbol":"BTCUSDT","orderId":21,"clientOrderId":"461cPg51vQjV3zIMOXNz39"}],
      "orderReports":[{"symbol":"BTCUSDT","origClientOrderId":"CwOOIPHSmYywx6jZX77TdL","orderId":20,
         "orderListId":1929,"clientOrderId":"pXLV6Hz6mprAcVYpVMTGgx","price":"0.668611","origQty":"0.690354",
         "executedQty":"0.000000","cummulativeQuoteQty":"0.000000","status":"CANCELED","timeInForce":"GTC",
         "type":"STOP_LOSS_LIMIT","side":"BUY","stopPrice":"0.378131","icebergQty":"0.017083"}]}
    ]
    """#
    static let allOrders = #"""
    [{"clientOrderId":"D2KDy4DIeS56PvkM13f8cP","cummulativeQuoteQty":"0.00000000","executedQty":"0.00000000",
      "icebergQty":"0.00000000","isWorking":false,"orderId":41295,"origQty":"5.31000000","price":"0.22500000",
      "side":"SELL","status":"CANCELED","stopPrice":"0.18000000","symbol":"BNBBTC","isIsolated":false,
      "time":1565769338806,"timeInForce":"GTC","type":"TAKE_PROFIT_LIMIT","updateTime":1565769342148}]
    """#
    static let myTrades = #"""
    [{"commission":"0.00006000","commissionAsset":"BTC","id":34,"isBestMatch":true,"isBuyer":false,
      "isMaker":false,"orderId":39324,"price":"0.02000000","qty":"3.00000000","symbol":"BNBBTC",
      "isIsolated":false,"time":1561973357171}]
    """#
    static let crossAccount = #"""
    {"created":true,"borrowEnabled":true,"marginLevel":"11.64405625","collateralMarginLevel":"3.2",
     "totalAssetOfBtc":"6.82728457","totalLiabilityOfBtc":"0.58633215","totalNetAssetOfBtc":"6.24095242",
     "TotalCollateralValueInUSDT":"5.82728457","totalOpenOrderLossInUSDT":"582.728457",
     "tradeEnabled":true,"transferInEnabled":true,"transferOutEnabled":true,"accountType":"MARGIN_1",
     "userAssets":[
      {"asset":"BTC","borrowed":"0.00000000","free":"0.00499500","interest":"0.00000000","locked":"0.00000000","netAsset":"0.00499500"},
      {"asset":"BNB","borrowed":"201.66666672","free":"2346.50000000","interest":"0.00000000","locked":"0.00000000","netAsset":"2144.83333328"}]}
    """#
    static let isolatedAccount = #"""
    {"assets":[{
      "baseAsset":{"asset":"BTC","borrowEnabled":true,"borrowed":"0.00000000","free":"0.00000000","interest":"0.00000000",
                   "locked":"0.00000000","netAsset":"0.00000000","netAssetOfBtc":"0.00000000","repayEnabled":true,"totalAsset":"0.00000000"},
      "quoteAsset":{"asset":"USDT","borrowEnabled":true,"borrowed":"0.00000000","free":"0.00000000","interest":"0.00000000",
                   "locked":"0.00000000","netAsset":"0.00000000","netAssetOfBtc":"0.00000000","repayEnabled":true,"totalAsset":"0.00000000"},
      "symbol":"BTCUSDT","isolatedCreated":true,"enabled":true,"marginLevel":"0.00000000",
      "marginLevelStatus":"EXCESSIVE","marginRatio":"0.00000000","indexPrice":"10000.00000000",
      "liquidatePrice":"1000.00000000","liquidateRate":"1.00000000","tradeEnabled":true}],
     "totalAssetOfBtc":"0.00000000","totalLiabilityOfBtc":"0.00000000","totalNetAssetOfBtc":"0.00000000"}
    """#
    static let universalTransfer = #"{"tranId": 13526853623}"#
    static let marginTransfer = #"{"tranId": 100000001}"#
    static let maxTransferable = #"{"amount":"3.59498107"}"#
    static let maxBorrowable = #"{"amount":"1.69248805","borrowLimit":"60"}"#
    static let interestRateHistory = #"[{"asset":"BTC","dailyInterestRate":"0.00025000","timestamp":1611544731000,"vipLevel":1}]"#
    static let interestHistory = #"""
    {"rows":[{"txId":1352286576452864800,"interestAccuredTime":1672160400000,"asset":"USDT",
      "rawAsset":"USDT","principal":"45.3313","interest":"0.00024995","interestRate":"0.00013233",
      "type":"ON_BORROW","isolatedSymbol":"BNBUSDT"}],"total":1}
    """#
    static let priceIndex = #"{"calcTime":1562046418000,"price":"0.00333930","symbol":"BNBBTC"}"#
    static let serverTime = #"{"serverTime": 1499827319559}"#
    static let tickerPrice = #"{"symbol":"LTCBTC","price":"4.00000200"}"#
    static let tickerPrices = #"[{"symbol":"LTCBTC","price":"4.00000200"},{"symbol":"ETHBTC","price":"0.07946600"}]"#
    static let exchangeInfo = #"""
    {"timezone":"UTC","serverTime":1565246363776,
     "rateLimits":[{"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":6000},
                   {"rateLimitType":"ORDERS","interval":"SECOND","intervalNum":1,"limit":10},
                   {"rateLimitType":"RAW_REQUESTS","interval":"MINUTE","intervalNum":5,"limit":61000}],
     "exchangeFilters":[],
     "symbols":[{"symbol":"BTCUSDT","status":"TRADING","baseAsset":"BTC","baseAssetPrecision":8,"quoteAsset":"USDT",
       "quoteAssetPrecision":8,"orderTypes":["LIMIT","LIMIT_MAKER","MARKET","STOP_LOSS_LIMIT","TAKE_PROFIT_LIMIT"],
       "icebergAllowed":true,"isSpotTradingAllowed":true,"isMarginTradingAllowed":true,
       "permissionSets":[["SPOT","MARGIN"]],"allowedSelfTradePreventionModes":["NONE","EXPIRE_TAKER","EXPIRE_MAKER","EXPIRE_BOTH"],
       "filters":[
        {"filterType":"PRICE_FILTER","minPrice":"0.01000000","maxPrice":"1000000.00000000","tickSize":"0.01000000"},
        {"filterType":"LOT_SIZE","minQty":"0.00001000","maxQty":"9000.00000000","stepSize":"0.00001000"},
        {"filterType":"ICEBERG_PARTS","limit":10},
        {"filterType":"MARKET_LOT_SIZE","minQty":"0.00000000","maxQty":"119.23000000","stepSize":"0.00000000"},
        {"filterType":"NOTIONAL","minNotional":"5.00000000","applyMinToMarket":true,"maxNotional":"9000000.00000000","applyMaxToMarket":false,"avgPriceMins":5},
        {"filterType":"MAX_NUM_ORDERS","maxNumOrders":200}]}]}
    """#
    static let marginTransferHistory = #"""
    {"rows":[{"amount":"0.10000000","asset":"BNB","status":"CONFIRMED","timestamp":1566898617,
      "txId":5240372201,"type":"ROLL_IN","transFrom":"SPOT","transTo":"ISOLATED_MARGIN",
      "fromSymbol":"BNBUSDT","toSymbol":"BTCUSDT"}],"total":3}
    """#
    static let universalTransferHistory = #"{"total":1,"rows":[{"asset":"USDT","amount":"1","type":"MAIN_UMFUTURE","status":"CONFIRMED","tranId":11415955596,"timestamp":1544433328000}]}"#
    static let nextHourlyInterestRate = #"[{"asset":"BTC","nextHourlyInterestRate":"0.00000571"}]"#
    static let crossMarginData = #"""
    [{"vipLevel":0,"coin":"BTC","transferIn":true,"borrowable":true,"dailyInterest":"0.00026125",
      "yearlyInterest":"0.0953","borrowLimit":"180","marginablePairs":["BNBBTC","TRXBTC","ETHBTC","BTCUSDT"]}]
    """#
    static let isolatedMarginData = #"[{"vipLevel":0,"symbol":"BTCUSDT","leverage":"10","data":[{"coin":"BTC","dailyInterest":"0.00026125","borrowLimit":"270"}]}]"#
    static let isolatedMarginTier = #"[{"symbol":"BTCUSDT","tier":1,"effectiveMultiple":"10","initialRiskRatio":"1.111","liquidationRiskRatio":"1.05","baseAssetMaxBorrowable":"9","quoteAssetMaxBorrowable":"70000"}]"#
    static let allPairs = #"[{"base":"BNB","id":351637150141315861,"isBuyAllowed":true,"isMarginTrade":true,"isSellAllowed":true,"quote":"BTC","symbol":"BNBBTC","delistTime":1704973040}]"#
    static let isolatedAllPairs = #"[{"base":"BNB","isBuyAllowed":true,"isMarginTrade":true,"isSellAllowed":true,"quote":"BTC","symbol":"BNBBTC"}]"#
    static let allAssets = #"[{"assetFullName":"USD coin","assetName":"USDC","isBorrowable":true,"isMortgageable":true,"userMinBorrow":"0.00000000","userMinRepay":"0.00000000","delistTime":1704973040}]"#
    static let tradeCoeff = #"{"normalBar":"1.5","marginCallBar":"1.3","forceLiquidationBar":"1.1"}"#
    static let forceLiquidationRec = #"""
    {"rows":[{"avgPrice":"0.00388359","executedQty":"31.39000000","orderId":180015097,"price":"0.00388110",
      "qty":"31.39000000","side":"SELL","symbol":"BNBBTC","timeInForce":"GTC","isIsolated":true,
      "updatedTime":1558941374745}],"total":1}
    """#
}
