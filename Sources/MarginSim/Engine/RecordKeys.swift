import BinanceMargin

// The lookups of each kind of record: the filters the API's history queries combine (``RecordLog``).

extension ExchangeTrade: LoggedRecord {
    static let timeField = "time", idField = "id"
    enum Key: Hashable, Sendable {
        /// `myTrades`' scope: a symbol, cross or isolated.
        case scope(symbol: String, isIsolated: Bool)
        /// The fills of one order.
        case order(Int64)
    }

    var loggedTime: Int64 { time }
    var loggedId: Int64 { id }
    var keys: [Key] { [.scope(symbol: symbol, isIsolated: isIsolated), .order(orderId)] }
}

extension LoanRecord: LoggedRecord {
    static let timeField = "timestamp", idField = "txId"
    /// A kind in an account, of one asset or (nil) of all.
    struct Key: Hashable, Sendable {
        var kind: Kind
        var account: AccountRef
        var asset: String?
    }

    var loggedTime: Int64 { timestamp }
    var loggedId: Int64 { txId }
    var keys: [Key] { [Key(kind: kind, account: account, asset: nil), Key(kind: kind, account: account, asset: asset)] }
}

extension InterestRecord: LoggedRecord {
    static let timeField = "time", idField = "txId"
    /// An account, one asset or (nil) all.
    struct Key: Hashable, Sendable {
        var account: AccountRef
        var asset: String?
    }

    var loggedTime: Int64 { time }
    var loggedId: Int64 { txId }
    var keys: [Key] { [Key(account: account, asset: nil), Key(account: account, asset: asset)] }
}

extension TransferRecord: LoggedRecord {
    static let timeField = "time", idField = "txId"
    /// The two histories' filters; nil means any.
    enum Key: Hashable, Sendable {
        /// `GET /sapi/v1/margin/transfer`: moves in or out of an account (rollIn: true for ROLL_IN).
        case account(AccountRef, rollIn: Bool?, asset: String?)
        /// `GET /sapi/v1/asset/transfer`: one universal type, from and to isolated symbols.
        case universal(String, fromSymbol: String?, toSymbol: String?)
    }

    var loggedTime: Int64 { time }
    var loggedId: Int64 { txId }

    var keys: [Key] {
        var keys: [Key] = []
        for account in from == to ? [from] : [from, to] {
            let rollIn = to == account
            keys += [.account(account, rollIn: nil, asset: nil), .account(account, rollIn: nil, asset: asset),
                     .account(account, rollIn: rollIn, asset: nil), .account(account, rollIn: rollIn, asset: asset)]
        }
        let (source, target) = (from.isolatedSymbol, to.isolatedSymbol)
        keys.append(.universal(universalType, fromSymbol: nil, toSymbol: nil))
        if let source { keys.append(.universal(universalType, fromSymbol: source, toSymbol: nil)) }
        if let target { keys.append(.universal(universalType, fromSymbol: nil, toSymbol: target)) }
        if let source, let target { keys.append(.universal(universalType, fromSymbol: source, toSymbol: target)) }
        return keys
    }
}

extension LiquidationRecord: LoggedRecord {
    static let timeField = "time", idField = "orderId"
    var loggedTime: Int64 { time }
    var loggedId: Int64 { orderId }
    var keys: [AccountRef] { [account] }
}
