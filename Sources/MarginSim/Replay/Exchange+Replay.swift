import BinanceMargin

extension Exchange {
    /// Begins a replay on this fresh exchange: random walks stop and the prices due at the start (each track's
    /// first open at the replay's first instant) are set, then orders and liquidations settle.
    mutating func startReplay(_ replay: inout ReplayCursor?) {
        walks = [:]
        if let symbols = replay?.series.symbols { prices.watch(symbols) }
        _ = replayDue(&replay, moved: false)
        settle()
    }

    /// The rehearsal so far: the cursor's samples, and the exchange's records since the replay started as
    /// events — every borrow and repay, fill and liquidation trade — with the interest charged (valued in
    /// USDT at the last prices) and the orders placed.
    func rehearsalLog(_ replay: ReplayCursor) -> RehearsalLog {
        let start = replay.series.start
        var log = RehearsalLog(symbol: replay.series.symbols.joined(separator: ", "), valuationAsset: "USDT",
                               marginCallLevel: Catalog.crossMarginCallBar, liquidationLevel: Catalog.crossLiquidationBar)
        log.samples = replay.samples
        var events: [RehearsalEvent] = []
        for record in loanRecords where record.timestamp >= start {
            let verb = record.kind == .borrow ? "borrowed" : "repaid"
            let how = record.origin == "MANUAL" ? "" : " (\(record.origin.lowercased()))"
            events.append(RehearsalEvent(time: record.timestamp, kind: record.kind == .borrow ? .borrow : .repay,
                                         text: "\(verb) \(record.amount) \(record.asset)\(how)"))
        }
        let fills = trades.filter { $0.time >= start }
        for trade in fills {
            let base = Catalog.symbols[trade.symbol]?.base ?? trade.symbol
            events.append(RehearsalEvent(time: trade.time, kind: .fill,
                                         text: "\(trade.isBuyer ? "bought" : "sold") \(trade.qty) \(base) at \(trade.price) (order \(trade.orderId))"))
        }
        for record in liquidationRecords where record.time >= start {
            let base = Catalog.symbols[record.symbol]?.base ?? record.symbol
            events.append(RehearsalEvent(time: record.time, kind: .liquidation,
                                         text: "liquidation (\(record.account)): \(record.side == .buy ? "bought" : "sold") \(record.qty) \(base) at \(record.price)"))
        }
        log.events = events.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        log.interestPaid = interestSince(start)
        log.orders = orders.reversed().prefix { $0.time >= start }.count
        log.fills = fills.count
        return log
    }

    /// The interest charged since `start`, valued in USDT at the last prices (8 decimals).
    private func interestSince(_ start: Int64) -> Number {
        var total = Number.zero
        for record in interestRecords where record.time >= start {
            guard let rate = try? rate(record.asset, in: "USDT"), let value = try? record.interest * rate,
                  let sum = total.adding(value) else { continue }
            total = sum
        }
        return total.amount()
    }
}
