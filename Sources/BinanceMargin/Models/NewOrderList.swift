/// A margin order list to place: an OCO (`POST /sapi/v1/margin/order/oco`), an OTO (`…/order/oto`) or
/// an OTOCO (`…/order/otoco`).
///
/// The client validates it before sending (``validate()``) and always sends a list client id and a client
/// id for every leg — the given ones or generated `mops-…` ids — so a list whose answer is lost is read back
/// by its id, recognised by its legs' ids, and never placed twice.
public struct NewOrderList: Sendable, Hashable {
    /// Which list, with its legs.
    public enum Shape: Sendable, Hashable {
        /// One-cancels-the-other: a LIMIT_MAKER `limit` leg and a STOP_LOSS(_LIMIT) `stop` leg, same side and quantity.
        case oco(side: OrderSide, quantity: Number, limit: ListLeg, stop: ListLeg)
        /// One-triggers-the-other: `pending` is placed when `working` has fully filled.
        case oto(working: ListLeg, workingSide: OrderSide, workingQuantity: Number,
                 pending: ListLeg, pendingSide: OrderSide, pendingQuantity: Number)
        /// One-triggers-an-OCO: when `working` has fully filled, the `above`/`below` pair is placed (a bracket).
        case otoco(working: ListLeg, workingSide: OrderSide, workingQuantity: Number,
                   pendingSide: OrderSide, pendingQuantity: Number, above: ListLeg, below: ListLeg?)
    }

    /// The symbol, e.g. `BTCUSDT`.
    public var symbol: String
    /// The list and its legs.
    public var shape: Shape
    /// Trade in the symbol's isolated margin account instead of cross.
    public var isIsolated: Bool
    /// Whether the list borrows and/or repays (AUTO_REPAY is refused for OTO and OTOCO).
    public var sideEffect: SideEffectType
    /// Whether debt the list borrowed is repaid when it is canceled (Binance's default: true).
    public var autoRepayAtCancel: Bool?
    /// `EXPIRE_TAKER`, `EXPIRE_MAKER`, `EXPIRE_BOTH` or `NONE`.
    public var selfTradePreventionMode: String?
    /// The list's client id (`listClientOrderId`); generated when nil.
    public var listClientOrderId: String?
    /// How much the answer says (`newOrderRespType`; FULL by default).
    public var responseType: OrderResponseType

    /// Makes a value from its fields.
    public init(symbol: String, _ shape: Shape, isIsolated: Bool = false, sideEffect: SideEffectType = .noSideEffect,
                autoRepayAtCancel: Bool? = nil, selfTradePreventionMode: String? = nil, listClientOrderId: String? = nil,
                responseType: OrderResponseType = .full) {
        self.symbol = symbol
        self.shape = shape
        self.isIsolated = isIsolated
        self.sideEffect = sideEffect
        self.autoRepayAtCancel = autoRepayAtCancel
        self.selfTradePreventionMode = selfTradePreventionMode
        self.listClientOrderId = listClientOrderId
        self.responseType = responseType
    }

    /// `OCO`, `OTO` or `OTOCO`.
    public var kind: String {
        switch shape {
        case .oco: "OCO"
        case .oto: "OTO"
        case .otoco: "OTOCO"
        }
    }

    /// The endpoint that places it (its weight is 1500 UID instead of 6 when it may borrow: ``Endpoints/newOrderWeight(_:)``).
    public var endpoint: Endpoint {
        switch shape {
        case .oco: Endpoints.newOCO
        case .oto: Endpoints.newOTO
        case .otoco: Endpoints.newOTOCO
        }
    }

    /// The legs with their parameter prefixes, in Binance's order.
    var legs: [(prefix: String, leg: ListLeg)] {
        switch shape {
        case .oco(_, _, let limit, let stop): [("limit", limit), ("stop", stop)]
        case .oto(let working, _, _, let pending, _, _): [("working", working), ("pending", pending)]
        case .otoco(let working, _, _, _, _, let above, let below):
            [("working", working), ("pendingAbove", above)] + (below.map { [("pendingBelow", $0)] } ?? [])
        }
    }
}
