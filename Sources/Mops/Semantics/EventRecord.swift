import BinanceMargin

/// The `event` record a handler sees, built from a stream event (fields: ``HandlerEvent/fields``).
enum EventRecord {
    /// `on marginStatus`: the new status, the one before (none when unknown), the level, the time.
    static func marginStatus(_ change: MarginLevelStatusChange, previous: String?) -> Record {
        record([("status", .string(change.status.rawValue)), ("previous", previous.map { .string($0) } ?? .none),
                ("level", .number(change.marginLevel)), ("time", .number(Number(change.eventTime)))])
    }

    /// `on marginLevel`: the level that made the condition true, and when it was read.
    static func marginLevel(_ level: Number, time: Int64) -> Record {
        record([("level", .number(level)), ("time", .number(Number(time)))])
    }

    /// `on fill`: one fill of one order.
    static func fill(_ r: ExecutionReport, isolated: Bool) -> Record {
        record([("symbol", .code(r.symbol)), ("side", .string(r.side.rawValue)), ("price", .number(r.lastPrice)),
                ("qty", .number(r.lastQuantity)), ("quoteQty", .number(r.lastQuote)), ("orderId", .number(Number(r.orderId))),
                ("clientId", .string(r.clientOrderId)), ("status", .string(r.status.rawValue)),
                ("executedQty", .number(r.cumulativeQuantity)), ("commission", .number(r.commission ?? .zero)),
                ("commissionAsset", r.commissionAsset.map { .code($0) } ?? .none), ("maker", .bool(r.isMaker)),
                ("isolated", .bool(isolated)), ("time", .number(Number(r.transactionTime)))])
    }

    /// `on liquidation`: the notice the interpreter found (`text` is its one-line form).
    static func liquidation(_ notice: LiquidationNotice) -> Record {
        record([("account", .string(notice.account)), ("sales", .number(Number(notice.sales.count))), ("text", .string(notice.text)),
                ("level", notice.marginLevelAfter.map { .number($0) } ?? .none), ("time", .number(Number(notice.time)))])
    }

    /// `on balance`: one asset's balance after the change.
    static func balance(_ b: AccountPositionEvent.Balance, time: Int64) -> Record {
        record([("asset", .code(b.asset)), ("free", .number(b.free)), ("locked", .number(b.locked)), ("time", .number(Number(time)))])
    }

    /// `on liability`: one asset's debt after the change.
    static func liability(_ c: LiabilityChange) -> Record {
        record([("asset", .code(c.asset)), ("type", .string(c.updateType)), ("principal", .number(c.principal)),
                ("interest", .number(c.interest)), ("time", .number(Number(c.eventTime)))])
    }

    private static func record(_ fields: [(name: String, value: Value)]) -> Record {
        Record(kind: "event", fields: fields + [("coalesced", .number(.zero))])
    }

    /// `record` with its `coalesced` field raised by `count`.
    static func coalescing(_ record: Record, _ count: Int) -> Record {
        var r = record
        guard let i = r.fields.firstIndex(where: { $0.name == "coalesced" }), case .number(let n) = r.fields[i].value else { return r }
        r.fields[i].value = .number(n.adding(Number(count)) ?? n)
        return r
    }
}
