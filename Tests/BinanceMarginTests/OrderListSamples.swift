/// Order-list answers in the shape of Binance's documentation (binance-margin-orders-advanced.md §1–2).
enum OrderListSamples {
    static let oco = #"""
    {"orderListId":2031,"contingencyType":"OCO","listStatusType":"EXEC_STARTED","listOrderStatus":"EXECUTING",
     "listClientOrderId":"myList1","transactionTime":1760000000100,"symbol":"BTCUSDT",
     "marginBuyBorrowAmount":"0.01","marginBuyBorrowAsset":"BTC","isIsolated":false,
     "orders":[{"symbol":"BTCUSDT","orderId":51,"clientOrderId":"stopLeg1"},
               {"symbol":"BTCUSDT","orderId":52,"clientOrderId":"limitLeg1"}],
     "orderReports":[
      {"symbol":"BTCUSDT","orderId":51,"orderListId":2031,"clientOrderId":"stopLeg1","transactTime":1760000000100,
       "price":"0.00000000","origQty":"0.01000000","executedQty":"0.00000000","cummulativeQuoteQty":"0.00000000",
       "status":"NEW","timeInForce":"GTC","type":"STOP_LOSS","side":"SELL","stopPrice":"58000.00000000",
       "selfTradePreventionMode":"NONE"},
      {"symbol":"BTCUSDT","orderId":52,"orderListId":2031,"clientOrderId":"limitLeg1","transactTime":1760000000100,
       "price":"62000.00000000","origQty":"0.01000000","executedQty":"0.00000000","cummulativeQuoteQty":"0.00000000",
       "status":"NEW","timeInForce":"GTC","type":"LIMIT_MAKER","side":"SELL","selfTradePreventionMode":"NONE"}]}
    """#

    static let oto = #"""
    {"orderListId":13551,"contingencyType":"OTO","listStatusType":"EXEC_STARTED","listOrderStatus":"EXECUTING",
     "listClientOrderId":"oto1","transactionTime":1760000000300,"symbol":"BTCUSDT","isIsolated":false,
     "orders":[{"symbol":"BTCUSDT","orderId":61,"clientOrderId":"work1"},{"symbol":"BTCUSDT","orderId":62,"clientOrderId":"pend1"}],
     "orderReports":[
      {"symbol":"BTCUSDT","orderId":61,"orderListId":13551,"clientOrderId":"work1","transactTime":1760000000300,
       "price":"59000.00000000","origQty":"0.02000000","executedQty":"0","cummulativeQuoteQty":"0","status":"NEW",
       "timeInForce":"GTC","type":"LIMIT","side":"BUY","selfTradePreventionMode":"NONE"},
      {"symbol":"BTCUSDT","orderId":62,"orderListId":13551,"clientOrderId":"pend1","transactTime":1760000000300,
       "price":"0E-8","origQty":"0.02000000","executedQty":"0","cummulativeQuoteQty":"0",
       "status":"PENDING_NEW","timeInForce":"GTC","type":"STOP_LOSS","side":"SELL","stopPrice":"57000.00000000",
       "selfTradePreventionMode":"NONE"}]}
    """#

    static let canceled = #"""
    {"orderListId":2031,"contingencyType":"OCO","listStatusType":"ALL_DONE","listOrderStatus":"ALL_DONE",
     "listClientOrderId":"myList1","transactionTime":1760000009000,"symbol":"BTCUSDT","isIsolated":false,
     "orders":[{"symbol":"BTCUSDT","orderId":51,"clientOrderId":"stopLeg1"},
               {"symbol":"BTCUSDT","orderId":52,"clientOrderId":"limitLeg1"}],
     "orderReports":[
      {"symbol":"BTCUSDT","origClientOrderId":"stopLeg1","orderId":51,"orderListId":2031,"clientOrderId":"cancel1",
       "transactTime":1760000009000,"price":"0.00000000","origQty":"0.01000000","executedQty":"0.00000000",
       "cummulativeQuoteQty":"0.00000000","status":"CANCELED","timeInForce":"GTC","type":"STOP_LOSS","side":"SELL",
       "stopPrice":"58000.00000000"},
      {"symbol":"BTCUSDT","origClientOrderId":"limitLeg1","orderId":52,"orderListId":2031,"clientOrderId":"cancel1",
       "transactTime":1760000009000,"price":"62000.00000000","origQty":"0.01000000","executedQty":"0.00000000",
       "cummulativeQuoteQty":"0.00000000","status":"CANCELED","timeInForce":"GTC","type":"LIMIT_MAKER","side":"SELL"}]}
    """#

    static let listObject = #"""
    {"orderListId":2031,"contingencyType":"OCO","listStatusType":"EXEC_STARTED","listOrderStatus":"EXECUTING",
     "listClientOrderId":"myList1","transactionTime":1760000000100,"symbol":"BTCUSDT","isIsolated":"FALSE",
     "orders":[{"symbol":"BTCUSDT","orderId":51,"clientOrderId":"stopLeg1"},{"symbol":"BTCUSDT","orderId":"52","clientOrderId":"limitLeg1"}]}
    """#

    /// The list object for `listId` holding orders with `legIds`.
    static func list(_ listId: String, legIds: [String], status: String = "EXECUTING") -> String {
        let orders = legIds.enumerated().map { #"{"symbol":"BTCUSDT","orderId":\#(70 + $0.offset),"clientOrderId":"\#($0.element)"}"# }
        return #"{"orderListId":77,"contingencyType":"OCO","listStatusType":"EXEC_STARTED","listOrderStatus":"\#(status)","listClientOrderId":"\#(listId)","transactionTime":1700000000000,"symbol":"BTCUSDT","isIsolated":false,"orders":[\#(orders.joined(separator: ","))]}"#
    }
}
