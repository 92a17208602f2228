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

    /// Checks `order` against PRICE_FILTER, LOT_SIZE / MARKET_LOT_SIZE and NOTIONAL.
    /// `referencePrice` (e.g. the last price) is used for the notional of orders without a price.
    /// Throws a ``BinanceError`` of category ``BinanceError/Category/filterFailure`` naming the filter, the field and the fix.
    public func check(_ order: NewOrder, referencePrice: Number? = nil) throws {
        func fail(_ filter: String, _ field: String, _ message: String, _ hint: String) -> BinanceError {
            BinanceError(category: .filterFailure, code: -1013, message: "Filter failure: \(filter) — \(message)", field: field, hint: hint)
        }
        if let price = order.price, let filter = priceFilter {
            if filter.minPrice.isPositive && price < filter.minPrice {
                throw fail("PRICE_FILTER", "price", "price \(price) is below the minimum \(filter.minPrice) for \(symbol)", "use a price of at least \(filter.minPrice)")
            }
            if filter.maxPrice.isPositive && price > filter.maxPrice {
                throw fail("PRICE_FILTER", "price", "price \(price) is above the maximum \(filter.maxPrice) for \(symbol)", "use a price of at most \(filter.maxPrice)")
            }
            if !price.isMultiple(ofStep: filter.tickSize) {
                throw fail("PRICE_FILTER", "price", "price \(price) is not a multiple of the tick size \(filter.tickSize.normalized)",
                           (try? roundedPrice(price, side: order.side)).map { "use \($0)" } ?? "use a multiple of \(filter.tickSize.normalized)")
            }
        }
        if let quantity = order.quantity {
            let market = order.type == .market
            let lots = [market ? marketLotSize : nil, lotSize].compactMap { $0 }
            for (index, lot) in lots.enumerated() {
                let name = market && index == 0 && marketLotSize != nil ? "MARKET_LOT_SIZE" : "LOT_SIZE"
                if lot.minQty.isPositive && quantity < lot.minQty {
                    throw fail(name, "quantity", "quantity \(quantity) is below the minimum \(lot.minQty.normalized) for \(symbol)", "order at least \(lot.minQty.normalized)")
                }
                if lot.maxQty.isPositive && quantity > lot.maxQty {
                    throw fail(name, "quantity", "quantity \(quantity) is above the maximum \(lot.maxQty.normalized) for \(symbol)", "split the order; at most \(lot.maxQty.normalized) each")
                }
                if !quantity.isMultiple(ofStep: lot.stepSize) {
                    throw fail(name, "quantity", "quantity \(quantity) is not a multiple of the step size \(lot.stepSize.normalized)",
                               (try? quantity.floor(toStep: lot.stepSize)).map { "use \($0.normalized)" } ?? "use a multiple of \(lot.stepSize.normalized)")
                }
            }
        }
        if let notional = self.notional {
            let appliesMin = order.type != .market || notional.applyMinToMarket
            let appliesMax = order.type != .market || notional.applyMaxToMarket
            var value: Number?
            if let quote = order.quoteOrderQty { value = quote }
            else if let quantity = order.quantity, let price = order.price ?? referencePrice {
                guard let product = quantity.multiplying(by: price) else {
                    throw fail("NOTIONAL", "quantity", "the order's value \(quantity) × \(price) does not fit in 38 digits", "order a smaller quantity")
                }
                value = product
            }
            if let value {
                if appliesMin && notional.minNotional.isPositive && value < notional.minNotional {
                    throw fail("NOTIONAL", order.quoteOrderQty != nil ? "quoteOrderQty" : "quantity",
                               "the order is worth \(value.rounded(scale: 8)) \(quoteAsset), below the minimum \(notional.minNotional.normalized)",
                               "order at least \(notional.minNotional.normalized) \(quoteAsset) worth")
                }
                if appliesMax, let max = notional.maxNotional, max.isPositive, value > max {
                    throw fail("NOTIONAL", order.quoteOrderQty != nil ? "quoteOrderQty" : "quantity",
                               "the order is worth \(value.rounded(scale: 8)) \(quoteAsset), above the maximum \(max.normalized)",
                               "split the order")
                }
            }
        }
    }
}
