import BinanceMargin

/// Order lists as values: each leg from the answer's report, or read fresh when there is none.
extension AccountView {
    /// The value of a list answer: its legs from the answer's reports, or read fresh when the answer has none
    /// (a list settled by reading it back after a lost answer, or a query, which names only the legs' ids).
    func listValue(_ result: OrderListResult) async throws -> Value {
        let isolated = result.list.isIsolated ?? false
        var legs: [Value] = []
        for member in result.list.orders {
            if let report = result.reports.last(where: { $0.orderId == member.orderId }) {
                legs.append(.order(report, isolated: isolated))
            } else {
                legs.append(.order(try await order(member.symbol, id: member.orderId, isolated: isolated)))
            }
        }
        return .orderList(result.list, legs: legs, borrowed: result.marginBuyBorrowAmount, borrowedAsset: result.marginBuyBorrowAsset)
    }

    /// The open order lists (cross, or of an isolated pair), each with its legs read fresh.
    func openOrderListValues(_ symbol: String?, isolated: Bool) async throws -> [Value] {
        var values: [Value] = []
        for list in try await client.openOrderLists(symbol: symbol, isIsolated: isolated) {
            values.append(try await listValue(OrderListResult(list: list)))
        }
        return values
    }

    /// One order list by symbol and list id, with its legs read fresh.
    func orderListValue(_ symbol: String, id: Int64, isolated: Bool) async throws -> Value {
        let list = try await client.orderList(orderListId: id, symbol: isolated ? symbol : nil, isIsolated: isolated)
        return try await listValue(OrderListResult(list: list))
    }
}
