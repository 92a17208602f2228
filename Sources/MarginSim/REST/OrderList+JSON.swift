import BinanceMargin

/// Binance's JSON shapes for an order list, field for field and in Binance's order.
extension ExchangeOrderList {
    /// The list object — `orderList`, `openOrderList` and `allOrderList` rows — with `orders` from `legs` (the
    /// list's orders, in its order); the placement and cancel answers add `reports` and, for a placement that
    /// borrowed, `borrow` (the amount as a string, as in Binance's OCO answer).
    func json(legs: [ExchangeOrder], borrow: (amount: Number, asset: String)? = nil, reports: [JSONValue]? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("orderListId", .int(orderListId)), ("contingencyType", .string(contingencyType)),
            ("listStatusType", .string(listStatusType)), ("listOrderStatus", .string(listOrderStatus)),
            ("listClientOrderId", .string(listClientOrderId)), ("transactionTime", .int(transactionTime)),
            ("symbol", .string(symbol)),
        ]
        if let borrow {
            members.append(("marginBuyBorrowAmount", .string(borrow.amount.normalized.description)))
            members.append(("marginBuyBorrowAsset", .string(borrow.asset)))
        }
        members.append(("isIsolated", .bool(isIsolated)))
        members.append(("orders", .array(legs.map { o in
            .object([("symbol", .string(o.symbol)), ("orderId", .int(o.orderId)), ("clientOrderId", .string(o.clientOrderId))])
        })))
        if let reports { members.append(("orderReports", .array(reports))) }
        return .object(members)
    }
}

extension Exchange {
    /// The orders of `list`, in its order.
    func legs(of list: ExchangeOrderList) -> [ExchangeOrder] {
        list.orderIds.compactMap { position(of: $0, in: list).map { orders[$0] } }
    }
}

extension ExchangeOrder {
    /// One `orderReports` entry of a placement answer (`stopPrice` on stop legs only, `icebergQty` when set).
    func listReportJSON(orderListId: Int64, transactTime: Int64) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("symbol", .string(symbol)), ("orderId", .int(orderId)), ("orderListId", .int(orderListId)),
            ("clientOrderId", .string(clientOrderId)), ("transactTime", .int(transactTime)),
        ]
        members += reportFigures
        members.append(("selfTradePreventionMode", .string(selfTradePreventionMode)))
        return .object(members)
    }

    /// One `orderReports` entry of a cancel answer: `origClientOrderId` the order's id, `clientOrderId` the cancel's.
    func listCancelReportJSON(orderListId: Int64) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("symbol", .string(symbol)), ("origClientOrderId", .string(clientOrderId)), ("orderId", .int(orderId)),
            ("orderListId", .int(orderListId)), ("clientOrderId", .string(cancelClientOrderId ?? clientOrderId)),
        ]
        members += reportFigures
        members.append(("selfTradePreventionMode", .string(selfTradePreventionMode)))
        return .object(members)
    }

    /// Prices, quantities, status, time in force, type, side, and the stop and iceberg when they apply.
    private var reportFigures: [(String, JSONValue)] {
        var members: [(String, JSONValue)] = [
            ("price", .decimal(price)), ("origQty", .decimal(origQty)), ("executedQty", .decimal(executedQty)),
            ("cummulativeQuoteQty", .decimal(cummulativeQuoteQty)), ("status", .string(status.rawValue)),
            ("timeInForce", .string(timeInForce.rawValue)), ("type", .string(type.rawValue)), ("side", .string(side.rawValue)),
        ]
        if type.isConditional { members.append(("stopPrice", .decimal(stopPrice))) }
        if icebergQty.isPositive { members.append(("icebergQty", .decimal(icebergQty))) }
        return members
    }
}
