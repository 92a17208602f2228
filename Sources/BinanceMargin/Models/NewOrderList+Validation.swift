extension NewOrderList {
    /// Checks what Binance requires before anything is sent: each leg's type and fields, positive quantities,
    /// the OCO's price order (SELL: limit above stop; BUY: limit below stop — the exchange also checks them
    /// against the last price), the side effects OTO and OTOCO accept, and valid, distinct client ids.
    /// The error names the parameter and the fix.
    public func validate() throws {
        try InputValidation.symbol(symbol, field: "symbol")
        switch shape {
        case .oco(let side, let quantity, let limit, let stop):
            try Self.positive(quantity, "quantity")
            try limit.validate(role: "limit", allowed: [.limitMaker])
            try stop.validate(role: "stop", allowed: [.stopLoss, .stopLossLimit])
            try Self.ocoPrices(side: side, limit: limit, stop: stop)
        case .oto(let working, _, let workingQuantity, let pending, _, let pendingQuantity):
            try Self.positive(workingQuantity, "workingQuantity")
            try Self.positive(pendingQuantity, "pendingQuantity")
            try working.validate(role: "working", allowed: [.limit, .limitMaker])
            try pending.validate(role: "pending", allowed: [.limit, .limitMaker, .market, .stopLoss, .stopLossLimit, .takeProfit, .takeProfitLimit])
        case .otoco(let working, _, let workingQuantity, _, let pendingQuantity, let above, let below):
            try Self.positive(workingQuantity, "workingQuantity")
            try Self.positive(pendingQuantity, "pendingQuantity")
            try working.validate(role: "working", allowed: [.limit, .limitMaker])
            try above.validate(role: "pendingAbove", allowed: [.limitMaker, .stopLoss, .stopLossLimit])
            try below?.validate(role: "pendingBelow", allowed: [.limitMaker, .stopLoss, .stopLossLimit])
        }
        try validateSideEffect()
        try validateIds()
    }

    /// OTO and OTOCO accept NO_SIDE_EFFECT, MARGIN_BUY and AUTO_BORROW_REPAY (SDK 8.1.1), not AUTO_REPAY.
    private func validateSideEffect() throws {
        if case .oco = shape { return }
        if sideEffect == .autoRepay {
            throw BinanceError.invalidInput("sideEffectType", "an \(kind) list cannot be AUTO_REPAY",
                hint: "use NO_SIDE_EFFECT, MARGIN_BUY or AUTO_BORROW_REPAY, or repay after the fill")
        }
    }

    /// The list id and the legs' ids are valid, and no two are the same.
    private func validateIds() throws {
        if let listClientOrderId { try ClientOrderID.validate(listClientOrderId, field: "listClientOrderId") }
        let ids = ([listClientOrderId] + legs.map(\.leg.clientOrderId)).compactMap { $0 }
        if Set(ids).count != ids.count {
            throw BinanceError.invalidInput("listClientOrderId", "the list and each of its orders need client ids of their own; \(ids.joined(separator: ", ")) repeats one",
                hint: "give distinct ids, or leave them out and the client generates them")
        }
    }

    /// SELL: the limit (take-profit) price above the stop price; BUY: below it.
    private static func ocoPrices(side: OrderSide, limit: ListLeg, stop: ListLeg) throws {
        guard let price = limit.price, let trigger = stop.stopPrice else { return }
        let ordered = side == .sell ? price > trigger : price < trigger
        if !ordered {
            let rule = side == .sell ? "above" : "below"
            throw BinanceError.invalidInput("price", "the limit price \(price) of a \(side.rawValue) OCO must be \(rule) its stop price \(trigger)",
                hint: side == .sell ? "SELL: price > last price > stopPrice" : "BUY: price < last price < stopPrice")
        }
    }

    private static func positive(_ value: Number, _ field: String) throws {
        if !value.isPositive {
            throw BinanceError.invalidInput(field, "\(field) must be greater than zero, got \(value)", hint: "give a positive quantity")
        }
        try InputValidation.wireDecimal(value, field: field)
    }
}
