/// Client-side checks of an order against a symbol's filters, with the exchange's words and a fix,
/// so a bad order is caught before it costs request weight (the exchange checks again anyway).
extension SymbolInfo {
    /// `quantity` rounded down to LOT_SIZE's step (MARKET_LOT_SIZE's for market orders when it has one).
    /// Throws only when the rounded value needs more than 38 digits.
    public func roundedQuantity(_ quantity: Number, market: Bool = false) throws(NumberError) -> Number {
        let step = (market ? marketLotSize?.stepSize : nil).flatMap { $0.isPositive ? $0 : nil } ?? lotSize?.stepSize ?? .zero
        return step.isPositive ? try quantity.floor(toStep: step).normalized : quantity
    }

    /// `price` rounded to PRICE_FILTER's tick: down for buys, up for sells (never a worse price than asked).
    /// Throws only when the rounded value needs more than 38 digits.
    public func roundedPrice(_ price: Number, side: OrderSide) throws(NumberError) -> Number {
        guard let tick = priceFilter?.tickSize, tick.isPositive else { return price }
        return (side == .buy ? try price.floor(toStep: tick) : try price.ceil(toStep: tick)).normalized
    }

    /// Checks `order` against the symbol's filters; throws the first ``FilterViolation`` as a
    /// ``BinanceError`` of category ``BinanceError/Category/filterFailure`` (code -1013) naming the filter, the field and the fix.
    public func check(_ order: NewOrder, referencePrice: Number? = nil) throws {
        if let violation = violation(of: order, referencePrice: referencePrice) { throw violation.error }
    }

    /// The first filter `order` breaks, or nil: LOT_SIZE (and MARKET_LOT_SIZE for market orders),
    /// PRICE_FILTER for the price and the stop price, then NOTIONAL. A zero in a filter disables
    /// that rule, as on Binance. `referencePrice` (e.g. the last price) values an order without a
    /// price; ask ``needsReferencePrice(_:)`` whether one is needed.
    public func violation(of order: NewOrder, referencePrice: Number? = nil) -> FilterViolation? {
        if let quantity = order.quantity, let violation = lotViolation(quantity, market: order.type == .market) { return violation }
        for (field, price) in [("price", order.price), ("stopPrice", order.stopPrice)] {
            if let price, let violation = priceViolation(price, field: field, side: order.side) { return violation }
        }
        return notionalViolation(order, referencePrice: referencePrice)
    }

    /// Whether valuing `order` for NOTIONAL needs a reference price: it has no price and no quote
    /// amount, and NOTIONAL applies to market orders.
    public func needsReferencePrice(_ order: NewOrder) -> Bool {
        guard order.price == nil, order.quoteOrderQty == nil, order.quantity != nil, let notional else { return false }
        return (notional.minNotional.isPositive && notional.applyMinToMarket)
            || (notional.maxNotional?.isPositive == true && notional.applyMaxToMarket)
    }

    private func lotViolation(_ quantity: Number, market: Bool) -> FilterViolation? {
        var lots = [("LOT_SIZE", lotSize)]
        if market { lots.append(("MARKET_LOT_SIZE", marketLotSize)) }
        for case let (name, lot?) in lots {
            func violation(_ rule: FilterViolation.Rule, _ message: String, _ hint: String) -> FilterViolation {
                FilterViolation(filter: name, field: "quantity", rule: rule, message: "quantity \(quantity) is \(message) for \(symbol)", hint: hint)
            }
            if quantity < lot.minQty {
                return violation(.minimum, "below the \(name) minimum \(lot.minQty.normalized)", "the smallest valid quantity is \(lot.minQty.normalized)")
            }
            if lot.maxQty.isPositive && quantity > lot.maxQty {
                return violation(.maximum, "above the \(name) maximum \(lot.maxQty.normalized)", "the largest valid quantity is \(lot.maxQty.normalized)")
            }
            if lot.stepSize.isPositive && !quantity.isMultiple(ofStep: lot.stepSize) {
                let step = lot.stepSize.normalized
                let hint = (try? quantity.floor(toStep: lot.stepSize)).map { "the nearest valid quantity below is \($0.normalized)" } ?? "use a multiple of \(step)"
                return violation(.step(step), "not a multiple of the \(name) step \(step)", hint)
            }
        }
        return nil
    }

    private func priceViolation(_ price: Number, field: String, side: OrderSide) -> FilterViolation? {
        guard let filter = priceFilter else { return nil }
        let label = field == "price" ? "price" : "stop price"
        func violation(_ rule: FilterViolation.Rule, _ message: String, _ hint: String) -> FilterViolation {
            FilterViolation(filter: "PRICE_FILTER", field: field, rule: rule, message: "\(label) \(price) is \(message) for \(symbol)", hint: hint)
        }
        if filter.minPrice.isPositive && price < filter.minPrice {
            return violation(.minimum, "below the PRICE_FILTER minimum \(filter.minPrice.normalized)", "the lowest valid price is \(filter.minPrice.normalized)")
        }
        if filter.maxPrice.isPositive && price > filter.maxPrice {
            return violation(.maximum, "above the PRICE_FILTER maximum \(filter.maxPrice.normalized)", "the highest valid price is \(filter.maxPrice.normalized)")
        }
        if filter.tickSize.isPositive && !price.isMultiple(ofStep: filter.tickSize) {
            let tick = filter.tickSize.normalized
            var hint = "use a multiple of \(tick)"
            if let down = try? price.floor(toStep: filter.tickSize).normalized, let up = try? price.ceil(toStep: filter.tickSize).normalized {
                hint = "the nearest valid prices are \(down) and \(up)"
            }
            return violation(.step(tick), "not a multiple of the PRICE_FILTER tick \(tick)", hint)
        }
        return nil
    }

    private func notionalViolation(_ order: NewOrder, referencePrice: Number?) -> FilterViolation? {
        guard let notional else { return nil }
        let field = order.quoteOrderQty != nil ? "quoteOrderQty" : "quantity"
        let priced = order.price != nil   // an order without a price is held to NOTIONAL as a market order
        let price = order.price ?? referencePrice
        // A product too large for 38 digits is above any minimum and any maximum.
        guard let value = order.quoteOrderQty ?? order.quantity.flatMap({ q in price.map { q.multiplying(by: $0) ?? .greatest } }) else { return nil }
        if (priced || notional.applyMinToMarket) && notional.minNotional.isPositive && value < notional.minNotional {
            var hint = "orders on \(symbol) must be worth at least \(notional.minNotional.normalized) \(quoteAsset)"
            if order.quoteOrderQty == nil, let price, let step = lotSize?.stepSize, step.isPositive,
               let q = notional.minNotional.dividing(by: price, scale: 18, rounding: .ceiling), let smallest = try? q.ceil(toStep: step) {
                hint += "; the smallest quantity at \(price.normalized) is \(smallest.normalized)"
            }
            return FilterViolation(filter: "NOTIONAL", field: field, rule: .minimum,
                                   message: "order value \(value.normalized) \(quoteAsset) is below the NOTIONAL minimum for \(symbol)", hint: hint)
        }
        if (priced || notional.applyMaxToMarket), let max = notional.maxNotional, max.isPositive, value > max {
            let worth = value == .greatest ? "more than 38 digits of" : value.normalized.description
            return FilterViolation(filter: "NOTIONAL", field: field, rule: .maximum,
                                   message: "order value \(worth) \(quoteAsset) is above the NOTIONAL maximum for \(symbol)",
                                   hint: "orders on \(symbol) must be worth at most \(max.normalized) \(quoteAsset); split the order")
        }
        return nil
    }
}
