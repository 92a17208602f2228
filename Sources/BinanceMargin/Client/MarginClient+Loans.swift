extension MarginClient {
    /// Borrows `amount` of `asset`, cross or in the isolated pair; returns the transaction id
    /// (`POST /sapi/v1/margin/borrow-repay`, type BORROW).
    ///
    /// Never re-sent. The newest borrow record is read first (the watermark); if the answer is lost, the
    /// client looks for the loan among the records newer than it and returns its id; if it cannot tell, the
    /// error says the outcome is unknown and what was checked (``BinanceError/readBack``). A task cancelled
    /// before the borrow itself is sent throws `CancellationError` and sends nothing.
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
        // Logged from before the watermark read, so a concurrent call of this client is a known rival (LoanCallLog).
        let call = loanCalls.begin(LoanCallLog.key(type, asset, isolatedSymbol))
        var settled: Int64?
        defer { loanCalls.end(call, tranId: settled) }
        let watermark = await loanWatermark(type, asset: asset, isolatedSymbol: isolatedSymbol)
        // Cancelled during the watermark read: the borrow/repay itself is never sent.
        if Task.isCancelled { throw CancellationError() }
        var delivery = Delivery()
        let loan = LostLoan(type: type, asset: asset, amount: amount, isolatedSymbol: isolatedSymbol, watermark: watermark, call: call)
        let tranId: Int64
        do {
            let response = try await execute(Endpoints.borrowRepay, p, delivery: &delivery)
            // A 2xx that cannot be read is an unknown outcome (decode says so): settled like a lost answer below.
            tranId = try decode(TransactionResponse.self, from: response, Endpoints.borrowRepay).tranId
        } catch let error as BinanceError where error.outcomeUnknown {
            tranId = try await reconcileLoan(loan, sentAt: delivery.lastTimestamp ?? estimatedServerTime, cause: error)
        }
        settled = tranId
        return tranId
    }

    /// The newest record of `type`/`asset`/pair before sending (see ``LoanWatermark``); a failed read is kept as such.
    func loanWatermark(_ type: LoanType, asset: String, isolatedSymbol: String?) async -> LoanWatermark {
        let start = estimatedServerTime - Reconciliation.lookBack
        do {
            let page = try await borrowRepayRecords(BorrowRepayQuery(type: type, asset: asset, isolatedSymbol: isolatedSymbol,
                                                                     startTime: start, size: 100))
            let rows = page.rows.filter { $0.asset == asset && $0.isolatedSymbol == isolatedSymbol }
            let newest = rows.max { ($0.txId, $0.timestamp) < ($1.txId, $1.timestamp) }
            return LoanWatermark(windowStart: start, txId: newest?.txId, timestamp: rows.map(\.timestamp).max())
        } catch {
            return LoanWatermark(windowStart: start, readFailure: (error as? BinanceError)?.message ?? "\(error)")
        }
    }

    /// Settles a borrow/repay whose answer was lost, from the records newer than its watermark
    /// and stamped since it was sent (``LoanEvidence/judge(_:type:asset:amount:isolatedSymbol:watermark:stamps:answered:unsettledRivals:)``).
    /// Nothing there yet is final only once the request's recvWindow has passed on the server's clock, so the
    /// client waits that out once and reads again (that read is not one of `reconcileAttempts`). Anything but
    /// exactly one candidate is an unknown outcome whose error says what was checked (``BinanceError/readBack``).
    func reconcileLoan(_ loan: LostLoan, sentAt: Int64, cause: BinanceError) async throws -> Int64 {
        logger.warning("\(loan.verb) of \(loan.amount) \(loan.asset): outcome unknown (\(cause.message)); checking the records")
        let deadline = Reconciliation.latestStamp(sentAt: sentAt, recvWindow: configuration.recvWindow ?? 5000)
        let stamps = Reconciliation.earliestStamp(sentAt: sentAt)...max(Reconciliation.earliestStamp(sentAt: sentAt), deadline)
        let window = loan.watermark.description + "; stamped from \(stamps.lowerBound) to \(stamps.upperBound)"
        guard loan.watermark.readFailure == nil else {
            let found = "nothing: without a watermark no record can be told apart from an earlier one"
            throw loan.unknown(cause, readBack: ReadBack(query: loan.queryText, window: window, reads: 0, found: found))
        }
        let outcome: Result<Int64, ReadBackGiveUp> = try await readBack(until: deadline, nothingRead: "nothing (no read answered)") {
            let page: RecordPage<BorrowRepayRecord>
            do {
                page = try await borrowRepayRecords(loan.query)
            } catch let error as BinanceError {
                return .noAnswer("no answer to the last read: \(error.message)")
            }
            let rivals = loanCalls.rivals(of: loan.call)
            switch LoanEvidence.judge(page.rows, type: loan.type, asset: loan.asset, amount: loan.amount, isolatedSymbol: loan.isolatedSymbol,
                                      watermark: loan.watermark, stamps: stamps,
                                      answered: rivals.answered.union(loanCalls.recentTranIds), unsettledRivals: rivals.unsettled) {
            case .found(let txId): return .found(txId)
            case .ambiguous(let text): return .unsettled(text)
            case .none(let text): return .absent(text)
            }
        }
        switch outcome {
        case .success(let txId):
            logger.notice("\(loan.verb) of \(loan.amount) \(loan.asset) found after an unknown outcome: txId \(txId)")
            return txId
        case .failure(let giveUp):
            throw loan.unknown(cause, readBack: ReadBack(query: loan.queryText, window: window, reads: giveUp.reads, found: giveUp.found))
        }
    }
}

/// A borrow or repay whose outcome is being settled: what was sent and the watermark read before it.
struct LostLoan: Sendable {
    var type: LoanType
    var asset: String
    var amount: Number
    var isolatedSymbol: String?
    var watermark: LoanWatermark
    /// Its id in ``MarginClient/loanCalls``.
    var call: Int

    var verb: String { type == .borrow ? "borrow" : "repay" }

    /// The records read: the watermark's window, newest first, one page of 100.
    var query: BorrowRepayQuery {
        BorrowRepayQuery(type: type, asset: asset, isolatedSymbol: isolatedSymbol, startTime: watermark.windowStart, size: 100)
    }

    /// `GET /sapi/v1/margin/borrow-repay?type=BORROW&asset=USDT[&isolatedSymbol=…]`.
    var queryText: String {
        "GET /sapi/v1/margin/borrow-repay?type=\(type.rawValue)&asset=\(asset)" + (isolatedSymbol.map { "&isolatedSymbol=\($0)" } ?? "")
    }

    /// The unknown-outcome error: the cause, then what was checked and found.
    func unknown(_ cause: BinanceError, readBack: ReadBack) -> BinanceError {
        return BinanceError.unknownOutcome(
            "the \(verb) of \(amount) \(asset)\(isolatedSymbol.map { " (isolated \($0))" } ?? "") may or may not have happened: \(cause.message)",
            cause: cause, readBack: readBack,
            hint: "do not repeat it blindly — check \(queryText) (the client's borrowRepayRecords) or the account's `borrowed` and `free`")
    }
}
