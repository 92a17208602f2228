import BinanceMargin

/// Order lists: an order with an `or` partner (an OCO) or `then` exits (an OTO or OTOCO) is placed as one
/// list, every leg checked against the symbol's filters first; `cancel` of a list cancels all of it.
extension Evaluator {
    /// Places the list that `order` (built and checked as the list's first order) opens.
    func placeOrderList(_ spec: LoweredOrder, _ shape: LoweredListShape, first order: NewOrder, _ info: SymbolInfo,
                        _ view: AccountView, _ range: SourceRange) async throws -> Value {
        let list = NewOrderList(symbol: order.symbol, try await listShape(shape, first: order, range),
                                isIsolated: order.isIsolated, sideEffect: order.sideEffect, listClientOrderId: order.clientOrderId)
        for (leg, side, quantity) in list.legOrders {
            var legOrder = NewOrder(symbol: order.symbol, side: side, type: leg.type, quantity: quantity, price: leg.price,
                                    stopPrice: leg.stopPrice, timeInForce: leg.timeInForce, isIsolated: order.isIsolated)
            legOrder.sideEffect = order.sideEffect
            try await checkFilters(legOrder, info, view, range)
        }
        let summary = Self.listSummary(list, quantity: order.quantity ?? .zero)
        try await authorize("order", summary, range)
        let result = try await view.client.placeOrderList(list)
        let placed = "list \(result.list.orderListId) \(result.list.listOrderStatus)"
        try await completed(summary + " → " + placed, isolated: order.isIsolated ? order.symbol : nil,
                            done: "placed \(summary) (\(placed))")
        return try await view.listValue(result)
    }

    /// Cancels the whole list `id` of `symbol` (Binance cancels a list's other orders when one is cancelled, too).
    func cancelOrderList(_ id: Int64, _ symbol: String, _ isolated: Bool, _ view: AccountView, _ range: SourceRange) async throws -> Value {
        let summary = "cancel order list \(id) \(symbol)" + (isolated ? " isolated" : "")
        try await authorize("cancel", summary, range)
        let result = try await view.client.cancelOrderList(symbol: symbol, orderListId: id, isIsolated: isolated)
        try await completed(summary, isolated: isolated ? symbol : nil, done: "cancelled" + summary.dropFirst("cancel".count))
        return try await view.listValue(result)
    }

    /// The client's list for `shape`, with `first`'s side and quantity: an OCO of a LIMIT_MAKER and a stop order, or
    /// an entry whose exits (on the other side, same quantity) are placed once it fills.
    private func listShape(_ shape: LoweredListShape, first: NewOrder, _ range: SourceRange) async throws -> NewOrderList.Shape {
        let quantity = first.quantity ?? .zero
        switch shape {
        case .oco(let other):
            let partner = try await leg(other, range)
            let own = first.type == .limit ? ListLeg.limitMaker(first.price ?? .zero)
                : ListLeg(type: first.type, price: first.price, stopPrice: first.stopPrice, timeInForce: first.price == nil ? nil : .gtc)
            let (limit, stop) = first.type == .limit ? (own, partner) : (partner, own)
            return .oco(side: first.side, quantity: quantity, limit: limit, stop: stop)
        case .then(let exits):
            let working = ListLeg(type: first.type, price: first.price, timeInForce: first.type == .limit ? first.effectiveTimeInForce : nil)
            let exitSide: OrderSide = first.side == .buy ? .sell : .buy
            var legs: [ListLeg] = []
            for exit in exits { legs.append(try await leg(exit, range)) }
            guard legs.count == 2, let limit = legs.first(where: { $0.type == .limitMaker }),
                  let stop = legs.first(where: { $0.type != .limitMaker }) else {
                return .oto(working: working, workingSide: first.side, workingQuantity: quantity,
                            pending: legs[0], pendingSide: exitSide, pendingQuantity: quantity)
            }
            // Closing a long (a SELL) takes profit above and stops below; closing a short (a BUY), the reverse.
            let (above, below) = exitSide == .sell ? (limit, stop) : (stop, limit)
            return .otoco(working: working, workingSide: first.side, workingQuantity: quantity,
                          pendingSide: exitSide, pendingQuantity: quantity, above: above, below: below)
        }
    }

    /// A leg as written: `limit P` rests as LIMIT_MAKER; `stop S [limit P]` is STOP_LOSS or STOP_LOSS_LIMIT (GTC).
    private func leg(_ exit: LoweredExit, _ range: SourceRange) async throws -> ListLeg {
        switch exit {
        case .limit(let p): return .limitMaker(try await positive(p, range, what: "limit"))
        case .stop(let s, let l):
            let trigger = try await positive(s, range, what: "stop")
            guard let l else { return .stopLoss(trigger) }
            return .stopLossLimit(stopPrice: trigger, price: try await positive(l, range, what: "limit"))
        }
    }

    /// How the list reads in plan mode, confirmations and the log: `sell 0.01 BTCUSDT OCO LIMIT_MAKER 70000 / STOP_LOSS 55000`.
    static func listSummary(_ list: NewOrderList, quantity: Number) -> String {
        let legs = list.legOrders.map { leg, side, _ in
            "\(side.rawValue.lowercased()) \(leg.type.rawValue)" + (leg.price.map { " \($0)" } ?? "") + (leg.stopPrice.map { " stop \($0)" } ?? "")
        }
        var text = "\(list.kind) \(quantity) \(list.symbol): " + legs.joined(separator: " / ")
        if list.isIsolated { text += " isolated" }
        if list.sideEffect != .noSideEffect { text += " \(list.sideEffect.rawValue)" }
        return text
    }
}

extension NewOrderList {
    /// Each leg with its side and quantity, in Binance's order (working first).
    var legOrders: [(leg: ListLeg, side: OrderSide, quantity: Number)] {
        switch shape {
        case .oco(let side, let quantity, let limit, let stop): [(limit, side, quantity), (stop, side, quantity)]
        case .oto(let working, let workingSide, let workingQuantity, let pending, let pendingSide, let pendingQuantity):
            [(working, workingSide, workingQuantity), (pending, pendingSide, pendingQuantity)]
        case .otoco(let working, let workingSide, let workingQuantity, let pendingSide, let pendingQuantity, let above, let below):
            [(working, workingSide, workingQuantity), (above, pendingSide, pendingQuantity)]
                + (below.map { [($0, pendingSide, pendingQuantity)] } ?? [])
        }
    }
}
