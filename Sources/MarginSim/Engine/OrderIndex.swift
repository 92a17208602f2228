import BinanceMargin

/// Every order of the exchange (open and finished, in placement order) with the lookups the engine and
/// the API need kept beside them, so none of them scans the history: open orders, orders by id, by
/// client order id and by symbol and account.
///
/// It encodes as the plain array of orders (the state file's layout is unchanged) and rebuilds its
/// lookups when decoded. Orders are only appended; writing an order back through the subscript keeps
/// the open set current (ids, symbols and accounts never change).
struct OrderIndex: RandomAccessCollection, Codable, Sendable {
    /// A symbol in one account: the scope of `allOrders`, `openOrders` and cancels.
    struct Scope: Hashable, Sendable {
        var symbol: String
        var account: AccountRef
    }

    private(set) var all: [ExchangeOrder] = []
    /// Positions of the open orders, ascending (oldest first).
    private(set) var openPositions: [Int] = []
    private var byId: [Int64: Int] = [:]
    /// The newest order with each client order id; older ones are chained through `earlierWithClientId`.
    private var lastWithClientId: [String: Int] = [:]
    /// For each position, the previous order with the same client order id (-1: none): one Int per order
    /// rather than an array per client order id.
    private var earlierWithClientId: [Int] = []
    private var byScope: [Scope: [Int]] = [:]

    init() {}

    /// The index of `orders` (in placement order), taking the array as it is.
    init(_ orders: [ExchangeOrder]) {
        all = orders
        byId.reserveCapacity(orders.count)
        lastWithClientId.reserveCapacity(orders.count)
        earlierWithClientId.reserveCapacity(orders.count)
        for position in orders.indices { index(position) }
    }

    init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode([ExchangeOrder].self))
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(all)
    }

    var startIndex: Int { all.startIndex }
    var endIndex: Int { all.endIndex }

    subscript(position: Int) -> ExchangeOrder {
        get { all[position] }
        set {
            let wasOpen = all[position].isOpen
            all[position] = newValue
            guard wasOpen != newValue.isOpen else { return }
            let at = OrderIndex.lowerBound(openPositions, position)
            if newValue.isOpen { openPositions.insert(position, at: at) } else if at < openPositions.count, openPositions[at] == position {
                openPositions.remove(at: at)
            }
        }
    }

    /// Adds a new order (the newest: its position is the last).
    mutating func append(_ order: ExchangeOrder) {
        all.append(order)
        index(all.count - 1)
    }

    /// Enters the order at `position` (the newest indexed so far) in the lookups.
    private mutating func index(_ position: Int) {
        let order = all[position]
        byId[order.orderId] = position
        earlierWithClientId.append(lastWithClientId.updateValue(position, forKey: order.clientOrderId) ?? -1)
        byScope[Scope(symbol: order.symbol, account: order.account), default: []].append(position)
        if order.isOpen { openPositions.append(position) }
    }

    /// Positions of the orders with `clientOrderId`, newest first.
    private func positions(clientOrderId: String) -> UnfoldSequence<Int, Int> {
        sequence(state: lastWithClientId[clientOrderId] ?? -1) { next in
            guard next >= 0 else { return nil }
            defer { next = earlierWithClientId[next] }
            return next
        }
    }

    /// The position of the most recent order with `orderId` in `scope`.
    func position(orderId: Int64, in scope: Scope) -> Int? {
        if let position = byId[orderId], all[position].symbol == scope.symbol, all[position].account == scope.account {
            return position
        }
        guard byId[orderId] != nil else { return nil }
        // Only a state with a repeated id (never written by this engine) gets here.
        return all.lastIndex { $0.orderId == orderId && $0.symbol == scope.symbol && $0.account == scope.account }
    }

    /// The position of the most recent order with `clientOrderId` in `scope`.
    func position(clientOrderId: String, in scope: Scope) -> Int? {
        positions(clientOrderId: clientOrderId).first { all[$0].symbol == scope.symbol && all[$0].account == scope.account }
    }

    /// Whether an order of `account` has `orderId`.
    func hasOrder(orderId: Int64, account: AccountRef) -> Bool {
        guard let position = byId[orderId] else { return false }
        if all[position].account == account { return true }
        // Only a state with a repeated id (never written by this engine) gets here.
        return all.contains { $0.orderId == orderId && $0.account == account }
    }

    /// Whether an open order of `account` has `clientOrderId`.
    func hasOpenOrder(clientOrderId: String, account: AccountRef) -> Bool {
        positions(clientOrderId: clientOrderId).contains { all[$0].isOpen && all[$0].account == account }
    }

    /// Positions of the orders of `scope`, oldest first.
    func positions(in scope: Scope) -> [Int] { byScope[scope] ?? [] }

    /// Positions of the open orders of `account` (of `symbol` when given), oldest first.
    func openPositions(account: AccountRef, symbol: String? = nil) -> [Int] {
        openPositions.filter { all[$0].account == account && (symbol == nil || all[$0].symbol == symbol) }
    }

    /// Up to `limit` orders of `scope`, oldest first: those with an id of at least `fromId` when given,
    /// else those placed within `window`. Ids and times grow with position, so both are found by binary
    /// search: O(log N + limit).
    func orders(in scope: Scope, fromId: Int64?, window: ClosedRange<Int64>, limit: Int) -> [ExchangeOrder] {
        let positions = positions(in: scope)
        let start: Int
        if let fromId {
            start = BinarySearch.lowerBound(count: positions.count) { all[positions[$0]].orderId < fromId }
            return positions[start...].prefix(limit).map { all[$0] }
        }
        start = BinarySearch.lowerBound(count: positions.count) { all[positions[$0]].time < window.lowerBound }
        return positions[start...].prefix { all[$0].time <= window.upperBound }.prefix(limit).map { all[$0] }
    }

    /// The first order (by position) placed before the previous one or with an id not above it, as
    /// (position, which field, its value); nil when in order.
    func firstDisorder() -> (position: Int, field: String, value: Int64)? {
        for position in all.indices.dropFirst() {
            if all[position].time < all[position - 1].time { return (position, "time", all[position].time) }
            if all[position].orderId <= all[position - 1].orderId { return (position, "orderId", all[position].orderId) }
        }
        return nil
    }

    /// The first index of the ascending `positions` at or after `value`.
    static func lowerBound(_ positions: [Int], _ value: Int) -> Int {
        BinarySearch.lowerBound(count: positions.count) { positions[$0] < value }
    }

}
