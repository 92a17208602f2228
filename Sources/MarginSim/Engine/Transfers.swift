import BinanceMargin

/// The wallet-to-wallet moves the simulator supports, by universal transfer type.
enum TransferKind: Sendable, Hashable {
    case mainToMargin, marginToMain, marginToIsolated, isolatedToMargin, mainToIsolated, isolatedToMain

    /// Parses `POST /sapi/v1/asset/transfer`'s `type` (both isolated spellings are accepted).
    init?(universal: String) {
        switch universal {
        case "MAIN_MARGIN": self = .mainToMargin
        case "MARGIN_MAIN": self = .marginToMain
        case "MARGIN_ISOLATEDMARGIN": self = .marginToIsolated
        case "ISOLATEDMARGIN_MARGIN": self = .isolatedToMargin
        case "MAIN_ISOLATED_MARGIN": self = .mainToIsolated
        case "ISOLATED_MARGIN_MAIN": self = .isolatedToMain
        default: return nil
        }
    }

    var universalName: String {
        switch self {
        case .mainToMargin: return "MAIN_MARGIN"
        case .marginToMain: return "MARGIN_MAIN"
        case .marginToIsolated: return "MARGIN_ISOLATEDMARGIN"
        case .isolatedToMargin: return "ISOLATEDMARGIN_MARGIN"
        case .mainToIsolated: return "MAIN_ISOLATED_MARGIN"
        case .isolatedToMain: return "ISOLATED_MARGIN_MAIN"
        }
    }

    /// Whether the move needs a `fromSymbol` / `toSymbol`.
    var needsFromSymbol: Bool { self == .isolatedToMargin || self == .isolatedToMain }
    var needsToSymbol: Bool { self == .marginToIsolated || self == .mainToIsolated }

    func accounts(fromSymbol: String?, toSymbol: String?) -> (AccountRef, AccountRef) {
        switch self {
        case .mainToMargin: return (.spot, .cross)
        case .marginToMain: return (.cross, .spot)
        case .marginToIsolated: return (.cross, .isolated(toSymbol ?? ""))
        case .isolatedToMargin: return (.isolated(fromSymbol ?? ""), .cross)
        case .mainToIsolated: return (.spot, .isolated(toSymbol ?? ""))
        case .isolatedToMain: return (.isolated(fromSymbol ?? ""), .spot)
        }
    }
}

extension Exchange {
    /// Moves `amount` of `asset` between wallets; out of a margin account only up to ``maxTransferable``.
    @discardableResult
    mutating func transfer(_ kind: TransferKind, asset: String, amount: Number, fromSymbol: String?, toSymbol: String?,
                           insufficient: ExchangeError) throws(ExchangeError) -> Int64 {
        guard Catalog.assets[asset] != nil else { throw .notValidMarginAsset }
        guard amount.isPositive else { throw .invalidParameter("amount") }
        guard amount.amount() == amount else { throw .tooMuchPrecision("amount") }
        if kind.needsFromSymbol, fromSymbol == nil { throw .mandatory("fromSymbol") }
        if kind.needsToSymbol, toSymbol == nil { throw .mandatory("toSymbol") }
        let (from, to) = kind.accounts(fromSymbol: fromSymbol, toSymbol: toSymbol)
        for account in [from, to] {
            if case .isolated(let symbol) = account {
                guard let info = Catalog.symbols[symbol] else { throw .invalidSymbol }
                guard info.isMarginTradingAllowed else { throw .notValidMarginPair }
                guard asset == info.base || asset == info.quote else { throw .notValidMarginAsset }
            }
        }
        if case .isolated(let symbol) = from, !isolatedExists(symbol) { throw .isolatedAccountMissing }
        guard self[from, asset].free >= amount else { throw insufficient }
        if from.isMargin, amount > (try maxTransferable(from, asset)) { throw .transferOutExceedsMax }
        if case .isolated(let symbol) = to { openIsolated(symbol) }
        try credit(to, asset, amount)      // the only step that can overflow: first, so a failure changes nothing
        try credit(from, asset, -amount)   // free ≥ amount: cannot fail
        let txId = newTransactionId()
        transferRecords.append(TransferRecord(txId: txId, time: now, asset: asset, amount: amount, from: from, to: to,
                                              universalType: kind.universalName))
        recordFlow(from, asset, "TRANSFER", amount.negated, tranId: txId)
        recordFlow(to, asset, "TRANSFER", amount, tranId: txId)
        return txId
    }

    /// Adds `amount` of `asset` to an account from outside (the `/sim/deposit` control); neither the amount nor
    /// the resulting balance may exceed ``Catalog/maxDeposit`` (-1102 "Cannot be greater than …").
    mutating func deposit(_ account: AccountRef, asset: String, amount: Number) throws(ExchangeError) -> Balance {
        guard Catalog.assets[asset] != nil else { throw .notValidMarginAsset }
        guard amount.isPositive else { throw .invalidParameter("amount") }
        guard amount <= Catalog.maxDeposit,
              let after = try? self[account, asset].total + amount, after <= Catalog.maxDeposit else {
            throw .tooGreat("amount", Catalog.maxDeposit.description)
        }
        if case .isolated(let symbol) = account {
            guard let info = Catalog.symbols[symbol] else { throw .invalidSymbol }
            guard asset == info.base || asset == info.quote else { throw .notValidMarginAsset }
            openIsolated(symbol)
        }
        try credit(account, asset, amount.amount())
        settle()
        return self[account, asset]
    }
}
