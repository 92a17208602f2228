/// Order lists (`or`, `then`): which orders may open each list, and the shape of its legs, checked and lowered.
extension Checker {
    /// The list an order opens, or nil: an `or` partner makes an OCO of a limit and a stop order; `then`
    /// exits (one, or a limit and a stop) follow a limit or maker entry (an OTO, or an OTOCO bracket).
    mutating func orderList(_ spec: OrderSpec, type: LoweredOrderType, _ range: SourceRange) -> LoweredListShape? {
        if let other = spec.otherwise { return oco(spec, other, type: type, range) }
        guard let first = spec.exits.first else { return nil }
        let hint = "buy 0.01 BTCUSDT limit 60000 then limit 70000 or stop 55000"
        switch type {
        case .limit, .maker: break
        default: error("only a limit or maker order has exits ('then'): they are placed once it fills", first.range, hint: hint)
        }
        if spec.exits.count == 2, spec.exits[0].isLimit == spec.exits[1].isLimit {
            error("two exits are one limit and one stop (a take-profit and a stop-loss)", spec.exits[1].range, hint: hint)
        }
        if spec.sideEffect == .autorepay {
            error("an order with exits cannot be autorepay: Binance refuses AUTO_REPAY for OTO and OTOCO lists", range,
                  hint: "use autoborrow or auto (the exits then repay nothing by themselves), or repay after the exit fills")
        }
        return .then(spec.exits.map { exit($0) })
    }

    private mutating func oco(_ spec: OrderSpec, _ other: ExitLeg, type: LoweredOrderType, _ range: SourceRange) -> LoweredListShape? {
        let hint = "\(spec.side.rawValue) 0.01 BTCUSDT limit 70000 or stop 55000 limit 54900"
        let isLimit: Bool
        switch type {
        case .limit: isLimit = true
        case .stop: isLimit = false
        default:
            error("only a limit or a stop order has an 'or' partner (the two make an OCO)", other.range, hint: hint)
            return nil
        }
        if other.isLimit == isLimit {
            error("an OCO pairs a limit order with a stop order", other.range, hint: hint)
        }
        if spec.timeInForce != nil {
            error("an OCO takes no time in force: its limit order rests as LIMIT_MAKER, a stop-limit is GTC", range, hint: "remove gtc/ioc/fok")
        }
        return .oco(exit(other))
    }

    private mutating func exit(_ leg: ExitLeg) -> LoweredExit {
        func price(_ e: Expr, _ what: String) -> LoweredExpr {
            priceExpression(e, what, hint: "limit <price>  |  stop <trigger> [limit <price>]")
        }
        switch leg.kind {
        case .limit(let p): return .limit(price(p, "'limit'"))
        case .stop(let s, let l): return .stop(price(s, "'stop'"), limit: l.map { price($0, "'limit'") })
        }
    }
}
