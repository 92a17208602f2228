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
