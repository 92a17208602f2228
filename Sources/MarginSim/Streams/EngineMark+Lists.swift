import BinanceMargin

extension EngineMark {
    /// One `listStatus` per order list that was placed or changed (a pending leg placed, the list done), after the
    /// legs' execution reports: `EXEC_STARTED/EXECUTING` while it runs, then `ALL_DONE/ALL_DONE`.
    func listStatuses(_ exchange: Exchange) -> [PublishedEvent] {
        let lists = exchange.lists
        guard lists.count >= listCount else { return [] }
        let changed = executingLists.keys.sorted().filter { lists[$0] != executingLists[$0] } + Array(listCount..<lists.count)
        return changed.compactMap { at in
            let list = lists[at]
            guard let route = EngineMark.route(list.account) else { return nil }
            let legs: [JSONValue] = exchange.legs(of: list).map { o in
                .object([("s", .string(o.symbol)), ("i", .int(o.orderId)), ("c", .string(o.clientOrderId))])
            }
            return PublishedEvent(route: route, payload: JSONValue.object([
                ("e", .string("listStatus")), ("E", .int(exchange.now)), ("s", .string(list.symbol)),
                ("g", .int(list.orderListId)), ("c", .string(list.contingencyType)), ("l", .string(list.listStatusType)),
                ("L", .string(list.listOrderStatus)), ("r", .string("NONE")), ("C", .string(list.listClientOrderId)),
                ("T", .int(list.transactionTime)), ("O", .array(legs)),
            ]).text)
        }
    }
}

extension Exchange {
    /// Whether order `orderId` is a pending leg of an OTO or OTOCO (placed only once the working order has filled).
    func isPendingLeg(_ orderId: Int64) -> Bool {
        guard let lists = orderLists, let at = lists.position(ofOrder: orderId) else { return false }
        return lists[at].pendingIds.contains(orderId)
    }

    /// Why `order`, just expired, did so as an order-list leg: `OTO_PHASE_ONE_EXPIRED` for a pending leg whose working
    /// order ended without filling, `OCO_TRIGGER` for a one-cancels-the-other leg whose sibling traded or triggered; nil otherwise.
    func listExpiryReason(_ order: ExchangeOrder) -> String? {
        guard let lists = orderLists, let at = lists.position(ofOrder: order.orderId) else { return nil }
        let list = lists[at]
        let legs = legs(of: list)
        if list.pendingIds.contains(order.orderId), let working = legs.first, working.status != .filled { return "OTO_PHASE_ONE_EXPIRED" }
        guard list.ocoGroup.contains(order.orderId) else { return nil }
        let siblingRan = legs.contains { o in
            o.orderId != order.orderId && list.ocoGroup.contains(o.orderId)
                && (o.executedQty.isPositive || (o.type.isConditional && o.isWorking))
        }
        return siblingRan ? "OCO_TRIGGER" : nil
    }
}
