import BinanceMargin

/// The binary rows of the records a snapshot holds (orders, trades, loans, interest, transfers,
/// liquidations): every stored property, in declaration order. Each type's `snapshotFields` names
/// them; `SnapshotFormatTests` checks the names against the type's Codable keys, so a property added
/// to a record without a place in its row fails a test instead of being dropped at the next restart.
protocol SnapshotRow {
    /// The stored properties the row holds, in the order written.
    static var snapshotFields: [String] { get }
    func write(to writer: inout SnapshotWriter)
    init(reading reader: inout SnapshotReader) throws(SnapshotReader.Malformed)
}

extension ExchangeOrder: SnapshotRow {
    static let snapshotFields = [
        "orderId", "clientOrderId", "symbol", "account", "side", "type", "timeInForce", "price", "origQty",
        "executedQty", "cummulativeQuoteQty", "stopPrice", "icebergQty", "status", "isWorking", "time", "updateTime",
        "sideEffect", "autoRepayAtCancel", "selfTradePreventionMode", "borrowedAmount", "borrowAsset", "lockedAmount",
        "lockedAsset", "cancelClientOrderId",
    ]

    func write(to w: inout SnapshotWriter) {
        w.int(orderId); w.string(clientOrderId); w.string(symbol); w.account(account)
        w.name(side); w.name(type); w.name(timeInForce)
        w.number(price); w.number(origQty); w.number(executedQty); w.number(cummulativeQuoteQty)
        w.number(stopPrice); w.number(icebergQty); w.name(status); w.bool(isWorking)
        w.int(time); w.int(updateTime); w.name(sideEffect); w.bool(autoRepayAtCancel)
        w.string(selfTradePreventionMode); w.number(borrowedAmount); w.optionalString(borrowAsset)
        w.number(lockedAmount); w.optionalString(lockedAsset); w.optionalString(cancelClientOrderId)
    }

    init(reading r: inout SnapshotReader) throws(SnapshotReader.Malformed) {
        orderId = try r.int(); clientOrderId = try r.string(); symbol = try r.string(); account = try r.account()
        side = try r.name(Side.self); type = try r.name(OrderType.self); timeInForce = try r.name(TimeInForce.self)
        price = try r.number(); origQty = try r.number(); executedQty = try r.number(); cummulativeQuoteQty = try r.number()
        stopPrice = try r.number(); icebergQty = try r.number(); status = try r.name(OrderStatus.self); isWorking = try r.bool()
        time = try r.int(); updateTime = try r.int(); sideEffect = try r.name(SideEffect.self); autoRepayAtCancel = try r.bool()
        selfTradePreventionMode = try r.string(); borrowedAmount = try r.number(); borrowAsset = try r.optionalString()
        lockedAmount = try r.number(); lockedAsset = try r.optionalString(); cancelClientOrderId = try r.optionalString()
    }
}

extension ExchangeTrade: SnapshotRow {
    static let snapshotFields = [
        "id", "orderId", "symbol", "isIsolated", "price", "qty", "quoteQty", "commission", "commissionAsset", "time",
        "isBuyer", "isMaker",
    ]

    func write(to w: inout SnapshotWriter) {
        w.int(id); w.int(orderId); w.string(symbol); w.bool(isIsolated); w.number(price); w.number(qty)
        w.number(quoteQty); w.number(commission); w.string(commissionAsset); w.int(time); w.bool(isBuyer); w.bool(isMaker)
    }

    init(reading r: inout SnapshotReader) throws(SnapshotReader.Malformed) {
        id = try r.int(); orderId = try r.int(); symbol = try r.string(); isIsolated = try r.bool()
        price = try r.number(); qty = try r.number(); quoteQty = try r.number(); commission = try r.number()
        commissionAsset = try r.string(); time = try r.int(); isBuyer = try r.bool(); isMaker = try r.bool()
    }
}

extension LoanRecord: SnapshotRow {
    static let snapshotFields = ["kind", "origin", "account", "asset", "amount", "interest", "principal", "timestamp", "txId"]

    func write(to w: inout SnapshotWriter) {
        w.name(kind); w.string(origin); w.account(account); w.string(asset); w.number(amount); w.number(interest)
        w.number(principal); w.int(timestamp); w.int(txId)
    }

    init(reading r: inout SnapshotReader) throws(SnapshotReader.Malformed) {
        kind = try r.name(Kind.self); origin = try r.string(); account = try r.account(); asset = try r.string()
        amount = try r.number(); interest = try r.number(); principal = try r.number(); timestamp = try r.int(); txId = try r.int()
    }
}

extension InterestRecord: SnapshotRow {
    static let snapshotFields = ["txId", "time", "account", "asset", "principal", "interest", "dailyRate", "type"]

    func write(to w: inout SnapshotWriter) {
        w.int(txId); w.int(time); w.account(account); w.string(asset); w.number(principal); w.number(interest)
        w.number(dailyRate); w.string(type)
    }

    init(reading r: inout SnapshotReader) throws(SnapshotReader.Malformed) {
        txId = try r.int(); time = try r.int(); account = try r.account(); asset = try r.string()
        principal = try r.number(); interest = try r.number(); dailyRate = try r.number(); type = try r.string()
    }
}

extension TransferRecord: SnapshotRow {
    static let snapshotFields = ["txId", "time", "asset", "amount", "from", "to", "universalType"]

    func write(to w: inout SnapshotWriter) {
        w.int(txId); w.int(time); w.string(asset); w.number(amount); w.account(from); w.account(to); w.string(universalType)
    }

    init(reading r: inout SnapshotReader) throws(SnapshotReader.Malformed) {
        txId = try r.int(); time = try r.int(); asset = try r.string(); amount = try r.number()
        from = try r.account(); to = try r.account(); universalType = try r.string()
    }
}

extension LiquidationRecord: SnapshotRow {
    static let snapshotFields = ["orderId", "time", "account", "symbol", "side", "price", "qty"]

    func write(to w: inout SnapshotWriter) {
        w.int(orderId); w.int(time); w.account(account); w.string(symbol); w.name(side); w.number(price); w.number(qty)
    }

    init(reading r: inout SnapshotReader) throws(SnapshotReader.Malformed) {
        orderId = try r.int(); time = try r.int(); account = try r.account(); symbol = try r.string()
        side = try r.name(Side.self); price = try r.number(); qty = try r.number()
    }
}

extension CapitalFlowRecord: SnapshotRow {
    static let snapshotFields = ["id", "tranId", "time", "account", "asset", "type", "amount"]

    func write(to w: inout SnapshotWriter) {
        w.int(id); w.int(tranId); w.int(time); w.account(account); w.string(asset); w.string(type); w.number(amount)
    }

    init(reading r: inout SnapshotReader) throws(SnapshotReader.Malformed) {
        id = try r.int(); tranId = try r.int(); time = try r.int(); account = try r.account(); asset = try r.string()
        type = try r.string(); amount = try r.number()
    }
}
