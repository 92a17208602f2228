/// A margin order to place (`POST /sapi/v1/margin/order`).
///
/// Build one with the memberwise initializer or ``market(_:_:quantity:isIsolated:sideEffect:)``,
/// ``marketQuote(_:_:quoteQuantity:isIsolated:sideEffect:)`` and
/// ``limit(_:_:quantity:price:timeInForce:isIsolated:sideEffect:)``. The client validates it before sending
/// (see ``validate()``) and always sends a client order id — the one given, or a generated `mops-…` id —
/// so an order whose outcome is unknown can be found again and is never sent twice.
public struct NewOrder: Sendable, Hashable {
    /// The symbol, e.g. `BTCUSDT`.
    public var symbol: String
    /// BUY or SELL.
    public var side: OrderSide
    /// The order type.
    public var type: OrderType
    /// Base-asset quantity.
    public var quantity: Number?
    /// Quote-asset amount to spend or receive (MARKET only).
    public var quoteOrderQty: Number?
    /// The price (0 for MARKET orders).
    public var price: Number?
    /// Trigger price of STOP_LOSS(_LIMIT) / TAKE_PROFIT(_LIMIT).
    public var stopPrice: Number?
    /// Trailing stop in basis points (instead of or with `stopPrice`).
    public var trailingDelta: Int64?
    /// Visible quantity of an iceberg order (GTC only).
    public var icebergQty: Number?
    /// GTC, IOC or FOK; LIMIT-type orders default to GTC when nil.
    public var timeInForce: TimeInForce?
    /// Trade in the symbol's isolated margin account instead of cross.
    public var isIsolated: Bool
    /// Whether the order borrows and/or repays (`sideEffectType`).
    public var sideEffect: SideEffectType
    /// Whether debt this order borrowed is repaid when it is canceled (Binance's default: true).
    public var autoRepayAtCancel: Bool?
    /// `EXPIRE_TAKER`, `EXPIRE_MAKER`, `EXPIRE_BOTH` or `NONE`.
    public var selfTradePreventionMode: String?
    /// The order's client id (`newClientOrderId`); generated when nil.
    public var clientOrderId: String?
    /// How much the answer says (`newOrderRespType`; FULL by default).
    public var responseType: OrderResponseType

    /// Makes a value from its fields.
    public init(symbol: String, side: OrderSide, type: OrderType, quantity: Number? = nil, quoteOrderQty: Number? = nil,
                price: Number? = nil, stopPrice: Number? = nil, trailingDelta: Int64? = nil, icebergQty: Number? = nil,
                timeInForce: TimeInForce? = nil, isIsolated: Bool = false, sideEffect: SideEffectType = .noSideEffect,
                autoRepayAtCancel: Bool? = nil, selfTradePreventionMode: String? = nil, clientOrderId: String? = nil,
                responseType: OrderResponseType = .full) {
        self.symbol = symbol
        self.side = side
        self.type = type
        self.quantity = quantity
        self.quoteOrderQty = quoteOrderQty
        self.price = price
        self.stopPrice = stopPrice
        self.trailingDelta = trailingDelta
        self.icebergQty = icebergQty
        self.timeInForce = timeInForce
        self.isIsolated = isIsolated
        self.sideEffect = sideEffect
        self.autoRepayAtCancel = autoRepayAtCancel
        self.selfTradePreventionMode = selfTradePreventionMode
        self.clientOrderId = clientOrderId
        self.responseType = responseType
    }

    /// A MARKET order for a base quantity.
    public static func market(_ symbol: String, _ side: OrderSide, quantity: Number, isIsolated: Bool = false,
                              sideEffect: SideEffectType = .noSideEffect) -> NewOrder {
        NewOrder(symbol: symbol, side: side, type: .market, quantity: quantity, isIsolated: isIsolated, sideEffect: sideEffect)
    }

    /// A MARKET order for a quote amount (`quoteOrderQty`).
    public static func marketQuote(_ symbol: String, _ side: OrderSide, quoteQuantity: Number, isIsolated: Bool = false,
                                   sideEffect: SideEffectType = .noSideEffect) -> NewOrder {
        NewOrder(symbol: symbol, side: side, type: .market, quoteOrderQty: quoteQuantity, isIsolated: isIsolated, sideEffect: sideEffect)
    }

    /// A LIMIT order.
    public static func limit(_ symbol: String, _ side: OrderSide, quantity: Number, price: Number,
                             timeInForce: TimeInForce = .gtc, isIsolated: Bool = false,
                             sideEffect: SideEffectType = .noSideEffect) -> NewOrder {
        NewOrder(symbol: symbol, side: side, type: .limit, quantity: quantity, price: price, timeInForce: timeInForce,
                 isIsolated: isIsolated, sideEffect: sideEffect)
    }

    /// The time-in-force sent: the given one, or GTC for LIMIT, STOP_LOSS_LIMIT and TAKE_PROFIT_LIMIT.
    public var effectiveTimeInForce: TimeInForce? { timeInForce ?? (type.needsTimeInForce ? .gtc : nil) }

    /// Checks the parameters Binance requires for this order type, and the amounts' signs, before
    /// anything is sent; the error names the field and the fix.
    public func validate() throws {
        try InputValidation.symbol(symbol, field: "symbol")
        func positive(_ value: Number?, _ field: String) throws {
            if let value, !value.isPositive {
                throw BinanceError.invalidInput(field, "\(field) must be greater than zero, got \(value)",
                    hint: "give a positive \(field); the side (BUY or SELL) says the direction")
            }
            if let value { try InputValidation.wireDecimal(value, field: field) }
        }
        try positive(quantity, "quantity")
        try positive(quoteOrderQty, "quoteOrderQty")
        try positive(price, "price")
        try positive(stopPrice, "stopPrice")
        try positive(icebergQty, "icebergQty")
        if let trailingDelta, trailingDelta <= 0 {
            throw BinanceError.invalidInput("trailingDelta", "trailingDelta must be a positive number of basis points, got \(trailingDelta)",
                hint: "100 = a 1% trail; the exchange's TRAILING_DELTA filter gives the allowed range")
        }
        if let clientOrderId { try ClientOrderID.validate(clientOrderId) }
        let name = type.rawValue
        switch type {
        case .market:
            if (quantity == nil) == (quoteOrderQty == nil) {
                throw BinanceError.invalidInput("quantity", "a MARKET order needs exactly one of quantity or quoteOrderQty",
                    hint: "give the base amount (quantity: 0.01) or the quote amount to spend (quoteOrderQty: 100)")
            }
            if price != nil { throw BinanceError.invalidInput("price", "a MARKET order takes no price", hint: "remove the price, or use a LIMIT order") }
        default:
            if quantity == nil {
                throw BinanceError.invalidInput("quantity", "a \(name) order needs quantity", hint: "give the base amount, e.g. quantity: 0.01")
            }
            if quoteOrderQty != nil {
                throw BinanceError.invalidInput("quoteOrderQty", "quoteOrderQty is only for MARKET orders", hint: "give quantity instead")
            }
        }
        if type.needsPrice && price == nil {
            throw BinanceError.invalidInput("price", "a \(name) order needs price",
                hint: "give the limit price, or use a MARKET order to trade at the market")
        }
        if !type.needsPrice && type != .market && price != nil {
            throw BinanceError.invalidInput("price", "a \(name) order takes no price", hint: "use \(name)_LIMIT for a limit price")
        }
        if type.needsStopPrice && stopPrice == nil && trailingDelta == nil {
            throw BinanceError.invalidInput("stopPrice", "a \(name) order needs stopPrice (or trailingDelta)",
                hint: "give the trigger price as stopPrice, or a trailingDelta in basis points")
        }
        if !type.needsStopPrice && (stopPrice != nil || trailingDelta != nil) {
            throw BinanceError.invalidInput(stopPrice != nil ? "stopPrice" : "trailingDelta", "a \(name) order takes no stop",
                hint: "use STOP_LOSS_LIMIT or TAKE_PROFIT_LIMIT for a triggered order")
        }
        if timeInForce != nil && !type.needsTimeInForce {
            throw BinanceError.invalidInput("timeInForce", "timeInForce is only for LIMIT, STOP_LOSS_LIMIT and TAKE_PROFIT_LIMIT orders",
                hint: "remove timeInForce from this \(name) order")
        }
        if icebergQty != nil && effectiveTimeInForce != .gtc {
            throw BinanceError.invalidInput("icebergQty", "an iceberg order must be GTC",
                hint: "use timeInForce GTC, or drop icebergQty")
        }
    }

    /// The parameters in Binance's documented order; `clientOrderId` is the id actually sent.
    func parameters(clientOrderId: String) -> Parameters {
        var p = Parameters()
        p.add("symbol", symbol)
        p.addIsolated(isIsolated)
        p.add("side", side.rawValue)
        p.add("type", type.rawValue)
        p.add("quantity", quantity)
        p.add("quoteOrderQty", quoteOrderQty)
        p.add("price", price)
        p.add("stopPrice", stopPrice)
        p.add("trailingDelta", trailingDelta)
        p.add("newClientOrderId", clientOrderId)
        p.add("icebergQty", icebergQty)
        p.add("newOrderRespType", responseType.rawValue)
        p.add("sideEffectType", sideEffect.rawValue)
        p.add("timeInForce", effectiveTimeInForce?.rawValue)
        p.add("selfTradePreventionMode", selfTradePreventionMode)
        p.add("autoRepayAtCancel", autoRepayAtCancel)
        return p
    }
}
