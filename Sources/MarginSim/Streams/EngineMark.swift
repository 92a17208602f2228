import BinanceMargin

/// What the engine looked like before a change: enough to say afterwards, as Binance's streams would,
/// what changed — the one place where every cause (a request, a price move, the clock) becomes events.
///
/// It keeps counts of the append-only records, the open orders, the margin wallets, the prices and the cross
/// account's risk status; never the whole exchange (copying its records would cost every request O(history)).
/// Any engine code — the matching of today, an order book with partial fills, a replay driver — emits through it
/// by changing the exchange inside ``MarginSimulator``'s observed section; nothing else is needed.
struct EngineMark {
    let orderCount: Int, tradeCount: Int, loanCount: Int, transferCount: Int, liquidationCount: Int
    /// Open orders by position in the order book.
    let openOrders: [Int: ExchangeOrder]
    let cross: Wallet
    let isolated: [String: Wallet]
    let prices: [String: Number]
    /// The cross account's margin level status (nil when it cannot be valued).
    let crossStatus: MarginLevelStatus?
    /// The executing order lists by position, their pending legs by order position, and how many lists there were.
    let executingLists: [Int: ExchangeOrderList]
    let pendingOrders: [Int: ExchangeOrder]
    let listCount: Int

    init(_ exchange: Exchange) {
        orderCount = exchange.orders.count
        tradeCount = exchange.trades.count
        loanCount = exchange.loanRecords.count
        transferCount = exchange.transferRecords.count
        liquidationCount = exchange.liquidationRecords.count
        var open: [Int: ExchangeOrder] = [:]
        for position in exchange.orders.openPositions { open[position] = exchange.orders[position] }
        openOrders = open
        cross = exchange.cross
        isolated = exchange.isolated
        prices = exchange.prices.table
        crossStatus = exchange.marginLevel(of: exchange.cross).map { exchange.crossBars.status(of: $0) }
        let lists = exchange.lists
        var executing: [Int: ExchangeOrderList] = [:], pending: [Int: ExchangeOrder] = [:]
        for at in lists.executing {
            executing[at] = lists[at]
            for id in lists[at].pendingIds {
                if let position = exchange.position(of: id, in: lists[at]), exchange.orders[position].status == .pendingNew {
                    pending[position] = exchange.orders[position]
                }
            }
        }
        (executingLists, pendingOrders, listCount) = (executing, pending, lists.count)
    }

    /// The events of the change from this mark to `exchange`, in Binance's order: execution reports, balance
    /// updates and account positions (user-data), liability and level changes (risk), then market data.
    /// A reset (records shrank) has no events.
    func events(after exchange: Exchange, tape: inout MarketTape) -> [PublishedEvent] {
        guard exchange.orders.count >= orderCount, exchange.trades.count >= tradeCount,
              exchange.loanRecords.count >= loanCount, exchange.transferRecords.count >= transferCount,
              exchange.liquidationRecords.count >= liquidationCount else { return [] }
        var events = executionReports(exchange, tape: &tape)
        events += listStatuses(exchange)
        events += balanceUpdates(exchange)
        events += accountPositions(exchange)
        events += liabilityChanges(exchange)
        events += levelChanges(exchange)
        events += marketEvents(exchange, tape: &tape)
        return events
    }

    /// The user-data route of a margin account (spot has none here).
    static func route(_ account: AccountRef) -> StreamRoute? {
        switch account {
        case .spot: nil
        case .cross: .crossUserData
        case .isolated(let symbol): .isolatedUserData(symbol: symbol)
        }
    }
}
