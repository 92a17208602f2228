import BinanceMargin

extension Exchange {
    /// The initial risk ratio a new loan in `account` must respect: cross 1.5 (3x) or 1.25 (5x), isolated tier 1.
    func initialRiskRatio(_ account: AccountRef) -> Number {
        if case .isolated(let symbol) = account, let info = Catalog.symbols[symbol] { return info.isolatedInitialRiskRatio }
        return crossBars.normalBar
    }

    /// The borrow cap of `asset` in `account` (VIP-0 `borrowLimit`).
    func borrowLimit(_ account: AccountRef, _ asset: String) -> Number {
        if case .isolated(let symbol) = account, let info = Catalog.symbols[symbol] {
            return asset == info.base ? info.isolatedBaseMaxBorrowable : info.isolatedQuoteMaxBorrowable
        }
        return Catalog.assets[asset]?.borrowLimit ?? .zero
    }

    /// Checks that `asset` may be borrowed in `account` (-3027 otherwise).
    func requireBorrowable(_ account: AccountRef, _ asset: String) throws(ExchangeError) {
        try requireAccount(account)
        guard let info = Catalog.assets[asset] else { throw .notValidMarginAsset }
        guard info.isBorrowable else { throw .borrowBanned }
        guard assetsAllowed(in: account).contains(asset) else { throw .notValidMarginAsset }
    }

    /// How much more of `asset` the account may borrow by leverage alone: the largest x with
    /// (A + x) / (L + x) ≥ IRR, i.e. x = (A − IRR·L) / (IRR − 1), valuing A and L in `asset` itself
    /// (the reference's BTC formula divided by the asset's BTC price, without the rounding of a reciprocal).
    /// Zero when the account is too large to value exactly.
    func maxBorrowableByLeverage(_ account: AccountRef, _ asset: String) -> Number {
        guard let (assets, liabilities) = try? totals(account, in: asset) else { return .zero }
        let irr = initialRiskRatio(account)
        guard let headroom = try? assets - irr * liabilities, headroom.isPositive,
              let amount = try? headroom / (irr - 1) else { return .zero }
        return amount.amount(.down)
    }

    /// The `maxBorrowable` answer: amount (leverage, cap and inventory) and borrowLimit.
    func maxBorrowable(_ account: AccountRef, _ asset: String) -> (amount: Number, borrowLimit: Number) {
        let limit = borrowLimit(account, asset)
        let capRoom = Number.max(.zero, (try? limit - self[account, asset].borrowed) ?? .zero)   // borrowed ≤ limit: fits
        let inventory = pool[asset] ?? .zero
        let amount = Number.min(Number.min(maxBorrowableByLeverage(account, asset), capRoom), inventory)
        return (Number.max(.zero, amount).amount(.down), limit)
    }

    /// Borrows `amount` of `asset` into `account`, charging the first hour of interest at once.
    @discardableResult
    mutating func borrow(_ account: AccountRef, _ asset: String, _ amount: Number, origin: String = "MANUAL") throws(ExchangeError) -> Int64 {
        try requireBorrowable(account, asset)
        guard amount.isPositive else { throw .invalidParameter("amount") }
        guard amount.amount() == amount else { throw .tooMuchPrecision("amount") }
        if let min = Catalog.assets[asset]?.userMinBorrow, amount < min {
            throw .borrowBelowMinimum
        }
        let limit = borrowLimit(account, asset)
        guard amount <= maxBorrowableByLeverage(account, asset),
              let after = try? self[account, asset].borrowed + amount, after <= limit else { throw .exceedMaxBorrowable }
        guard amount <= pool[asset] ?? .zero else { throw .poolExhausted }
        // Compute every new figure, then change.
        var balance = self[account, asset]
        let (poolLeft, free) = try checked { (try (pool[asset] ?? .zero) - amount, try balance.free + amount) }
        balance.free = free
        balance.borrowed = after
        pool[asset] = poolLeft
        self[account, asset] = balance
        let txId = newTransactionId()
        loanRecords.append(LoanRecord(kind: .borrow, origin: origin, account: account, asset: asset, amount: amount,
                                      interest: .zero, principal: amount, timestamp: now, txId: txId))
        recordFlow(account, asset, "BORROW", amount, tranId: txId)
        charge(account, asset, principal: amount, type: "ON_BORROW", at: now)
        return txId
    }

    /// Repays `amount` of `asset` in `account`: interest first, then principal. `flowType` is its capital-flow
    /// type (`REPAY`, or `REPAY_LIQUIDATION` for a liquidation's).
    @discardableResult
    mutating func repay(_ account: AccountRef, _ asset: String, _ amount: Number, origin: String = "MANUAL",
                        flowType: String = "REPAY") throws(ExchangeError) -> Int64 {
        try requireAccount(account)
        guard Catalog.assets[asset] != nil, assetsAllowed(in: account).contains(asset) else { throw .notValidMarginAsset }
        guard amount.isPositive else { throw .invalidParameter("amount") }
        guard amount.amount() == amount else { throw .tooMuchPrecision("amount") }
        var balance = self[account, asset]
        let liability = try checked { try balance.liability }
        guard amount <= liability else { throw .repayExceedsLiability }
        // Below `userMinRepay` only the whole remaining debt may be repaid (manual repays; automatic ones repay what they can).
        if origin == "MANUAL", let min = Catalog.assets[asset]?.userMinRepay, amount < min, amount < liability {
            throw .repayBelowMinimum
        }
        guard amount <= balance.free else { throw .balanceNotEnough }
        let interestPaid = Number.min(amount, balance.interest)
        // Compute every new figure, then change.
        let (principalPaid, poolAfter) = try checked { () throws -> (Number, Number) in
            let principal = try amount - interestPaid
            return (principal, try (pool[asset] ?? .zero) + principal)
        }
        (balance.free, balance.interest, balance.borrowed) = try checked {
            (try balance.free - amount, try balance.interest - interestPaid, try balance.borrowed - principalPaid)
        }
        self[account, asset] = balance
        pool[asset] = poolAfter
        let txId = newTransactionId()
        loanRecords.append(LoanRecord(kind: .repay, origin: origin, account: account, asset: asset, amount: amount,
                                      interest: interestPaid, principal: principalPaid, timestamp: now, txId: txId))
        recordFlow(account, asset, flowType, amount, tranId: txId)
        return txId
    }

    /// Repays as much of the `asset` debt as the free balance (and `cap`) allows; no error when nothing is owed.
    mutating func repayWhatIsPossible(_ account: AccountRef, _ asset: String, cap: Number? = nil, origin: String = "AUTO",
                                      flowType: String = "REPAY") {
        let balance = self[account, asset]
        guard let liability = try? balance.liability else { return }
        var amount = Number.min(balance.free, liability)
        if let cap { amount = Number.min(amount, cap) }
        amount = amount.amount(.down)
        guard amount.isPositive else { return }
        _ = try? repay(account, asset, amount, origin: origin, flowType: flowType)
    }
}
