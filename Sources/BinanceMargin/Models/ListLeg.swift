/// One order of an order list to place: its type, prices, trigger and client id. Side and quantity belong
/// to the list (``NewOrderList``), as in Binance's parameters.
public struct ListLeg: Sendable, Hashable {
    /// The order type (which types a leg may have depends on its place in the list).
    public var type: OrderType
    /// The limit price (LIMIT, LIMIT_MAKER and the *_LIMIT types).
    public var price: Number?
    /// The trigger price (STOP_LOSS, TAKE_PROFIT and their _LIMIT forms).
    public var stopPrice: Number?
    /// A trailing trigger in basis points (instead of or with ``stopPrice``).
    public var trailingDelta: Int64?
    /// Visible quantity of an iceberg leg (GTC only).
    public var icebergQty: Number?
    /// GTC, IOC or FOK (LIMIT and the *_LIMIT types).
    public var timeInForce: TimeInForce?
    /// The leg's client order id; generated when nil, so a list with a lost answer can be recognised.
    public var clientOrderId: String?

    /// Makes a leg from its fields.
    public init(type: OrderType, price: Number? = nil, stopPrice: Number? = nil, trailingDelta: Int64? = nil,
                icebergQty: Number? = nil, timeInForce: TimeInForce? = nil, clientOrderId: String? = nil) {
        self.type = type
        self.price = price
        self.stopPrice = stopPrice
        self.trailingDelta = trailingDelta
        self.icebergQty = icebergQty
        self.timeInForce = timeInForce
        self.clientOrderId = clientOrderId
    }

    /// A LIMIT leg (GTC unless told).
    public static func limit(_ price: Number, timeInForce: TimeInForce = .gtc) -> ListLeg {
        ListLeg(type: .limit, price: price, timeInForce: timeInForce)
    }

    /// A LIMIT_MAKER leg: rests on the book or is rejected.
    public static func limitMaker(_ price: Number) -> ListLeg { ListLeg(type: .limitMaker, price: price) }

    /// A STOP_LOSS leg: a market order once `stopPrice` trades.
    public static func stopLoss(_ stopPrice: Number) -> ListLeg { ListLeg(type: .stopLoss, stopPrice: stopPrice) }

    /// A STOP_LOSS_LIMIT leg: a limit order at `price` once `stopPrice` trades (GTC unless told).
    public static func stopLossLimit(stopPrice: Number, price: Number, timeInForce: TimeInForce = .gtc) -> ListLeg {
        ListLeg(type: .stopLossLimit, price: price, stopPrice: stopPrice, timeInForce: timeInForce)
    }

    /// Checks the fields Binance requires for the leg's type; `role` names the leg in errors (`working`,
    /// `pendingAbove`, …) and `allowed` lists the types its place in the list accepts.
    func validate(role: String, allowed: [OrderType]) throws {
        guard allowed.contains(type) else {
            throw BinanceError.invalidInput("\(role)Type", "the \(role) order cannot be \(type.rawValue)",
                hint: "use one of \(allowed.map(\.rawValue).joined(separator: ", "))")
        }
        for (value, name) in [(price, "Price"), (stopPrice, "StopPrice"), (icebergQty, "IcebergQty")] {
            if let value, !value.isPositive {
                throw BinanceError.invalidInput("\(role)\(name)", "\(role)\(name) must be greater than zero, got \(value)", hint: "give a positive amount")
            }
            if let value { try InputValidation.wireDecimal(value, field: "\(role)\(name)") }
        }
        if let trailingDelta, trailingDelta <= 0 {
            throw BinanceError.invalidInput("\(role)TrailingDelta", "\(role)TrailingDelta must be a positive number of basis points, got \(trailingDelta)",
                hint: "100 = a 1% trail")
        }
        try requireFields(role: role)
        if let clientOrderId { try ClientOrderID.validate(clientOrderId, field: "\(role)ClientOrderId") }
    }

    /// The fields each type needs: a price for limit types, a trigger for stop types, a time in force for
    /// LIMIT and *_LIMIT, and (since 2026-06-15) a price with every trailing delta.
    private func requireFields(role: String) throws {
        let name = type.rawValue
        if (type.needsTimeInForce || type == .limitMaker) && price == nil {
            throw BinanceError.invalidInput("\(role)Price", "a \(name) \(role) order needs a price", hint: "give \(role)Price")
        }
        if type.needsStopPrice && stopPrice == nil && trailingDelta == nil {
            throw BinanceError.invalidInput("\(role)StopPrice", "a \(name) \(role) order needs a stop price or a trailing delta", hint: "give \(role)StopPrice")
        }
        if type.needsTimeInForce && timeInForce == nil {
            throw BinanceError.invalidInput("\(role)TimeInForce", "a \(name) \(role) order needs a time in force", hint: "give GTC, IOC or FOK")
        }
        if trailingDelta != nil && price == nil {
            throw BinanceError.invalidInput("\(role)Price", "a \(role) order with a trailing delta needs a price (Binance's rule since 2026-06-15)",
                hint: "give \(role)Price")
        }
        if !type.needsTimeInForce && type != .limit, timeInForce != nil {
            throw BinanceError.invalidInput("\(role)TimeInForce", "a \(name) \(role) order takes no time in force", hint: "remove it")
        }
    }

    /// Binance's parameters for the leg under `prefix` (`working` → `workingType`, `workingPrice`, …).
    func parameters(prefix: String, clientOrderId: String, into p: inout Parameters) {
        p.add("\(prefix)Type", type.rawValue)
        p.add("\(prefix)Price", price)
        p.add("\(prefix)StopPrice", stopPrice)
        p.add("\(prefix)TrailingDelta", trailingDelta)
        p.add("\(prefix)IcebergQty", icebergQty)
        p.add("\(prefix)TimeInForce", timeInForce?.rawValue)
        p.add("\(prefix)ClientOrderId", clientOrderId)
    }
}
