extension NewOrderList {
    /// The client ids sent: the list's and each leg's (given or generated), in ``legs`` order.
    struct SentIds: Sendable, Hashable {
        var list: String
        var legs: [String]
    }

    /// Fills in the ids not given with `make()`.
    func sentIds(_ make: () -> String) -> SentIds {
        SentIds(list: listClientOrderId ?? make(), legs: legs.map { $0.leg.clientOrderId ?? make() })
    }

    /// Binance's parameters for the placement, with `ids` as the client ids.
    func parameters(ids: SentIds) -> Parameters {
        var p = Parameters()
        p.add("symbol", symbol)
        p.addIsolated(isIsolated)
        p.add("listClientOrderId", ids.list)
        switch shape {
        case .oco(let side, let quantity, let limit, let stop):
            p.add("side", side.rawValue)
            p.add("quantity", quantity)
            ocoLegParameters(limit: limit, stop: stop, ids: ids.legs, into: &p)
        case .oto(let working, let workingSide, let workingQuantity, let pending, let pendingSide, let pendingQuantity):
            working.parameters(prefix: "working", clientOrderId: ids.legs[0], into: &p)
            p.add("workingSide", workingSide.rawValue)
            p.add("workingQuantity", workingQuantity)
            pending.parameters(prefix: "pending", clientOrderId: ids.legs[1], into: &p)
            p.add("pendingSide", pendingSide.rawValue)
            p.add("pendingQuantity", pendingQuantity)
        case .otoco(let working, let workingSide, let workingQuantity, let pendingSide, let pendingQuantity, let above, let below):
            working.parameters(prefix: "working", clientOrderId: ids.legs[0], into: &p)
            p.add("workingSide", workingSide.rawValue)
            p.add("workingQuantity", workingQuantity)
            p.add("pendingSide", pendingSide.rawValue)
            p.add("pendingQuantity", pendingQuantity)
            above.parameters(prefix: "pendingAbove", clientOrderId: ids.legs[1], into: &p)
            if let below { below.parameters(prefix: "pendingBelow", clientOrderId: ids.legs[2], into: &p) }
        }
        p.add("sideEffectType", sideEffect.rawValue)
        p.add("autoRepayAtCancel", autoRepayAtCancel)
        p.add("selfTradePreventionMode", selfTradePreventionMode)
        p.add("newOrderRespType", responseType.rawValue)
        return p
    }

    /// The classic OCO names: `price`, `limitIcebergQty`, `limitClientOrderId`, `stopPrice`, `stopLimitPrice`,
    /// `stopLimitTimeInForce`, `stopIcebergQty`, `stopClientOrderId`.
    private func ocoLegParameters(limit: ListLeg, stop: ListLeg, ids: [String], into p: inout Parameters) {
        p.add("price", limit.price)
        p.add("limitIcebergQty", limit.icebergQty)
        p.add("limitClientOrderId", ids[0])
        p.add("stopPrice", stop.stopPrice)
        p.add("stopLimitPrice", stop.type == .stopLossLimit ? stop.price : nil)
        p.add("stopLimitTimeInForce", stop.type == .stopLossLimit ? stop.timeInForce?.rawValue : nil)
        p.add("stopIcebergQty", stop.icebergQty)
        p.add("stopClientOrderId", ids[1])
    }
}
