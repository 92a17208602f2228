extension MarginClient {
    /// Borrows `amount` of `asset`, cross or in the isolated pair; returns the transaction id
    /// (`POST /sapi/v1/margin/borrow-repay`, type BORROW).
    ///
    /// Never re-sent. If the answer is lost, the client looks for the loan in the borrow records and
    /// returns its id; if it cannot tell, the error says the outcome is unknown and how to check.
    public func borrow(asset: String, amount: Number, isolatedSymbol: String? = nil) async throws -> Int64 {
        try await borrowOrRepay(.borrow, asset: asset, amount: amount, isolatedSymbol: isolatedSymbol)
    }

    /// Repays `amount` of `asset` (interest first, then principal); returns the transaction id
    /// (`POST /sapi/v1/margin/borrow-repay`, type REPAY). Reconciled like ``borrow(asset:amount:isolatedSymbol:)``.
    public func repay(asset: String, amount: Number, isolatedSymbol: String? = nil) async throws -> Int64 {
        try await borrowOrRepay(.repay, asset: asset, amount: amount, isolatedSymbol: isolatedSymbol)
    }

    /// Borrow or repay history (`GET /sapi/v1/margin/borrow-repay`).
    public func borrowRepayRecords(_ query: BorrowRepayQuery) async throws -> RecordPage<BorrowRepayRecord> {
        var p = Parameters()
        p.add("type", query.type.rawValue)
        if let asset = query.asset { try InputValidation.asset(asset) }
        if let symbol = query.isolatedSymbol { try InputValidation.symbol(symbol, field: "isolatedSymbol") }
        p.add("asset", query.asset)
        p.add("isolatedSymbol", query.isolatedSymbol)
        p.add("txId", query.txId)
        p.add("startTime", query.startTime)
        p.add("endTime", query.endTime)
        p.add("current", query.current)
        p.add("size", try InputValidation.pageSize(query.size))
        return try await call(Endpoints.borrowRepayRecords, p, as: RecordPage<BorrowRepayRecord>.self)
    }

    /// Daily interest rates of `asset` (`GET /sapi/v1/margin/interestRateHistory`; at most 30 days).
    public func interestRateHistory(asset: String, vipLevel: Int? = nil, startTime: Int64? = nil,
                                    endTime: Int64? = nil) async throws -> [InterestRate] {
        try InputValidation.asset(asset)
        var p = Parameters()
        p.add("asset", asset)
        p.add("vipLevel", vipLevel)
        p.add("startTime", startTime)
        p.add("endTime", endTime)
        return try await call(Endpoints.interestRateHistory, p, as: [InterestRate].self)
    }

    /// Interest charged (`GET /sapi/v1/margin/interestHistory`), cross or for an isolated pair.
    public func interestHistory(asset: String? = nil, isolatedSymbol: String? = nil, startTime: Int64? = nil,
                                endTime: Int64? = nil, current: Int? = nil, size: Int? = nil) async throws -> RecordPage<InterestRecord> {
        if let asset { try InputValidation.asset(asset) }
        if let isolatedSymbol { try InputValidation.symbol(isolatedSymbol, field: "isolatedSymbol") }
        var p = Parameters()
        p.add("asset", asset)
        p.add("isolatedSymbol", isolatedSymbol)
        p.add("startTime", startTime)
        p.add("endTime", endTime)
        p.add("current", current)
        p.add("size", try InputValidation.pageSize(size))
        return try await call(Endpoints.interestHistory, p, as: RecordPage<InterestRecord>.self)
    }

    func borrowOrRepay(_ type: LoanType, asset: String, amount: Number, isolatedSymbol: String?) async throws -> Int64 {
        try InputValidation.asset(asset)
        try InputValidation.amount(amount)
        if let isolatedSymbol { try InputValidation.symbol(isolatedSymbol, field: "isolatedSymbol") }
        var p = Parameters()
        p.add("asset", asset)
        p.addIsolated(isolatedSymbol != nil)
        p.add("symbol", isolatedSymbol)
        p.add("amount", amount)
        p.add("type", type.rawValue)
        var delivery = Delivery()
        do {
            let response = try await execute(Endpoints.borrowRepay, p, delivery: &delivery)
            return try decode(TransactionResponse.self, from: response, Endpoints.borrowRepay).tranId
        } catch let error as BinanceError where error.outcomeUnknown || error.category == .decoding {
            return try await reconcileLoan(type, asset: asset, amount: amount, isolatedSymbol: isolatedSymbol,
                                           sentAt: delivery.lastTimestamp ?? estimatedServerTime, cause: error)
        }
    }

    /// Finds a borrow/repay whose answer was lost in the records: same type, asset, pair and amount,
    /// stamped at or after its own `timestamp` (`sentAt`) less ``Reconciliation/clockAllowance``.
    /// Waits out recvWindow once if nothing shows yet (the query after that wait is not one of
    /// `reconcileAttempts`). An identical record stamped earlier is another
    /// loan and never taken for this one; when it is the only one, or several match, the outcome is unknown.
    func reconcileLoan(_ type: LoanType, asset: String, amount: Number, isolatedSymbol: String?,
                       sentAt: Int64, cause: BinanceError) async throws -> Int64 {
        let verb = type == .borrow ? "borrow" : "repay"
        logger.warning("\(verb) of \(amount) \(asset): outcome unknown (\(cause.message)); checking the records")
        let lookBack = sentAt - Reconciliation.lookBack
        let since = Reconciliation.earliestStamp(sentAt: sentAt)
        let deadline = sentAt + (configuration.recvWindow ?? 5000) + 1000
        let attempts = max(1, configuration.retryPolicy.reconcileAttempts)
        var attempt = 0
        var queryAfterWindow = false   // the query after waiting out the recvWindow is free
        var waited = false
        var lastProblem = cause.message
        while queryAfterWindow || attempt < attempts {
            if queryAfterWindow {
                queryAfterWindow = false
            } else {
                attempt += 1
                if attempt > 1, !(await pauseUnlessCancelled(configuration.retryPolicy.backoff(beforeAttempt: attempt))) {
                    lastProblem = "cancelled"
                    break
                }
            }
            do {
                let page = try await borrowRepayRecords(BorrowRepayQuery(type: type, asset: asset, isolatedSymbol: isolatedSymbol,
                                                                         startTime: lookBack, size: 100))
                let alike = page.rows.filter {
                    $0.asset == asset && $0.amount == amount && $0.status != "FAILED"
                        && (isolatedSymbol == nil || $0.isolatedSymbol == isolatedSymbol)
                }
                let matches = alike.filter { $0.timestamp >= since }
                let earlier = alike.filter { $0.timestamp < since }
                if matches.count == 1 { return matches[0].txId }
                if matches.count > 1 {
                    lastProblem = "\(matches.count) matching records (\(matches.map { String($0.txId) }.joined(separator: ", ")))"
                    break
                }
                let now = estimatedServerTime
                if !waited && now <= deadline {
                    waited = true
                    guard await pauseUnlessCancelled(deadline - now + 1) else {
                        lastProblem = "cancelled"
                        break
                    }
                    queryAfterWindow = true
                    continue
                }
                if earlier.isEmpty {
                    lastProblem = "no matching \(type.rawValue) record yet"
                } else {
                    let ids = earlier.map { "txId \($0.txId) at \($0.timestamp)" }.joined(separator: ", ")
                    lastProblem = "no matching \(type.rawValue) record stamped since it was sent (\(sentAt)); only an identical earlier one (\(ids)), which is a different \(verb)"
                }
                break
            } catch let error as BinanceError {
                lastProblem = error.message
            }
        }
        var check = "check GET /sapi/v1/margin/borrow-repay?type=\(type.rawValue)&asset=\(asset)"
        if let isolatedSymbol { check += "&isolatedSymbol=\(isolatedSymbol)" }
        throw BinanceError(category: cause.category, httpStatus: cause.httpStatus, code: cause.code,
                           message: "the \(verb) of \(amount) \(asset) may or may not have happened: \(cause.message); reading the records back: \(lastProblem)",
                           endpoint: cause.endpoint, outcomeUnknown: true,
                           hint: "do not repeat it blindly — \(check) (the client's borrowRepayRecords) or look at the account's `borrowed`")
    }
}
