import BinanceMargin
import Foundation

/// How `mops watch` shows one account event: a text line, or a `-o json` object carrying Binance's own JSON.
enum EventText {
    /// `2026-01-01 00:00:00  MARGIN_CALL  margin level 1.24903219`; nil for events a watcher does not show (market data).
    static func line(_ event: StreamEvent, isolatedSymbol: String?) -> String? {
        guard let (time, what) = describe(event) else { return nil }
        return UTCTime.format(time) + "  " + what + (isolatedSymbol.map { "  (isolated \($0))" } ?? "")
    }

    /// `{"type":"event","account":"cross","event":{…Binance's JSON…}}` (`account`: `cross` or `isolated SYMBOL`).
    static func json(_ event: StreamEvent, isolatedSymbol: String?) -> [String: Any]? {
        guard describe(event) != nil, let data = try? event.encoded(),
              let payload = try? JSONSerialization.jsonObject(with: data) else { return nil }
        return ["type": "event", "account": isolatedSymbol.map { "isolated \($0)" } ?? "cross", "event": payload]
    }

    /// Whether the event is a forced liquidation (shown above the REPL's prompt even when not watching).
    static func isLiquidation(_ event: StreamEvent) -> Bool {
        if case .marginLevelStatus(let change) = event { return change.status == .forceLiquidation }
        return false
    }

    private static func describe(_ event: StreamEvent) -> (Int64, String)? {
        switch event {
        case .marginLevelStatus(let c):
            return (c.eventTime, pad("status") + "\(c.status.rawValue), margin level \(c.marginLevel)")
        case .execution(let r) where r.executionType == .trade:
            return (r.eventTime, pad("fill") + "\(r.side.rawValue) \(r.lastQuantity) \(r.symbol) at \(r.lastPrice) (order \(r.orderId) \(r.status.rawValue))")
        case .execution(let r):
            let price = r.price.isZero ? "" : " at \(r.price)"
            return (r.eventTime, pad("order") + "\(r.executionType.rawValue) \(r.side.rawValue) \(r.type.rawValue) \(r.quantity) \(r.symbol)\(price) (order \(r.orderId))")
        case .accountPosition(let p):
            let assets = p.balances.map { "\($0.asset) free \($0.free) locked \($0.locked)" }.joined(separator: "; ")
            return (p.eventTime, pad("balance") + assets)
        case .balanceUpdate(let b):
            return (b.eventTime, pad("transfer") + "\(b.asset) \(b.delta.isNegative ? "" : "+")\(b.delta)")
        case .liabilityChange(let c):
            return (c.eventTime, pad("debt") + "\(c.asset) \(c.updateType): principal \(c.principal), interest \(c.interest)")
        case .listStatus(let l):
            return (l.eventTime, pad("order list") + "\(l.listStatusType) \(l.symbol) (list \(l.orderListId))")
        case .streamEnded(let type, let time):
            return (time, pad("stream") + "ended (\(type))")
        case .trade, .bookTicker, .miniTicker, .unknown:
            return nil
        }
    }

    /// The kind in a column of 10, always followed by a space (`order list` is 10 long).
    private static func pad(_ word: String) -> String { word.padding(toLength: max(10, word.count + 1), withPad: " ", startingAt: 0) }
}
