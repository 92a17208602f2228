import BinanceMargin

extension Exchange {
    /// Called just before the order at `position` fills or triggers: if it is a leg of a one-cancels-the-other
    /// group (an OCO, or an OTOCO's pending pair), the other open legs expire (Binance's `OCO_TRIGGER`) and
    /// the group's lock — held by one leg for the whole group — passes to this leg with what it borrowed.
    mutating func prepareListLeg(at position: Int) {
        let orderId = orders[position].orderId
        guard let lists = orderLists, let at = lists.position(ofOrder: orderId), lists[at].isExecuting,
              lists[at].ocoGroup.contains(orderId) else { return }
        let list = lists[at]
        for sibling in list.ocoGroup where sibling != orderId {
            guard let other = self.position(of: sibling, in: list), orders[other].isOpen else { continue }
            let held = orders[other]
            cancel(at: other, status: .expired, autoRepay: false)
            guard !orders[position].lockedAmount.isPositive, held.lockedAmount.isPositive, let asset = held.lockedAsset else { continue }
            // The sibling's lock is free again: this leg takes what it may spend, and the debt the group borrowed.
            let wanted = (try? OrderRequest(orders[position]).lockNeeded) ?? held.lockedAmount
            let amount = Number.min(wanted, self[held.account, asset].free)
            if amount.isPositive, (try? lock(held.account, asset, amount)) != nil {
                orders[position].lockedAmount = amount
                orders[position].lockedAsset = asset
            }
            orders[position].borrowedAmount = held.borrowedAmount
            orders[position].borrowAsset = held.borrowAsset
        }
    }

    /// Brings every executing list up to date with its orders: an OTO's pending legs are placed once its working
    /// order has filled (or expire when it ended otherwise); a one-cancels-the-other group whose leg has ended,
    /// traded or triggered expires its other open legs; a list with no open or pending order is `ALL_DONE`.
    /// True when pending legs were placed (a price path then looks for their triggers too).
    @discardableResult
    mutating func settleLists() -> Bool {
        guard let lists = orderLists, !lists.executing.isEmpty else { return false }
        var placed = false
        for at in lists.executing {
            let list = lists[at]
            let positions = list.orderIds.compactMap { position(of: $0, in: list) }
            guard positions.count == list.orderIds.count else { continue }
            if list.kind != .oco, orders[positions[1]].status == .pendingNew {
                let working = orders[positions[0]]
                if working.status == .filled {
                    activate(Array(positions.dropFirst()))
                    orderLists![at].transactionTime = now
                    placed = true
                } else if !working.isOpen {
                    for position in positions.dropFirst() { end(pendingAt: position, status: .expired) }
                }
            }
            expireTouchedGroup(list, positions: positions)
            if !positions.contains(where: { orders[$0].isOpen || orders[$0].status == .pendingNew }) {
                orderLists![at].isExecuting = false
                orderLists![at].transactionTime = now
            }
        }
        return placed
    }

    /// When a leg of the list's one-cancels-the-other group has ended, traded or triggered, its other open legs expire.
    private mutating func expireTouchedGroup(_ list: ExchangeOrderList, positions: [Int]) {
        let group = positions.filter { list.ocoGroup.contains(orders[$0].orderId) }
        let touched = group.contains { p in
            let o = orders[p]
            return o.status != .pendingNew && (!o.isOpen || o.executedQty.isPositive || (o.type.isConditional && o.isWorking))
        }
        guard touched else { return }
        for position in group where orders[position].isOpen { cancel(at: position, status: .expired, autoRepay: true) }
    }

    /// Places the pending legs at `positions` (one for an OTO, the pair of an OTOCO, which shares one lock: the
    /// first holds the larger of the two). A leg that cannot be placed now — funds, a trigger already passed,
    /// a LIMIT_MAKER that would take — expires.
    private mutating func activate(_ positions: [Int]) {
        let requests = positions.map { OrderRequest(orders[$0]) }
        let most = requests.compactMap { try? $0.lockNeeded }.max()
        for (offset, position) in positions.enumerated() {
            var request = requests[offset]
            if positions.count > 1 { if offset == 0 { request.lockAtLeast = most } else { request.sharesLock = true } }
            if offset > 0, !orders[positions[0]].isOpen { end(pendingAt: position, status: .expired); continue }
            do { _ = try placeOrder(request, at: position) } catch { end(pendingAt: position, status: .expired) }
        }
    }

    /// Ends a leg still waiting as `PENDING_NEW` (it holds nothing).
    private mutating func end(pendingAt position: Int, status: OrderStatus) {
        guard orders[position].status == .pendingNew else { return }
        orders[position].status = status
        orders[position].updateTime = now
    }

    /// Cancels every open or pending order of the executing list at `index` (`CANCELED`, each open one repaying what
    /// it borrowed when `autoRepayAtCancel`), naming the cancel `cancelClientOrderId`; the list is then `ALL_DONE`.
    mutating func cancelList(at index: Int, cancelClientOrderId: String?) {
        guard let list = orderLists?[index], list.isExecuting else { return }
        for orderId in list.orderIds {
            guard let position = position(of: orderId, in: list) else { continue }
            let wasPending = orders[position].status == .pendingNew
            if wasPending { end(pendingAt: position, status: .canceled) } else if orders[position].isOpen {
                cancel(at: position, status: .canceled, autoRepay: true)
            } else { continue }
            orders[position].cancelClientOrderId = cancelClientOrderId ?? Exchange.generatedClientOrderId(-orderId)
        }
        orderLists![index].isExecuting = false
        orderLists![index].transactionTime = now
    }
}
