import BinanceMargin

/// One margin order list — an OCO, an OTO or an OTOCO — as the engine keeps it: which orders it groups
/// and whether it is still executing. The orders themselves are ordinary ``ExchangeOrder``s (an OTO's
/// pending legs wait with status `PENDING_NEW` until the working order has filled).
struct ExchangeOrderList: Codable, Sendable, Hashable {
    /// Which list.
    enum Kind: String, Codable, Sendable {
        case oco = "OCO", oto = "OTO", otoco = "OTOCO"
    }

    var orderListId: Int64
    var kind: Kind
    var listClientOrderId: String
    var symbol: String
    var account: AccountRef
    /// The orders in Binance's answer order: OCO stop leg, limit leg; OTO working, pending; OTOCO working,
    /// pending above, pending below (when given).
    var orderIds: [Int64]
    /// When it was placed, ms.
    var time: Int64
    /// When it last changed (placement, a leg's activation, its end), ms: Binance's `transactionTime`.
    var transactionTime: Int64
    /// False once no order of the list is open or pending (`ALL_DONE`).
    var isExecuting: Bool = true

    var isIsolated: Bool { account.isolatedSymbol != nil }
    /// Binance's `contingencyType`: an OTOCO reports `OTO`.
    var contingencyType: String { kind == .oco ? "OCO" : "OTO" }
    /// `EXEC_STARTED` while executing, then `ALL_DONE`.
    var listStatusType: String { isExecuting ? "EXEC_STARTED" : "ALL_DONE" }
    /// `EXECUTING`, then `ALL_DONE`.
    var listOrderStatus: String { isExecuting ? "EXECUTING" : "ALL_DONE" }

    /// The ids of the one-cancels-the-other group: both legs of an OCO, the pending pair of an OTOCO, none in an OTO.
    var ocoGroup: ArraySlice<Int64> {
        switch kind {
        case .oco: orderIds[...]
        case .otoco: orderIds.dropFirst()
        case .oto: []
        }
    }

    /// The pending legs (placed once the working order has filled): none in an OCO.
    var pendingIds: ArraySlice<Int64> { kind == .oco ? [] : orderIds.dropFirst() }
}

/// Every order list, oldest first, with the lookups the engine needs (by order id, by list client id,
/// the executing ones). Encodes as the lists and the next id; the lookups are rebuilt when decoded.
struct OrderLists: Codable, Sendable {
    private(set) var all: [ExchangeOrderList] = []
    var nextOrderListId: Int64 = 1
    /// Positions (in `all`) of the lists still executing, ascending.
    private(set) var executing: [Int] = []
    private var byOrderId: [Int64: Int] = [:]

    enum CodingKeys: String, CodingKey { case all, nextOrderListId }

    init() {}

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        nextOrderListId = try c.decode(Int64.self, forKey: .nextOrderListId)
        for list in try c.decode([ExchangeOrderList].self, forKey: .all) { append(list) }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(all, forKey: .all)
        try c.encode(nextOrderListId, forKey: .nextOrderListId)
    }

    var count: Int { all.count }

    subscript(position: Int) -> ExchangeOrderList {
        get { all[position] }
        set {
            all[position] = newValue
            if !newValue.isExecuting { executing.removeAll { $0 == position } }
        }
    }

    /// Adds a list (the newest).
    mutating func append(_ list: ExchangeOrderList) {
        all.append(list)
        let position = all.count - 1
        for id in list.orderIds { byOrderId[id] = position }
        if list.isExecuting { executing.append(position) }
    }

    /// The position of the list that order `orderId` belongs to.
    func position(ofOrder orderId: Int64) -> Int? { byOrderId[orderId] }

    /// The position of the list with `orderListId` in `account`.
    func position(orderListId: Int64, account: AccountRef) -> Int? {
        let at = BinarySearch.lowerBound(count: all.count) { all[$0].orderListId < orderListId }
        guard at < all.count, all[at].orderListId == orderListId, all[at].account == account else { return nil }
        return at
    }

    /// The position of the newest list with `listClientOrderId` in `account` (an executing one first).
    func position(listClientOrderId: String, account: AccountRef) -> Int? {
        if let open = executing.last(where: { all[$0].listClientOrderId == listClientOrderId && all[$0].account == account }) {
            return open
        }
        return all.lastIndex { $0.listClientOrderId == listClientOrderId && $0.account == account }
    }
}

extension Exchange {
    /// The order lists (a state written before lists existed has none).
    var lists: OrderLists { orderLists ?? OrderLists() }

    /// Makes sure ``orderLists`` exists, so that `orderLists!` changes it in place.
    mutating func ensureLists() {
        if orderLists == nil { orderLists = OrderLists() }
    }

    /// The list id of the order `orderId` (-1 when it belongs to none), as Binance's `orderListId` / `g`.
    func listId(ofOrder orderId: Int64) -> Int64 {
        guard let lists = orderLists, let at = lists.position(ofOrder: orderId) else { return -1 }
        return lists[at].orderListId
    }

    /// The position in ``orders`` of order `orderId` of `list`.
    func position(of orderId: Int64, in list: ExchangeOrderList) -> Int? {
        orders.position(orderId: orderId, in: OrderIndex.Scope(symbol: list.symbol, account: list.account))
    }
}
