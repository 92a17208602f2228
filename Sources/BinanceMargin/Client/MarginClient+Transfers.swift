extension MarginClient {
    /// Moves `amount` of `asset` along `route` with the universal transfer (`POST /sapi/v1/asset/transfer`);
    /// returns the (last) transaction id.
    ///
    /// Spot ↔ isolated goes through cross margin in two transfers (Binance's 2026 API has no direct
    /// type). Transfers are never re-sent; a lost answer is reported as an unknown outcome.
    public func transfer(asset: String, amount: Number, _ route: TransferRoute) async throws -> Int64 {
        try InputValidation.asset(asset)
        try InputValidation.amount(amount)
        if let symbol = route.isolatedSymbol { try InputValidation.symbol(symbol, field: "symbol") }
        let hops = route.hops
        var lastId: Int64 = 0
        for (index, hop) in hops.enumerated() {
            var p = Parameters()
            p.add("type", hop.type)
            p.add("asset", asset)
            p.add("amount", amount)
            p.add("fromSymbol", hop.fromSymbol)
            p.add("toSymbol", hop.toSymbol)
            do {
                lastId = try await call(Endpoints.universalTransfer, p, as: TransactionResponse.self).tranId
            } catch var error as BinanceError {
                if error.outcomeUnknown {   // a lost answer, a 5xx, or a 2xx that cannot be read
                    error.hint = "the transfer (\(hop.type)) may have happened: check GET /sapi/v1/asset/transfer?type=\(hop.type) or the balances before repeating it"
                }
                if index > 0 {
                    error.message += " — the first step (tranId \(lastId)) already moved \(amount) \(asset) into cross margin; it is there now"
                }
                throw error
            }
        }
        return lastId
    }

    /// The retired cross-margin transfer (`POST /sapi/v1/margin/transfer`, type 1 = spot → margin,
    /// 2 = margin → spot); still served by simulators and older deployments.
    public func legacyMarginTransfer(asset: String, amount: Number, toMargin: Bool) async throws -> Int64 {
        try InputValidation.asset(asset)
        try InputValidation.amount(amount)
        var p = Parameters()
        p.add("asset", asset)
        p.add("amount", amount)
        p.add("type", toMargin ? "1" : "2")
        return try await call(Endpoints.marginTransfer, p, as: TransactionResponse.self).tranId
    }
}
