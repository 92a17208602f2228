import BinanceMargin

extension EngineMark {
    /// One `executionReport` per order change: `NEW` for a new order, one `TRADE` per fill (cumulative figures
    /// fill by fill, so partial fills read right), then `CANCELED`, `EXPIRED` or `REJECTED` when it ended so.
    func executionReports(_ exchange: Exchange, tape: inout MarketTape) -> [PublishedEvent] {
        let fills = Dictionary(grouping: exchange.trades[tradeCount...], by: \.orderId)
        var events: [PublishedEvent] = []
        let positions = (Array(openOrders.keys) + Array(pendingOrders.keys)).sorted() + Array(orderCount..<exchange.orders.count)
        for position in positions where position < exchange.orders.count {
            let after = exchange.orders[position], before = openOrders[position] ?? pendingOrders[position]
            guard before != after, let route = EngineMark.route(after.account) else { continue }
            var report = ExecutionReportBuilder(order: after, eventTime: exchange.now, listId: exchange.listId(ofOrder: after.orderId))
            if before == nil {
                let status = after.status == .pendingNew ? "PENDING_NEW" : "NEW"
                events.append(PublishedEvent(route: route, payload: report.new(id: tape.nextExecutionId(), status: status)))
            } else if before?.status == .pendingNew, after.status != .pendingNew, after.isWorking || after.isOpen || after.executedQty.isPositive {
                // A pending leg placed once its working order filled.
                events.append(PublishedEvent(route: route, payload: report.new(id: tape.nextExecutionId())))
            }
            report.cumulative = (before?.executedQty ?? .zero, before?.cummulativeQuoteQty ?? .zero)
            for fill in fills[after.orderId] ?? [] {
                events.append(PublishedEvent(route: route, payload: report.trade(fill, id: tape.nextExecutionId())))
            }
            if let ending = ExecutionReportBuilder.ending(after.status), before?.status != after.status {
                events.append(PublishedEvent(route: route, payload: report.ended(ending, id: tape.nextExecutionId())))
            }
        }
        return events
    }
}

/// Writes one order's `executionReport`s with Binance's keys, in Binance's order, decimals as 8-place strings.
struct ExecutionReportBuilder {
    let order: ExchangeOrder
    let eventTime: Int64
    /// The order list the order belongs to (-1: none), Binance's `g`.
    var listId: Int64 = -1
    /// Filled quantity and quote so far, advanced by each ``trade(_:id:)``.
    var cumulative: (quantity: Number, quote: Number) = (.zero, .zero)

    /// The execution type an order's final status is reported with, if it ended other than by filling.
    static func ending(_ status: OrderStatus) -> String? {
        switch status {
        case .canceled: "CANCELED"
        case .expired: "EXPIRED"
        case .rejected: "REJECTED"
        default: nil
        }
    }

    /// `x=NEW, X=NEW` (`X=PENDING_NEW` for an order list's pending leg).
    func new(id: Int64, status: String = "NEW") -> String {
        payload(execution: "NEW", status: status, fill: nil, onBook: order.isWorking, time: order.time, id: id)
    }

    /// `x=TRADE` with this fill and the cumulative figures after it.
    mutating func trade(_ fill: ExchangeTrade, id: Int64) -> String {
        cumulative.quantity = (try? cumulative.quantity + fill.qty) ?? order.executedQty
        cumulative.quote = (try? cumulative.quote + fill.quoteQty) ?? order.cummulativeQuoteQty
        let filled = cumulative.quantity >= order.origQty
        return payload(execution: "TRADE", status: filled ? "FILLED" : "PARTIALLY_FILLED", fill: fill,
                       onBook: !filled, time: fill.time, id: id)
    }

    /// `x=CANCELED|EXPIRED|REJECTED` (the status the same), keeping what was filled.
    func ended(_ execution: String, id: Int64) -> String {
        payload(execution: execution, status: execution, fill: nil, onBook: false, time: order.updateTime, id: id)
    }

    private func payload(execution: String, status: String, fill: ExchangeTrade?, onBook: Bool, time: Int64, id: Int64) -> String {
        let canceled = execution == "CANCELED"
        var fields: [(String, JSONValue)] = [
            ("e", .string("executionReport")), ("E", .int(eventTime)), ("s", .string(order.symbol)),
            ("c", .string(canceled ? order.cancelClientOrderId ?? order.clientOrderId : order.clientOrderId)),
            ("S", .string(order.side.rawValue)), ("o", .string(order.type.rawValue)), ("f", .string(order.timeInForce.rawValue)),
            ("q", .decimal(order.origQty)), ("p", .decimal(order.price)), ("P", .decimal(order.stopPrice)),
            ("F", .decimal(order.icebergQty)), ("g", .int(listId)), ("C", .string(canceled ? order.clientOrderId : "")),
            ("x", .string(execution)), ("X", .string(status)),
            ("r", .string(execution == "REJECTED" ? "INSUFFICIENT_BALANCES" : "NONE")), ("i", .int(order.orderId)),
            ("l", .decimal(fill?.qty ?? .zero)), ("z", .decimal(cumulative.quantity)), ("L", .decimal(fill?.price ?? .zero)),
            ("n", .decimal(fill?.commission ?? .zero)), ("N", fill.map { .string($0.commissionAsset) } ?? .null),
            ("T", .int(time)), ("t", .int(fill?.id ?? -1)), ("I", .int(id)), ("w", .bool(onBook)),
            ("m", .bool(fill?.isMaker ?? false)), ("M", .bool(fill != nil)), ("O", .int(order.time)),
            ("Z", .decimal(cumulative.quote)), ("Y", .decimal(fill?.quoteQty ?? .zero)), ("Q", .decimal(.zero)),
        ]
        if order.isWorking { fields.append(("W", .int(order.time))) }
        fields.append(("V", .string(order.selfTradePreventionMode)))
        return JSONValue.object(fields).text
    }
}
