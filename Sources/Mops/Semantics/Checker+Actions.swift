import BinanceMargin

/// Actions (borrow, repay, transfer, orders, cancels): amounts, codes, places and order options checked and lowered.
extension Checker {
    mutating func amount(_ e: Expr?, what: String, hint: String) -> LoweredAmount {
        guard let e else { return .all }
        if case .percent(let p) = e.kind {
            if !p.isPositive || p > 100 {
                error("a percentage amount must be above 0% and at most 100%", e.range, hint: hint)
            }
            return .fraction((try? p / 100) ?? .zero)   // p ≤ 100 once accepted; a rejected p is never run
        }
        let l = expression(e)
        if l.type == .duration {
            error("\(what) needs an amount, found a duration", e.range, hint: hint)
        } else {
            expect(l, .number, e.range, what: what, hint: hint)
        }
        return .value(finish(l))
    }

    mutating func place(_ p: Place) -> LoweredPlace {
        switch p {
        case .spot: return .spot
        case .margin: return .margin
        case .isolated(let s): return .isolated(code(s, role: .symbol, context: "'isolated'"))
        }
    }

    mutating func action(_ a: Action, range: SourceRange) -> LoweredAction {
        switch a {
        case .borrow(let amount, let asset, let isolated):
            let hint = "borrow <amount> <ASSET> [isolated <SYMBOL>]"
            return .borrow(amount: self.amount(amount, what: "'borrow'", hint: hint),
                           asset: code(asset, role: .asset, context: "'borrow'"),
                           isolated: isolated.map { code($0, role: .symbol, context: "'isolated'") })
        case .repay(let amount, let asset, let isolated):
            let hint = "repay (<amount> | <pct>% | all) <ASSET> [isolated <SYMBOL>]"
            return .repay(amount: self.amount(amount, what: "'repay'", hint: hint),
                          asset: code(asset, role: .asset, context: "'repay'"),
                          isolated: isolated.map { code($0, role: .symbol, context: "'isolated'") })
        case .transfer(let amount, let asset, let from, let to):
            let hint = "transfer (<amount> | <pct>% | all) <ASSET> [from …] [to …]"
            let amountCode = self.amount(amount, what: "'transfer'", hint: hint)
            let assetCode = code(asset, role: .asset, context: "'transfer'")
            switch (from, to) {
            case (.spot, .spot), (.margin, .margin), (.isolated, .isolated):
                error("a transfer moves between two different kinds of wallet: spot, margin or one isolated pair", range,
                      hint: "move between isolated pairs through margin: transfer … from isolated A to margin, then from margin to isolated B")
            default: break
            }
            return .transfer(amount: amountCode, asset: assetCode, from: place(from), to: place(to))
        case .order(let spec):
            return .order(order(spec, range))
        case .cancelOrder(let e):
            let l = expression(e)
            if l.type == .number {
                error("cancelling by id needs the symbol too", e.range, hint: "cancel <orderId> <SYMBOL>")
            } else {
                if l.type != .orderList {
                    expect(l, .order, e.range, what: "'cancel'", hint: "cancel o  |  cancel 12345 BTCUSDT  |  cancel all BTCUSDT")
                }
            }
            return .cancelOrder(finish(l), list: l.type == .orderList)
        case .cancelByID(let id, let symbol, let isolated):
            let l = expression(id)
            expect(l, .number, id.range, what: "an order id", hint: "cancel 12345 BTCUSDT")
            return .cancelByID(id: finish(l), symbol: code(symbol, role: .symbol, context: "'cancel'"), isolated: isolated)
        case .cancelAll(let symbol, let isolated):
            if isolated && symbol == nil {
                error("'cancel all … isolated' needs the symbol", range, hint: "cancel all BTCUSDT isolated")
            }
            return .cancelAll(symbol: symbol.map { code($0, role: .symbol, context: "'cancel all'") }, isolated: isolated)
        case .leverage(let e):
            return .leverage(leverage(e))
        case .liquidate(let isolated):
            return .liquidate(isolated: isolated.map { code($0, role: .symbol, context: "'liquidate isolated'") })
        }
    }

    private mutating func order(_ spec: OrderSpec, _ range: SourceRange) -> LoweredOrder {
        let hint = "\(spec.side.rawValue) 0.01 BTCUSDT limit 60000"
        let amountLowered = expression(spec.amount)
        if case .percent = spec.amount.kind {
            error("an order needs a quantity, not a percentage", spec.amount.range, hint: hint)
        }
        expect(amountLowered, .number, spec.amount.range, what: "'\(spec.side.rawValue)'", hint: hint)
        let quote = spec.quoteAsset.map { code($0, role: .asset, context: "the quote amount") }
        let symbol = code(spec.symbol, role: .symbol, context: "'\(spec.side.rawValue)'")
        let type = orderType(spec, range, hint: hint)
        return LoweredOrder(side: spec.side, amount: finish(amountLowered), quoteAsset: quote, symbol: symbol,
                            type: type, timeInForce: spec.timeInForce, isolated: spec.isolated,
                            sideEffect: spec.sideEffect, clientOrderID: spec.clientOrderID.map { clientOrderID($0) },
                            list: orderList(spec, type: type, range))
    }

    /// A price (a number) of an order or of an order list's leg, lowered.
    mutating func priceExpression(_ e: Expr, _ what: String, hint: String) -> LoweredExpr {
        let l = expression(e)
        expect(l, .number, e.range, what: what, hint: hint)
        return finish(l)
    }

    private mutating func orderType(_ spec: OrderSpec, _ range: SourceRange, hint: String) -> LoweredOrderType {
        func price(_ e: Expr, _ what: String) -> LoweredExpr { priceExpression(e, what, hint: hint) }
        switch spec.type {
        case .market:
            if spec.timeInForce != nil { error("a market order has no time in force", range, hint: "gtc/ioc/fok go with limit orders") }
            return .market
        case .limit(let p): return .limit(price(p, "'limit'"))
        case .maker(let p):
            let type = LoweredOrderType.maker(price(p, "'maker'"))
            if spec.timeInForce != nil { error("a maker (LIMIT_MAKER) order has no time in force", range, hint: nil) }
            return type
        case .stop(let s, let l): return .stop(price(s, "'stop'"), limit: l.map { price($0, "'limit'") })
        case .takeProfit(let s, let l): return .takeProfit(price(s, "'take-profit'"), limit: l.map { price($0, "'limit'") })
        }
    }

    /// `leverage N`: a number, and when written as a literal one of the leverages Binance accepts.
    private mutating func leverage(_ e: Expr) -> LoweredExpr {
        let l = expression(e)
        expect(l, .number, e.range, what: "'leverage'", hint: "leverage 5")
        if case .number(let n) = e.kind, !MarginClient.crossLeverages.contains(where: { Number($0) == n }) {
            error("the cross margin's maximum leverage is \(MarginClient.crossLeverages.map(String.init).joined(separator: " or ")), not \(n)", e.range,
                  hint: "Cross Margin Pro (10x) ended on 2026-04-13; an isolated pair's leverage comes from its tier")
        }
        return finish(l)
    }

    private mutating func clientOrderID(_ id: Expr) -> LoweredExpr {
        let l = expression(id)
        expect(l, .string, id.range, what: "'id'", hint: "id \"ladder-1\"")
        // A literal id is held to the client's one rule here; a computed one when the order is sent.
        if case .string(let segments) = id.kind, let text = Checker.literal(segments), !ClientOrderID.isValid(text) {
            error("a client order id is 1 to 36 characters: letters, digits and - _ . : /", id.range, hint: nil)
        }
        return finish(l)
    }
}
